// The contextBridge between two JavaScript worlds of one page (the preload's isolated world and
// the page's own), run in each of them: included in both init scripts (src/scripts.rs), inside
// their closures, after the value codec. The worlds share only the DOM: each side holds the same
// private element, taken out of the document before any page script runs, and calls the other
// by dispatching an event on it; the other side's listener runs synchronously and answers with
// an event of its own. A string crosses worlds as it is in an event's `detail`, so requests and
// answers are text: plain JSON with tags, leaves in the value encoding, long strings on events
// of their own. DOM nodes cross as themselves (each as the `relatedTarget` of an event, which
// WebKit hands to the other world as that world's wrapper), platform objects (Blobs ...) as a
// CustomEvent's `detail`, which WebKit clones into the other world.
// Values are copied by Electron's rules (shell/renderer/api/electron_api_context_bridge.cc):
// functions and promises proxied, errors copied as Error with their message, symbols kept as
// the same symbol on the way back, a function sent back to its own side is itself again.

// IPCSCOPE_TRACE (src/core/stages.rs): the page's side stamps each call it makes with when it
// made it and when the latest promise it waited on settled (the page resumed); the preload's
// side keeps them for the shim, which sends them with the frame the call posts.
const ipcscopeTraceOn = window.__ipcscopeTrace === true;
const ipcscopeTracePerformance = ipcscopeTraceOn ? performance : null;
const ipcscopeTraceNowOf = ipcscopeTraceOn ? Performance.prototype.now : null;
let ipcscopeTraceIn = null;
let ipcscopeTraceResumed;

/** The page's clock in ms since the epoch, finer than Date.now(). */
function ipcscopeTraceNow() {
  return ipcscopeTracePerformance.timeOrigin + Reflect.apply(ipcscopeTraceNowOf, ipcscopeTracePerformance, []);
}

/** The page's stamps of the call being answered on this side, once. */
function ipcscopeTraceTake() {
  const stamps = ipcscopeTraceIn;
  ipcscopeTraceIn = null;
  return stamps;
}

/**
 * Joins this world to the other over `element`. `side` names this world ('isolated' or 'page');
 * `handlers` are the functions the other side may call by name (`request`), with copied
 * arguments; `onRefused(message)`, when given, hears of each call whose arguments could not
 * be copied (the caller gets Electron's error as well).
 * Everything the page could later replace is captured when this runs, before any page script.
 */
