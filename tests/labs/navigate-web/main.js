// main.js loads a page from a web server (its address in server.txt); that page may move
// within its site, but not to another one.
const { app, BrowserWindow } = require('electron')
const fs = require('fs')
app.whenReady().then(() => {
  const base = fs.readFileSync('server.txt', 'utf8').trim()
  const win = new BrowserWindow({})
  const wc = win.webContents
  wc.on('will-navigate', (event, url) => console.log('will-navigate', url.slice(base.length)))
  wc.on('did-navigate', (event, url, code, text) => console.log('did-navigate', url.slice(base.length), code, text))
  let loads = 0
  wc.on('did-finish-load', () => {
    if (++loads === 2) setTimeout(() => app.quit(), 1000)
  })
  win.loadURL(base + '/index.html')
})
