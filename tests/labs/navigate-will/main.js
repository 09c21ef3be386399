// main.js refuses one navigation in will-navigate and lets the next through; the page also
// moves within its document (a fragment, pushState). main quits once the second page loaded.
const { app, BrowserWindow } = require('electron')
const file = (url) => url.split('/').pop()
app.whenReady().then(() => {
  const win = new BrowserWindow({})
  const wc = win.webContents
  wc.on('will-frame-navigate', (details) => console.log('will-frame-navigate', file(details.url), details.isMainFrame))
  wc.on('will-navigate', (event, url) => {
    console.log('will-navigate', file(url), event.url === url, event.isSameDocument)
    if (file(url).startsWith('forbidden')) event.preventDefault()
  })
  wc.on('did-navigate', (event, url, code, text) => console.log('did-navigate', file(url), code, JSON.stringify(text)))
  wc.on('did-navigate-in-page', (event, url, isMainFrame) => console.log('did-navigate-in-page', file(url), isMainFrame))
  let loads = 0
  wc.on('did-finish-load', () => {
    if (++loads === 2) setTimeout(() => app.quit(), 300)
  })
  win.loadFile('index.html')
})
