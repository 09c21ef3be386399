// Large frames from main must arrive whole and in order, with the page's promise jobs run
// between them, with context isolation on and off, under a strict CSP.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

ipcMain.handle('echo', (event, text) => {
  event.sender.send('tick', 'before')
  // Sent after the answer: the page must see it after its await resumes.
  setTimeout(() => event.sender.send('tick', 'after'), 0)
  return text
})

ipcMain.on('push-big', (event) => {
  event.sender.send('big', 'y'.repeat(2 << 20))
  event.sender.send('tick', 'after-big')
})

let reports = 0
ipcMain.on('report', (event, seen) => {
  console.log(`REPORT ${event.sender.id} ${JSON.stringify(seen)}`)
  if (++reports === 2) app.quit()
})

app.whenReady().then(() => {
  for (const contextIsolation of [true, false]) {
    const win = new BrowserWindow({
      width: 500,
      height: 300,
      title: `contextIsolation: ${contextIsolation}`,
      webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation },
    })
    win.loadFile('index.html')
  }
})
