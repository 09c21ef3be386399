// Conformance lab, preload side: checks the whole ipcRenderer API and the sandboxed require from
// inside the preload (where Electron gives them), and exposes the API the page checks
// contextBridge with. Findings go in `r`; the page's in `report(page)`.
const { contextBridge, ipcRenderer } = require('electron')

function sample() {
  const shared = { s: 1 }
  const cycle = { name: 'c' }
  cycle.self = cycle
  const sparse = [1, , 3]
  sparse.length = 5
  class Point {
    constructor() { this.x = 1 }
    get y() { return 2 }
  }
  return {
    undef: undefined,
    nan: NaN,
    inf: Infinity,
    ninf: -Infinity,
    negZero: -0,
    big: 12345678901234567890n,
    map: new Map([['k', 1], [2, 'v']]),
    set: new Set([1, 'a']),
    date: new Date(86400000),
    regexp: /a+b/gi,
    error: new RangeError('out of range'),
    u8: new Uint8Array([1, 2, 255]),
    f64: new Float64Array([1.5, -2]),
    buffer: new Uint8Array([9, 8, 7]).buffer,
    sparse,
    cycle,
    pair: [shared, shared],
    point: new Point(),
    text: '你好',
  }
}

function observe(v) {
  return {
    undef: 'undef' in v && v.undef === undefined,
    nan: Number.isNaN(v.nan),
    inf: v.inf === Infinity && v.ninf === -Infinity,
    negZero: Object.is(v.negZero, -0),
    big: typeof v.big + ' ' + String(v.big),
    map: v.map instanceof Map && JSON.stringify(Array.from(v.map)),
    set: v.set instanceof Set && JSON.stringify(Array.from(v.set)),
    date: v.date instanceof Date && v.date.toISOString(),
    regexp: v.regexp instanceof RegExp && String(v.regexp),
    error: v.error instanceof Error && v.error.name + ': ' + v.error.message,
    u8: v.u8 instanceof Uint8Array && Array.from(v.u8).join(','),
    f64: v.f64 instanceof Float64Array && Array.from(v.f64).join(','),
    buffer: v.buffer instanceof ArrayBuffer && Array.from(new Uint8Array(v.buffer)).join(','),
    sparse: v.sparse.length + ' ' + Object.keys(v.sparse).join(','),
    cycle: v.cycle.self === v.cycle,
    shared: v.pair[0] === v.pair[1] && v.pair[0].s === 1,
    point: Object.getPrototypeOf(v.point) === Object.prototype && JSON.stringify(v.point) + ' ' + ('y' in v.point),
    text: v.text,
  }
}

const r = {}
const err = (fn) => { try { fn(); return 'no error' } catch (e) { return e.name + ': ' + e.message } }
const rejection = (promise) => promise.then(() => 'resolved', (e) => e.message)

// ---- sandboxed require ----
r.require = {}
for (const name of ['electron', 'electron/common', 'electron/renderer', 'events', 'node:events', 'timers', 'node:timers', 'url', 'node:url']) {
  r.require[name] = typeof require(name)
}
r.requireRefused = ['fs', 'node:fs', 'child_process', 'electron/main', 'path'].map((name) => err(() => require(name)))

// ---- ipcRenderer listeners, checked through real pushes from main ----
async function listenerChecks() {
  const got = []
  const one = (event, ...args) => got.push(['one', event.sender === ipcRenderer, Array.isArray(event.ports) && event.ports.length, ...args])
  const two = (_event, x) => got.push(['two', x])
  const three = (_event, x) => got.push(['three', x])
  ipcRenderer.on('p', one)
  ipcRenderer.addListener('p', two)
  ipcRenderer.once('p', three)
  r.listenerCount3 = ipcRenderer.listenerCount('p')
  r.listenersAreOriginals = ipcRenderer.listeners('p').every((fn, i) => fn === [one, two, three][i])
  r.eventNames = ipcRenderer.eventNames().filter((n) => n === 'p')
  await ipcRenderer.invoke('push-to-me', 'p', 1, 'x')
  r.onceRemoved = ipcRenderer.listenerCount('p')
  ipcRenderer.off('p', one)
  ipcRenderer.removeListener('p', two)
  r.afterOff = ipcRenderer.listenerCount('p')
  await ipcRenderer.invoke('push-to-me', 'p', 2)
  ipcRenderer.on('q', one)
  ipcRenderer.on('q', two)
  ipcRenderer.removeAllListeners('q')
  r.removeAllOne = ipcRenderer.listenerCount('q')
  const meta = []
  const onNew = (name, fn) => meta.push('new:' + name + ':' + (fn === one))
  const onRemoved = (name, fn) => meta.push('removed:' + name + ':' + (fn === one))
  ipcRenderer.on('newListener', onNew)
  ipcRenderer.on('removeListener', onRemoved)
  ipcRenderer.on('meta', one)
  ipcRenderer.removeListener('meta', one)
  ipcRenderer.removeListener('newListener', onNew)
  ipcRenderer.removeListener('removeListener', onRemoved)
  r.metaEvents = meta
  ipcRenderer.on('q1', one)
  ipcRenderer.on('q2', one)
  ipcRenderer.removeAllListeners()
  r.removeAllNoArg = ipcRenderer.eventNames().length
  await ipcRenderer.invoke('push-to-me', 'q', 3)
  r.pushes = got
  r.returns = {
    send: ipcRenderer.send('returns-check') === undefined,
    invokeIsPromise: ipcRenderer.invoke('echo', 1) instanceof Promise,
    on: ipcRenderer.on('unused', one) === ipcRenderer,
  }
  ipcRenderer.removeAllListeners('unused')
  r.nonStringChannel = {
    send: err(() => ipcRenderer.send(1)).split(':')[0],
    sendSync: err(() => ipcRenderer.sendSync({})).split(':')[0],
    invoke: await ipcRenderer.invoke(null).then(() => 'resolved', (e) => e.name),
  }
  r.errorChannel = err(() => ipcRenderer.send('error', 'not an exception'))
}

