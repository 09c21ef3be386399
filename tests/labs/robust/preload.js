const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  flood: (n) => {
    for (let i = 0; i < n; i++) ipcRenderer.send('flood', i)
    ipcRenderer.send('flood-done', n)
  },
  big: (text) => ipcRenderer.send('big', text),
  deep: (value) => ipcRenderer.invoke('deep', value),
  depth: (value) => ipcRenderer.invoke('depth', value),
})
