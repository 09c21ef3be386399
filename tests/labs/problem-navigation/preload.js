const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('electronAPI', {
  saveNote: (text) => ipcRenderer.send('save-note', text)
})
