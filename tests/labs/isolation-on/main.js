// Context isolation on (Electron's default): the preload's `window.api` stays in its own world.
const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 900,
    height: 420,
    title: 'contextIsolation: true',
    webPreferences: { preload: path.join(__dirname, 'preload.js') },
  })
  win.loadFile('index.html')
})
