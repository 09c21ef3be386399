// spec/api-ipc-main-spec.ts, 'ipcMain.on is not used for internals': a fresh app
// (spec/fixtures/api/ipc-main-listeners) reports ipcMain.eventNames() before it does
// anything else; the spec expects exactly ['error'] (Electron's built-in 'error' listener).
const { app, ipcMain } = require('electron');
const util = require('util');

const name = 'api-ipc-main-spec.ts › ipc main module › ipcMain.on › is not used for internals';
app.whenReady().then(() => {
  // What the fixture prints and the spec parses back: expect(output).to.deep.equal(['error']).
  const output = JSON.parse(JSON.stringify(ipcMain.eventNames()));
  const ok = JSON.stringify(output) === JSON.stringify(['error']);
  console.log(ok ? `PASS ${name}` : `FAIL ${name}: expected ${util.inspect(output)} to deeply equal [ 'error' ]`);
  app.quit();
});
