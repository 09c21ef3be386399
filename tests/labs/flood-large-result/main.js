// Answers an invoke with a string of the length asked: a result too large for memory to keep
// whole, which replay must still compare whole.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.handle('text-of-length', (event, length) => 'y'.repeat(length))
ipcMain.on('done', () => app.quit())

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
