// The main process as main.js sees it: require('electron') (app, BrowserWindow, ipcMain,
// webContents), fs confined to the lab, path, events, timers, console, process.
// Runs in the main process only, in main.js's engine (QuickJS), last in the main-process bundle
// (src/scripts.rs), after the value codec and Node's util, events, path and Buffer.
// Evaluated inside a function whose parameters are `native` (the one door to Rust: takes and
// returns JSON text), `compile` (source, filename) -> function, and `labDir`. It returns the
// core object Rust drives: { runMain, deliver, runTimers }.

const nodeUtil = ipcscopeNodeUtil();
const util = nodeUtil.util;
const EventEmitter = ipcscopeNodeEvents(nodeUtil.internal);
const pathModule = ipcscopeNodePath(nodeUtil.internal);
const Buffer = ipcscopeNodeBuffer(nodeUtil.internal);
pathModule.__setCwd(labDir);

const jsonStringify = JSON.stringify;
const jsonParse = JSON.parse;
const NativeError = Error;

// ---- where the lab called from, and why ----------------------------------------------------
/**
 * The first frame of `stack` (QuickJS's text) that is not this bundle's or native code: the
 * lab's. The core reads it as the journal's `initiator`; undefined when there is none.
 */
function labFrame(stack) {
  if (typeof stack !== 'string') return undefined;
  const lines = stack.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line !== '' && line.indexOf('ipcscope:main_process.js:') < 0 && line.indexOf('(native)') < 0) return line;
  }
  return undefined;
}

/** Where the lab called the API that is running now. */
function callSite() {
  return labFrame(new NativeError().stack);
}

/** Where an Error a handler threw was made, if the lab made it. */
function errorSite(error) {
  try {
    return error instanceof NativeError ? labFrame(error.stack) : undefined;
  } catch (_) {
    return undefined;
  }
}

/**
 * The seq of the message main.js is handling, journaled as `cause` on what it sends meanwhile.
 * Set at each entry from Rust (a delivered send or invoke sets its seq; anything else clears
 * it) and left as it is while Rust then runs the promise jobs that entry queued, which are all
 * its own: so it follows `await` and `.then` chains a listener or handler started. Timers carry
 * the cause they were set under (runTimers).
 */
let currentCause = 0;

function causeField() {
  return currentCause === 0 ? undefined : currentCause;
}

/**
 * Strings at least this long cross between Rust and QuickJS as they are, beside the JSON of
 * what carries them: QuickJS's JSON.stringify takes milliseconds per MiB of string, and its
 * JSON.parse about a third of that.
 */
const LONG_STRING = 1 << 16;

/** Hands `request` to Rust; an invoke answered with a long string passes it beside the JSON. */
function sendRequest(request) {
  const long = request.result;
  if (request.op === 'invoke-result' && typeof long === 'string' && long.length >= LONG_STRING) {
    request.result = null;
    try {
      return native(jsonStringify(request), long);
    } catch (_) {
      // It could not cross as it is (a lone surrogate is no UTF-8): it goes in the JSON.
    } finally {
      request.result = long;
    }
  }
  return native(jsonStringify(request));
}

function call(request) {
  const reply = jsonParse(sendRequest(request));
  if (reply.error) throw makeNodeError(reply.error);
  return reply.value;
}

function makeNodeError(info) {
  // An argument error (a NUL byte in a path) is Node's TypeError [ERR_INVALID_ARG_VALUE].
  if (info.name === 'TypeError') return nodeUtil.internal.nodeError(TypeError, info.code, info.message);
  const err = new Error(info.message);
  for (const key of ['code', 'errno', 'syscall', 'path']) {
    if (info[key] !== undefined) err[key] = info[key];
  }
  return err;
}

/** A thrown value as Node prints it: an Error with its stack, anything else inspected. */
function describeError(err) {
  return util.inspect(err);
}

function reportUncaught(err) {
  call({ op: 'error', text: 'Uncaught ' + describeError(err) });
  emitUncaughtException(err);
}

/** Runs a callback from the event loop: an exception is journaled, not fatal, as in Electron. */
function guarded(fn, thisArg, args) {
  try {
    return fn.apply(thisArg, args || []);
  } catch (err) {
    reportUncaught(err);
  }
}

function encodeArgs(args) {
  const out = [];
  for (let i = 0; i < args.length; i++) out[i] = encodeValue(args[i], 'args[' + i + ']');
  return out;
}

function decodeArgs(encoded) {
  const out = [];
  for (let i = 0; i < encoded.length; i++) out[i] = decodeValue(encoded[i]);
  return out;
}

// ---- console -------------------------------------------------------------------------------
const counts = new Map();
const timersByLabel = new Map();
const consoleObject = {};
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  consoleObject[level] = function (...args) {
    call({ op: 'console', level, text: util.format(...args) });
  };
}
consoleObject.trace = function (...args) {
  const stack = (new Error().stack || '').split('\n').slice(1).join('\n');
  call({ op: 'console', level: 'trace', text: 'Trace: ' + util.format(...args) + '\n' + stack });
};
consoleObject.dir = (value) => consoleObject.log(util.inspect(value));
consoleObject.table = (value) => consoleObject.log(value);
consoleObject.assert = (ok, ...args) => {
  if (!ok) consoleObject.error('Assertion failed' + (args.length ? ': ' + util.format(...args) : ''));
};
consoleObject.count = (label = 'default') => {
  const n = (counts.get(label) || 0) + 1;
  counts.set(label, n);
  consoleObject.log(label + ': ' + n);
};
consoleObject.countReset = (label = 'default') => counts.delete(label);
consoleObject.time = (label = 'default') => timersByLabel.set(label, Date.now());
consoleObject.timeEnd = (label = 'default') => {
  const start = timersByLabel.get(label);
  if (start === undefined) return;
  timersByLabel.delete(label);
  consoleObject.log(label + ': ' + (Date.now() - start).toFixed(3) + 'ms');
};
consoleObject.timeLog = (label = 'default', ...rest) => {
  const start = timersByLabel.get(label);
  if (start !== undefined) consoleObject.log(label + ': ' + (Date.now() - start) + 'ms', ...rest);
};
consoleObject.group = consoleObject.log;
consoleObject.groupEnd = () => {};
globalThis.console = consoleObject;

