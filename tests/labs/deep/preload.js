// Values nested past serde's default limit of 128 levels, well inside the codec's 1000.
const { ipcRenderer } = require('electron')
function nested(levels) {
  let value = 'leaf'
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { v: value }
  return value
}
;(async () => {
  for (const levels of [130, 600]) await ipcRenderer.invoke('echo', nested(levels))
  ipcRenderer.send('done')
})()
