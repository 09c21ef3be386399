// The mistake: the page invokes 'get-version', but main.js handles 'getVersion'.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.handle('getVersion', () => '1.0.0')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
})
