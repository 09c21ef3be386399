const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('electronAPI', {
  onGreeting: (callback) => ipcRenderer.on('greeting', (_event, text) => callback(text))
})
