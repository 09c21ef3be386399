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
})
