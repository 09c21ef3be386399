// The renderer side of ipcscope, run in every page before any page script: it gives the lab's
// preload.js `require('electron')` (contextBridge, ipcRenderer) and carries frames to and from
// the main process. Runs in every renderer only (WebKit), last in the page bundle
// (src/scripts.rs): evaluated inside a function after the value codec and Node's util and
// events, with `shimConfig` in scope: { token, deliver, webContentsId, processId,
// preload: {path, source} | {path, inline: true} | null }. It returns the function that runs an
// inlined preload, which the init script writes out after the bundle (src/shim.rs).
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
const shimDefine = Object.defineProperty;
const shimKeys = Object.keys;
const shimGetProto = Object.getPrototypeOf;
const shimHasOwn = Object.prototype.hasOwnProperty;
const shimToString = Object.prototype.toString;
const shimSlice = String.prototype.slice;
const shimIsArray = Array.isArray;
const shimApply = Reflect.apply;
const shimHas = Reflect.has;
const shimDeleteProperty = Reflect.deleteProperty;
const shimIsExtensible = Object.isExtensible;
const shimMapGet = Map.prototype.get;
const shimMapSet = Map.prototype.set;
const shimMapDelete = Map.prototype.delete;
const shimRandom = Math.random;
const shimCaptureStackTrace = typeof Error.captureStackTrace === 'function' ? Error.captureStackTrace : null;
const shimAddEventListener = EventTarget.prototype.addEventListener;
const shimMessageHandler = window.webkit.messageHandlers[shimConfig.handler];
const shimPostMessage = shimMessageHandler.postMessage;

const shimSetProto = Object.setPrototypeOf;
const shimMapForEach = Map.prototype.forEach;
const shimMapHas = Map.prototype.has;
const shimSetTimeout = setTimeout;
const shimFunctionToString = Function.prototype.toString;
const ShimSet = Set;
const shimSetAdd = Set.prototype.add;
const shimSetHas = Set.prototype.has;
const shimGetOwnNames = Object.getOwnPropertyNames;
const shimQueueMicrotask = queueMicrotask;
const shimJoin = Array.prototype.join;

const shimNodeUtil = ipcscopeNodeUtil();
const ShimEventEmitter = ipcscopeNodeEvents(shimNodeUtil.internal);
const shimFormat = shimNodeUtil.util.format;
// A sandboxed preload has Node's Buffer, as Electron documents (a parameter, not a global).
const ShimBuffer = ipcscopeNodeBuffer(shimNodeUtil.internal);

const shimPageId = (shimRandom() * 1e16).toString(36) + (shimRandom() * 1e16).toString(36);
let shimFrameNo = 0;
// IPCSCOPE_TRACE (src/core/stages.rs): stage stamps on each frame, and the stamps of the
// latest answer's way back, sent with the next frame.
const shimTraceOn = window.__ipcscopeTrace === true;
const shimPerformance = shimTraceOn ? performance : null;
const shimPerformanceNow = shimTraceOn ? Performance.prototype.now : null;
let shimTraceBack = null;

function shimNow() {
  return shimPerformance.timeOrigin + shimApply(shimPerformanceNow, shimPerformance, []);
}

function shimTraceStamp(frame) {
  const stamps = { __proto__: null, preload: shimNow() };
  // With context isolation, the page's side of the bridge stamped the call (bridge.js).
  const fromPage = typeof ipcscopeTraceTake === 'function' ? ipcscopeTraceTake() : null;
  if (fromPage !== null && typeof fromPage === 'object') stamps.page = fromPage.page;
  if (shimTraceBack !== null) {
    if (fromPage !== null && typeof fromPage === 'object') shimTraceBack.page = fromPage.resumed;
    stamps.back = shimTraceBack;
    shimTraceBack = null;
  }
  frame.tr = stamps;
}

/** An object or array the page's prototypes cannot reach (no inherited setters or toJSON). */
function shimBare(value) {
  // setPrototypeOf is slow in JSC even when nothing changes: skip it for bare objects.
  return shimGetProto(value) === null ? value : shimSetProto(value, null);
}

