// The page invokes 'spin'; its handler never returns to the event loop.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
ipcMain.handle('spin', () => {
  for (;;) {}
})
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
