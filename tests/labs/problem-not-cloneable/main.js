// The mistake is in the page: it sends a note with a callback inside. Functions cannot be
// copied to another process, so the send throws "An object could not be cloned."
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.on('save-note', (event, note) => {
  console.log('saving', note.text)
})

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
})
