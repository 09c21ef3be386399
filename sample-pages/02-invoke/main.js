const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
const fs = require('fs')

function createWindow () {
  const win = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js')
    }
  })
  win.loadFile('index.html')
}

app.whenReady().then(() => {
    createWindow()
    ipcMain.handle("readFileEvent", (event, param) => { 
        console.log(param);
        const res = fs.readFileSync(param)
        return res.toString();
    })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
