const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('electronAPI', {
    onTestMsg: (callback) => ipcRenderer.on('testMsg', (_event, value) => callback(value)),
    // Not in the seed: lets the page ask main to push again.
    askForMsg: () => ipcRenderer.send('please-push')
})
