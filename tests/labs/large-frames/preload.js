const { contextBridge, ipcRenderer } = require('electron')

const api = {
  echo: (text) => ipcRenderer.invoke('echo', text),
  pushBig: () => ipcRenderer.send('push-big'),
  report: (seen) => ipcRenderer.send('report', seen),
  on: (channel, listener) => ipcRenderer.on(channel, (event, value) => listener(value)),
}

if (process.contextIsolated) contextBridge.exposeInMainWorld('api', api)
else window.api = api
