// The mistake is in the page: every click registers one more listener for 'progress', and
// none is ever removed (the pattern of electron#33328).
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.on('start-download', (event) => {
  event.sender.send('progress', 100)
})

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
})