/** An own property only: a getter the page put on Object.prototype is never consulted. */
function shimOwn(object, key) {
  return object !== null && typeof object === 'object' && shimApply(shimHasOwn, object, [key]) ? object[key] : undefined;
}

function shimStamp(frame) {
  shimBare(frame);
  if (shimTraceOn) shimTraceStamp(frame);
  frame.k = shimConfig.token;
  frame.p = shimPageId;
  frame.n = shimFrameNo + 1;
  // A number is taken only by a frame that is sent: if stringify fails (out of memory), main
  // must not wait for a frame that never comes.
  const text = shimStringify(frame);
  shimFrameNo = frame.n;
  return text;
}

// A task's frames go to the renderer together, one per line, in one postMessage: each
// postMessage is a message between two of WebKit's processes, the costliest step of a send.
// The task's first frame goes at once, so a single message waits for nothing and a page that
// then hangs has still sent it; the frames after it wait for the task's microtasks, or until
// SHIM_BATCH_FRAMES of them wait.
const SHIM_BATCH_FRAMES = 64;
const shimBatch = shimBare([]);
let shimBatchOpen = false;

function shimPost(frame) {
  const text = shimStamp(frame);
  if (!shimBatchOpen) {
    shimBatchOpen = true;
    shimApply(shimQueueMicrotask, shimWindow, [shimCloseBatch]);
    shimApply(shimPostMessage, shimMessageHandler, [text]);
    return;
  }
  shimBatch[shimBatch.length] = text;
  if (shimBatch.length >= SHIM_BATCH_FRAMES) shimFlushBatch();
}

/** Posts the frames waiting in the batch, if any. */
function shimFlushBatch() {
  if (shimBatch.length === 0) return;
  const body = shimApply(shimJoin, shimBatch, ['\n']);
  shimBatch.length = 0;
  shimApply(shimPostMessage, shimMessageHandler, [body]);
}

function shimCloseBatch() {
  shimFlushBatch();
  shimBatchOpen = false;
}

/**
 * The page's JS stack below `api`, the shim function the lab called (WebKit's text), sent with
 * a message or a listener change: main keeps its first frame in the lab as the journal's
 * `initiator`. That is the first frame below `api`, or nearly, so `frames` of them are enough,
 * whatever limit the page set; fewer frames cost less on every send.
 */
function shimStack(api, frames) {
  let limit;
  try {
    limit = ShimError.stackTraceLimit;
    let stack;
    if (shimCaptureStackTrace !== null) {
      ShimError.stackTraceLimit = frames;
      const holder = shimBare({});
      shimApply(shimCaptureStackTrace, ShimError, [holder, api]);
      stack = holder.stack;
    } else {
      ShimError.stackTraceLimit = frames + 4;
      stack = new ShimError().stack;
    }
    return typeof stack === 'string' ? stack : undefined;
  } catch (_) {
    return undefined;
  } finally {
    try {
      ShimError.stackTraceLimit = limit;
    } catch (_) {
      // The page made it read-only: it stays as the page set it.
    }
  }
}

/** sendSync: a synchronous XHR to the renderer process, which holds it until main answers. */
function shimPostSync(frame) {
  // Main takes frames in the order they were numbered: the ones before this must not wait
  // behind a page that is blocked until main answers.
  shimFlushBatch();
  const xhr = new ShimXhr();
  shimApply(shimXhrOpen, xhr, ['POST', 'ipcscope://sync/', false]);
  shimApply(shimXhrSend, xhr, [shimStamp(frame)]);
  return shimParse(shimApply(shimXhrResponse, xhr, []));
}

function shimEncodeArgs(args, method, channel) {
  const out = shimBare([]);
  for (let i = 0; i < args.length; i++) {
    try {
      out[i] = encodeValue(args[i], 'args[' + i + ']');
    } catch (err) {
      const path = shimOwn(err, 'clonePath');
      const what = 'ipcRenderer.' + method + "('" + channel + "')";
      if (path) shimPost({ __proto__: null, t: 'error', text: what + ': An object could not be cloned: ' + path });
      throw err;
    }
  }
  return out;
}

