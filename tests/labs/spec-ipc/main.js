// Electron's own IPC spec files (spec/api-ipc-spec.ts, api-ipc-main-spec.ts and
// api-ipc-renderer-spec.ts in electron/electron), ported test by test with their assertions as
// written. Only the harness differs: mocha and chai are harness.js, and a page's
// `require('electron')` (Electron's nodeIntegration) is the preload's require, which
// preload.js hands to the page (context isolation off, as in the specs).
const { app } = require('electron');
const { runSpecFile } = require('./harness.js');

// The specs open and close windows freely; the app runs until they are done.
app.on('window-all-closed', () => {});

app.whenReady().then(async () => {
  await runSpecFile('api-ipc-main-spec.ts', () => require('./api-ipc-main-spec.js'));
  await runSpecFile('api-ipc-renderer-spec.ts', () => require('./api-ipc-renderer-spec.js'));
  await runSpecFile('api-ipc-spec.ts', () => require('./api-ipc-spec.js'));
  app.quit();
});
