const { ipcRenderer } = require('electron')
window.addEventListener('DOMContentLoaded', () => {
  ipcRenderer.send('hello', location.pathname.split('/').pop())
})
