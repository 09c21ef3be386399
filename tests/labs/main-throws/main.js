// An uncaught exception at the top level is journaled; the app keeps running, as Electron's does.
const { app } = require('electron')
app.whenReady().then(() => {
  setTimeout(() => {
    console.log('still alive')
    app.quit()
  }, 100)
})
notDefinedAnywhere()
