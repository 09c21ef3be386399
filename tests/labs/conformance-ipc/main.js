// Conformance lab, main side: registers every ipcMain behaviour ELECTRON-IPC.md lists, records
// what it observes in `seen`, and logs one `report` line (with the preload's and the page's
// findings) for tests/conformance.rs to compare against Electron's behaviour.
const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
const { sample, observe } = require('./observe.js')

const seen = {}

// ---- ipcMain listeners: on, addListener, once, off, removeListener, removeAllListeners ----
const calls = []
const a = (_e, n) => calls.push('a' + n)
const b = (_e, n) => calls.push('b' + n)
const c = (_e, n) => calls.push('c' + n)
ipcMain.on('multi', a)
ipcMain.addListener('multi', b)
ipcMain.once('multi', c)
ipcMain.handle('push-to-me', (event, channel, ...args) => { event.sender.send(channel, ...args) })
ipcMain.handle('multi-calls', () => calls.slice())
ipcMain.handle('multi-off', () => {
  ipcMain.off('multi', a)
  ipcMain.removeListener('multi', b)
  return ipcMain.listenerCount('multi')
})
let removedRan = 0
ipcMain.on('removed-all', () => removedRan++)
ipcMain.on('removed-all', () => removedRan++)
ipcMain.removeAllListeners('removed-all')
ipcMain.handle('removed-all-ran', () => removedRan)

// ---- handlers: handle, handleOnce, removeHandler, and their errors ----
ipcMain.handle('echo', (_e, v) => v)
ipcMain.handleOnce('once', () => 'first')
ipcMain.handle('removed', () => 'still here')
ipcMain.removeHandler('removed')
try { ipcMain.handle('echo', () => 2) } catch (err) { seen.secondHandler = String(err) }
try { ipcMain.handle('not-a-function', 42) } catch (err) { seen.notAFunction = String(err) }
// Electron checks for a second handler before it checks the type (ipc-main-impl.ts).
try { ipcMain.handle('echo', 42) } catch (err) { seen.secondBeforeType = String(err) }
class ValidationError extends Error {
  constructor(message) { super(message); this.name = 'ValidationError'; this.field = 'age' }
}
ipcMain.handle('throws', () => { throw new ValidationError('bad') })
ipcMain.handle('rejects', async () => { throw new Error('later') })
ipcMain.handle('throws-string', () => { throw 'plain' })
ipcMain.handle('async', (_e, x) => new Promise((resolve) => setTimeout(() => resolve(x * 2), 20)))
ipcMain.handle('unclonable-result', () => ({ ok: 1, callback() {} }))

// ---- event objects ----
function describeEvent(event) {
  return {
    type: event.type,
    processId: event.processId,
    frameId: event.frameId,
    senderId: event.sender.id,
    senderIsWebContents: event.sender === BrowserWindow.getAllWindows()[0].webContents,
    senderProcessId: event.sender.getProcessId(),
    senderFrame: typeof event.senderFrame === 'object' && event.senderFrame !== null,
    ports: Array.isArray(event.ports) ? event.ports.length : 'not an array',
    reply: typeof event.reply,
    returnValue: 'returnValue' in event,
  }
}
ipcMain.on('event-fields', (event) => { seen.onEvent = describeEvent(event) })
ipcMain.handle('event-fields', (event) => { seen.invokeEvent = describeEvent(event) })
ipcMain.on('ping', (event, n) => event.reply('pong', n + 1))
ipcMain.on('sync', (event, x) => { event.returnValue = x + 1 })
ipcMain.on('sync-late', (event) => setTimeout(() => { event.returnValue = 'late' }, 300))

// ---- structured clone, both ways ----
ipcMain.handle('clone-in', (_e, v) => observe(v))
ipcMain.on('clone-in-send', (_e, v) => { seen.cloneSend = observe(v) })
ipcMain.on('clone-in-sync', (event, v) => { event.returnValue = observe(v) })
ipcMain.handle('clone-out', () => sample())
ipcMain.on('clone-out-sync', (event) => { event.returnValue = sample() })
ipcMain.handle('clone-push', (event) => { event.sender.send('clone-push', sample()) })
ipcMain.handle('push-unclonable', (event) => {
  try {
    event.sender.send('never-sent', { ok: 1, onDone() {} })
    return 'returned'
  } catch (err) {
    return 'threw ' + err.message
  }
})
ipcMain.on('refused-arrived', () => { seen.refusedArrived = true })
// A Node Buffer arrives as a Uint8Array; an Error keeps its name only if it is a standard one.
ipcMain.handle('buffer', () => Buffer.from('hé'))
ipcMain.handle('custom-error-value', () => new ValidationError('kept message'))
ipcMain.handle('describe-error', (_e, err) => [err instanceof Error, err.name, err.message])
ipcMain.handle('slow-echo', (_e, v) => new Promise((resolve) => setTimeout(() => resolve(v), 100)))

// ---- the page's built-ins tampered with: what arrives must be unchanged ----
ipcMain.handle('tamper-invoke', (_e, v) => ({ got: v, seen: observe(v.sample) }))
ipcMain.on('tamper-send', (_e, v) => { seen.tamperSend = [v.list, v.map instanceof Map && Array.from(v.map), v.text] })
ipcMain.on('tamper-sync', (event, v) => { event.returnValue = { back: v, big: 7n } })
ipcMain.handle('tamper-push', (event) => { event.sender.send('tamper-push', sample(), 'second') })

ipcMain.on('report', (_e, report) => {
  console.log('report ' + JSON.stringify({ main: seen, preload: report.preload, page: report.page }))
})
ipcMain.on('tamper-report', (_e, report) => {
  console.log('tamper ' + JSON.stringify({ main: seen.tamperSend, page: report }))
  // The page now calls sendSync on a channel nobody listens to, and stays blocked (as in
  // Electron): quit a moment later, once the core has journaled it.
  setTimeout(() => app.quit(), 800)
})

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
  // Nobody in the page listens on this channel: Electron drops it silently.
  win.webContents.on('did-finish-load', () => win.webContents.send('nobody-listens', 1))
})