async function mainChecks() {
  ipcRenderer.send('multi', 1)
  ipcRenderer.send('multi', 2)
  r.multiCalls = await ipcRenderer.invoke('multi-calls')
  r.multiAfterOff = await ipcRenderer.invoke('multi-off')
  ipcRenderer.send('multi', 3)
  r.multiCallsAfterOff = await ipcRenderer.invoke('multi-calls')
  ipcRenderer.send('removed-all')
  r.removedAllRan = await ipcRenderer.invoke('removed-all-ran')

  r.handleOnce = [await ipcRenderer.invoke('once'), await rejection(ipcRenderer.invoke('once'))]
  r.removedHandler = await rejection(ipcRenderer.invoke('removed'))
  r.noHandler = await rejection(ipcRenderer.invoke('get'))
  r.throws = await rejection(ipcRenderer.invoke('throws'))
  r.throwsExtra = await ipcRenderer.invoke('throws').catch((e) => [e instanceof Error, e.name, e.field === undefined])
  r.rejects = await rejection(ipcRenderer.invoke('rejects'))
  r.throwsString = await rejection(ipcRenderer.invoke('throws-string'))
  r.asyncHandler = await ipcRenderer.invoke('async', 21)
  r.unclonableResult = await rejection(ipcRenderer.invoke('unclonable-result'))

  ipcRenderer.send('event-fields')
  await ipcRenderer.invoke('event-fields')
  r.reply = await new Promise((resolve) => {
    ipcRenderer.once('pong', (event, n) => resolve([event.sender === ipcRenderer, n]))
    ipcRenderer.send('ping', 41)
  })
  r.sendSync = ipcRenderer.sendSync('sync', 1)
  const before = Date.now()
  r.sendSyncLate = ipcRenderer.sendSync('sync-late')
  // A real block: the answer came 300 ms later, yet sendSync returned it, not a Promise.
  r.sendSyncBlocked = Date.now() - before >= 250
}

async function cloneChecks() {
  r.cloneInvoke = await ipcRenderer.invoke('clone-in', sample())
  ipcRenderer.send('clone-in-send', sample())
  r.cloneSync = ipcRenderer.sendSync('clone-in-sync', sample())
  r.cloneResult = observe(await ipcRenderer.invoke('clone-out'))
  r.cloneSyncResult = observe(ipcRenderer.sendSync('clone-out-sync'))
  r.clonePush = await new Promise((resolve) => {
    ipcRenderer.once('clone-push', (_event, v) => resolve(observe(v)))
    ipcRenderer.invoke('clone-push')
  })
  const refused = {
    function: () => 1,
    promise: Promise.resolve(1),
    symbol: Symbol('s'),
    weakMap: new WeakMap(),
    weakSet: new WeakSet(),
    domNode: document.createElement('div'),
  }
  r.refusedSend = {}
  r.refusedInvoke = {}
  r.refusedSync = {}
  for (const [name, value] of Object.entries(refused)) {
    r.refusedSend[name] = err(() => ipcRenderer.send('refused-arrived', 'ok', { onDone: value }))
    r.refusedInvoke[name] = await ipcRenderer.invoke('echo', value).then(() => 'resolved', (e) => e.name + ': ' + e.message)
    r.refusedSync[name] = err(() => ipcRenderer.sendSync('sync', [value]))
  }
  r.pushUnclonable = await ipcRenderer.invoke('push-unclonable')
  const buffer = await ipcRenderer.invoke('buffer')
  r.buffer = [Object.getPrototypeOf(buffer) === Uint8Array.prototype, Array.from(buffer).join(',')]
  const customError = await ipcRenderer.invoke('custom-error-value')
  r.customErrorToPage = [customError instanceof Error, customError.name, customError.message]
  class ValidationError extends Error {
    constructor(message) { super(message); this.name = 'ValidationError' }
  }
  r.customErrorToMain = await ipcRenderer.invoke('describe-error', new ValidationError('to main'))
  r.typeErrorToMain = await ipcRenderer.invoke('describe-error', new TypeError('typed'))
}

