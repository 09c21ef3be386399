// The mistake is in the page: its link leaves the app for a web site, and the preload's
// powers would go with it to a page nobody checked.
const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
})