function shimDecodeArgs(encoded) {
  const out = shimBare([]);
  for (let i = 0; i < encoded.length; i++) out[i] = decodeValue(encoded[i]);
  return out;
}

function shimCheckChannel(channel) {
  if (typeof channel !== 'string') throw new ShimTypeError('Missing required channel argument');
}

// ---- ipcRenderer ---------------------------------------------------------------------------
// An EventEmitter of its own rather than Node's: its state lives here, not in own properties
// (so ipcRenderer passed over the bridge is an empty object, as in Electron), and it uses only
// built-ins captured above, so page code replacing Array or Function methods cannot break it.
const shimInvokes = new ShimMap();
let shimNextInvoke = 0;
/** channel -> list of { listener, once }, in the order they were added. */
const shimChannels = new ShimMap();

function shimListenerError(listener) {
  const received = listener === null || listener === undefined ? ' ' + listener : ' type ' + typeof listener;
  const err = new ShimTypeError('The "listener" argument must be of type function. Received' + received);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

function shimReportListener(op, channel) {
  // Below this: the shim's add or remove, the ipcRenderer method, then the lab.
  if (typeof channel === 'string') shimPost({ t: 'listener', op, channel, at: shimStack(shimReportListener, 6) });
}

/** Node's 'newListener' / 'removeListener' events, which Electron's ipcRenderer has too. */
function shimMeta(name, channel, listener) {
  if (shimApply(shimMapGet, shimChannels, [name])) shimEmit(name, shimBare([channel, listener]));
}

function shimAddListener(channel, listener, once, prepend) {
  if (typeof listener !== 'function') throw shimListenerError(listener);
  // Emitted before the listener is added, as Node does.
  shimMeta('newListener', channel, listener);
  let list = shimApply(shimMapGet, shimChannels, [channel]);
  if (!list) {
    list = shimBare([]);
    shimApply(shimMapSet, shimChannels, [channel, list]);
  }
  const entry = shimBare({ listener, once });
  if (prepend) {
    for (let i = list.length; i > 0; i--) list[i] = list[i - 1];
    list[0] = entry;
  } else {
    list[list.length] = entry;
  }
  shimReportListener('on', channel);
}

/** Removes list[index] in place and reports it. */
function shimRemoveAt(channel, list, index) {
  const removed = list[index].listener;
  for (let i = index; i < list.length - 1; i++) list[i] = list[i + 1];
  list.length = list.length - 1;
  if (list.length === 0) shimApply(shimMapDelete, shimChannels, [channel]);
  shimReportListener('off', channel);
  // Emitted after the listener is gone, as Node does.
  shimMeta('removeListener', channel, removed);
}

function shimListenersOf(channel) {
  const list = shimApply(shimMapGet, shimChannels, [channel]);
  const out = [];
  if (list) for (let i = 0; i < list.length; i++) out[i] = list[i].listener;
  return out;
}

/** Calls the channel's listeners as they are now; each throw is reported, the rest still run. */
function shimEmit(channel, args) {
  const list = shimApply(shimMapGet, shimChannels, [channel]);
  if (!list) return false;
  const snapshot = shimBare([]);
  for (let i = 0; i < list.length; i++) snapshot[i] = list[i];
  for (let i = 0; i < snapshot.length; i++) {
    const entry = snapshot[i];
    if (entry.once) {
      const now = shimApply(shimMapGet, shimChannels, [channel]);
      let at = -1;
      if (now) for (let j = 0; j < now.length; j++) if (now[j] === entry) at = j;
      if (at < 0) continue; // removed by an earlier listener
      shimRemoveAt(channel, now, at);
    }
    try {
      shimApply(entry.listener, ipcRenderer, args);
    } catch (err) {
      shimReportUncaught(err);
    }
  }
  return true;
}

function IpcRenderer() {}
// Still an EventEmitter to `instanceof`, as Electron's is.
IpcRenderer.prototype = shimBare({});
shimSetProto(IpcRenderer.prototype, ShimEventEmitter.prototype);
const shimIpcMethods = {
  on(channel, listener) {
    shimAddListener(channel, listener, false, false);
    return this;
  },
  addListener(channel, listener) {
    shimAddListener(channel, listener, false, false);
    return this;
  },
  prependListener(channel, listener) {
    shimAddListener(channel, listener, false, true);
    return this;
  },
  once(channel, listener) {
    shimAddListener(channel, listener, true, false);
    return this;
  },
  prependOnceListener(channel, listener) {
    shimAddListener(channel, listener, true, true);
    return this;
  },
  off(channel, listener) {
    return this.removeListener(channel, listener);
  },
  removeListener(channel, listener) {
    if (typeof listener !== 'function') throw shimListenerError(listener);
    const list = shimApply(shimMapGet, shimChannels, [channel]);
    // Node removes the most recently added match.
    if (list) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i].listener === listener) {
          shimRemoveAt(channel, list, i);
          break;
        }
      }
    }
    return this;
  },
  removeAllListeners(channel) {
    const channels = shimBare([]);
    if (arguments.length === 0 || channel === undefined) {
      shimApply(shimMapForEach, shimChannels, [(_list, name) => { channels[channels.length] = name; }]);
    } else if (shimApply(shimMapHas, shimChannels, [channel])) {
      channels[0] = channel;
    }
    for (let i = 0; i < channels.length; i++) {
      shimApply(shimMapDelete, shimChannels, [channels[i]]);
      shimReportListener('removeAllListeners', channels[i]);
    }
    return this;
  },
  listenerCount(channel, listener) {
    const list = shimApply(shimMapGet, shimChannels, [channel]);
    if (!list) return 0;
    if (listener === undefined || listener === null) return list.length;
    let n = 0;
    for (let i = 0; i < list.length; i++) if (list[i].listener === listener) n++;
    return n;
  },
  listeners(channel) {
    return shimListenersOf(channel);
  },
  rawListeners(channel) {
    return shimListenersOf(channel);
  },
  eventNames() {
    const out = [];
    shimApply(shimMapForEach, shimChannels, [(_list, name) => { out[out.length] = name; }]);
    return out;
  },
  emit(channel, ...args) {
    return shimEmit(channel, args);
  },
  setMaxListeners() {
    return this;
  },
  getMaxListeners() {
    return 10;
  },
  send(channel, ...args) {
    shimCheckChannel(channel);
    shimPost({ __proto__: null, t: 'send', channel, args: shimEncodeArgs(args, 'send', channel), at: shimStack(shimIpcMethods.send, 3) });
  },
  invoke(channel, ...args) {
    const at = shimStack(shimIpcMethods.invoke, 3);
    // An async function in Electron: a bad channel or argument rejects rather than throws.
    return new ShimPromise((resolve, reject) => {
      shimCheckChannel(channel);
      const encoded = shimEncodeArgs(args, 'invoke', channel);
      const id = ++shimNextInvoke;
      shimApply(shimMapSet, shimInvokes, [id, shimBare({ resolve, reject })]);
      shimPost({ __proto__: null, t: 'invoke', id, channel, args: encoded, at });
    });
  },
  sendSync(channel, ...args) {
    shimCheckChannel(channel);
    const answer = shimPostSync({ __proto__: null, t: 'sendSync', channel, args: shimEncodeArgs(args, 'sendSync', channel), at: shimStack(shimIpcMethods.sendSync, 3) });
    const error = shimOwn(answer, 'error');
    if (error !== undefined) throw new ShimError(error);
    return decodeValue(shimOwn(answer, 'result'));
  },
  sendToHost() {},
  postMessage() {},
};
{
  const names = shimKeys(shimIpcMethods);
  for (let i = 0; i < names.length; i++) {
    shimDefine(IpcRenderer.prototype, names[i], { value: shimIpcMethods[names[i]], writable: true, configurable: true, enumerable: false });
  }
}
const ipcRenderer = new IpcRenderer();

