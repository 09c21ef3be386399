// Exercises every pattern once, then quits: the test reads the journal and the page's report.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.handle('add', (event, a, b) => a + b)
ipcMain.handle('fails', () => { throw new Error('nope') })
ipcMain.on('sync', (event, x) => { event.returnValue = { got: x, from: event.sender.id } })
ipcMain.on('ping', (event, n) => event.reply('pong', n + 1))
ipcMain.on('done', (event, report) => {
  console.log('report', JSON.stringify(report))
  app.quit()
})

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
  win.webContents.on('did-finish-load', () => win.webContents.send('nobody-listens', 1))
  // app.quit() closes every window first, then emits will-quit (and no window-all-closed).
  win.on('close', () => console.log('quit order: close'))
  win.on('closed', () => console.log('quit order: closed'))
})
app.on('window-all-closed', () => console.log('quit order: window-all-closed'))
app.on('before-quit', () => console.log('quit order: before-quit'))
app.on('will-quit', () => console.log('quit order: will-quit'))
app.on('quit', () => console.log('quit order: quit'))