// Built now: once the page has replaced Map and friends, the preload could not build it.
const tamperSample = sample()
const OriginalPromise = Promise
let tamperPushed = null
let forgedPushes = 0
let tamperInvoked = null

// ---- contextBridge ----
const original = { list: [1, 2], nested: { deep: { leaf: 'x' } } }
let preloadSaw = null
class Point { constructor() { this.x = 1 } get y() { return 2 } }
contextBridge.exposeInMainWorld('conformance', {
  data: original,
  point: new Point(),
  date: new Date(0),
  map: new Map([['k', 'v']]),
  bytes: new Uint8Array([1, 2, 3]),
  callMe: (x) => { preloadSaw = x; return x * 2 },
  preloadSaw: () => preloadSaw,
  callBack: (cb) => cb(5),
  later: () => new Promise((resolve) => setTimeout(() => resolve({ done: true }), 10)),
  fails: () => Promise.reject(new Error('boom')),
  throwsSync: () => { throw new Error('sync boom') },
  run: async () => {
    await listenerChecks()
    await mainChecks()
    await cloneChecks()
  },
  report: (page) => ipcRenderer.send('report', { preload: r, page }),
  // Used by the page after it has replaced built-ins.
  // What the preload's own code sees of the result: kept here, looked at after the restore.
  tamperInvoke: (v) => ipcRenderer.invoke('tamper-invoke', { page: v, sample: tamperSample }).then((result) => {
    tamperInvoked = result
    return 'invoked'
  }),
  tamperInvokeSeen: () => tamperInvoked,
  tamperSend: (v) => ipcRenderer.send('tamper-send', v),
  tamperSync: (v) => ipcRenderer.sendSync('tamper-sync', v),
  tamperPush: () => new OriginalPromise((resolve) => {
    ipcRenderer.once('tamper-push', (event, v, second) => {
      tamperPushed = { v, second, sender: event.sender === ipcRenderer }
      resolve('received')
    })
    ipcRenderer.invoke('tamper-push')
  }),
  // Called once the page has restored its built-ins, so `observe` can be trusted again.
  tamperPushSeen: () => tamperPushed && { seen: observe(tamperPushed.v), second: tamperPushed.second, sender: tamperPushed.sender },
  tamperListenerCount: () => ipcRenderer.listenerCount('tamper-push'),
  tamperReport: (t) => ipcRenderer.send('tamper-report', t),
  slowEcho: (v) => ipcRenderer.invoke('slow-echo', v),
  watchForged: () => ipcRenderer.on('forged', () => forgedPushes++),
  forgedPushes: () => forgedPushes,
  blockOnNobody: () => ipcRenderer.sendSync('nobody-answers'),
})
// The bridge copied `original`: this change must not show on the page's side.
original.list.push(3)

r.existing = err(() => contextBridge.exposeInMainWorld('conformance', {}))
r.existingBuiltin = err(() => contextBridge.exposeInMainWorld('alert', {}))
let deep = {}
for (let i = 0; i < 1100; i++) deep = { deep }
r.tooDeep = err(() => contextBridge.exposeInMainWorld('tooDeep', deep))
let ok = {}
for (let i = 0; i < 500; i++) ok = { ok }
r.deepButFine = err(() => contextBridge.exposeInMainWorld('deepButFine', ok))
contextBridge.exposeInMainWorld('ipcCopy', ipcRenderer)
contextBridge.exposeInMainWorld('shapeDemo', {
  version: 3,
  name: '演示',
  tags: ['a', 1],
  when: new Date(0),
  nothing: undefined,
  nan: NaN,
  nested: { ping() {}, deep: { fn: function named() {} } },
})
let tall = 'bottom'
for (let i = 0; i < 12; i++) tall = { down: tall }
contextBridge.exposeInMainWorld('shapeTall', tall)
contextBridge.exposeInMainWorld('shapeBig', {
  bytes: new Uint8Array(5000),
  text: 'x'.repeat(5000),
  many: Array.from({ length: 600 }, (_, i) => i),
})
