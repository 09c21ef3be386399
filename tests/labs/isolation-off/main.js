// Context isolation off: the preload runs in the page's world, so its `window.api` is the page's.
const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 900,
    height: 420,
    title: 'contextIsolation: false',
    webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false },
  })
  win.loadFile('index.html')
})
