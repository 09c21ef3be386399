// The mistake: the listener returns the value; sendSync waits for event.returnValue, which is
// never set, so the page freezes (electron#31321).
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.on('get-config', (event) => {
  return { language: 'en' }
})

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
})