// ---- timers --------------------------------------------------------------------------------
const timers = new Map();
let nextTimerId = 1;
/** runTimers' answer when due timers of another cause wait: call again after promise jobs. */
const TIMERS_AGAIN = -2;

class Timeout {
  constructor(id) { this._id = id; }
  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
  refresh() {
    const t = timers.get(this._id);
    if (t) t.due = Date.now() + t.delay;
    return this;
  }
  [Symbol.toPrimitive]() { return this._id; }
}

function addTimer(fn, delay, args, repeat) {
  if (typeof fn !== 'function') {
    const err = new TypeError('The "callback" argument must be of type function. Received ' + util.inspect(fn));
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  delay = Number(delay);
  if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
  const id = nextTimerId++;
  timers.set(id, { id, fn, args, delay, repeat, due: Date.now() + delay, cause: currentCause });
  return new Timeout(id);
}

function clearTimer(handle) {
  if (handle === undefined || handle === null) return;
  timers.delete(typeof handle === 'object' ? handle._id : Number(handle));
}

const timersModule = {
  setTimeout: (fn, delay, ...args) => addTimer(fn, delay, args, false),
  setInterval: (fn, delay, ...args) => addTimer(fn, delay, args, true),
  setImmediate: (fn, ...args) => addTimer(fn, 0, args, false),
  clearTimeout: clearTimer,
  clearInterval: clearTimer,
  clearImmediate: clearTimer,
};
Object.assign(globalThis, timersModule);
globalThis.queueMicrotask = (fn) => { Promise.resolve().then(() => guarded(fn)); };

/**
 * Runs due timers; returns ms until the next one, or -1 when none is left. A timer runs under
 * the cause it was set under; when a due timer has another cause than the ones just run, it
 * returns TIMERS_AGAIN so Rust runs their promise jobs (still under their cause) first.
 */
function runTimers() {
  const now = Date.now();
  const due = [];
  for (const t of timers.values()) if (t.due <= now) due.push(t);
  due.sort((a, b) => a.due - b.due || a.id - b.id);
  currentCause = 0;
  let ran = false;
  for (const t of due) {
    if (!timers.has(t.id)) continue; // cleared by an earlier callback
    if (ran && t.cause !== currentCause) return TIMERS_AGAIN;
    ran = true;
    currentCause = t.cause;
    if (t.repeat) t.due = now + t.delay;
    else timers.delete(t.id);
    guarded(t.fn, undefined, t.args);
  }
  let next = -1;
  for (const t of timers.values()) {
    const wait = Math.max(0, t.due - Date.now());
    if (next < 0 || wait < next) next = wait;
  }
  return next;
}

// ---- process -------------------------------------------------------------------------------
const processObject = new EventEmitter();
Object.assign(processObject, {
  type: 'browser',
  platform: 'linux',
  arch: 'x64',
  pid: call({ op: 'pid' }),
  argv: ['ipcscope', pathModule.join(labDir, 'main.js')],
  // As Electron's: Node's warnings name it in their hint.
  argv0: 'electron',
  env: {},
  versions: { node: '20.0.0', electron: '0.0.0-ipcscope', ipcscope: '0.1.0' },
  version: 'v20.0.0',
  cwd: () => labDir,
  nextTick: (fn, ...args) => { Promise.resolve().then(() => guarded(fn, undefined, args)); },
  exit: (code) => { app.exit(code); },
  hrtime: Object.assign(() => [0, 0], { bigint: () => BigInt(Date.now()) * 1000000n }),
  memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
  uptime: () => (Date.now() - startTime) / 1000,
});
const startTime = Date.now();
globalThis.process = processObject;

// ---- process: uncaught exceptions, unhandled rejections and warnings, as Node reports them ---
// Electron's main process runs Node with --unhandled-rejections=warn: a rejection nobody
// handles is emitted as 'unhandledRejection', or printed as Node's warning when nothing
// listens, and the app keeps running. The journal has an error entry for each either way.
let lastRejectionId = 0;
let warningHintShown = false;

/** Node's default 'warning' output (lib/internal/process/warning.js), on stderr. */
function printWarning(warning) {
  let text = `(node:${processObject.pid}) ` + (warning.code ? `[${warning.code}] ` : '') + `${warning.name}: ${warning.message}`;
  if (!warningHintShown) {
    text += '\n(Use `' + processObject.argv0 + ' --trace-warnings ...` to show where the warning was created)';
    warningHintShown = true;
  }
  call({ op: 'console', level: 'warn', text });
}

processObject.emitWarning = function emitWarning(warning, type, code) {
  if (typeof warning === 'string') {
    const message = warning;
    warning = new Error(message);
    warning.name = typeof type === 'string' ? type : (type && type.type) || 'Warning';
    if (typeof code === 'string') warning.code = code;
  }
  processObject.nextTick(() => {
    processObject.emit('warning', warning);
    printWarning(warning);
  });
};

/** Called by the runtime, after promise jobs ran, for each rejection still unhandled. */
function unhandledRejection(reason, promise) {
  const id = ++lastRejectionId;
  let heard = false;
  try {
    heard = processObject.emit('unhandledRejection', reason, promise);
  } catch (err) {
    reportUncaught(err);
    return;
  }
  if (heard) return;
  // Node 20's emitUnhandledRejectionWarning: the reason, then the explanation.
  let described;
  try {
    described = reason instanceof NativeError ? describeError(reason) : String(reason);
  } catch (_) {
    described = Object.prototype.toString.call(reason);
  }
  printWarning({ name: 'UnhandledPromiseRejectionWarning', message: described });
  printWarning({
    name: 'UnhandledPromiseRejectionWarning',
    message: 'Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, ' +
      'or by rejecting a promise which was not handled with .catch(). To terminate the node process on unhandled promise rejection, ' +
      'use the CLI flag `--unhandled-rejections=strict` (see https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). ' +
      `(rejection id: ${id})`,
  });
}

/** An exception nothing caught: to process 'uncaughtException' listeners, if there are any. */
function emitUncaughtException(err) {
  if (processObject.listenerCount('uncaughtException') === 0) return;
  try {
    processObject.emit('uncaughtException', err, 'uncaughtException');
  } catch (thrown) {
    call({ op: 'error', text: 'Uncaught ' + describeError(thrown) });
  }
}
globalThis.Buffer = Buffer;
globalThis.global = globalThis;

// ---- fs, confined to the lab folder by Rust ------------------------------------------------
function encodingOf(options) {
  if (typeof options === 'string') return options;
  if (options && typeof options.encoding === 'string') return options.encoding;
  return null;
}

function toBase64(data) {
  if (typeof data === 'string') return Buffer.from(data, 'utf8').toString('base64');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('base64');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  return Buffer.from(String(data), 'utf8').toString('base64');
}

function statResult(s) {
  return {
    size: s.size,
    mtimeMs: s.mtimeMs,
    mtime: new Date(s.mtimeMs),
    isFile: () => s.isFile,
    isDirectory: () => s.isDirectory,
    isSymbolicLink: () => false,
  };
}

const fsSync = {
  readFileSync(path, options) {
    const encoding = encodingOf(options);
    const base64 = call({ op: 'fs', fn: 'read', path: String(path) });
    const buffer = Buffer.from(base64, 'base64');
    return encoding ? buffer.toString(encoding) : buffer;
  },
  writeFileSync(path, data) {
    call({ op: 'fs', fn: 'write', path: String(path), base64: toBase64(data), append: false });
  },
  appendFileSync(path, data) {
    call({ op: 'fs', fn: 'write', path: String(path), base64: toBase64(data), append: true });
  },
  existsSync(path) {
    return call({ op: 'fs', fn: 'exists', path: String(path) });
  },
  readdirSync(path) {
    return call({ op: 'fs', fn: 'readdir', path: String(path) });
  },
  statSync(path) {
    return statResult(call({ op: 'fs', fn: 'stat', path: String(path) }));
  },
  mkdirSync(path, options) {
    call({ op: 'fs', fn: 'mkdir', path: String(path), recursive: !!(options && options.recursive) });
  },
  unlinkSync(path) {
    call({ op: 'fs', fn: 'unlink', path: String(path) });
  },
  rmSync(path, options) {
    call({ op: 'fs', fn: 'rm', path: String(path), recursive: !!(options && options.recursive), force: !!(options && options.force) });
  },
  accessSync(path) {
    if (!fsSync.existsSync(path)) call({ op: 'fs', fn: 'stat', path: String(path) });
  },
};
fsSync.lstatSync = fsSync.statSync;

function promisified(fn) {
  return (...args) => new Promise((resolve) => resolve(fn(...args)));
}

const fsPromises = {};
for (const name of ['readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'lstat', 'mkdir', 'unlink', 'rm', 'access']) {
  fsPromises[name] = promisified(fsSync[name + 'Sync']);
}

const fsModule = Object.assign({ promises: fsPromises, constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 } }, fsSync);
// Callback style: fs.readFile(path[, options], callback).
for (const name of ['readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'lstat', 'mkdir', 'unlink', 'rm', 'access']) {
  fsModule[name] = function (...args) {
    const callback = args.pop();
    if (typeof callback !== 'function') throw new TypeError('The "cb" argument must be of type function');
    let result, error = null;
    try { result = fsSync[name + 'Sync'](...args); } catch (err) { error = err; }
    timersModule.setImmediate(() => (error ? callback(error) : callback(null, result)));
  };
}
fsModule.exists = (path, callback) => timersModule.setImmediate(() => callback(fsSync.existsSync(path)));

// ---- electron: ipcMain ---------------------------------------------------------------------
// ipcscope learns of listener changes by counting each channel's listeners around every call
// that adds or removes some, not through 'newListener' / 'removeListener' listeners of its own:
// the lab sees only the listeners it added (and Electron's built-in 'error' one), and its
// removeAllListeners() cannot cut the journal off.
const META_EVENTS = new Set(['newListener', 'removeListener']);
const LISTENER_CHANGES = ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener', 'off', 'removeListener', 'removeAllListeners'];
const emitterEventNames = EventEmitter.prototype.eventNames;
const emitterListenerCount = EventEmitter.prototype.listenerCount;
/** IpcMains inside a listener change: a change nested in it (once -> on) is counted by the outer one. */
const changing = new Set();

class IpcMain extends EventEmitter {
  // `scope`: the webContents id of a webContents.ipc, which hears only that window.
  constructor(scope, frame) {
    super();
    this._invokeHandlers = new Map();
    /** channel -> where the lab registered its handler (a stack frame). */
    this._handlerSites = new Map();
    this._scope = scope;
    // True for a WebFrameMain's ipc (its window's main frame), asked before webContents.ipc.
    this._frame = frame === true;
  }

  handle(method, fn) {
    this._register(method, fn, 'handle');
  }

  // As lib/browser/ipc-main-impl.ts: the wrapper removes the handler before calling it.
  // Journaled as handleOnce, so the journal tells the two apart.
  handleOnce(method, fn) {
    this._register(method, (event, ...args) => {
      this.removeHandler(method);
      return fn(event, ...args);
    }, 'handleOnce');
  }

  _register(method, fn, opName) {
    if (this._invokeHandlers.has(method)) {
      throw new Error(`Attempted to register a second handler for '${method}'`);
    }
    if (typeof fn !== 'function') {
      throw new TypeError(`Expected handler to be a function, but found type '${typeof fn}'`);
    }
    const at = callSite();
    this._invokeHandlers.set(method, fn);
    this._handlerSites.set(method, at);
    reportListener(opName, method, false, this._scope, at, this._frame);
  }

  removeHandler(method) {
    this._handlerSites.delete(method);
    if (this._invokeHandlers.delete(method)) reportListener('removeHandler', method, false, this._scope, callSite(), this._frame);
  }
}

/** ipcMain's built-in 'error' listener (below): counted for sends, never journaled. */
const builtInErrorListener = () => {};

/** channel -> how many of the lab's listeners it has; Node's meta events are not IPC channels. */
function listenerCounts(emitter) {
  const counts = new Map();
  for (const channel of emitterEventNames.call(emitter)) {
    if (!META_EVENTS.has(channel)) counts.set(channel, emitterListenerCount.call(emitter, channel));
  }
  if (counts.has('error')) counts.set('error', counts.get('error') - builtInCount(emitter));
  return counts;
}

function builtInCount(emitter) {
  return emitterListenerCount.call(emitter, 'error', builtInErrorListener);
}

for (const name of LISTENER_CHANGES) {
  const method = EventEmitter.prototype[name];
  const reporting = function (...args) {
    if (changing.has(this)) return method.apply(this, args);
    const before = listenerCounts(this);
    const builtInBefore = builtInCount(this);
    changing.add(this);
    try {
      return method.apply(this, args);
    } finally {
      changing.delete(this);
      const after = listenerCounts(this);
      // Where the lab made the change, looked up only when there is one to report.
      let at = null;
      const site = () => (at === null ? (at = callSite()) : at);
      // removeAllListeners() takes the built-in one too, as in Electron.
      if (builtInCount(this) < builtInBefore) reportListener('off', 'error', true, this._scope);
      for (const [channel, count] of before) {
        for (let n = after.get(channel) || 0; n < count; n++) reportListener('off', channel, false, this._scope, site(), this._frame);
      }
      for (const [channel, count] of after) {
        for (let n = before.get(channel) || 0; n < count; n++) reportListener('on', channel, false, this._scope, site(), this._frame);
      }
    }
  };
  // Keeps EventEmitter's method name, for a lab that prints the method.
  Object.defineProperty(reporting, 'name', { value: method.name });
  Object.defineProperty(IpcMain.prototype, name, { value: reporting, writable: true, configurable: true, enumerable: false });
}

function reportListener(opName, channel, builtIn, scope, at, frame) {
  call({ op: 'listener', opName, channel: String(channel), builtIn: builtIn === true, scope: scope === undefined ? null : scope, at, frame: frame === true });
}

const ipcMain = new IpcMain();
// Electron gives ipcMain's 'error' channel a built-in no-op listener so a renderer sending on
// it does not throw (lib/browser/api/ipc-main.ts).
EventEmitter.prototype.on.call(ipcMain, 'error', builtInErrorListener);
reportListener('on', 'error', true, undefined);

// ---- electron: windows ---------------------------------------------------------------------
const windows = new Map(); // id -> BrowserWindow
let focusedId = null;

class WebContents extends EventEmitter {
  constructor(id, pid, owner) {
    super();
    this.id = id;
    this._pid = pid;
    this._owner = owner;
    this._url = '';
    this._destroyed = false;
    // Electron 17+: an IpcMain that hears only this window; it is asked before ipcMain.
    this.ipc = new IpcMain(id);
    this._loading = false;
    // The window's one frame (ipcscope has no child frames); its ipc is asked first.
    this.mainFrame = new WebFrameMain(this);
  }
  send(channel, ...args) {
    if (typeof channel !== 'string') throw new TypeError('Missing required channel argument');
    if (this._destroyed) throw new Error('Object has been destroyed');
    let encoded;
    try {
      encoded = encodeArgs(args);
    } catch (err) {
      // Electron does not throw to the caller here; it logs and drops the message.
      call({ op: 'error', text: 'Error sending from webFrameMain:  Error: Failed to serialize arguments' + (err.clonePath ? ' (' + err.clonePath + ')' : '') });
      return;
    }
    call({ op: 'push', wc: this.id, channel, args: encoded, at: callSite(), cause: causeField() });
  }
  getURL() { return this._url; }
  getTitle() { return this._owner ? this._owner._title : ''; }
  getProcessId() { return this._pid; }
  getOSProcessId() { return this._pid; }
  isDestroyed() { return this._destroyed; }
  isCrashed() { return this._crashed === true; }
  isLoading() { return this._loading; }
  isLoadingMainFrame() { return this._loading; }
  reload() {
    this._loading = true;
    call({ op: 'window-reload', wc: this.id });
  }
  /** Electron's: decides what a page's window.open (or target=_blank link) gets. */
  setWindowOpenHandler(handler) { this._windowOpenHandler = handler; }
  loadURL(url) { return this._owner.loadURL(url); }
  loadFile(file, options) { return this._owner.loadFile(file, options); }
  openDevTools() {}
  closeDevTools() {}
  toggleDevTools() {}
  isDevToolsOpened() { return false; }
  // As lib/browser/api/web-contents.ts: the code runs once the page has loaded, in its main
  // world; the promise settles with what the page's script came to (execute_javascript.js).
  async executeJavaScript(code, hasUserGesture) {
    await untilCanExecuteJavaScript(this);
    return new Promise((resolve, reject) => {
      const id = nextScriptId++;
      pendingScripts.set(id, { wc: this.id, resolve, reject });
      call({ op: 'window-eval', wc: this.id, js: String(code), id });
    });
  }
}

/** executeJavaScript requests waiting for their page's answer: id -> {wc, resolve, reject}. */
const pendingScripts = new Map();
let nextScriptId = 1;

function untilCanExecuteJavaScript(wc) {
  if (wc._url && !wc._loading) return Promise.resolve();
  return new Promise((resolve) => wc.once('did-stop-loading', resolve));
}

/** The page's answer to executeJavaScript request `e.id` (JSON text from the renderer). */
function executeJavaScriptResult(e) {
  const pending = pendingScripts.get(e.id);
  if (!pending || pending.wc !== e.wc) return;
  pendingScripts.delete(e.id);
  let outcome;
  try {
    outcome = jsonParse(e.outcome);
  } catch (_) {
    pending.reject(new Error('Script failed to execute, this normally means an error was thrown. Check the renderer console for the error.'));
    return;
  }
  try {
    if (outcome.ok) {
      pending.resolve(decodeValue(outcome.value));
    } else if (outcome.error && 'value' in outcome.error) {
      pending.reject(decodeValue(outcome.error.value));
    } else {
      // As Electron's errorUtils.deserialize: an Error with the page error's name, message and stack.
      const info = outcome.error || {};
      const error = new Error(String(info.message));
      error.name = String(info.name || 'Error');
      // The page's frames (WebKit writes `fn@url:line:column`) under Node's header line.
      const frames = String(info.stack || '').split('\n').filter((line) => line !== '');
      error.stack = [`${error.name}: ${error.message}`, ...frames.map((line) => '    at ' + line)].join('\n');
      pending.reject(error);
    }
  } catch (err) {
    pending.reject(err);
  }
}

/**
 * A window's page went away: its scripts still waiting will get no answer. Electron's promise
 * then stays pending (its reply channel is never answered), and so does this one.
 */
function forgetPendingScripts(wcId) {
  for (const [id, pending] of pendingScripts) {
    if (pending.wc === wcId) pendingScripts.delete(id);
  }
}

// ---- electron: WebFrameMain ----------------------------------------------------------------
// A window's main frame. ipcscope's pages have no child frames, so each window has exactly
// this one; it lives as long as its webContents, through navigations and reloads.
class WebFrameMain {
  constructor(wc) {
    this._wc = wc;
    // Asked before webContents.ipc and ipcMain (lib/browser/ipc-dispatch.ts).
    this.ipc = new IpcMain(wc.id, true);
  }
  get url() { return this._wc._url; }
  get origin() {
    const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)/i.exec(this._wc._url);
    if (!match) return 'null';
    return match[1].toLowerCase() === 'file:' ? 'file://' : match[1].toLowerCase() + '//' + match[2];
  }
  get top() { return this; }
  get parent() { return null; }
  get frames() { return []; }
  get framesInSubtree() { return [this]; }
  get frameTreeNodeId() { return this._wc.id; }
  get name() { return ''; }
  get processId() { return this._wc._pid; }
  get osProcessId() { return this._wc._pid; }
  get routingId() { return MAIN_FRAME_ROUTING_ID; }
  get frameToken() { return 'ipcscope-frame-' + this._wc.id; }
  get visibilityState() { return this._wc._owner && this._wc._owner.isVisible() ? 'visible' : 'hidden'; }
  get detached() { return this._wc._destroyed; }
  isDestroyed() { return this._wc._destroyed; }
  executeJavaScript(code, userGesture) { return this._wc.executeJavaScript(code, userGesture); }
  send(channel, ...args) { this._wc.send(channel, ...args); }
  reload() {
    if (this._wc._destroyed) return false;
    this._wc.reload();
    return true;
  }
}

/** The routing id of every window's main frame: the `frameId` of the events it sends. */
const MAIN_FRAME_ROUTING_ID = 1;

const webFrameMainModule = {
  fromId: (processId, routingId) => {
    if (routingId !== MAIN_FRAME_ROUTING_ID) return undefined;
    const wc = [...windows.values()].map((w) => w.webContents).find((c) => c._pid === processId);
    return wc ? wc.mainFrame : undefined;
  },
  fromFrameToken: (processId, frameToken) => {
    const wc = [...windows.values()].map((w) => w.webContents).find((c) => c._pid === processId);
    return wc && wc.mainFrame.frameToken === frameToken ? wc.mainFrame : null;
  },
};

class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    const prefs = options.webPreferences || {};
    const created = call({
      op: 'window-create',
      title: options.title === undefined ? '' : String(options.title),
      width: Number(options.width) || 800,
      height: Number(options.height) || 600,
      show: options.show !== false,
      preload: prefs.preload === undefined ? null : String(prefs.preload),
      context_isolation: prefs.contextIsolation !== false,
    });
    this.id = created.id;
    this._title = options.title === undefined ? '' : String(options.title);
    this._destroyed = false;
    this.webContents = new WebContents(created.id, created.pid, this);
    // What a window this one's page opens inherits (its preload, as in Electron).
    this.webContents._webPreferences = prefs;
    windows.set(this.id, this);
    if (options.show !== false) focusedId = this.id;
  }
  static getAllWindows() { return Array.from(windows.values()); }
  static getFocusedWindow() { return windows.get(focusedId) || null; }
  static fromId(id) { return windows.get(id) || null; }
  static fromWebContents(wc) { return wc && wc._owner && !wc._owner._destroyed ? wc._owner : null; }

  loadFile(file, options = {}) {
    this._checkAlive();
    const url = call({ op: 'window-load-file', wc: this.id, path: String(file), query: options.query || null, hash: options.hash || null, search: options.search || null });
    // Loading from now on, not from when the page reports it: executeJavaScript waits for it.
    this.webContents._loading = true;
    return this._waitForLoad(url);
  }
  loadURL(url) {
    this._checkAlive();
    call({ op: 'window-load-url', wc: this.id, url: String(url) });
    this.webContents._loading = true;
    return this._waitForLoad(String(url));
  }
  _waitForLoad() {
    return new Promise((resolve, reject) => {
      const wc = this.webContents;
      const done = () => { wc.removeListener('did-fail-load', failed); resolve(); };
      const failed = (_e, code, description, url) => {
        wc.removeListener('did-finish-load', done);
        reject(new Error(`${description} (${code}) loading '${url}'`));
      };
      wc.once('did-finish-load', done);
      wc.once('did-fail-load', failed);
    });
  }
  close() {
    if (this._destroyed) return;
    call({ op: 'window-close', wc: this.id });
  }
  destroy() { this.close(); }
  isDestroyed() { return this._destroyed; }
  getTitle() { return this._title; }
  setTitle(title) { this._title = String(title); }
  show() {}
  hide() {}
  focus() { focusedId = this.id; }
  isVisible() { return !this._destroyed; }
  setMenu() {}
  removeMenu() {}
  setMenuBarVisibility() {}
  _checkAlive() { if (this._destroyed) throw new TypeError('Object has been destroyed'); }
}

