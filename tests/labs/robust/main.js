// Bad input from an untrusted page, then a renderer crash: main must keep running throughout.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let received = 0
ipcMain.on('flood', () => { received++ })
ipcMain.on('flood-done', (event, sent) => console.log('flood received', received, 'of', sent))
ipcMain.on('big', (event, text) => console.log('big', text.length))
ipcMain.handle('deep', () => 'handled')
ipcMain.handle('echo', (event, text) => text)
ipcMain.handle('depth', (event, value) => {
  let depth = 0
  while (Array.isArray(value)) { value = value[0]; depth++ }
  return depth
})

app.on('window-all-closed', () => {
  console.log('the window is gone; main still runs')
  setTimeout(() => app.quit(), 100)
})

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