/**
 * Resolves an invoke's promise with `value` as it is. Resolving looks up `value.then`, and
 * without context isolation the preload shares the page's world: a `then` the page put on
 * Object.prototype would be called instead. An own, hidden `then` shadows it for the
 * (synchronous) lookup and is removed right after.
 */
function shimResolve(resolve, value) {
  const shadow = value !== null && (typeof value === 'object' || typeof value === 'function') &&
    shimHas(value, 'then') && !shimApply(shimHasOwn, value, ['then']) && shimIsExtensible(value);
  if (shadow) shimDefine(value, 'then', { __proto__: null, value: undefined, writable: true, enumerable: false, configurable: true });
  try {
    shimApply(resolve, undefined, [value]);
  } finally {
    if (shadow) shimDeleteProperty(value, 'then');
  }
}

// The Error an invoke rejects with. It is made when main's answer arrives, where no lab code
// is on the stack: without this, its stack would list only ipcscope's own frames.
function shimAnswerError(message) {
  const error = new ShimError(message);
  shimDefine(error, 'stack', { __proto__: null, value: '', writable: true, configurable: true });
  return error;
}

function shimDeliver(frame, deliveredUs) {
  // Page code can call this function too: only frames carrying main's token are real.
  if (shimOwn(frame, 'k') !== shimConfig.token) return;
  const kind = shimOwn(frame, 't');
  try {
    if (kind === 'push') {
      const args = shimDecodeArgs(shimOwn(frame, 'args'));
      const event = { sender: ipcRenderer, ports: [] };
      const call = shimBare([event]);
      for (let i = 0; i < args.length; i++) call[i + 1] = args[i];
      shimEmit(shimOwn(frame, 'channel'), call);
    } else if (kind === 'invoke-result') {
      const id = shimOwn(frame, 'id');
      const pending = shimApply(shimMapGet, shimInvokes, [id]);
      if (!pending) return;
      shimApply(shimMapDelete, shimInvokes, [id]);
      if (shimOwn(frame, 'ok') === true) shimResolve(pending.resolve, decodeValue(shimOwn(frame, 'result')));
      else shimApply(pending.reject, undefined, [shimAnswerError(shimOwn(frame, 'error'))]);
      const stamps = shimTraceOn ? shimOwn(frame, 'tr') : undefined;
      if (stamps !== undefined) {
        shimTraceBack = { __proto__: null, seq: shimOwn(stamps, 'seq'), out: shimOwn(stamps, 'out'), renderer: deliveredUs, preload: shimNow() };
      }
    }
  } catch (err) {
    shimPost({ t: 'error', text: 'ipcscope shim: could not deliver a ' + kind + ' frame: ' + String(err) });
  }
}
shimDefine(shimWindow, shimConfig.deliver, { value: shimDeliver, writable: false, configurable: false, enumerable: false });

