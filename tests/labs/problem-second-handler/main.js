// The mistake: createWindow registers the handler, and it runs once per window. The second
// window's ipcMain.handle throws: a channel has one handler.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

function createWindow () {
  ipcMain.handle('ping', () => 'pong')
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
}

app.whenReady().then(() => {
  createWindow()
  createWindow()
})
