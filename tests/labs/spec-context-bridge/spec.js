// The page side of each ported test of Electron's spec/api-context-bridge-spec.ts: what the
// spec passes to `callWithBindings` (run here as `(fn)(window)`, as executeJavaScript runs it)
// and the spec's assertion on the result, kept as the spec states them. The report goes into the
// DOM for the preload to send to main. All in a function: a page global named like a key a test
// exposes (`test`) could not be declared.
(() => {
const tests = {
  'should proxy numbers': [(root) => {
    return root.example;
  }, (result) => {
    expect(result).to.equal(123);
  }],
  'should make global properties read-only': [(root) => {
    root.example = 456;
    return root.example;
  }, (result) => {
    expect(result).to.equal(123);
  }],
  'should proxy nested numbers': [(root) => {
    return root.example.myNumber;
  }, (result) => {
    expect(result).to.equal(123);
  }],
  'should make properties unwriteable': [(root) => {
    root.example.myNumber = 456;
    return root.example.myNumber;
  }, (result) => {
    expect(result).to.equal(123);
  }],
  'should proxy strings': [(root) => {
    return root.example;
  }, (result) => {
    expect(result).to.equal('my-words');
  }],
  'should proxy nested strings': [(root) => {
    return root.example.myString;
  }, (result) => {
    expect(result).to.equal('my-words');
  }],
  'should proxy arrays': [(root) => {
    return [root.example, Array.isArray(root.example)];
  }, (result) => {
    expect(result).to.deep.equal([[123, 'my-words'], true]);
  }],
  'should proxy nested arrays': [(root) => {
    return root.example.myArr;
  }, (result) => {
    expect(result).to.deep.equal([123, 'my-words']);
  }],
  'should make arrays immutable': [(root) => {
    try {
      root.example.push(456);
      return false;
    } catch {
      return true;
    }
  }, (immutable) => {
    expect(immutable).to.equal(true);
  }],
  'should make nested arrays immutable': [(root) => {
    try {
      root.example.myArr.push(456);
      return false;
    } catch {
      return true;
    }
  }, (immutable) => {
    expect(immutable).to.equal(true);
  }],
  'should proxy booleans': [(root) => {
    return root.example;
  }, (result) => {
    expect(result).to.equal(true);
  }],
  'should proxy nested booleans': [(root) => {
    return root.example.myBool;
  }, (result) => {
    expect(result).to.equal(true);
  }],
  'should proxy promises and resolve with the correct value': [(root) => {
    return root.example;
  }, (result) => {
    expect(result).to.equal('i-resolved');
  }],
  'should proxy nested promises and resolve with the correct value': [(root) => {
    return root.example.myPromise;
  }, (result) => {
    expect(result).to.equal('i-resolved');
  }],
  'should proxy promises and reject with the correct value': [async (root) => {
    try {
      await root.example;
      return null;
    } catch (err) {
      return err;
    }
  }, (result) => {
    expect(result).to.be.an.instanceOf(Error).with.property('message', 'i-rejected');
  }],
  'should proxy nested promises and reject with the correct value': [async (root) => {
    try {
      await root.example.myPromise;
      return null;
    } catch (err) {
      return err;
    }
  }, (result) => {
    expect(result).to.be.an.instanceOf(Error).with.property('message', 'i-rejected');
  }],
  'should proxy promises and resolve with the correct value if it resolves later': [(root) => {
    return root.example.myPromise();
  }, (result) => {
    expect(result).to.equal('delayed');
  }],
  'should proxy nested promises correctly': [(root) => {
    return root.example.myPromise();
  }, (result) => {
    expect(result).to.equal(123);
  }],
  'should proxy promises correctly when Function.prototype has been overridden in the main world': [(root) => {
    return new Promise((resolve) => {
      let observed = false;
      const original = Function.prototype.bind;
      // eslint-disable-next-line no-extend-native
      Function.prototype.bind = new Proxy(original, {
        apply(target, thisArg, args) {
          observed = true;
          return Reflect.apply(target, thisArg, args);
        }
      });
      root.example.getPromise().then((v) => {
        // eslint-disable-next-line no-extend-native
        Function.prototype.bind = original;
        resolve({ observed, value: v });
      });
    });
  }, (result) => {
    expect(result).to.deep.equal({ observed: false, value: 'proxied-ok' });
  }],
  'should proxy methods': [async (root) => {
    return [
      root.example.getNumber(),
      root.example.getString(),
      root.example.getBoolean(),
      await root.example.getPromise()
    ];
  }, (result) => {
    expect(result).to.deep.equal([123, 'help', false, 'promise']);
  }],
  'should proxy functions': [async (root) => {
    return root.example();
  }, (result) => {
    expect(result).equal('return-value');
  }],
  'should not double-proxy functions when they are returned to their origin side of the bridge': [async (root) => {
    const fn = () => null;
    return root.example(fn) === fn;
  }, (result) => {
    expect(result).equal(true);
  }],
  'should proxy function arguments only once': [async (root) => {
    const obj = { foo: 1 };
    return root.example(obj, obj);
  }, (result) => {
    expect(result).to.be.true();
  }],
  'should properly handle errors thrown in proxied functions': [async (root) => {
    try {
      root.example();
    } catch (e) {
      return e.message;
    }
  }, (result) => {
    expect(result).equal('oh no');
  }],
  'should proxy methods that are callable multiple times': [async (root) => {
    return [root.example.doThing(), root.example.doThing(), root.example.doThing()];
  }, (result) => {
    expect(result).to.deep.equal([123, 123, 123]);
  }],
  'should proxy methods in the reverse direction': [async (root) => {
    return root.example.callWithNumber((n) => n + 1);
  }, (result) => {
    expect(result).to.equal(124);
  }],
  'should proxy promises in the reverse direction': [(root) => {
    return root.example.getPromiseValue(Promise.resolve('my-proxied-value'));
  }, (result) => {
    expect(result).to.equal('my-proxied-value');
  }],
  'should proxy objects with number keys': [async (root) => {
    return [root.example[1], root.example[2], root.example[3], Array.isArray(root.example)];
  }, (result) => {
    expect(result).to.deep.equal([123, 456, 789, false]);
  }],
  'it should proxy null': [(root) => {
    // Convert to strings as although the context bridge keeps the right value
    // IPC does not
    return `${root.example}`;
  }, (result) => {
    expect(result).to.deep.equal('null');
  }],
  'it should proxy undefined': [(root) => {
    // Convert to strings as although the context bridge keeps the right value
    // IPC does not
    return `${root.example}`;
  }, (result) => {
    expect(result).to.deep.equal('undefined');
  }],
  'it should proxy nested null and undefined correctly': [(root) => {
    // Convert to strings as although the context bridge keeps the right value
    // IPC does not
    return root.example.values.map((val) => `${val}`);
  }, (result) => {
    expect(result).to.deep.equal(['null', 'undefined']);
  }],
  'should proxy symbols': [(root) => {
    return root.isSymbol(root.symbol);
  }, (result) => {
    expect(result).to.equal(true, 'symbols should be equal across contexts');
  }],
  'should proxy symbols such that symbol equality works': [(root) => {
    return root.example.isSymbol(root.example.getSymbol());
  }, (result) => {
    expect(result).to.equal(true, 'symbols should be equal across contexts');
  }],
  'should proxy symbols such that symbol key lookup works': [(root) => {
    return root.example.getObject()[root.example.getSymbol()];
  }, (result) => {
    expect(result).to.equal(123, 'symbols key lookup should work across contexts');
  }],
  'should proxy typed arrays': [(root) => {
    return Object.getPrototypeOf(root.example) === Uint8Array.prototype;
  }, (result) => {
    expect(result).equal(true);
  }],
  'should proxy regexps': [(root) => {
    return Object.getPrototypeOf(root.example) === RegExp.prototype;
  }, (result) => {
    expect(result).equal(true);
  }],
  'should proxy typed arrays and regexps through the serializer': [(root) => {
    return [
      Object.getPrototypeOf(root.example.arr) === Uint8Array.prototype,
      Object.getPrototypeOf(root.example.regexp) === RegExp.prototype
    ];
  }, (result) => {
    expect(result).to.deep.equal([true, true]);
  }],
  'should handle recursive objects': [(root) => {
    return [root.example.o.value, root.example.o.o.value, root.example.o.o.o.value];
  }, (result) => {
    expect(result).to.deep.equal([135, 135, 135]);
  }],
  'should handle DOM elements': [(root) => {
    return [
      root.example.getElem().tagName,
      root.example.getElem().constructor.name,
      typeof root.example.getElem().querySelector
    ];
  }, (result) => {
    expect(result).to.deep.equal(['BODY', 'HTMLBodyElement', 'function']);
  }],
  'should handle DOM elements going backwards over the bridge': [(root) => {
    return root.example.getElemInfo(() => document.body);
  }, (result) => {
    expect(result).to.deep.equal(['BODY', 'HTMLBodyElement', 'function']);
  }],
  'should handle Blobs': [async (root) => {
    return [await root.example.getBlob().text()];
  }, (result) => {
    expect(result).to.deep.equal(['abcd']);
  }],
  'should handle Blobs going backwards over the bridge': [(root) => {
    return root.example.getBlobText(() => new Blob(['12', '45']));
  }, (result) => {
    expect(result).to.deep.equal(['1245']);
  }],
  'should handle VideoFrames': [(root) => {
    const frame = root.example.getVideoFrame();
    const info = [frame.constructor.name, frame.codedWidth, frame.codedHeight, frame.timestamp];
    frame.close();
    return info;
  }, (result) => {
    expect(result).to.deep.equal(['VideoFrame', 16, 16, 0]);
  }],
  'should handle VideoFrames going backwards over the bridge': [(root) => {
    return root.example.getVideoFrameInfo(() => {
      const canvas = new OffscreenCanvas(32, 32);
      canvas.getContext('2d').fillRect(0, 0, 32, 32);
      return new VideoFrame(canvas, { timestamp: 100 });
    });
  }, (result) => {
    expect(result).to.deep.equal(['VideoFrame', 32, 32, 100]);
  }],
  'it should not let you overwrite existing exposed things': [(root) => {
    return [root.example.attempt, root.example.getThrew()];
  }, (result) => {
    expect(result).to.deep.equal([1, true]);
  }],
  'should work with complex nested methods and promises': [(root) => {
    return root.example.first((third) => {
      return third(() => Promise.resolve('final value'));
    });
  }, (result) => {
    expect(result).to.equal('final value');
  }],
  'should work with complex nested methods and promises attached directly to the global': [(root) => {
    return root.example((third) => {
      return third(() => Promise.resolve('final value'));
    });
  }, (result) => {
    expect(result).to.equal('final value');
  }],
  'should throw an error when recursion depth is exceeded': [(root) => {
    // The spec calls callWithBindings twice, asserting after each: both calls here, in order.
    const first = (() => {
      try {
        let a = [];
        for (let i = 0; i < 999; i++) {
          a = [a];
        }
        root.example.doThing(a);
        return false;
      } catch {
        return true;
      }
    })();
    const second = (() => {
      try {
        let a = [];
        for (let i = 0; i < 1000; i++) {
          a = [a];
        }
        root.example.doThing(a);
        return false;
      } catch {
        return true;
      }
    })();
    return [first, second];
  }, ([first, second]) => {
    let threw = first;
    expect(threw).to.equal(false);
    threw = second;
    expect(threw).to.equal(true);
  }],
  'should copy thrown errors into the other context': [async (root) => {
    const getError = (fn) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return null;
    };
    const getAsyncError = async (fn) => {
      try {
        await fn();
      } catch (e) {
        return e;
      }
      return null;
    };
    const normalIsError = Object.getPrototypeOf(getError(root.example.throwNormal)) === Error.prototype;
    const weirdIsError = Object.getPrototypeOf(getError(root.example.throwWeird)) === Error.prototype;
    const notClonableIsError = Object.getPrototypeOf(getError(root.example.throwNotClonable)) === Error.prototype;
    const notClonableNestedArrayIsError =
      Object.getPrototypeOf(getError(root.example.throwNotClonableNestedArray)) === Error.prototype;
    const notClonableNestedObjectIsError =
      Object.getPrototypeOf(getError(root.example.throwNotClonableNestedObject)) === Error.prototype;
    const dynamicIsError = Object.getPrototypeOf(getError(root.example.throwDynamic)) === Error.prototype;
    const argumentConvertIsError =
      Object.getPrototypeOf(getError(() => root.example.argumentConvert(Object(Symbol('test'))))) ===
      Error.prototype;
    const rejectNotClonableIsError =
      Object.getPrototypeOf(await getAsyncError(root.example.rejectNotClonable)) === Error.prototype;
    const resolveNotClonableIsError =
      Object.getPrototypeOf(await getAsyncError(root.example.resolveNotClonable)) === Error.prototype;
    return [
      normalIsError,
      weirdIsError,
      notClonableIsError,
      notClonableNestedArrayIsError,
      notClonableNestedObjectIsError,
      dynamicIsError,
      argumentConvertIsError,
      rejectNotClonableIsError,
      resolveNotClonableIsError
    ];
  }, (result) => {
    expect(result).to.deep.equal(
      [true, true, true, true, true, true, true, true, true],
      'should all be errors in the current context'
    );
  }],
  'executeInMainWorld serializes function and proxies args': [() => {
    // @ts-ignore
    return globalThis.args.map((arg) => {
      // Map unserializable IPC types to their type string
      if (['function', 'symbol'].includes(typeof arg)) {
        return typeof arg;
      } else {
        return arg;
      }
    });
  }, (result) => {
    expect(result).to.deep.equal([
      undefined,
      null,
      123,
      'string',
      true,
      [123, 'string', true, ['foo']],
      'function',
      'symbol'
    ]);
  }],
  'executeInMainWorld uses internal Function.prototype.toString': [() => {
    // @ts-ignore
    return globalThis.hacked;
  }, (result) => {
    expect(result).to.equal('nope');
  }],
  'should not leak prototypes': [async (root) => {
    const { example } = root;
    let arg;
    example.receiveArguments((o) => {
      arg = o;
    });
    const protoChecks = [
      ...Object.keys(example).map((key) => [key, String]),
      ...Object.getOwnPropertySymbols(example.symbolKeyed).map((key) => [key, Symbol]),
      [example, Object],
      [example.number, Number],
      [example.string, String],
      [example.boolean, Boolean],
      [example.arr, Array],
      [example.arr[0], Number],
      [example.arr[1], String],
      [example.arr[2], Boolean],
      [example.arr[3], Array],
      [example.arr[3][0], String],
      [example.symbol, Symbol],
      [example.bigInt, BigInt],
      [example.getNumber, Function],
      [example.getNumber(), Number],
      [example.getObject(), Object],
      [example.getString(), String],
      [example.getBoolean(), Boolean],
      [example.getArr(), Array],
      [example.getArr()[0], Number],
      [example.getArr()[1], String],
      [example.getArr()[2], Boolean],
      [example.getArr()[3], Array],
      [example.getArr()[3][0], String],
      [example.getFunctionFromFunction, Function],
      [example.getFunctionFromFunction(), Promise],
      [await example.getFunctionFromFunction(), Function],
      [example.getPromise(), Promise],
      [await example.getPromise(), Object],
      [(await example.getPromise()).number, Number],
      [(await example.getPromise()).string, String],
      [(await example.getPromise()).boolean, Boolean],
      [(await example.getPromise()).fn, Function],
      [(await example.getPromise()).fn(), String],
      [(await example.getPromise()).arr, Array],
      [(await example.getPromise()).arr[0], Number],
      [(await example.getPromise()).arr[1], String],
      [(await example.getPromise()).arr[2], Boolean],
      [(await example.getPromise()).arr[3], Array],
      [(await example.getPromise()).arr[3][0], String],
      [example.object, Object],
      [example.object.number, Number],
      [example.object.string, String],
      [example.object.boolean, Boolean],
      [example.object.arr, Array],
      [example.object.arr[0], Number],
      [example.object.arr[1], String],
      [example.object.arr[2], Boolean],
      [example.object.arr[3], Array],
      [example.object.arr[3][0], String],
      [await example.object.getPromise(), Object],
      [(await example.object.getPromise()).number, Number],
      [(await example.object.getPromise()).string, String],
      [(await example.object.getPromise()).boolean, Boolean],
      [(await example.object.getPromise()).fn, Function],
      [(await example.object.getPromise()).fn(), String],
      [(await example.object.getPromise()).arr, Array],
      [(await example.object.getPromise()).arr[0], Number],
      [(await example.object.getPromise()).arr[1], String],
      [(await example.object.getPromise()).arr[2], Boolean],
      [(await example.object.getPromise()).arr[3], Array],
      [(await example.object.getPromise()).arr[3][0], String],
      [arg, Object],
      [arg.key, String],
      [example.getBody(), HTMLBodyElement],
      [example.getBlob(), Blob],
      [example.getVideoFrame(), VideoFrame]
    ];
    return {
      protoMatches: protoChecks.map(([a, Constructor]) => Object.getPrototypeOf(a) === Constructor.prototype)
    };
  }, (result) => {
    // Every protomatch should be true
    expect(result.protoMatches).to.deep.equal(result.protoMatches.map(() => true));
  }],
  'should not leak prototypes when attaching directly to the global': [async (root) => {
    const { keys } = root;
    const cleanedRoot = {};
    for (const [key, value] of Object.entries(root)) {
      if (keys.includes(key)) {
        cleanedRoot[key] = value;
      }
    }

    let arg;
    cleanedRoot.receiveArguments((o) => {
      arg = o;
    });
    const protoChecks = [
      ...Object.keys(cleanedRoot).map((key) => [key, String]),
      ...Object.getOwnPropertySymbols(cleanedRoot.symbolKeyed).map((key) => [key, Symbol]),
      [cleanedRoot, Object],
      [cleanedRoot.number, Number],
      [cleanedRoot.string, String],
      [cleanedRoot.boolean, Boolean],
      [cleanedRoot.arr, Array],
      [cleanedRoot.arr[0], Number],
      [cleanedRoot.arr[1], String],
      [cleanedRoot.arr[2], Boolean],
      [cleanedRoot.arr[3], Array],
      [cleanedRoot.arr[3][0], String],
      [cleanedRoot.symbol, Symbol],
      [cleanedRoot.bigInt, BigInt],
      [cleanedRoot.getNumber, Function],
      [cleanedRoot.getNumber(), Number],
      [cleanedRoot.getObject(), Object],
      [cleanedRoot.getString(), String],
      [cleanedRoot.getBoolean(), Boolean],
      [cleanedRoot.getArr(), Array],
      [cleanedRoot.getArr()[0], Number],
      [cleanedRoot.getArr()[1], String],
      [cleanedRoot.getArr()[2], Boolean],
      [cleanedRoot.getArr()[3], Array],
      [cleanedRoot.getArr()[3][0], String],
      [cleanedRoot.getFunctionFromFunction, Function],
      [cleanedRoot.getFunctionFromFunction(), Promise],
      [await cleanedRoot.getFunctionFromFunction(), Function],
      [cleanedRoot.getError(), Error],
      [cleanedRoot.getError().message, String],
      [cleanedRoot.getWeirdError(), Error],
      [cleanedRoot.getWeirdError().message, String],
      [cleanedRoot.getPromise(), Promise],
      [await cleanedRoot.getPromise(), Object],
      [(await cleanedRoot.getPromise()).number, Number],
      [(await cleanedRoot.getPromise()).string, String],
      [(await cleanedRoot.getPromise()).boolean, Boolean],
      [(await cleanedRoot.getPromise()).fn, Function],
      [(await cleanedRoot.getPromise()).fn(), String],
      [(await cleanedRoot.getPromise()).arr, Array],
      [(await cleanedRoot.getPromise()).arr[0], Number],
      [(await cleanedRoot.getPromise()).arr[1], String],
      [(await cleanedRoot.getPromise()).arr[2], Boolean],
      [(await cleanedRoot.getPromise()).arr[3], Array],
      [(await cleanedRoot.getPromise()).arr[3][0], String],
      [cleanedRoot.object, Object],
      [cleanedRoot.object.number, Number],
      [cleanedRoot.object.string, String],
      [cleanedRoot.object.boolean, Boolean],
      [cleanedRoot.object.arr, Array],
      [cleanedRoot.object.arr[0], Number],
      [cleanedRoot.object.arr[1], String],
      [cleanedRoot.object.arr[2], Boolean],
      [cleanedRoot.object.arr[3], Array],
      [cleanedRoot.object.arr[3][0], String],
      [await cleanedRoot.object.getPromise(), Object],
      [(await cleanedRoot.object.getPromise()).number, Number],
      [(await cleanedRoot.object.getPromise()).string, String],
      [(await cleanedRoot.object.getPromise()).boolean, Boolean],
      [(await cleanedRoot.object.getPromise()).fn, Function],
      [(await cleanedRoot.object.getPromise()).fn(), String],
      [(await cleanedRoot.object.getPromise()).arr, Array],
      [(await cleanedRoot.object.getPromise()).arr[0], Number],
      [(await cleanedRoot.object.getPromise()).arr[1], String],
      [(await cleanedRoot.object.getPromise()).arr[2], Boolean],
      [(await cleanedRoot.object.getPromise()).arr[3], Array],
      [(await cleanedRoot.object.getPromise()).arr[3][0], String],
      [arg, Object],
      [arg.key, String]
    ];
    return {
      protoMatches: protoChecks.map(([a, Constructor]) => Object.getPrototypeOf(a) === Constructor.prototype)
    };
  }, (result) => {
    // Every protomatch should be true
    expect(result.protoMatches).to.deep.equal(result.protoMatches.map(() => true));
  }],
};

function report(result) {
  document.documentElement.setAttribute('data-spec-result', JSON.stringify(result));
  document.dispatchEvent(new CustomEvent('spec-done'));
}

const name = new URLSearchParams(location.search).get('test');
const test = tests[name];
// As the spec's callWithBindings, once the page has loaded (after `await w.loadURL(...)`).
if (test) {
  window.addEventListener('load', async () => {
    let result;
    try {
      result = await test[0](window);
    } catch (err) {
      report({ ok: false, error: 'the page threw: ' + (err && err.message) });
      return;
    }
    try {
      test[1](result);
      report({ ok: true });
    } catch (err) {
      report({ ok: false, error: err.message });
    }
  });
}
})();
