// A syntax error: main.js cannot start (exit status 1), as Electron would not start it.
const { app } = require('electron')
app.whenReady().then(() => {
  console.log('never printed'
})