// ---- contextBridge -------------------------------------------------------------------------
const SHIM_SHAPE_DEPTH = 8;
const SHIM_SHAPE_ENTRIES = 500;
/** Longest string, or encoded value, a shape shows in full. */
const SHIM_SHAPE_TEXT = 1024;

/**
 * What an exposed API looks like, for the journal: functions as {$type: "Function", name},
 * objects and arrays walked (to SHIM_SHAPE_DEPTH levels and SHIM_SHAPE_ENTRIES entries in all,
 * past which a {$type: "Truncated"} stands in; strings and encodings over SHIM_SHAPE_TEXT
 * characters are summarised the same way), everything else in the value encoding.
 */
function shimShape(value, depth, budget) {
  if (typeof value === 'function') {
    const name = value.name;
    return shimBare({ $type: 'Function', name: typeof name === 'string' ? name : '' });
  }
  if (typeof value === 'string' && value.length > SHIM_SHAPE_TEXT) {
    return shimBare({ $type: 'Truncated', type: 'String', length: value.length, value: shimApply(shimSlice, value, [0, SHIM_SHAPE_TEXT]) });
  }
  if (value === null || typeof value !== 'object') {
    try {
      return encodeValue(value, 'api');
    } catch (_) {
      return shimBare({ $type: 'Unclonable' }); // a Symbol
    }
  }
  const tag = shimApply(shimToString, value, []);
  if (tag === '[object Promise]') return shimBare({ $type: 'Promise' });
  const isArray = shimIsArray(value);
  const proto = shimGetProto(value);
  if (!isArray && !(tag === '[object Object]' || proto === null)) {
    let encoded;
    try {
      encoded = encodeValue(value, 'api');
    } catch (_) {
      return shimBare({ $type: 'Unclonable' });
    }
    // A big buffer or Map is summarised: the journal entry stays small.
    const type = shimOwn(encoded, '$type');
    return shimStringify(encoded).length > SHIM_SHAPE_TEXT ? shimBare({ $type: 'Truncated', type }) : encoded;
  }
  if (depth >= SHIM_SHAPE_DEPTH || budget.left <= 0) return shimBare({ $type: 'Truncated' });
  if (isArray) {
    const out = shimBare([]);
    for (let i = 0; i < value.length; i++) {
      if (budget.left-- <= 0) {
        out[i] = shimBare({ $type: 'Truncated' });
        break;
      }
      out[i] = shimShape(value[i], depth + 1, budget);
    }
    return out;
  }
  const keys = shimKeys(value);
  const fields = shimBare({});
  for (let i = 0; i < keys.length; i++) {
    if (budget.left-- <= 0) {
      fields[keys[i]] = shimBare({ $type: 'Truncated' });
      break;
    }
    fields[keys[i]] = shimShape(value[keys[i]], depth + 1, budget);
  }
  // As in the value encoding: an object with its own "$type" is wrapped so it reads unambiguously.
  return shimApply(shimHasOwn, value, ['$type']) ? shimBare({ $type: 'Object', value: fields }) : fields;
}

