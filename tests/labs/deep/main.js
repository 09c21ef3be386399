// Echoes what the page invokes it with; the page sends 'done' when it has its answers.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
ipcMain.handle('echo', (event, value) => value)
ipcMain.on('done', () => app.quit())
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
