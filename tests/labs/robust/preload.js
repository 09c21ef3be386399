const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  flood: (n) => {
    for (let i = 0; i < n; i++) ipcRenderer.send('flood', i)
    ipcRenderer.send('flood-done', n)
  },
  big: (text) => ipcRenderer.send('big', text),
  deep: (value) => ipcRenderer.invoke('deep', value),
  echo: (text) => ipcRenderer.invoke('echo', text),
  depth: (value) => ipcRenderer.invoke('depth', value),
})
