const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('electronAPI', {
  startDownload: () => ipcRenderer.send('start-download'),
  onProgress: (callback) => ipcRenderer.on('progress', (_event, percent) => callback(percent))
})
