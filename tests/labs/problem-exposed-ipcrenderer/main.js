// The mistake is in the preload: it hands the page the whole ipcRenderer (electron#20307).
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.on('hello', (event, text) => {
  console.log('the page says', text)
})

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
})
