// The mistake: the page sends 'set-title', but main.js listens on 'setTitle'.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let win

ipcMain.on('setTitle', (event, title) => {
  win.setTitle(title)
})

app.whenReady().then(() => {
  win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
})
