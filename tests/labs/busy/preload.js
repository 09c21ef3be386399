const { ipcRenderer } = require('electron')
ipcRenderer.invoke('spin', 'forever')
