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

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
  let loads = 0
  win.webContents.on('did-finish-load', () => {
    if (++loads === 2) {
      console.log('reloaded after the crash; main still runs')
      app.quit()
    }
  })
  // As in Electron, the window outlives its renderer; reload starts a new one.
  win.webContents.on('render-process-gone', (event, details) => {
    console.log('render-process-gone', details.reason, win.webContents.isCrashed())
    win.webContents.reload()
  })
})
