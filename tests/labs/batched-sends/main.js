// A page's sends of one task reach main together: main must still take them one by one, in the
// order the page sent them, and before a sendSync the page made after them, with context
// isolation on and off. A page that hangs right after a send has still sent it.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

const received = new Map()
const numbersFrom = (event) => {
  if (!received.has(event.sender.id)) received.set(event.sender.id, [])
  return received.get(event.sender.id)
}

ipcMain.on('n', (event, n) => numbersFrom(event).push(n))
ipcMain.on('how-many', (event) => {
  event.returnValue = numbersFrom(event).length
})

let reports = 0
let lastWords = false
const quitWhenDone = () => {
  if (reports === 2 && lastWords) app.quit()
}
ipcMain.on('report', (event, answered) => {
  const numbers = numbersFrom(event)
  const inOrder = numbers.every((n, i) => n === i + 1)
  console.log(`REPORT ${event.sender.id} ${JSON.stringify({ answered, received: numbers.length, inOrder })}`)
  reports++
  quitWhenDone()
})
ipcMain.on('last-words', () => {
  lastWords = true
  quitWhenDone()
})

app.whenReady().then(() => {
  const preload = path.join(__dirname, 'preload.js')
  for (const contextIsolation of [true, false]) {
    const win = new BrowserWindow({ width: 400, height: 300, webPreferences: { preload, contextIsolation } })
    win.loadFile('index.html')
  }
  const hangs = new BrowserWindow({ width: 400, height: 300, webPreferences: { preload } })
  hangs.loadFile('hang.html')
})