const webContentsModule = {
  getAllWebContents: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  getFocusedWebContents: () => { const w = BrowserWindow.getFocusedWindow(); return w ? w.webContents : null; },
  fromId: (id) => { const w = windows.get(id); return w ? w.webContents : undefined; },
};

// ---- electron: app -------------------------------------------------------------------------
class App extends EventEmitter {
  constructor() {
    super();
    this._ready = false;
    this._quitting = false;
    this._readyPromise = new Promise((resolve) => { this._resolveReady = resolve; });
  }
  whenReady() { return this._readyPromise; }
  isReady() { return this._ready; }
  quit() {
    if (this._quitting) return;
    const event = { preventDefault: () => { event.defaultPrevented = true; }, defaultPrevented: false };
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    // Electron closes every window first (each emits 'close', then 'closed'); a 'close'
    // listener that prevents it cancels the quit. 'window-all-closed' is not emitted.
    this._quitting = true;
    for (const win of [...windows.values()]) {
      const close = { preventDefault: () => { close.defaultPrevented = true; }, defaultPrevented: false };
      win.emit('close', close);
      if (close.defaultPrevented) {
        this._quitting = false;
        return;
      }
      closeForQuit(win);
    }
    this.emit('will-quit', event);
    call({ op: 'quit', code: 0 });
    this.emit('quit', event, 0);
  }
  exit(code = 0) {
    this._quitting = true;
    call({ op: 'quit', code: Number(code) || 0 });
  }
  getName() { return call({ op: 'lab-name' }); }
  getVersion() { return '0.0.0'; }
  getAppPath() { return labDir; }
  getPath() { return labDir; }
  getLocale() { return 'en-US'; }
  isPackaged = false;
  setName() {}
  setAppUserModelId() {}
  requestSingleInstanceLock() { return true; }
  disableHardwareAcceleration() {}
}
const app = new App();

