const { contextBridge } = require('electron')
contextBridge.exposeInMainWorld('api', { x: 1 ,, })
