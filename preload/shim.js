// The renderer side of ipcscope, run in every page before any page script: it gives the lab's
// preload.js `require('electron')` (contextBridge, ipcRenderer) and carries frames to and from
// the main process. Evaluated inside a function after the value codec and the Node helpers, with
// `shimConfig` in scope: { token, deliver, webContentsId, processId, preload: {path, source}|null }.
// Everything the page could later replace is captured here first.

const shimWindow = window;
const shimStringify = JSON.stringify;
const shimParse = JSON.parse;
const ShimPromise = Promise;
const ShimError = Error;
const ShimTypeError = TypeError;
const ShimMap = Map;
const ShimFunction = Function;
const ShimXhr = XMLHttpRequest;
const shimXhrOpen = XMLHttpRequest.prototype.open;
const shimXhrSend = XMLHttpRequest.prototype.send;
const shimXhrResponse = Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'responseText').get;
const shimFreeze = Object.freeze;
const shimIsFrozen = Object.isFrozen;
const shimDefine = Object.defineProperty;
const shimKeys = Object.keys;
const shimGetProto = Object.getPrototypeOf;
const shimHasOwn = Object.prototype.hasOwnProperty;
const shimToString = Object.prototype.toString;
const shimIsArray = Array.isArray;
const shimApply = Reflect.apply;
const shimHas = Reflect.has;
const shimMapGet = Map.prototype.get;
const shimMapSet = Map.prototype.set;
const shimMapDelete = Map.prototype.delete;
const shimPromiseThen = Promise.prototype.then;
const shimRandom = Math.random;
const shimAddEventListener = EventTarget.prototype.addEventListener;
const shimMessageHandler = window.webkit.messageHandlers.ipcscope;
const shimPostMessage = shimMessageHandler.postMessage;

const shimNode = ipcscopeNodeModules();
const ShimEventEmitter = shimNode.events;
const shimFormat = shimNode.util.format;

const shimPageId = (shimRandom() * 1e16).toString(36) + (shimRandom() * 1e16).toString(36);
let shimFrameNo = 0;

function shimStamp(frame) {
  frame.k = shimConfig.token;
  frame.p = shimPageId;
  frame.n = ++shimFrameNo;
  return shimStringify(frame);
}

function shimPost(frame) {
  shimApply(shimPostMessage, shimMessageHandler, [shimStamp(frame)]);
}

/** sendSync: a synchronous XHR to the renderer process, which holds it until main answers. */
function shimPostSync(frame) {
  const xhr = new ShimXhr();
  shimApply(shimXhrOpen, xhr, ['POST', 'ipcscope://sync/', false]);
  shimApply(shimXhrSend, xhr, [shimStamp(frame)]);
  return shimParse(shimApply(shimXhrResponse, xhr, []));
}

function shimEncodeArgs(args, what) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    try {
      out[i] = encodeValue(args[i], 'args[' + i + ']');
    } catch (err) {
      if (err && err.clonePath) {
        shimPost({ t: 'error', text: what + ': An object could not be cloned: ' + err.clonePath });
      }
      throw err;
    }
  }
  return out;
}

function shimDecodeArgs(encoded) {
  const out = [];
  for (let i = 0; i < encoded.length; i++) out[i] = decodeValue(encoded[i]);
  return out;
}

function shimCheckChannel(channel) {
  if (typeof channel !== 'string') throw new ShimTypeError('Missing required channel argument');
}

// ---- ipcRenderer ---------------------------------------------------------------------------
const shimInvokes = new ShimMap();
let shimNextInvoke = 0;

class IpcRenderer extends ShimEventEmitter {
  send(channel, ...args) {
    shimCheckChannel(channel);
    shimPost({ t: 'send', channel, args: shimEncodeArgs(args, "ipcRenderer.send('" + channel + "')") });
  }

