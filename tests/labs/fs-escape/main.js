// Tries the ways out of the lab through fs and reports what each got; the test makes the
// symlinks (dangle -> ../outside/dangle.txt, chain -> link2 -> ../outside/chain.txt).
const { app } = require('electron')
const fs = require('fs')
function attempt(what, fn) {
  try {
    fn()
    console.log(what + ': done')
  } catch (err) {
    console.log(what + ': ' + err.code + ' | ' + err.message)
  }
}
attempt('dangle', () => fs.writeFileSync('dangle', 'written through a dangling symlink'))
attempt('chain', () => fs.writeFileSync('chain', 'written through a chain'))
attempt('nul', () => fs.readFileSync('a\u0000b'))
attempt('long', () => fs.readFileSync('n'.repeat(300)))
try {
  fs.readFileSync('a\u0000b')
} catch (err) {
  console.log('nul kind: ' + (err instanceof TypeError) + ' | ' + String(err.stack).split('\n')[0])
}
console.log('existsSync nul: ' + fs.existsSync('a\u0000b'))
app.whenReady().then(() => app.quit())
