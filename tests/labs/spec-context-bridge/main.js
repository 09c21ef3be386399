// Runs the ported tests of Electron's spec/api-context-bridge-spec.ts one after the other, each
// in a window of its own as the spec's makeBindingWindow makes one, and journals each result as
// a `spec-result` message (sent by the preload) and a console line here. Quits when done.
const { app, BrowserWindow, ipcMain } = require('electron');
const { once } = require('events');
const path = require('path');
const expect = require('./expect.js');

// Electron's two tests of contextIsolation itself (their assertions are in main, as here).
const isolationTests = [
  ['should not be accessible when contextIsolation is disabled', false, (bound) => expect(bound).to.equal(false)],
  ['should be accessible when contextIsolation is enabled', true, (bound) => expect(bound).to.equal(true)],
];

// The `with sandbox=true` tests, in the spec's order (ipcscope's preloads are always sandboxed).
const bridgeTests = [
  'should proxy numbers',
  'should make global properties read-only',
  'should proxy nested numbers',
  'should make properties unwriteable',
  'should proxy strings',
  'should proxy nested strings',
  'should proxy arrays',
  'should proxy nested arrays',
  'should make arrays immutable',
  'should make nested arrays immutable',
  'should proxy booleans',
  'should proxy nested booleans',
  'should proxy promises and resolve with the correct value',
  'should proxy nested promises and resolve with the correct value',
  'should proxy promises and reject with the correct value',
  'should proxy nested promises and reject with the correct value',
  'should proxy promises and resolve with the correct value if it resolves later',
  'should proxy nested promises correctly',
  'should proxy promises correctly when Function.prototype has been overridden in the main world',
  'should proxy methods',
  'should proxy functions',
  'should not double-proxy functions when they are returned to their origin side of the bridge',
  'should proxy function arguments only once',
  'should properly handle errors thrown in proxied functions',
  'should proxy methods that are callable multiple times',
  'should proxy methods in the reverse direction',
  'should proxy promises in the reverse direction',
  'should proxy objects with number keys',
  'it should proxy null',
  'it should proxy undefined',
  'it should proxy nested null and undefined correctly',
  'should proxy symbols',
  'should proxy symbols such that symbol equality works',
  'should proxy symbols such that symbol key lookup works',
  'should proxy typed arrays',
  'should proxy regexps',
  'should proxy typed arrays and regexps through the serializer',
  'should handle recursive objects',
  'should handle DOM elements',
  'should handle DOM elements going backwards over the bridge',
  'should handle Blobs',
  'should handle Blobs going backwards over the bridge',
  'should handle VideoFrames',
  'should handle VideoFrames going backwards over the bridge',
  'it should not let you overwrite existing exposed things',
  'should work with complex nested methods and promises',
  'should work with complex nested methods and promises attached directly to the global',
  'should throw an error when recursion depth is exceeded',
  'should copy thrown errors into the other context',
  'should not leak prototypes',
  'should not leak prototypes when attaching directly to the global',
  'executeInMainWorld serializes function and proxies args',
  'executeInMainWorld uses internal Function.prototype.toString',
];

// The executeInMainWorld tests whose assertion is in main: on what the preload's world holds
// (the spec's callWithBindings(fn, 999)), or on an ipc message the preload sends.
const isolatedWorldTests = [
  ['executeInMainWorld proxies arguments only once', () => {
    // @ts-ignore
    return globalThis.result;
  }, (result) => expect(result).to.be.true()],
  ['executeInMainWorld safely clones returned objects', () => {
    // @ts-ignore
    return globalThis.safe;
  }, (result) => expect(result).to.be.true()],
];

function makeWindow(test, contextIsolation) {
  const w = new BrowserWindow({
    show: false,
    webPreferences: { contextIsolation, preload: path.join(__dirname, 'preload.js') },
  });
  w.loadFile('index.html', { query: { test } });
  return w;
}

function record(test, ok, error) {
  console.log((ok ? 'PASS ' : 'FAIL ') + test + (ok ? '' : ': ' + error));
}

async function runAll() {
  for (const [test, contextIsolation, check] of isolationTests) {
    const w = makeWindow(test, contextIsolation);
    const [, bound] = await once(ipcMain, 'context-bridge-bound');
    try {
      check(bound);
      record(test, true);
    } catch (err) {
      record(test, false, err.message);
    }
    w.close();
  }
  {
    const test = 'executeInMainWorld allows function args to be invoked';
    const donePromise = once(ipcMain, 'done');
    const w = makeWindow(test, true);
    await donePromise;
    record(test, true);
    w.close();
  }
  for (const [test, fn, check] of isolatedWorldTests) {
    const w = makeWindow(test, true);
    await once(w.webContents, 'did-finish-load');
    const answer = once(ipcMain, 'isolated-result');
    w.webContents.send('isolated-eval', `(${fn.toString()})(window)`);
    const [, result] = await answer;
    try {
      check(result);
      record(test, true);
    } catch (err) {
      record(test, false, err.message);
    }
    w.close();
  }
  for (const test of bridgeTests) {
    const w = makeWindow(test, true);
    const [, name, result] = await once(ipcMain, 'spec-result');
    record(name, result.ok, result.error);
    w.close();
  }
  app.quit();
}

app.whenReady().then(runAll);
