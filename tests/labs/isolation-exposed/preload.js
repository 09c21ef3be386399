// What crosses from an isolated preload to its page, and what does not.
const { contextBridge, ipcRenderer } = require('electron')

// Handing the page ipcRenderer itself (electron#20307): its methods live on its prototype, so
// the page gets an empty object, and the journal flags the exposure.
contextBridge.exposeInMainWorld('ipc', ipcRenderer)
contextBridge.exposeInMainWorld('api', {
  ping: (n) => ipcRenderer.invoke('ping', n),
  sendBytes: (text) => ipcRenderer.send('bytes', Buffer.from(text)),
})
// A global of the preload's own world: the page never sees it.
window.secret = 'preload only'
