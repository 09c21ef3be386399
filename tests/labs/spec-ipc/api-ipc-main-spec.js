// spec/api-ipc-main-spec.ts. 'ipcMain.on is not used for internals' spawns a fresh app; here
// that app is the lab spec-ipc-main-listeners. Windows load blank.html where the spec loads
// about:blank (a lab's pages are its files).
const { ipcMain, BrowserWindow } = require('electron');
const path = require('path');
const { describe, it, afterEach, beforeEach, expect, defer, closeAllWindows } = require('./harness.js');

describe('ipc main module', () => {
  const fixtures = __dirname;

  afterEach(closeAllWindows);

  describe('ipc.sendSync', () => {
    afterEach(() => {
      ipcMain.removeAllListeners('send-sync-message');
    });

    it('does not crash when reply is not sent and browser is destroyed', (done) => {
      const w = new BrowserWindow({
        show: false,
        webPreferences: { preload: path.join(fixtures, 'preload.js'), contextIsolation: false },
      });
      ipcMain.once('send-sync-message', (event) => {
        event.returnValue = null;
        done();
      });
      w.loadFile(path.join(fixtures, 'send-sync-message.html'));
    });

    it('does not crash when reply is sent by multiple listeners', (done) => {
      const w = new BrowserWindow({
        show: false,
        webPreferences: { preload: path.join(fixtures, 'preload.js'), contextIsolation: false },
      });
      ipcMain.on('send-sync-message', (event) => {
        event.returnValue = null;
      });
      ipcMain.on('send-sync-message', (event) => {
        event.returnValue = null;
        done();
      });
      w.loadFile(path.join(fixtures, 'send-sync-message.html'));
    });
  });

  describe('ipcMain.on', () => {
    it('can be replied to', async () => {
      ipcMain.on('test-echo', (e, arg) => {
        e.reply('test-echo', arg);
      });
      defer(() => {
        ipcMain.removeAllListeners('test-echo');
      });

      const w = new BrowserWindow({
        show: false,
        webPreferences: { preload: path.join(fixtures, 'preload.js'), contextIsolation: false },
      });
      w.loadFile(path.join(fixtures, 'blank.html'));
      const v = await w.webContents.executeJavaScript(`new Promise((resolve, reject) => {
        const { ipcRenderer } = require('electron')
        ipcRenderer.send('test-echo', 'hello')
        ipcRenderer.on('test-echo', (e, v) => {
          resolve(v)
        })
      })`);
      expect(v).to.equal('hello');
    });
  });

  describe('ipcMain.removeAllListeners', () => {
    beforeEach(() => {
      ipcMain.removeAllListeners();
    });
    beforeEach(() => {
      ipcMain.removeAllListeners();
    });

    it('removes only the given channel', () => {
      ipcMain.on('channel1', () => {});
      ipcMain.on('channel2', () => {});

      ipcMain.removeAllListeners('channel1');

      expect(ipcMain.eventNames()).to.deep.equal(['channel2']);
    });

    it('removes all channels if no channel is specified', () => {
      ipcMain.on('channel1', () => {});
      ipcMain.on('channel2', () => {});

      ipcMain.removeAllListeners();

      expect(ipcMain.eventNames()).to.deep.equal([]);
    });
  });
});
