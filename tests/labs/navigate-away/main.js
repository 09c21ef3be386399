// The page tries to take itself out of the lab (a file elsewhere, a page of another lab), then
// moves to another page of the lab; main quits once that page has loaded.
const { app, BrowserWindow } = require('electron')
app.whenReady().then(() => {
  const win = new BrowserWindow({})
  win.loadFile('index.html')
  let loads = 0
  win.webContents.on('did-finish-load', () => {
    if (++loads === 2) setTimeout(() => app.quit(), 300)
  })
})
