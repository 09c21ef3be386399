// No window open handler: a page of the lab opens (as Electron allows it), a web page of a
// site main.js never loaded does not.
const { app, BrowserWindow } = require('electron')
app.whenReady().then(() => {
  const win = new BrowserWindow({})
  win.webContents.on('did-create-window', (child, details) => {
    console.log('did-create-window', child.id, details.url.split('/').pop())
    child.webContents.on('did-finish-load', () => setTimeout(() => app.quit(), 300))
  })
  win.loadFile('index.html')
})