/** Tells main what the page can now reach, for the journal and the panel. */
function shimReportExposed(key, api, world) {
  let shape;
  try {
    shape = shimShape(api, 0, shimBare({ left: SHIM_SHAPE_ENTRIES }));
  } catch (_) {
    shape = shimBare({ $type: 'Unknown' });
  }
  const frame = { __proto__: null, t: 'exposed', key: String(key), api: shape, world };
  // Exposing ipcRenderer itself hands the page every channel (electron#20307).
  if (api === ipcRenderer) frame.ipcRenderer = true;
  shimPost(frame);
}

const SHIM_ISOLATION_ERROR = 'contextBridge API can only be used when contextIsolation is enabled';
const SHIM_BOUND_ERROR = 'Cannot bind an API on top of an existing property on the window object';

// With context isolation the preload's world reaches the page's through the bridge
// (bridge.js) over a private element: whichever of the two init scripts runs first creates it,
// the second takes it out of the document, before any page script runs. WebKit runs the two in
// either order; the preload runs once both are there (see shimRunPreloadWhenJoined).
let shimBridgeLink = null;
let shimPageJoined = false;
let shimPreloadWaiting = null;

function shimPageRequests() {
  return {
    __proto__: null,
    // The page's init script ran second: the preload runs now, still before any page script.
    hello() {
      shimPageJoined = true;
      const fn = shimPreloadWaiting;
      shimPreloadWaiting = null;
      if (fn !== null) shimRunPreload(fn);
    },
    console(level, text) {
      shimPost({ __proto__: null, t: 'console', level: String(level), text: String(text) });
    },
    error(text) {
      shimPost({ __proto__: null, t: 'error', text: String(text) });
    },
    // What the page passed to its world's deliver function: checked for main's token as any.
    deliver(frame) {
      shimDeliver(frame);
    },
  };
}

if (shimConfig.isolated) {
  const doc = shimWindow.document;
  let element = doc.getElementById(shimConfig.bridge);
  if (element) {
    element.remove();
    shimPageJoined = true;
  } else {
    element = doc.createElement('ipcscope-bridge');
    element.id = shimConfig.bridge;
    (doc.documentElement || doc).appendChild(element);
  }
  shimBridgeLink = ipcscopeBridge('isolated', element, shimPageRequests());
}

