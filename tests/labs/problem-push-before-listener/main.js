// The mistake: main.js sends the greeting as soon as it has asked for the page, before the
// page has registered its listener (electron#35383). The message is dropped without an error.
const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
  win.webContents.send('greeting', 'Hello from main')
})
