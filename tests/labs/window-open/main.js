// The page asks for windows four ways; main.js's window open handler denies two (one with a
// response it cannot read) and allows a target=_blank link with a smaller window. The new
// window gets the opener's preload, which says hello from both.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
const file = (url) => url.split('/').pop()
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.webContents.setWindowOpenHandler((details) => {
    console.log('handler', file(details.url), JSON.stringify(details.frameName), details.disposition, file(details.referrer.url), typeof details.features)
    if (details.url.endsWith('denied.html')) return { action: 'deny' }
    if (details.url.endsWith('odd.html')) return { nope: true }
    return { action: 'allow', overrideBrowserWindowOptions: { width: 400, height: 300, title: 'child' } }
  })
  win.webContents.on('did-create-window', (child, details) => {
    console.log('did-create-window', child.id, file(details.url), details.frameName, details.options.width, child.getTitle())
  })
  ipcMain.on('hello', (event, page) => {
    console.log('hello from', event.sender.id, page)
    if (event.sender.id === 2) setTimeout(() => app.quit(), 300)
  })
  win.loadFile('index.html')
})
