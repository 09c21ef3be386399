// The preload side of each ported test of Electron's spec/api-context-bridge-spec.ts: the body
// of its `makeBindingWindow(() => { ... })`, as the spec writes it (TypeScript types dropped).
// main.js loads index.html?test=NAME in a new window per test; the page runs the test's
// `callWithBindings` and its assertion (spec.js), then leaves its report in the DOM, which this
// preload (its world shares the DOM) sends to main.
const { contextBridge, ipcRenderer } = require('electron');
const test = new URLSearchParams(location.search).get('test');

document.addEventListener('spec-done', () => {
  ipcRenderer.send('spec-result', test, JSON.parse(document.documentElement.getAttribute('data-spec-result')));
});

const bindings = {
  // The spec's can-bind-preload.js fixture, for the two tests of contextIsolation itself.
  'should not be accessible when contextIsolation is disabled': canBind,
  'should be accessible when contextIsolation is enabled': canBind,

  'should proxy numbers': () => {
    contextBridge.exposeInMainWorld('example', 123);
  },
  'should make global properties read-only': () => {
    contextBridge.exposeInMainWorld('example', 123);
  },
  'should proxy nested numbers': () => {
    contextBridge.exposeInMainWorld('example', {
      myNumber: 123
    });
  },
  'should make properties unwriteable': () => {
    contextBridge.exposeInMainWorld('example', {
      myNumber: 123
    });
  },
  'should proxy strings': () => {
    contextBridge.exposeInMainWorld('example', 'my-words');
  },
  'should proxy nested strings': () => {
    contextBridge.exposeInMainWorld('example', {
      myString: 'my-words'
    });
  },
  'should proxy arrays': () => {
    contextBridge.exposeInMainWorld('example', [123, 'my-words']);
  },
  'should proxy nested arrays': () => {
    contextBridge.exposeInMainWorld('example', {
      myArr: [123, 'my-words']
    });
  },
  'should make arrays immutable': () => {
    contextBridge.exposeInMainWorld('example', [123, 'my-words']);
  },
  'should make nested arrays immutable': () => {
    contextBridge.exposeInMainWorld('example', {
      myArr: [123, 'my-words']
    });
  },
  'should proxy booleans': () => {
    contextBridge.exposeInMainWorld('example', true);
  },
  'should proxy nested booleans': () => {
    contextBridge.exposeInMainWorld('example', {
      myBool: true
    });
  },
  'should proxy promises and resolve with the correct value': () => {
    contextBridge.exposeInMainWorld('example', Promise.resolve('i-resolved'));
  },
  'should proxy nested promises and resolve with the correct value': () => {
    contextBridge.exposeInMainWorld('example', {
      myPromise: Promise.resolve('i-resolved')
    });
  },
  'should proxy promises and reject with the correct value': () => {
    contextBridge.exposeInMainWorld('example', Promise.reject(new Error('i-rejected')));
  },
  'should proxy nested promises and reject with the correct value': () => {
    contextBridge.exposeInMainWorld('example', {
      myPromise: Promise.reject(new Error('i-rejected'))
    });
  },
  'should proxy promises and resolve with the correct value if it resolves later': () => {
    contextBridge.exposeInMainWorld('example', {
      myPromise: () => new Promise((resolve) => setTimeout(() => resolve('delayed'), 20))
    });
  },
  'should proxy nested promises correctly': () => {
    contextBridge.exposeInMainWorld('example', {
      myPromise: () => new Promise((resolve) => setTimeout(() => resolve(Promise.resolve(123)), 20))
    });
  },
  'should proxy promises correctly when Function.prototype has been overridden in the main world': () => {
    contextBridge.exposeInMainWorld('example', {
      getPromise: () => Promise.resolve('proxied-ok')
    });
  },
  'should proxy methods': () => {
    contextBridge.exposeInMainWorld('example', {
      getNumber: () => 123,
      getString: () => 'help',
      getBoolean: () => false,
      getPromise: async () => 'promise'
    });
  },
  'should proxy functions': () => {
    contextBridge.exposeInMainWorld('example', () => 'return-value');
  },
  'should not double-proxy functions when they are returned to their origin side of the bridge': () => {
    contextBridge.exposeInMainWorld('example', (fn) => fn);
  },
  'should proxy function arguments only once': () => {
    contextBridge.exposeInMainWorld('example', (a, b) => a === b);
  },
  'should properly handle errors thrown in proxied functions': () => {
    contextBridge.exposeInMainWorld('example', () => {
      throw new Error('oh no');
    });
  },
  'should proxy methods that are callable multiple times': () => {
    contextBridge.exposeInMainWorld('example', {
      doThing: () => 123
    });
  },
  'should proxy methods in the reverse direction': () => {
    contextBridge.exposeInMainWorld('example', {
      callWithNumber: (fn) => fn(123)
    });
  },
  'should proxy promises in the reverse direction': () => {
    contextBridge.exposeInMainWorld('example', {
      getPromiseValue: (p) => p
    });
  },
  'should proxy objects with number keys': () => {
    contextBridge.exposeInMainWorld('example', {
      1: 123,
      2: 456,
      3: 789
    });
  },
  'it should proxy null': () => {
    contextBridge.exposeInMainWorld('example', null);
  },
  'it should proxy undefined': () => {
    contextBridge.exposeInMainWorld('example', undefined);
  },
  'it should proxy nested null and undefined correctly': () => {
    contextBridge.exposeInMainWorld('example', {
      values: [null, undefined]
    });
  },
  'should proxy symbols': () => {
    const mySymbol = Symbol('unique');
    const isSymbol = (s) => s === mySymbol;
    contextBridge.exposeInMainWorld('symbol', mySymbol);
    contextBridge.exposeInMainWorld('isSymbol', isSymbol);
  },
  'should proxy symbols such that symbol equality works': () => {
    const mySymbol = Symbol('unique');
    contextBridge.exposeInMainWorld('example', {
      getSymbol: () => mySymbol,
      isSymbol: (s) => s === mySymbol
    });
  },
  'should proxy symbols such that symbol key lookup works': () => {
    const mySymbol = Symbol('unique');
    contextBridge.exposeInMainWorld('example', {
      getSymbol: () => mySymbol,
      getObject: () => ({ [mySymbol]: 123 })
    });
  },
  'should proxy typed arrays': () => {
    contextBridge.exposeInMainWorld('example', new Uint8Array(100));
  },
  'should proxy regexps': () => {
    contextBridge.exposeInMainWorld('example', /a/g);
  },
  'should proxy typed arrays and regexps through the serializer': () => {
    contextBridge.exposeInMainWorld('example', {
      arr: new Uint8Array(100),
      regexp: /a/g
    });
  },
  'should handle recursive objects': () => {
    const o = { value: 135 };
    o.o = o;
    contextBridge.exposeInMainWorld('example', {
      o
    });
  },
  'should handle DOM elements': () => {
    contextBridge.exposeInMainWorld('example', {
      getElem: () => document.body
    });
  },
  'should handle DOM elements going backwards over the bridge': () => {
    contextBridge.exposeInMainWorld('example', {
      getElemInfo: (fn) => {
        const elem = fn();
        return [elem.tagName, elem.constructor.name, typeof elem.querySelector];
      }
    });
  },
  'should handle Blobs': () => {
    contextBridge.exposeInMainWorld('example', {
      getBlob: () => new Blob(['ab', 'cd'])
    });
  },
  'should handle Blobs going backwards over the bridge': () => {
    contextBridge.exposeInMainWorld('example', {
      getBlobText: async (fn) => {
        const blob = fn();
        return [await blob.text()];
      }
    });
  },
  'should handle VideoFrames': () => {
    contextBridge.exposeInMainWorld('example', {
      getVideoFrame: () => {
        const canvas = new OffscreenCanvas(16, 16);
        canvas.getContext('2d').fillRect(0, 0, 16, 16);
        return new VideoFrame(canvas, { timestamp: 0 });
      }
    });
  },
  'should handle VideoFrames going backwards over the bridge': () => {
    contextBridge.exposeInMainWorld('example', {
      getVideoFrameInfo: (fn) => {
        const frame = fn();
        const info = [frame.constructor.name, frame.codedWidth, frame.codedHeight, frame.timestamp];
        frame.close();
        return info;
      }
    });
  },
  'it should not let you overwrite existing exposed things': () => {
    let threw = false;
    contextBridge.exposeInMainWorld('example', {
      attempt: 1,
      getThrew: () => threw
    });
    try {
      contextBridge.exposeInMainWorld('example', {
        attempt: 2,
        getThrew: () => threw
      });
    } catch {
      threw = true;
    }
  },
  'should work with complex nested methods and promises': () => {
    contextBridge.exposeInMainWorld('example', {
      first: (second) =>
        second((fourth) => {
          return fourth();
        })
    });
  },
  'should work with complex nested methods and promises attached directly to the global': () => {
    contextBridge.exposeInMainWorld('example', (second) =>
      second((fourth) => {
        return fourth();
      })
    );
  },
  'should throw an error when recursion depth is exceeded': () => {
    contextBridge.exposeInMainWorld('example', {
      doThing: (a) => console.log(a)
    });
  },
  'should copy thrown errors into the other context': () => {
    contextBridge.exposeInMainWorld('example', {
      throwNormal: () => {
        throw new Error('whoops');
      },
      throwWeird: () => {
        throw 'this is no error...'; // eslint-disable-line no-throw-literal
      },
      throwNotClonable: () => {
        return Object(Symbol('foo'));
      },
      throwNotClonableNestedArray: () => {
        return [Object(Symbol('foo'))];
      },
      throwNotClonableNestedObject: () => {
        return {
          bad: Object(Symbol('foo'))
        };
      },
      throwDynamic: () => {
        return {
          get bad() {
            throw new Error('damm');
          }
        };
      },
      argumentConvert: () => {},
      rejectNotClonable: async () => {
        throw Object(Symbol('foo'));
      },
      resolveNotClonable: async () => Object(Symbol('foo'))
    });
  },
  'should not leak prototypes': () => {
    contextBridge.exposeInMainWorld('example', {
      number: 123,
      string: 'string',
      boolean: true,
      arr: [123, 'string', true, ['foo']],
      symbol: Symbol('foo'),
      bigInt: 10n,
      getObject: () => ({ thing: 123 }),
      getNumber: () => 123,
      getString: () => 'string',
      getBoolean: () => true,
      getArr: () => [123, 'string', true, ['foo']],
      getPromise: async () => ({
        number: 123,
        string: 'string',
        boolean: true,
        fn: () => 'string',
        arr: [123, 'string', true, ['foo']]
      }),
      getFunctionFromFunction: async () => () => null,
      object: {
        number: 123,
        string: 'string',
        boolean: true,
        arr: [123, 'string', true, ['foo']],
        getPromise: async () => ({
          number: 123,
          string: 'string',
          boolean: true,
          fn: () => 'string',
          arr: [123, 'string', true, ['foo']]
        })
      },
      receiveArguments: (fn) => fn({ key: 'value' }),
      symbolKeyed: {
        [Symbol('foo')]: 123
      },
      getBody: () => document.body,
      getBlob: () => new Blob(['ab', 'cd']),
      getVideoFrame: () => {
        const canvas = new OffscreenCanvas(16, 16);
        canvas.getContext('2d').fillRect(0, 0, 16, 16);
        return new VideoFrame(canvas, { timestamp: 0 });
      }
    });
  },
  'should not leak prototypes when attaching directly to the global': () => {
    const toExpose = {
      number: 123,
      string: 'string',
      boolean: true,
      arr: [123, 'string', true, ['foo']],
      symbol: Symbol('foo'),
      bigInt: 10n,
      getObject: () => ({ thing: 123 }),
      getNumber: () => 123,
      getString: () => 'string',
      getBoolean: () => true,
      getArr: () => [123, 'string', true, ['foo']],
      getPromise: async () => ({
        number: 123,
        string: 'string',
        boolean: true,
        fn: () => 'string',
        arr: [123, 'string', true, ['foo']]
      }),
      getFunctionFromFunction: async () => () => null,
      getError: () => new Error('foo'),
      getWeirdError: () => {
        const e = new Error('foo');
        e.message = { garbage: true };
        return e;
      },
      object: {
        number: 123,
        string: 'string',
        boolean: true,
        arr: [123, 'string', true, ['foo']],
        getPromise: async () => ({
          number: 123,
          string: 'string',
          boolean: true,
          fn: () => 'string',
          arr: [123, 'string', true, ['foo']]
        })
      },
      receiveArguments: (fn) => fn({ key: 'value' }),
      symbolKeyed: {
        [Symbol('foo')]: 123
      }
    };
    const keys = [];
    for (const [key, value] of Object.entries(toExpose)) {
      keys.push(key);
      contextBridge.exposeInMainWorld(key, value);
    }
    contextBridge.exposeInMainWorld('keys', keys);
  },
  'executeInMainWorld serializes function and proxies args': async () => {
    const values = [
      undefined,
      null,
      123,
      'string',
      true,
      [123, 'string', true, ['foo']],
      () => 'string',
      Symbol('foo')
    ];
    function appendArg(arg) {
      // @ts-ignore
      globalThis.args = globalThis.args || [];
      // @ts-ignore
      globalThis.args.push(arg);
    }
    for (const value of values) {
      try {
        await contextBridge.executeInMainWorld({
          func: appendArg,
          args: [value]
        });
      } catch {
        contextBridge.executeInMainWorld({
          func: appendArg,
          args: ['FAIL']
        });
      }
    }
  },
  'executeInMainWorld allows function args to be invoked': () => {
    const uuid = crypto.randomUUID();
    const done = (receivedUuid) => {
      if (receivedUuid === uuid) {
        require('electron').ipcRenderer.send('done');
      }
    };
    contextBridge.executeInMainWorld({
      func: (callback, innerUuid) => {
        callback(innerUuid);
      },
      args: [done, uuid]
    });
  },
  'executeInMainWorld proxies arguments only once': () => {
    const obj = {};
    // @ts-ignore
    globalThis.result = contextBridge.executeInMainWorld({
      func: (a, b) => a === b,
      args: [obj, obj]
    });
  },
  'executeInMainWorld safely clones returned objects': () => {
    const obj = contextBridge.executeInMainWorld({
      func: () => ({})
    });
    // @ts-ignore
    globalThis.safe = obj.constructor === Object;
  },
  'executeInMainWorld uses internal Function.prototype.toString': () => {
    const funcHack = () => {
      // @ts-ignore
      globalThis.hacked = 'nope';
    };
    funcHack.toString = () => "() => { globalThis.hacked = 'gotem'; }";
    contextBridge.executeInMainWorld({
      func: funcHack
    });
  },
};

// The spec's callWithBindings(fn, 999): main sends the function's text and this world (the
// preload's, Electron's world 999) evaluates it and sends back what it gave.
ipcRenderer.on('isolated-eval', (event, code) => {
  ipcRenderer.send('isolated-result', (0, eval)(code));
});

function canBind() {
  let bound = false;
  try {
    contextBridge.exposeInMainWorld('test', {});
    bound = true;
  } catch {
    // bound stays false
  }
  ipcRenderer.send('context-bridge-bound', bound);
}

bindings[test]();
