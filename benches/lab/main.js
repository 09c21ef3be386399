// ipcscope's side of `make bench`: echo invokes, count one-way sends, print the page's report.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let blasts = 0
ipcMain.handle('rt', (event, x) => x)
ipcMain.on('blast', () => { blasts++ })
ipcMain.handle('count', () => blasts)
ipcMain.on('report', (event, report) => {
  console.log('BENCH ' + JSON.stringify(report))
  app.quit()
})

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
