// The mistake: the handler is registered only once the page has finished loading, but the
// page asks for its settings while it loads (electron#26495).
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

app.whenReady().then(async () => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  await win.loadFile('index.html')
  ipcMain.handle('load-settings', () => ({ theme: 'dark' }))
})
