const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let count = 0

function createWindow () {
  const win = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js')
    }
  })
  win.loadFile('index.html')
  // win是BrowserWindow的一个实例，注意send参数必须是可序列化的数据
  win.webContents.on('did-finish-load', () => {
    win.webContents.send('testMsg', '你好啊，我是主进程');
  })
}

// The page's button asks for another push, so you can watch one happen.
ipcMain.on('please-push', (event) => {
  count += 1
  event.sender.send('testMsg', `你好啊，我是主进程（第 ${count + 1} 次）`)
})

app.whenReady().then(() => {
  createWindow()
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
