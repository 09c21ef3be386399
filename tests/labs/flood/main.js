// A flood of sends from the page, then one large value: main counts them and quits.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let received = 0
ipcMain.on('flood', () => { received++ })
ipcMain.on('big', (event, text) => console.log('big value of', text.length, 'characters'))
ipcMain.on('flood-done', (event, sent) => {
  console.log('flood received', received, 'of', sent)
  app.quit()
})

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
