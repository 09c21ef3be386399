const { contextBridge, ipcRenderer } = require('electron')

const api = {
  n: (n) => ipcRenderer.send('n', n),
  howMany: () => ipcRenderer.sendSync('how-many'),
  report: (answered) => ipcRenderer.send('report', answered),
  lastWords: () => ipcRenderer.send('last-words'),
}

if (process.contextIsolated) contextBridge.exposeInMainWorld('api', api)
else window.api = api