// Parts of Electron outside IPC that lab code often touches in passing: present so such code
// runs, with no behaviour of their own.
const Menu = { setApplicationMenu() {}, buildFromTemplate: () => ({ popup() {}, items: [] }), getApplicationMenu: () => null };

const electron = {
  app,
  BrowserWindow,
  ipcMain,
  webContents: webContentsModule,
  webFrameMain: webFrameMainModule,
  Menu,
  shell: { openExternal: () => Promise.resolve(), openPath: () => Promise.resolve('') },
  nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' }),
};

// ---- require -------------------------------------------------------------------------------
const builtins = {
  electron,
  fs: fsModule,
  'fs/promises': fsPromises,
  path: pathModule,
  events: EventEmitter,
  timers: timersModule,
  util,
  buffer: { Buffer },
};

const moduleCache = new Map();

function notFound(name, parentFile) {
  const err = new Error(`Cannot find module '${name}'\nRequire stack:\n- ${parentFile}`);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = [parentFile];
  return err;
}

function makeRequire(parentFile) {
  const parentDir = pathModule.dirname(parentFile);
  function require(name) {
    name = String(name);
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (Object.prototype.hasOwnProperty.call(builtins, bare)) return builtins[bare];
    if (!(name.startsWith('./') || name.startsWith('../') || name.startsWith('/') || name === '.' || name === '..')) {
      throw notFound(name, parentFile);
    }
    const base = pathModule.resolve(parentDir, name);
    for (const candidate of [base, base + '.js', base + '.json', pathModule.join(base, 'index.js')]) {
      if (moduleCache.has(candidate)) return moduleCache.get(candidate).exports;
      let isFile = false;
      try { isFile = call({ op: 'fs', fn: 'stat', path: candidate }).isFile; } catch (_) { isFile = false; }
      if (isFile) return loadModule(candidate);
    }
    throw notFound(name, parentFile);
  }
  require.cache = moduleCache;
  require.resolve = (name) => pathModule.resolve(parentDir, name);
  return require;
}

