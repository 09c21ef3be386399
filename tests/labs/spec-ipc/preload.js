// Electron's specs run their pages with nodeIntegration: the page itself calls
// `require('electron')` and `Buffer.from`. With context isolation off the preload shares the
// page's world, so handing it the preload's require (and Buffer) gives the page the same.
window.require = require;
if (typeof Buffer !== 'undefined') window.Buffer = Buffer;