  invoke(channel, ...args) {
    shimCheckChannel(channel);
    return new ShimPromise((resolve, reject) => {
      const args2 = shimEncodeArgs(args, "ipcRenderer.invoke('" + channel + "')");
      const id = ++shimNextInvoke;
      shimApply(shimMapSet, shimInvokes, [id, { resolve, reject }]);
      shimPost({ t: 'invoke', id, channel, args: args2 });
    });
  }

  sendSync(channel, ...args) {
    shimCheckChannel(channel);
    const answer = shimPostSync({ t: 'sendSync', channel, args: shimEncodeArgs(args, "ipcRenderer.sendSync('" + channel + "')") });
    if (answer.error !== undefined) throw new ShimError(answer.error);
    return decodeValue(answer.result);
  }

  sendToHost() {}
  postMessage() {}
}

const ipcRenderer = new IpcRenderer();
// Every listener change is reported so main knows who listens (the journal's push counts).
ipcRenderer.on('newListener', (channel) => {
  if (channel !== 'newListener' && channel !== 'removeListener' && typeof channel === 'string') {
    shimPost({ t: 'listener', op: 'on', channel });
  }
});
ipcRenderer.on('removeListener', (channel) => {
  if (channel !== 'newListener' && channel !== 'removeListener' && typeof channel === 'string') {
    shimPost({ t: 'listener', op: 'off', channel });
  }
});

function shimDeliver(frame) {
  try {
    if (frame.t === 'push') {
      const args = shimDecodeArgs(frame.args);
      const event = { sender: ipcRenderer, ports: [] };
      // Run each listener on its own so one that throws does not stop the others.
      for (const listener of ipcRenderer.rawListeners(frame.channel)) {
        try {
          shimApply(listener, ipcRenderer, [event, ...args]);
        } catch (err) {
          shimReportUncaught(err);
        }
      }
    } else if (frame.t === 'invoke-result') {
      const pending = shimApply(shimMapGet, shimInvokes, [frame.id]);
      if (!pending) return;
      shimApply(shimMapDelete, shimInvokes, [frame.id]);
      if (frame.ok) pending.resolve(decodeValue(frame.result));
      else pending.reject(new ShimError(frame.error));
    }
  } catch (err) {
    shimPost({ t: 'error', text: 'ipcscope shim: could not deliver a ' + frame.t + ' frame: ' + String(err) });
  }
}
shimDefine(shimWindow, shimConfig.deliver, { value: shimDeliver, writable: false, configurable: false, enumerable: false });

// ---- contextBridge -------------------------------------------------------------------------
const SHIM_MAX_DEPTH = 1000;

function shimBridgeDepthError() {
  return new ShimError('Electron contextBridge recursion depth exceeded.  Nested objects deeper than 1000 are not supported.');
}

/** Copies a value across the bridge as Electron does: functions and promises proxied. */
function shimBridge(value, depth) {
  if (depth > SHIM_MAX_DEPTH) throw shimBridgeDepthError();
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof value === 'function') {
    const fn = value;
    return function (...args) {
      const copied = [];
      for (let i = 0; i < args.length; i++) copied[i] = shimBridge(args[i], 0);
      return shimBridge(shimApply(fn, undefined, copied), 0);
    };
  }
  const tag = shimApply(shimToString, value, []);
  if (tag === '[object Promise]') {
    return new ShimPromise((resolve, reject) => {
      shimApply(shimPromiseThen, value, [
        (v) => resolve(shimBridge(v, 0)),
        (e) => reject(e instanceof ShimError ? new ShimError(e.message) : e),
      ]);
    });
  }
  if (shimIsArray(value)) {
    const out = [];
    for (let i = 0; i < value.length; i++) out[i] = shimBridge(value[i], depth + 1);
    return out;
  }
  const proto = shimGetProto(value);
  if (tag === '[object Object]' || proto === null) {
    const out = {};
    const keys = shimKeys(value);
    for (let i = 0; i < keys.length; i++) out[keys[i]] = shimBridge(value[keys[i]], depth + 1);
    return out;
  }
  // Dates, Maps, typed arrays, errors ...: by structured clone.
  return decodeValue(encodeValue(value, 'value'));
}