function loadModule(filename) {
  const module = { exports: {}, filename, id: filename, loaded: false, children: [] };
  moduleCache.set(filename, module);
  const source = fsSync.readFileSync(filename, 'utf8');
  try {
    if (filename.endsWith('.json')) {
      module.exports = jsonParse(source);
    } else {
      const fn = compile(source, filename);
      fn.call(module.exports, module.exports, makeRequire(filename), module, filename, pathModule.dirname(filename));
    }
  } catch (err) {
    moduleCache.delete(filename);
    throw err;
  }
  module.loaded = true;
  return module.exports;
}

// ---- events from Rust ----------------------------------------------------------------------
function ipcEvent(wc) {
  return {
    type: 'frame',
    processId: wc ? wc._pid : 0,
    frameId: MAIN_FRAME_ROUTING_ID,
    frameTreeNodeId: wc ? wc.mainFrame.frameTreeNodeId : 0,
    sender: wc,
    senderFrame: wc ? wc.mainFrame : null,
    ports: [],
  };
}

function senderOf(id) {
  const win = windows.get(id);
  return win ? win.webContents : null;
}

function deliverSend(e) {
  const wc = senderOf(e.wc);
  const event = ipcEvent(wc);
  event.reply = (channel, ...args) => {
    if (typeof channel !== 'string') throw new TypeError('Missing required channel argument');
    let encoded;
    try {
      encoded = encodeArgs(args);
    } catch (err) {
      call({ op: 'error', text: 'Error sending from webFrameMain:  Error: Failed to serialize arguments' + (err.clonePath ? ' (' + err.clonePath + ')' : '') });
      return;
    }
    call({ op: 'reply', wc: e.wc, channel, args: encoded, ref: e.seq, at: callSite(), cause: causeField() });
  };
  if (e.sync) {
    let answered = false;
    Object.defineProperty(event, 'returnValue', {
      enumerable: true,
      get: () => undefined,
      set: (value) => {
        if (answered) return;
        answered = true;
        let result;
        try {
          result = encodeValue(value, 'returnValue');
        } catch (err) {
          call({ op: 'error', text: 'Failed to serialize the returnValue of sendSync on \'' + e.channel + '\': ' + (err.clonePath || err.message) });
          result = { $type: 'undefined' };
        }
        call({ op: 'sync-result', ref: e.seq, result, at: callSite() });
      },
    });
  }
  const args = decodeArgs(e.args);
  // Each listener runs even if an earlier one throws: the throw is reported as uncaught.
  // rawListeners: once-wrappers remove themselves when called.
  // lib/browser/ipc-dispatch.ts: delivered to contents.on('ipc-message'), then the sender
  // frame's ipc, then contents.ipc, then ipcMain.
  if (wc) {
    const raw = e.sync ? 'ipc-message-sync' : 'ipc-message';
    for (const listener of wc.rawListeners(raw)) {
      guarded(() => listener.call(wc, event, e.channel, ...args));
    }
    for (const emitter of [wc.mainFrame.ipc, wc.ipc]) {
      for (const listener of emitter.rawListeners(e.channel)) {
        guarded(() => listener.call(emitter, event, ...args));
      }
    }
  }
  for (const listener of ipcMain.rawListeners(e.channel)) {
    guarded(() => listener.call(ipcMain, event, ...args));
  }
}

