// main.js keeps every page where it is, as security guides advise: its will-navigate listener
// refuses all navigation, so the page's link to the lab's own help page goes nowhere. The
// Problems tab lists the attempt as stopped by main.js, not as a page that got away.
const { app, BrowserWindow } = require('electron')

app.whenReady().then(() => {
  const win = new BrowserWindow({})
  win.webContents.on('will-navigate', (event, url) => {
    event.preventDefault()
    console.log('kept the page from going to', url)
  })
  win.loadFile('index.html')
})
