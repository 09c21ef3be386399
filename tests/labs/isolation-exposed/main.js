// Answers the page's ping, then reports what a Buffer from the preload arrives as, and quits.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.handle('ping', (event, n) => n + 1)
ipcMain.on('bytes', (event, bytes) => {
  console.log('main got', Object.prototype.toString.call(bytes), bytes.length, Buffer.isBuffer(bytes))
  app.quit()
})

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