function deliverInvoke(e) {
  const wc = senderOf(e.wc);
  const event = ipcEvent(wc);
  // lib/browser/ipc-dispatch.ts: the first of the frame's ipc, webContents.ipc and ipcMain
  // with a handler for the channel answers.
  const targets = wc ? [wc.mainFrame.ipc, wc.ipc, ipcMain] : [ipcMain];
  const owner = targets.find((target) => target._invokeHandlers.has(e.channel)) || ipcMain;
  const handler = owner._invokeHandlers.get(e.channel);
  // The result's initiator: where the handler was registered (a return leaves no stack to
  // read), or where the Error it threw was made. Read now: handleOnce removes it.
  const site = owner._handlerSites.get(e.channel);
  // Every invoke gets exactly one answer, even when what was thrown cannot be described (a
  // Proxy whose traps throw, an Error whose message getter throws).
  const replyWithError = (error) => {
    // Already answered (main.js's time limit stopped the handler, which then rejected).
    if (!unanswered.has(e.seq)) return;
    let described;
    try {
      described = describeError(error);
    } catch (_) {
      described = 'a thrown value that cannot be described';
    }
    call({ op: 'error', text: `Error occurred in handler for '${e.channel}': ` + described });
    answerInvoke(e.seq, { ok: false, error: `Error invoking remote method '${e.channel}': ${safeString(error)}`, at: errorSite(error) || site });
  };
  unanswered.set(e.seq, { seq: e.seq, channel: e.channel, site });
  if (!handler) {
    replyWithError(new Error(`No handler registered for '${e.channel}'`));
    return;
  }
  let args;
  try {
    args = decodeArgs(e.args);
  } catch (err) {
    replyWithError(err);
    return;
  }
  Promise.resolve()
    .then(() => {
      runningInvoke = { seq: e.seq, channel: e.channel, site };
      try {
        return handler(event, ...args);
      } finally {
        runningInvoke = null;
      }
    })
    .then((value) => {
      let result;
      try {
        result = encodeValue(value, 'result');
      } catch (err) {
        replyWithError(err);
        return;
      }
      answerInvoke(e.seq, { ok: true, result, at: site });
    }, replyWithError);
}

