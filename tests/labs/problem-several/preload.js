const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('notes', {
  save: (text) => ipcRenderer.send('save-note', text),
  count: () => ipcRenderer.invoke('count-notes'),
  refresh: () => ipcRenderer.send('refresh'),
  onLoaded: (callback) => ipcRenderer.on('notes-loaded', (_event, count) => callback(count))
})
