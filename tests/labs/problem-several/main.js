// A notes app with the mistakes a first IPC program often has: a channel spelled two ways, a
// push before the page listens, an invoke nobody handles, and listeners added on every click.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.on('saveNote', (event, text) => {
  console.log('saved:', text)
})

ipcMain.on('refresh', (event) => {
  event.sender.send('notes-loaded', 3)
})

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
  win.webContents.send('notes-loaded', 3)
})
