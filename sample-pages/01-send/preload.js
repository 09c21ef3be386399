const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('electronAPI', {
    sendMsg: (msg) => ipcRenderer.send('test-call', msg)
})