function ipcscopeBridge(side, element, handlers, onRefused) {
  const other = side === 'isolated' ? 'page' : 'isolated';
  const CALL_IN = 'ipcscope-call-' + side;
  const CALL_OUT = 'ipcscope-call-' + other;
  const NODE_IN = 'ipcscope-node-' + side;
  const NODE_OUT = 'ipcscope-node-' + other;
  const OBJECTS_IN = 'ipcscope-objects-' + side;
  const OBJECTS_OUT = 'ipcscope-objects-' + other;
  const ANSWER_IN = 'ipcscope-answer-' + side;
  const ANSWER_OUT = 'ipcscope-answer-' + other;
  const STRING_IN = 'ipcscope-string-' + side;
  const STRING_OUT = 'ipcscope-string-' + other;
  // Strings longer than this ride on an event of their own, never copied into the message text.
  const BIG_STRING = 1024;
  const MAX_DEPTH = 1000;
  // A call whose answer is one of these (see the CALL_IN listener) is answered by cancelling
  // its event; the caller's exchange then reads CANCELLED, which stands for either.
  const SETTLED = { ok: true };
  const RETURNED_NOTHING = { ok: true, v: { t: 'u' } };
  const CANCELLED = '(the call returned nothing)';
  const DEPTH_ERROR = 'Electron contextBridge recursion depth exceeded.  Nested objects deeper than 1000 are not supported.';

  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const apply = Reflect.apply;
  const BridgeError = Error;
  const BridgePromise = Promise;
  const BridgeMap = Map;
  const BridgeWeakMap = WeakMap;
  const BridgeSymbol = Symbol;
  const BridgeMouseEvent = MouseEvent;
  const BridgeCustomEvent = CustomEvent;
  const defineProperty = Object.defineProperty;
  const getPrototypeOf = Object.getPrototypeOf;
  const setPrototypeOf = Object.setPrototypeOf;
  const keysOf = Object.keys;
  const symbolsOf = Object.getOwnPropertySymbols;
  const hasOwn = Object.prototype.hasOwnProperty;
  const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;
  const objectToString = Object.prototype.toString;
  const isArray = Array.isArray;
  const has = Reflect.has;
  const objectPrototype = Object.prototype;
  const arrayPrototype = Array.prototype;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapDelete = Map.prototype.delete;
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  const promiseThen = Promise.prototype.then;
  const symbolDescription = Object.getOwnPropertyDescriptor(Symbol.prototype, 'description').get;
  const nodeType = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeType').get;
  const customDetail = Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail').get;
  const relatedTarget = Object.getOwnPropertyDescriptor(MouseEvent.prototype, 'relatedTarget').get;
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const preventDefault = Event.prototype.preventDefault;
  const addEventListener = EventTarget.prototype.addEventListener;
  const encode = encodeValue;
  const decode = decodeValue;

  // What this side lent the other (functions and symbols), by number, and the other
  // side's, as this side holds them. A thing lent twice keeps its number; one that comes back
  // is the original again.
  let nextId = 0;
  const lent = new BridgeMap();
  const lentIds = new BridgeWeakMap();
  const lentSymbolIds = new BridgeMap();
  const borrowed = new BridgeMap();
  const borrowedIds = new BridgeWeakMap();
  const borrowedSymbolIds = new BridgeMap();
  const waiting = new BridgeMap();
  // What came beside the message being read: nodes and platform objects (see sendExtras).
  let arrived = { nodes: [], objects: [], strings: [] };
  // The other side's answer to this side's latest call, as it arrived (see exchange).
  let lastAnswer;

  function lend(thing) {
    const known = typeof thing === 'symbol' ? apply(mapGet, lentSymbolIds, [thing]) : apply(weakGet, lentIds, [thing]);
    if (known !== undefined) return known;
    const id = ++nextId;
    apply(mapSet, lent, [id, thing]);
    if (typeof thing === 'symbol') apply(mapSet, lentSymbolIds, [thing, id]);
    else apply(weakSet, lentIds, [thing, id]);
    return id;
  }

  function isNode(value) {
    try {
      apply(nodeType, value, []);
      return true;
    } catch (_) {
      return false;
    }
  }

  /**
   * A message as JSON. JSON.stringify calls any `toJSON` it finds, and a script may have put
   * one on Object.prototype or Array.prototype (the only prototypes a message's objects and
   * arrays have), or given Array.prototype another prototype (a Proxy's trap could answer the
   * lookup): then they lose their prototypes first. Otherwise that costs for nothing
   * (setPrototypeOf is slow in JSC), on every call.
   */
  function toText(message) {
    const plain = getPrototypeOf(arrayPrototype) === objectPrototype &&
      !has(objectPrototype, 'toJSON') && !has(arrayPrototype, 'toJSON');
    if (!plain) bareDeep(message);
    return stringify(message);
  }

  function bareDeep(value) {
    if (value === null || typeof value !== 'object') return;
    if (getPrototypeOf(value) !== null) setPrototypeOf(value, null);
    const keys = keysOf(value);
    for (let i = 0; i < keys.length; i++) bareDeep(value[keys[i]]);
  }

  /** The text a thrown value gives its copy on the other side. */
  function messageOf(err) {
    try {
      if (err !== null && typeof err === 'object' && 'message' in err) return String(err.message);
      return String(err);
    } catch (_) {
      return 'An object could not be cloned.';
    }
  }

  /** A value as it crosses: JSON with `t`-tagged objects; `state` keeps refs, nodes and platform objects. */
  function pack(value, depth, state) {
    if (depth >= MAX_DEPTH) throw new BridgeError(DEPTH_ERROR);
    const type = typeof value;
    if (type === 'string') {
      if (value.length <= BIG_STRING) return value;
      state.strings[state.strings.length] = value;
      return { t: 'S', i: state.strings.length - 1 };
    }
    if (value === null || type === 'boolean') return value;
    if (type === 'number') return value === value && value !== Infinity && value !== -Infinity && !(value === 0 && 1 / value < 0) ? value : { t: 'c', v: encode(value, 'value') };
    if (type === 'undefined') return { t: 'u' };
    if (type === 'bigint') return { t: 'c', v: encode(value, 'value') };
    if (type === 'symbol') {
      const back = apply(mapGet, borrowedSymbolIds, [value]);
      if (back !== undefined) return { t: 'y', id: back, own: 1 };
      let description;
      try {
        description = apply(symbolDescription, value, []);
      } catch (_) {
        description = undefined;
      }
      return { t: 'y', id: lend(value), own: 0, d: description === undefined ? null : description };
    }
    const seen = apply(mapGet, state.refs, [value]);
    if (seen !== undefined) return { t: 'r', r: seen };
    if (type === 'function') {
      const back = apply(weakGet, borrowedIds, [value]);
      if (back !== undefined) return { t: 'f', id: back, own: 1 };
      return { t: 'f', id: lend(value), own: 0 };
    }
    if (isNode(value)) {
      state.nodes[state.nodes.length] = value;
      return { t: 'n', i: state.nodes.length - 1 };
    }
    const tag = apply(objectToString, value, []);
    if (tag === '[object Promise]') {
      // A number of its own for each crossing: each copy waits for its own settle.
      const id = ++nextId;
      apply(promiseThen, value, [
        (result) => settle(id, true, result),
        (reason) => settle(id, false, reason),
      ]);
      return { t: 'p', id };
    }
    if (tag === '[object Error]') return { t: 'e', m: messageOf(value) };
    const ref = state.next++;
    apply(mapSet, state.refs, [value, ref]);
    if (isArray(value)) {
      const items = [];
      for (let i = 0; i < value.length; i++) items[i] = pack(value[i], depth + 1, state);
      return { t: 'a', r: ref, e: items };
    }
    const proto = getPrototypeOf(value);
    if (tag === '[object Object]' || proto === null) {
      const fields = [];
      const keys = keysOf(value);
      for (let i = 0; i < keys.length; i++) fields[i] = [keys[i], pack(value[keys[i]], depth + 1, state)];
      const symbols = symbolsOf(value);
      const symbolFields = [];
      for (let i = 0; i < symbols.length; i++) {
        if (apply(propertyIsEnumerable, value, [symbols[i]])) {
          symbolFields[symbolFields.length] = [pack(symbols[i], depth + 1, state), pack(value[symbols[i]], depth + 1, state)];
        }
      }
      return { t: 'o', r: ref, k: fields, s: symbolFields };
    }
    // Dates, Maps, typed arrays, RegExps ...: by structured clone, as Electron's serializer.
    let encoded;
    try {
      encoded = encode(value, 'value');
    } catch (_) {
      // A platform object (a Blob, a VideoFrame ...): WebKit clones it into the other world.
      state.objects[state.objects.length] = value;
      return { t: 's', i: state.objects.length - 1 };
    }
    return { t: 'c', v: encoded };
  }

  function unpack(packed, state) {
    if (packed === null || typeof packed !== 'object') return packed;
    switch (packed.t) {
      case 'u':
        return undefined;
      case 'c':
        return decode(packed.v);
      case 'r':
        return state.refs[packed.r];
      case 'n':
        return state.nodes[packed.i];
      case 'S':
        return state.strings[packed.i];
      case 'e': {
        // A copy made here, as Electron's bridge makes one: the frames it would list are the
        // bridge's own, never the code that threw.
        const error = new BridgeError(packed.m);
        defineProperty(error, 'stack', { value: '', writable: true, configurable: true });
        return error;
      }
      case 'y':
        if (packed.own) return apply(mapGet, lent, [packed.id]);
        return borrowedSymbol(packed.id, packed.d);
      case 'f':
        if (packed.own) return apply(mapGet, lent, [packed.id]);
        return borrowedFunction(packed.id);
      case 's': {
        // Cloned by WebKit on the way (see sendExtras); null when it could not be.
        const object = state.objects === null ? undefined : state.objects[packed.i];
        if (object === undefined) throw new BridgeError('An object could not be cloned.');
        return object;
      }
      case 'p':
        return new BridgePromise((resolve, reject) => {
          apply(mapSet, waiting, [packed.id, { resolve, reject }]);
        });
      case 'a': {
        const out = [];
        state.refs[packed.r] = out;
        for (let i = 0; i < packed.e.length; i++) out[i] = unpack(packed.e[i], state);
        return out;
      }
      case 'o': {
        const out = {};
        state.refs[packed.r] = out;
        for (let i = 0; i < packed.k.length; i++) {
          defineProperty(out, packed.k[i][0], { value: unpack(packed.k[i][1], state), writable: true, enumerable: true, configurable: true });
        }
        for (let i = 0; i < packed.s.length; i++) {
          defineProperty(out, unpack(packed.s[i][0], state), { value: unpack(packed.s[i][1], state), writable: true, enumerable: true, configurable: true });
        }
        return out;
      }
      default:
        return undefined;
    }
  }

  function borrowedSymbol(id, description) {
    let symbol = apply(mapGet, borrowed, [id]);
    if (symbol === undefined) {
      symbol = description === null ? BridgeSymbol() : BridgeSymbol(description);
      apply(mapSet, borrowed, [id, symbol]);
      apply(mapSet, borrowedSymbolIds, [symbol, id]);
    }
    return symbol;
  }

  function borrowedFunction(id) {
    let proxy = apply(mapGet, borrowed, [id]);
    if (proxy === undefined) {
      proxy = function (...args) {
        return call('call', { id }, args);
      };
      apply(mapSet, borrowed, [id, proxy]);
      apply(weakSet, borrowedIds, [proxy, id]);
    }
    return proxy;
  }

  /** Packs `values` (an array) for the other side; throws this world's Error when it cannot. */
  function packAll(values) {
    const state = { refs: new BridgeMap(), next: 0, nodes: [], objects: [], strings: [] };
    const out = [];
    for (let i = 0; i < values.length; i++) out[i] = pack(values[i], 0, state);
    return { packed: out, extras: { nodes: state.nodes, objects: state.objects, strings: state.strings } };
  }

  function unpackAll(packed, extras) {
    const state = { refs: [], nodes: extras.nodes, objects: extras.objects, strings: extras.strings };
    const out = [];
    for (let i = 0; i < packed.length; i++) out[i] = unpack(packed[i], state);
    return out;
  }

  /**
   * Sends what a message holds beside its text, before the message itself: each DOM node on an
   * event of its own (as `relatedTarget`, which the other world reads as its own wrapper of the
   * same node), the platform objects together as a CustomEvent's `detail` (which WebKit hands
   * to another world as a structured clone, so a Blob keeps its bytes without a copy), and each
   * long string as the `detail` of an event of its own (a string crosses as it is, uncopied).
   */
  function sendExtras(extras) {
    for (let i = 0; i < extras.strings.length; i++) {
      apply(dispatchEvent, element, [new BridgeCustomEvent(STRING_OUT, { detail: extras.strings[i] })]);
    }
    for (let i = 0; i < extras.nodes.length; i++) {
      apply(dispatchEvent, element, [new BridgeMouseEvent(NODE_OUT, { relatedTarget: extras.nodes[i] })]);
    }
    if (extras.objects.length > 0) {
      apply(dispatchEvent, element, [new BridgeCustomEvent(OBJECTS_OUT, { detail: extras.objects })]);
    }
  }

  function takeArrived() {
    const extras = arrived;
    arrived = { nodes: [], objects: [], strings: [] };
    return extras;
  }

  /**
   * Sends `request` to the other side, whose listener runs at once, and returns the text of its
   * answer (undefined if none came). Calls nested inside (a callback calling back) are answered
   * before this one, whose answer comes last.
   */
  function exchange(request, extras) {
    if (ipcscopeTraceOn && side === 'page' && request.op !== 'settle') {
      request.tr = { page: ipcscopeTraceNow(), resumed: ipcscopeTraceResumed };
    }
    sendExtras(extras);
    lastAnswer = undefined;
    const call = new BridgeCustomEvent(CALL_OUT, { detail: toText(request), cancelable: true });
    const answered = !apply(dispatchEvent, element, [call]);
    const text = lastAnswer;
    lastAnswer = undefined;
    return text === undefined && answered ? CANCELLED : text;
  }

  /**
   * Calls the other side's function `id` (or its handler `op`) with `args` copied over, and
   * returns its result copied back; its throw is rethrown as an Error of this world.
   */
  function call(op, request, args) {
    let send;
    try {
      send = prepare(op, request, args);
    } catch (err) {
      if (onRefused) onRefused(messageOf(err));
      throw err;
    }
    return send();
  }

  /**
   * Copies `args` for a call of `op` now (throwing this world's Error if they cannot cross) and
   * returns the function that makes the call, now or later.
   */
  function prepare(op, request, args) {
    const all = packAll(args);
    request.op = op;
    request.args = all.packed;
    return () => answerOf(exchange(request, all.extras));
  }

  function answerOf(text) {
    // The result's nodes and objects arrived just before the answer.
    const extras = takeArrived();
    if (text === CANCELLED) return undefined;
    if (typeof text !== 'string') throw new BridgeError('The other side of the contextBridge did not answer');
    const answer = parse(text);
    if (!answer.ok) throw new BridgeError(answer.m);
    return unpackAll([answer.v], extras)[0];
  }

  function settle(id, ok, value) {
    let packed;
    let extras = { nodes: [], objects: [] };
    try {
      const all = packAll([value]);
      packed = all.packed[0];
      extras = all.extras;
    } catch (err) {
      ok = false;
      packed = { t: 'e', m: messageOf(err) };
    }
    exchange({ op: 'settle', id, ok, v: packed }, extras);
  }

  // Answers the other side, and hears its answers.
  apply(addEventListener, element, [ANSWER_IN, (event) => {
    lastAnswer = apply(customDetail, event, []);
  }]);
  apply(addEventListener, element, [STRING_IN, (event) => {
    arrived.strings[arrived.strings.length] = apply(customDetail, event, []);
  }]);
  apply(addEventListener, element, [NODE_IN, (event) => {
    arrived.nodes[arrived.nodes.length] = apply(relatedTarget, event, []);
  }]);
  apply(addEventListener, element, [OBJECTS_IN, (event) => {
    arrived.objects = apply(customDetail, event, []);
  }]);
  apply(addEventListener, element, [CALL_IN, (event) => {
    const request = parse(apply(customDetail, event, []));
    const extras = takeArrived();
    let answer;
    if (request.op === 'settle') {
      const pending = apply(mapGet, waiting, [request.id]);
      apply(mapDelete, waiting, [request.id]);
      if (pending) {
        let value;
        let ok = request.ok;
        try {
          value = unpackAll([request.v], extras)[0];
        } catch (err) {
          // What it settled with could not cross: the promise rejects, as Electron's does.
          value = new BridgeError(messageOf(err));
          ok = false;
        }
        apply(ok ? pending.resolve : pending.reject, undefined, [value]);
        if (ipcscopeTraceOn) ipcscopeTraceResumed = ipcscopeTraceNow();
      }
      answer = SETTLED;
    } else {
      if (ipcscopeTraceOn) ipcscopeTraceIn = request.tr || null;
      answer = answerCall(request, extras);
      ipcscopeTraceIn = null;
    }
    // A settle's answer is never read, and most calls return nothing (an ipcRenderer.send):
    // cancelling the call's event says so without a second event between the worlds.
    if (answer === SETTLED || answer === RETURNED_NOTHING) apply(preventDefault, event, []);
    else apply(dispatchEvent, element, [new BridgeCustomEvent(ANSWER_OUT, { detail: toText(answer) })]);
  }]);

  function ownHandler(op) {
    return typeof op === 'string' && apply(hasOwn, handlers, [op]) ? handlers[op] : undefined;
  }

  function answerCall(request, extras) {
    try {
      const fn = request.op === 'call' ? apply(mapGet, lent, [request.id]) : apply(ownHandler, undefined, [request.op]);
      if (typeof fn !== 'function') throw new BridgeError('The function called through the contextBridge is gone');
      const result = apply(fn, undefined, unpackAll(request.args, extras));
      if (result === undefined) return RETURNED_NOTHING;
      const all = packAll([result]);
      // Sent now, before the answer: the caller keeps them until it reads the answer.
      sendExtras(all.extras);
      return { ok: true, v: all.packed[0] };
    } catch (err) {
      return { ok: false, m: messageOf(err) };
    }
  }

  return {
    /** Calls the other side's handler `op` with `args` copied; returns its result copied back. */
    request(op, fields, args) {
      return call(op, fields, args);
    },
  };
}