const contextBridge = shimFreeze({
  exposeInMainWorld(key, api) {
    if (!shimConfig.isolated) throw new ShimError(SHIM_ISOLATION_ERROR);
    const name = String(key);
    // Copied now, as Electron copies (a later change to `api` does not show on the page); the
    // page's world refuses a key its window already has.
    shimBridgeLink.request('expose', {}, shimBare([name, api]));
    shimReportExposed(name, api, 'isolated');
  },
  /**
   * Runs `func` in the page's world (its source, read with the real Function.prototype.toString,
   * as Electron does) with `args` copied there, and returns its result copied back.
   */
  executeInMainWorld(executionScript) {
    if (!shimConfig.isolated) throw new ShimError(SHIM_ISOLATION_ERROR);
    const func = shimOwn(executionScript, 'func');
    if (typeof func !== 'function') throw new ShimTypeError('executeInMainWorld: func must be a function');
    const args = shimOwn(executionScript, 'args');
    const source = shimApply(shimFunctionToString, func, []);
    return shimBridgeLink.request('execute', {}, shimBare([source, shimIsArray(args) ? args : shimBare([])]));
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
  contextIsolated: shimConfig.isolated === true,
  pid: shimConfig.processId,
  env: {},
  argv: [],
  versions: { electron: '0.0.0-ipcscope', chrome: '', node: '' },
});

function shimPreloadFailed(err) {
  shimPost({ t: 'error', text: 'Unable to load preload script: ' + shimConfig.preload.path + '\n' + String(err) + (err && err.stack ? '\n' + err.stack : '') });
}

/** Runs the preload as a function, as Electron does: `this` is the window, CommonJS names in scope. */
function shimRunPreload(fn) {
  const path = shimConfig.preload.path;
  const module = { exports: {} };
  // Without context isolation, every global the preload sets is the page's too: each is
  // journaled as exposed in the page's world, so the panel shows what the page can reach.
  const before = shimConfig.isolated ? null : shimOwnNames(shimWindow);
  try {
    shimApply(fn, shimWindow, [shimRequire, module, module.exports, path.replace(/\/[^/]*$/, ''), path, shimProcess, ShimBuffer, shimWindow]);
  } catch (err) {
    shimPreloadFailed(err);
  }
  if (before !== null) {
    const after = shimGetOwnNames(shimWindow);
    for (let i = 0; i < after.length; i++) {
      if (shimApply(shimSetHas, before, [after[i]])) continue;
      let value;
      try {
        value = shimWindow[after[i]];
      } catch (_) {
        value = undefined; // a getter that throws: the key is still the page's
      }
      shimReportExposed(after[i], value, 'main');
    }
  }
}

/** The window's own property names, as a Set. */
function shimOwnNames(target) {
  const names = shimGetOwnNames(target);
  const set = new ShimSet();
  for (let i = 0; i < names.length; i++) shimApply(shimSetAdd, set, [names[i]]);
  return set;
}

// A preload that came as data (one that does not parse, so it cannot be written out after the
// bundle) is compiled here, where its syntax error is reported rather than fatal to the shim.
// Code made by `new Function` has no place in WebKit's stacks, so its frames give no initiator.
if (shimConfig.preload && typeof shimConfig.preload.source === 'string') {
  let fn = null;
  try {
    const body = shimConfig.preload.source + '\n//# sourceURL=' + shimConfig.preload.path;
    fn = new ShimFunction('require', 'module', 'exports', '__dirname', '__filename', 'process', 'Buffer', 'global', body);
  } catch (err) {
    shimPreloadFailed(err);
  }
  if (fn) shimRunPreloadWhenJoined(fn);
}

/**
 * Runs the preload now, or, with context isolation and the page's world not there yet, when
 * it joins (its init script's first act): either way before any page script, and always with
 * the page's world there to expose to.
 */
function shimRunPreloadWhenJoined(fn) {
  if (!shimConfig.isolated || shimPageJoined) shimRunPreload(fn);
  else shimPreloadWaiting = fn;
}

// An inlined preload is the function written out after the bundle, outside its closure, which
// the init script passes to this.
return shimRunPreloadWhenJoined;
