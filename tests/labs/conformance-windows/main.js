// Conformance lab, windows: three BrowserWindows, each its own renderer process, loaded with a
// query; each says hello, main answers through event.sender.send, then the windows are closed
// one by one. What main observes is logged as one `windows` line for tests/conformance.rs.
const { app, BrowserWindow, ipcMain, webContents } = require('electron')
const path = require('path')

const names = ['a', 'b', 'c']
const wins = {}
const seen = { hellos: {}, welcomed: {}, events: [] }

ipcMain.on('hello', (event, info) => {
  seen.hellos[info.name] = {
    senderId: event.sender.id,
    processId: event.processId,
    search: info.search,
    param: info.param,
    isItsWindow: BrowserWindow.fromWebContents(event.sender) === wins[info.name],
  }
  event.sender.send('welcome', info.name, event.sender.id)
})

ipcMain.on('welcomed', (event, info) => {
  seen.welcomed[info.name] = { gotName: info.gotName, gotId: info.gotId, senderId: event.sender.id }
  if (Object.keys(seen.welcomed).length === names.length) closeOneByOne()
})

function closeOneByOne() {
  const all = BrowserWindow.getAllWindows()
  seen.allWindows = all.length
  seen.ids = all.map((w) => w.webContents.id)
  seen.fromId = all.every((w) => webContents.fromId(w.webContents.id) === w.webContents)
  const a = wins.a
  a.on('closed', () => {
    seen.events.push('closed a')
    seen.afterFirstClose = BrowserWindow.getAllWindows().map((w) => w.webContents.id)
    seen.destroyed = a.isDestroyed()
    wins.b.close()
  })
  // One at a time: two closes at once may finish in either order.
  wins.b.on('closed', () => {
    seen.events.push('closed b')
    wins.c.close()
  })
  wins.c.on('closed', () => seen.events.push('closed c'))
  a.close()
}

// With a listener here, closing the last window does not quit by itself (app.md).
app.on('window-all-closed', () => {
  seen.events.push('window-all-closed')
  seen.allAfterLast = BrowserWindow.getAllWindows().length
  console.log('windows ' + JSON.stringify(seen))
  app.quit()
})

seen.app = []
app.on('ready', () => seen.app.push('ready ' + app.isReady()))
app.on('before-quit', () => seen.app.push('before-quit'))
app.on('quit', () => {
  seen.app.push('quit')
  console.log('app ' + JSON.stringify(seen.app))
})

seen.loads = {}
seen.scoped = []
seen.who = {}
ipcMain.handle('who', () => 'ipcMain')
ipcMain.on('who-answered', (event, info) => { seen.who[info.name] = info.who })
const ready = app.whenReady()
seen.whenReadyIsPromise = ready instanceof Promise
ready.then(() => {
  seen.app.push('whenReady')
  for (const name of names) {
    const win = new BrowserWindow({ width: 400, height: 300, webPreferences: { preload: path.join(__dirname, 'preload.js') } })
    wins[name] = win
    win.webContents.on('did-finish-load', () => { seen.loads[name] = win.webContents.getURL().split('/').pop() })
    if (name === 'a') {
      // webContents.ipc hears only this window; ipc-message sees every message from it first.
      win.webContents.ipc.on('hello', (event, info) => { seen.scoped.push('ipc hello ' + info.name) })
      win.webContents.on('ipc-message', (event, channel, info) => { seen.scoped.push('ipc-message ' + channel + ' ' + info.name) })
      win.webContents.ipc.handle('who', () => 'webContents.ipc')
    }
    if (name === 'c') {
      // loadURL with the URL loadFile would have built.
      win.loadURL('file://' + encodeURI(path.join(__dirname, 'index.html')) + '?name=c&q=x%20y%26z!(*)')
    } else {
      win.loadFile('index.html', { query: { name, q: 'x y&z!(*)' } })
    }
  }
})