/** Invokes whose handler has not answered yet, by seq: each gets exactly one answer. */
const unanswered = new Map();

function answerInvoke(seq, answer) {
  if (!unanswered.delete(seq)) return;
  call(Object.assign({ op: 'invoke-result', ref: seq }, answer));
}

/**
 * The invoke whose handler is running right now. main.js's time limit stops a handler with an
 * uncatchable interrupt (no `finally` runs), so this is still set afterwards and Rust calls
 * `afterInterrupt`: the invoke is answered with an error instead of staying pending for ever.
 * A handler stopped after an `await` runs in a promise job, under its invoke's cause.
 */
let runningInvoke = null;

function afterInterrupt(why) {
  const stopped = runningInvoke || unanswered.get(currentCause);
  runningInvoke = null;
  if (!stopped) return;
  answerInvoke(stopped.seq, { ok: false, error: `Error invoking remote method '${stopped.channel}': Error: ${why}`, at: stopped.site });
}

function safeString(value) {
  try {
    return String(value);
  } catch (_) {
    try {
      return Object.prototype.toString.call(value);
    } catch (_) {
      return 'a thrown value that cannot be printed';
    }
  }
}

/** Closes a window as app.quit() does: its renderer is told to close, 'closed' fires now. */
function closeForQuit(win) {
  call({ op: 'window-close', wc: win.id });
  win._destroyed = true;
  win.webContents._destroyed = true;
  windows.delete(win.id);
  if (focusedId === win.id) focusedId = null;
  win.emit('closed');
  win.webContents.emit('destroyed');
}

/**
 * A page wants to go to `e.url`: will-frame-navigate, then will-navigate (Electron's order; a
 * preventDefault in either stops the navigation and the events after it). The renderer holds
 * the navigation until it hears the answer, which it always gets, even if a listener throws.
 */
function willNavigate(wc, e) {
  const details = {
    url: e.url,
    isSameDocument: false,
    isMainFrame: true,
    frame: wc.mainFrame || null,
    initiator: wc.mainFrame || null,
    defaultPrevented: false,
    preventDefault() { details.defaultPrevented = true; },
  };
  try {
    wc.emit('will-frame-navigate', details);
    if (!details.defaultPrevented) wc.emit('will-navigate', details, e.url, false, true, wc._pid, 1);
  } finally {
    call({ op: 'window-navigate', wc: wc.id, id: e.id, url: e.url, go: !details.defaultPrevented });
  }
}