function shimDeepFreeze(value, depth) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (depth > SHIM_MAX_DEPTH || shimIsFrozen(value)) return value;
  shimFreeze(value);
  const keys = shimKeys(value);
  for (let i = 0; i < keys.length; i++) shimDeepFreeze(value[keys[i]], depth + 1);
  return value;
}

const contextBridge = shimFreeze({
  exposeInMainWorld(key, api) {
    if (shimHas(shimWindow, key)) {
      throw new ShimError('Cannot bind an API on top of an existing property on the window object');
    }
    const copy = shimDeepFreeze(shimBridge(api, 0), 0);
    shimDefine(shimWindow, key, { value: copy, writable: false, configurable: false, enumerable: true });
  },
});

// ---- console and uncaught errors of the page -----------------------------------------------
const shimConsole = shimWindow.console;
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const original = shimConsole[level];
  shimConsole[level] = function (...args) {
    let text;
    try {
      text = shimFormat(...args);
    } catch (_) {
      text = '(unprintable console arguments)';
    }
    shimPost({ t: 'console', level, text });
    return shimApply(original, shimConsole, args);
  };
}

function shimReportUncaught(err) {
  const text = err && err.stack ? String(err) + '\n' + err.stack : String(err);
  shimPost({ t: 'error', text: 'Uncaught ' + text });
}

shimApply(shimAddEventListener, shimWindow, ['error', (event) => {
  const where = event.filename ? ' (' + event.filename + ':' + event.lineno + ')' : '';
  shimPost({ t: 'error', text: 'Uncaught ' + String(event.message).replace(/^Uncaught /, '') + where });
}]);
shimApply(shimAddEventListener, shimWindow, ['unhandledrejection', (event) => {
  const reason = event.reason;
  shimPost({ t: 'error', text: 'Uncaught (in promise) ' + (reason && reason.stack ? String(reason) + '\n' + reason.stack : String(reason)) });
}]);

// ---- require() in the sandboxed preload ----------------------------------------------------
const shimElectron = shimFreeze({ contextBridge, ipcRenderer, webFrame: shimFreeze({}) });
const shimTimers = { setTimeout, setInterval, clearTimeout, clearInterval, setImmediate: (fn, ...a) => setTimeout(fn, 0, ...a), clearImmediate: clearTimeout };
const shimModules = {
  electron: shimElectron,
  'electron/common': shimElectron,
  'electron/renderer': shimElectron,
  events: ShimEventEmitter,
  timers: shimTimers,
  url: { URL, URLSearchParams },
};

function shimRequire(name) {
  const bare = typeof name === 'string' && name.slice(0, 5) === 'node:' ? name.slice(5) : name;
  if (shimApply(shimHasOwn, shimModules, [bare]) && (bare === name || bare === 'events' || bare === 'timers' || bare === 'url')) {
    return shimModules[bare];
  }
  throw new ShimError('module not found: ' + name);
}

const shimProcess = shimFreeze({
  type: 'renderer',
  platform: 'linux',
  arch: 'x64',
  sandboxed: true,
  contextIsolated: true,
  pid: shimConfig.processId,
  env: {},
  argv: [],
  versions: { electron: '0.0.0-ipcscope', chrome: '', node: '' },
});

if (shimConfig.preload) {
  const path = shimConfig.preload.path;
  const module = { exports: {} };
  try {
    const body = shimConfig.preload.source + '\n//# sourceURL=' + path;
    const fn = new ShimFunction('require', 'module', 'exports', '__dirname', '__filename', 'process', body);
    shimApply(fn, shimWindow, [shimRequire, module, module.exports, path.replace(/\/[^/]*$/, ''), path, shimProcess]);
  } catch (err) {
    shimPost({ t: 'error', text: 'Unable to load preload script: ' + path + '\n' + String(err) + (err && err.stack ? '\n' + err.stack : '') });
  }
}
