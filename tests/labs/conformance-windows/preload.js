const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  hello: (info) => ipcRenderer.send('hello', info),
  onWelcome: (cb) => ipcRenderer.on('welcome', (_event, name, id) => cb(name, id)),
  welcomed: (info) => ipcRenderer.send('welcomed', info),
  who: (name) => ipcRenderer.invoke('who').then((who) => ipcRenderer.send('who-answered', { name, who })),
})
