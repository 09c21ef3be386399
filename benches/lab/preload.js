const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  rt: (x) => ipcRenderer.invoke('rt', x),
  blast: (i) => ipcRenderer.send('blast', i),
  count: () => ipcRenderer.invoke('count'),
  report: (r) => ipcRenderer.send('report', r),
})
