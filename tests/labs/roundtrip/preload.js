const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  add: (a, b) => ipcRenderer.invoke('add', a, b),
  fails: () => ipcRenderer.invoke('fails'),
  missing: () => ipcRenderer.invoke('missing'),
  sync: (x) => ipcRenderer.sendSync('sync', x),
  ping: (n) => new Promise((resolve) => {
    ipcRenderer.once('pong', (_event, value) => resolve(value))
    ipcRenderer.send('ping', n)
  }),
  done: (report) => ipcRenderer.send('done', report),
})