/**
 * A page asked for a window: the window open handler decides, as Electron's
 * `_callWindowOpenHandler` does (with its console errors for a response it cannot read), and an
 * allowed window is a new BrowserWindow with the opener's webPreferences (so its preload)
 * under the handler's overrides. Without a handler Electron allows it; ipcscope then still
 * refuses a web page of a site main.js never loaded.
 */
function openWindowFor(opener, e) {
  const details = {
    url: e.url,
    frameName: e.frameName,
    features: '',
    disposition: e.disposition,
    referrer: { url: opener._url, policy: 'strict-origin-when-cross-origin' },
    postBody: undefined,
  };
  const deny = (by) => call({ op: 'window-opened', wc: opener.id, url: e.url, by });
  let overrides = null;
  const handler = opener._windowOpenHandler;
  if (typeof handler === 'function') {
    let response;
    try {
      response = handler(details);
    } catch (err) {
      // As in Electron, the window is not made and the error is the lab's (journaled uncaught).
      deny('setWindowOpenHandler');
      throw err;
    }
    if (typeof response !== 'object') {
      console.error(`The window open handler response must be an object, but was instead of type '${typeof response}'.`);
      return deny('setWindowOpenHandler');
    }
    if (response === null) {
      console.error('The window open handler response must be an object, but was instead null.');
      return deny('setWindowOpenHandler');
    }
    if (response.action === 'deny') return deny('setWindowOpenHandler');
    if (response.action !== 'allow') {
      console.error("The window open handler response must be an object with an 'action' property of 'allow' or 'deny'.");
      return deny('setWindowOpenHandler');
    }
    if (response.overrideBrowserWindowOptions && typeof response.overrideBrowserWindowOptions === 'object') {
      overrides = response.overrideBrowserWindowOptions;
    }
  } else if (!e.withinBounds) {
    return deny('ipcscope');
  }
  const options = Object.assign({ show: true, width: 800, height: 600 }, overrides || {});
  options.webPreferences = Object.assign({}, opener._webPreferences, overrides && overrides.webPreferences);
  const child = new BrowserWindow(options);
  call({ op: 'window-opened', wc: opener.id, url: e.url, child: child.id });
  child.loadURL(e.url).catch(() => {});
  opener.emit('did-create-window', child, {
    url: e.url,
    frameName: e.frameName,
    options,
    disposition: e.disposition,
    referrer: details.referrer,
    postBody: undefined,
  });
}

function windowEvent(e) {
  const win = windows.get(e.wc);
  if (!win) return;
  const wc = win.webContents;
  switch (e.event) {
    case 'did-start-loading':
      wc._url = e.url || wc._url;
      wc._crashed = false;
      wc._loading = true;
      wc.emit('did-start-loading');
      break;
    case 'did-finish-load':
      wc._url = e.url || wc._url;
      wc._loading = false;
      wc.emit('dom-ready', {});
      wc.emit('did-finish-load', {});
      win.emit('ready-to-show', {});
      wc.emit('did-stop-loading');
      break;
    case 'did-navigate':
      wc._url = e.url;
      wc.emit('did-frame-navigate', {}, e.url, e.status, e.statusText, true, wc._pid, 1);
      wc.emit('did-navigate', {}, e.url, e.status, e.statusText);
      break;
    case 'did-navigate-in-page':
      wc._url = e.url;
      wc.emit('did-navigate-in-page', {}, e.url, true, wc._pid, 1);
      break;
    case 'will-navigate':
      willNavigate(wc, e);
      break;
    case 'window-open':
      openWindowFor(wc, e);
      break;
    case 'did-fail-load':
      wc._loading = false;
      // Electron's arguments: (event, errorCode, errorDescription, validatedURL, isMainFrame).
      wc.emit('did-fail-load', {}, e.code, e.description, e.url, true);
      wc.emit('did-stop-loading');
      break;
    case 'crashed':
      // The BrowserWindow and its webContents outlive the renderer (Electron shows a dead
      // page); webContents.reload() starts a new renderer.
      wc._crashed = true;
      forgetPendingScripts(e.wc);
      wc.emit('render-process-gone', {}, { reason: e.signal ? 'killed' : 'crashed', exitCode: e.code || 0 });
      break;
    case 'closed': {
      forgetPendingScripts(e.wc);
      win.emit('close', { preventDefault() {} });
      win._destroyed = true;
      wc._destroyed = true;
      windows.delete(e.wc);
      if (focusedId === e.wc) focusedId = null;
      win.emit('closed');
      wc.emit('destroyed');
      if (windows.size === 0 && !app._quitting) {
        if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
        else app.quit();
      }
      break;
    }
  }
}

function deliver(json, long, longAt) {
  const e = jsonParse(json);
  // A long argument came beside the JSON (see LONG_STRING).
  if (typeof long === 'string' && e.type === 'invoke') e.args[longAt] = long;
  currentCause = e.type === 'send' || e.type === 'invoke' ? e.seq : 0;
  try {
    switch (e.type) {
      case 'ready':
        app._ready = true;
        app.emit('will-finish-launching');
        app.emit('ready', {}, {});
        app._resolveReady();
        break;
      case 'send':
        deliverSend(e);
        break;
      case 'invoke':
        deliverInvoke(e);
        break;
      case 'window':
        windowEvent(e);
        break;
      case 'execute-javascript-result':
        executeJavaScriptResult(e);
        break;
      case 'quit':
        app.quit();
        break;
    }
  } catch (err) {
    reportUncaught(err);
  }
}

function runMain(source, filename) {
  currentCause = 0;
  const module = { exports: {}, filename, id: '.', loaded: false, children: [] };
  moduleCache.set(filename, module);
  try {
    const fn = compile(source, filename);
    fn.call(module.exports, module.exports, makeRequire(filename), module, filename, pathModule.dirname(filename));
  } catch (err) {
    reportUncaught(err);
  }
  module.loaded = true;
}

return { runMain, deliver, runTimers, afterInterrupt, unhandledRejection };
