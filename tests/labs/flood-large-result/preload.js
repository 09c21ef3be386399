const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  textOfLength: (length) => ipcRenderer.invoke('text-of-length', length),
  done: () => ipcRenderer.send('done'),
})
