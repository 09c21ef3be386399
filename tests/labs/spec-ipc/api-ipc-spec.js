// spec/api-ipc-spec.ts. Windows load blank.html where the spec loads about:blank (a lab's pages
// are its files). Left out: 'throws an error in the renderer if the reply callback is dropped'
// (garbage collection), every test under 'MessagePort' (MessagePorts, MessageChannelMain,
// webContents.postMessage), the 'w/ MessagePorts' and 'receives ipcs from child frames' tests
// of WebContents.ipc and WebFrameMain.ipc, 'receives ipcs from unloading frames in the main
// frame' (a cross-origin navigation between two http servers), and 'event frame accessors'
// (V8 heap snapshots).
const { BrowserWindow, ipcMain } = require('electron');
const path = require('path');
const { describe, it, before, after, afterEach, expect, once, defer, closeAllWindows } = require('./harness.js');

const fixtures = __dirname;
const webPreferences = { preload: path.join(fixtures, 'preload.js'), contextIsolation: false };
const blank = path.join(fixtures, 'blank.html');

describe('ipc module', () => {
  describe('invoke', () => {
    let w;

    before(async () => {
      w = new BrowserWindow({ show: false, webPreferences });
      await w.loadFile(blank);
    });
    after(async () => {
      w.destroy();
    });

    async function rendererInvoke(...args) {
      const { ipcRenderer } = require('electron');
      try {
        const result = await ipcRenderer.invoke('test', ...args);
        ipcRenderer.send('result', { result });
      } catch (e) {
        ipcRenderer.send('result', { error: e.message });
      }
    }

    it('receives a response from a synchronous handler', async () => {
      ipcMain.handleOnce('test', (e, arg) => {
        expect(arg).to.equal(123);
        return 3;
      });
      const done = new Promise((resolve) =>
        ipcMain.once('result', (e, arg) => {
          expect(arg).to.deep.equal({ result: 3 });
          resolve();
        })
      );
      await w.webContents.executeJavaScript(`(${rendererInvoke})(123)`);
      await done;
    });

    it('receives a response from an asynchronous handler', async () => {
      ipcMain.handleOnce('test', async (e, arg) => {
        expect(arg).to.equal(123);
        await new Promise(setImmediate);
        return 3;
      });
      const done = new Promise((resolve) =>
        ipcMain.once('result', (e, arg) => {
          expect(arg).to.deep.equal({ result: 3 });
          resolve();
        })
      );
      await w.webContents.executeJavaScript(`(${rendererInvoke})(123)`);
      await done;
    });

    it('receives a response from a handler that returns a lazy thenable', async () => {
      // Promise subclasses such as this one only start their work when
      // then() is called, so the reply must go through it.
      class Lazy extends Promise {
        static get [Symbol.species]() {
          return Promise;
        }

        started = false;
        then(onFulfilled, onRejected) {
          this.started = true;
          return Promise.resolve(3).then(onFulfilled, onRejected);
        }
      }
      let returned;
      ipcMain.handleOnce('test', () => {
        returned = new Lazy(() => {});
        return returned;
      });
      const result = once(ipcMain, 'result');
      await w.webContents.executeJavaScript(`(${rendererInvoke})()`);
      const [, arg] = await result;
      expect(arg).to.deep.equal({ result: 3 });
      expect(returned?.started).to.equal(true);
    });

    it('receives an error from a synchronous handler', async () => {
      ipcMain.handleOnce('test', () => {
        throw new Error('some error');
      });
      const done = new Promise((resolve) =>
        ipcMain.once('result', (e, arg) => {
          expect(arg.error).to.match(/some error/);
          resolve();
        })
      );
      await w.webContents.executeJavaScript(`(${rendererInvoke})()`);
      await done;
    });

    it('receives an error when the handler result cannot be cloned', async () => {
      ipcMain.handleOnce('test', () => ({ notCloneable() {} }));
      const result = once(ipcMain, 'result');
      await w.webContents.executeJavaScript(`(${rendererInvoke})()`);
      const [, arg] = await result;
      expect(arg.error).to.match(/could not be cloned/);
    });

    it('receives an error from an asynchronous handler', async () => {
      ipcMain.handleOnce('test', async () => {
        await new Promise(setImmediate);
        throw new Error('some error');
      });
      const done = new Promise((resolve) =>
        ipcMain.once('result', (e, arg) => {
          expect(arg.error).to.match(/some error/);
          resolve();
        })
      );
      await w.webContents.executeJavaScript(`(${rendererInvoke})()`);
      await done;
    });

    it('does not report an unhandled rejection for a handler that rejects', async () => {
      let unhandled = false;
      const onUnhandled = () => {
        unhandled = true;
      };
      process.on('unhandledRejection', onUnhandled);
      try {
        // Rejected before it is returned: an async function that throws
        // before its first await.
        ipcMain.handleOnce('test', async () => {
          throw new Error('some error');
        });
        const result = once(ipcMain, 'result');
        await w.webContents.executeJavaScript(`(${rendererInvoke})()`);
        const [, arg] = await result;
        expect(arg.error).to.match(/some error/);
        await new Promise(setImmediate);
        expect(unhandled).to.equal(false);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });

    it('throws an error if no handler is registered', async () => {
      const done = new Promise((resolve) =>
        ipcMain.once('result', (e, arg) => {
          expect(arg.error).to.match(/No handler registered/);
          resolve();
        })
      );
      await w.webContents.executeJavaScript(`(${rendererInvoke})()`);
      await done;
    });

    it('throws an error when invoking a handler that was removed', async () => {
      ipcMain.handle('test', () => {});
      ipcMain.removeHandler('test');
      const done = new Promise((resolve) =>
        ipcMain.once('result', (e, arg) => {
          expect(arg.error).to.match(/No handler registered/);
          resolve();
        })
      );
      await w.webContents.executeJavaScript(`(${rendererInvoke})()`);
      await done;
    });

    it('forbids multiple handlers', async () => {
      ipcMain.handle('test', () => {});
      try {
        expect(() => {
          ipcMain.handle('test', () => {});
        }).to.throw(/second handler/);
      } finally {
        ipcMain.removeHandler('test');
      }
    });
  });

  describe('payloads across the shared-memory threshold', () => {
    let w;
    const sizes = [0, 1, 65535, 65536, 65537, 256 * 1024 + 3, 3 * 1024 * 1024 + 1];

    before(async () => {
      w = new BrowserWindow({ show: false, webPreferences });
      await w.loadFile(blank);
      ipcMain.handle('echo-large', (_e, arg) => arg);
      ipcMain.on('echo-large-sync', (e, arg) => {
        e.returnValue = arg;
      });
      ipcMain.on('echo-large-send', (e, arg) => {
        e.sender.send('echo-large-reply', arg);
      });
    });
    after(async () => {
      w.destroy();
      ipcMain.removeHandler('echo-large');
      ipcMain.removeAllListeners('echo-large-sync');
      ipcMain.removeAllListeners('echo-large-send');
    });

    function digest(value) {
      if (typeof value === 'string') return { string: value.length, ends: value.slice(0, 4) + value.slice(-4) };
      if (value instanceof Uint8Array) {
        return { u8: value.length, sum: value.reduce((a, b) => (a + b) % 65521, 0) };
      }
      return { text: digest(value.text), bytes: digest(value.bytes), meta: value.meta };
    }

    function samples(n) {
      const text = `<${'x'.repeat(n)}>`;
      const bytes = new Uint8Array(n).map((_, i) => (i * 7) & 255);
      return [text, bytes, { text, bytes, meta: { n, list: [1, 'two', { three: true }] } }];
    }

    it('round trips strings, typed arrays and nested objects of each size through invoke, sendSync and send', async () => {
      const result = await w.webContents.executeJavaScript(
        `(${async (sizes, samples, digest) => {
          const { ipcRenderer } = require('electron');
          const out = [];
          for (const n of sizes) {
            for (const value of samples(n)) {
              out.push(digest(await ipcRenderer.invoke('echo-large', value)));
              out.push(digest(ipcRenderer.sendSync('echo-large-sync', value)));
              out.push(
                digest(
                  await new Promise((resolve) => {
                    ipcRenderer.once('echo-large-reply', (_e, v) => resolve(v));
                    ipcRenderer.send('echo-large-send', value);
                  })
                )
              );
            }
          }
          return out;
        }})(${JSON.stringify(sizes)}, ${samples}, ${digest})`,
        true
      );
      const expected = sizes.flatMap((n) => samples(n).flatMap((value) => Array(3).fill(digest(value))));
      expect(result).to.deep.equal(expected);
    }, 180000);
  });

  describe('ordering', () => {
    let w;

    before(async () => {
      w = new BrowserWindow({ show: false, webPreferences });
      await w.loadFile(blank);
    });
    after(async () => {
      w.destroy();
    });

    it('between send and sendSync is consistent', async () => {
      const received = [];
      ipcMain.on('test-async', (e, i) => {
        received.push(i);
      });
      ipcMain.on('test-sync', (e, i) => {
        received.push(i);
        e.returnValue = null;
      });
      const done = new Promise((resolve) =>
        ipcMain.once('done', () => {
          resolve();
        })
      );
      function rendererStressTest() {
        const { ipcRenderer } = require('electron');
        for (let i = 0; i < 1000; i++) {
          switch ((Math.random() * 2) | 0) {
            case 0:
              ipcRenderer.send('test-async', i);
              break;
            case 1:
              ipcRenderer.sendSync('test-sync', i);
              break;
          }
        }
        ipcRenderer.send('done');
      }
      try {
        w.webContents.executeJavaScript(`(${rendererStressTest})()`);
        await done;
      } finally {
        ipcMain.removeAllListeners('test-async');
        ipcMain.removeAllListeners('test-sync');
      }
      expect(received).to.have.lengthOf(1000);
      expect(received).to.deep.equal([...received].sort((a, b) => a - b));
    }, 120000);

    it('between send, sendSync, and invoke is consistent', async () => {
      const received = [];
      ipcMain.handle('test-invoke', (e, i) => {
        received.push(i);
      });
      ipcMain.on('test-async', (e, i) => {
        received.push(i);
      });
      ipcMain.on('test-sync', (e, i) => {
        received.push(i);
        e.returnValue = null;
      });
      const done = new Promise((resolve) =>
        ipcMain.once('done', () => {
          resolve();
        })
      );
      function rendererStressTest() {
        const { ipcRenderer } = require('electron');
        for (let i = 0; i < 1000; i++) {
          switch ((Math.random() * 3) | 0) {
            case 0:
              ipcRenderer.send('test-async', i);
              break;
            case 1:
              ipcRenderer.sendSync('test-sync', i);
              break;
            case 2:
              ipcRenderer.invoke('test-invoke', i);
              break;
          }
        }
        ipcRenderer.send('done');
      }
      try {
        w.webContents.executeJavaScript(`(${rendererStressTest})()`);
        await done;
      } finally {
        ipcMain.removeHandler('test-invoke');
        ipcMain.removeAllListeners('test-async');
        ipcMain.removeAllListeners('test-sync');
      }
      expect(received).to.have.lengthOf(1000);
      expect(received).to.deep.equal([...received].sort((a, b) => a - b));
    }, 120000);
  });

  describe('WebContents.ipc', () => {
    afterEach(closeAllWindows);

    it('receives ipc messages sent from the WebContents', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.executeJavaScript("require('electron').ipcRenderer.send('test', 42)");
      const [, num] = await once(w.webContents.ipc, 'test');
      expect(num).to.equal(42);
    });

    it('receives sync-ipc messages sent from the WebContents', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.ipc.on('test', (event, arg) => {
        event.returnValue = arg * 2;
      });
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.sendSync('test', 42)");
      expect(result).to.equal(42 * 2);
    });

    it('handles invoke messages sent from the WebContents', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.ipc.handle('test', (_event, arg) => arg * 2);
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.invoke('test', 42)");
      expect(result).to.equal(42 * 2);
    });

    it('cascades to ipcMain', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      let gotFromIpcMain = false;
      const ipcMainReceived = new Promise((resolve) =>
        ipcMain.on('test', () => {
          gotFromIpcMain = true;
          resolve();
        })
      );
      const ipcReceived = new Promise((resolve) =>
        w.webContents.ipc.on('test', () => {
          resolve(gotFromIpcMain);
        })
      );
      defer(() => ipcMain.removeAllListeners('test'));
      w.webContents.executeJavaScript("require('electron').ipcRenderer.send('test', 42)");

      // assert that they are delivered in the correct order
      expect(await ipcReceived).to.be.false();
      await ipcMainReceived;
    });

    it('overrides ipcMain handlers', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.ipc.handle('test', (_event, arg) => arg * 2);
      ipcMain.handle('test', () => {
        throw new Error('should not be called');
      });
      defer(() => ipcMain.removeHandler('test'));
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.invoke('test', 42)");
      expect(result).to.equal(42 * 2);
    });

    it('falls back to ipcMain handlers', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      ipcMain.handle('test', (_event, arg) => {
        return arg * 2;
      });
      defer(() => ipcMain.removeHandler('test'));
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.invoke('test', 42)");
      expect(result).to.equal(42 * 2);
    });
  });

  describe('WebFrameMain.ipc', () => {
    afterEach(closeAllWindows);
    it('responds to ipc messages in the main frame', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.executeJavaScript("require('electron').ipcRenderer.send('test', 42)");
      const [, arg] = await once(w.webContents.mainFrame.ipc, 'test');
      expect(arg).to.equal(42);
    });

    it('responds to sync ipc messages in the main frame', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.mainFrame.ipc.on('test', (event, arg) => {
        event.returnValue = arg * 2;
      });
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.sendSync('test', 42)");
      expect(result).to.equal(42 * 2);
    });

    it('handles invoke messages sent from the WebContents', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.mainFrame.ipc.handle('test', (_event, arg) => arg * 2);
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.invoke('test', 42)");
      expect(result).to.equal(42 * 2);
    });

    it('cascades to WebContents and ipcMain', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      let gotFromIpcMain = false;
      let gotFromWebContents = false;
      const ipcMainReceived = new Promise((resolve) =>
        ipcMain.on('test', () => {
          gotFromIpcMain = true;
          resolve();
        })
      );
      const ipcWebContentsReceived = new Promise((resolve) =>
        w.webContents.ipc.on('test', () => {
          gotFromWebContents = true;
          resolve(gotFromIpcMain);
        })
      );
      const ipcReceived = new Promise((resolve) =>
        w.webContents.mainFrame.ipc.on('test', () => {
          resolve(gotFromWebContents);
        })
      );
      defer(() => ipcMain.removeAllListeners('test'));
      w.webContents.executeJavaScript("require('electron').ipcRenderer.send('test', 42)");

      // assert that they are delivered in the correct order
      expect(await ipcReceived).to.be.false();
      expect(await ipcWebContentsReceived).to.be.false();
      await ipcMainReceived;
    });

    it('overrides ipcMain handlers', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.mainFrame.ipc.handle('test', (_event, arg) => arg * 2);
      ipcMain.handle('test', () => {
        throw new Error('should not be called');
      });
      defer(() => ipcMain.removeHandler('test'));
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.invoke('test', 42)");
      expect(result).to.equal(42 * 2);
    });

    it('overrides WebContents handlers', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.ipc.handle('test', () => {
        throw new Error('should not be called');
      });
      w.webContents.mainFrame.ipc.handle('test', (_event, arg) => arg * 2);
      ipcMain.handle('test', () => {
        throw new Error('should not be called');
      });
      defer(() => ipcMain.removeHandler('test'));
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.invoke('test', 42)");
      expect(result).to.equal(42 * 2);
    });

    it('falls back to WebContents handlers', async () => {
      const w = new BrowserWindow({ show: false, webPreferences });
      w.loadFile(blank);
      w.webContents.ipc.handle('test', (_event, arg) => {
        return arg * 2;
      });
      const result = await w.webContents.executeJavaScript("require('electron').ipcRenderer.invoke('test', 42)");
      expect(result).to.equal(42 * 2);
    });
  });
});
