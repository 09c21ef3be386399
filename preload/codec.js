// The value codec: structured clone <-> JSON (see DESIGN.md "Value encoding"). A plain script
// that runs in both processes: first in main.js's engine (QuickJS) and first in every page
// (WebKit, before page scripts), inside each bundle's function wrapper (src/scripts.rs). It
// declares encodeValue(value, path) and decodeValue(json); every other name starts with
// `codec`. Every built-in it uses is captured here, at load time, so page code that later
// replaces Object.keys, Map.prototype.forEach, Array.prototype methods or the global
// constructors cannot change an encoding. Neither direction recurses: both walk the value
// with an explicit stack, so only the 1000-level limit bounds nesting, never the JS stack.
//
// Format: JSON-safe values stay plain JSON; everything else is a `{"$type": ...}` tag:
//   undefined, Number (NaN, Infinity, -Infinity, -0), BigInt, Date, RegExp, Error, Map, Set,
//   Array (sparse, or with extra own properties), Object (a plain object with an own "$type"),
//   ArrayBuffer, DataView and the typed arrays (base64 of the view's bytes), Shared / Ref (an
//   object reached more than once: Shared at its first occurrence, Ref at the later ones).

const codecFnCall = Function.prototype.call;
const codecFnBind = Function.prototype.bind;
/** `codecUncurry(Map.prototype.get)(map, key)`: immune to a later `Function.prototype.call`. */
function codecUncurry(fn) {
  return codecFnBind.call(codecFnCall, fn);
}
function codecGetter(proto, name) {
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  return desc && typeof desc.get === 'function' ? codecUncurry(desc.get) : undefined;
}

const CodecError = Error;
const CodecMap = Map;
const CodecSet = Set;
const CodecDate = Date;
const CodecRegExp = RegExp;
const CodecArrayBuffer = ArrayBuffer;
const CodecDataView = DataView;
const CodecUint8Array = Uint8Array;
const CodecBigInt = typeof BigInt === 'function' ? BigInt : undefined;
const codecString = String;
const codecApply = Reflect.apply;
const codecKeys = Object.keys;
const codecDefine = Object.defineProperty;
const codecCreate = Object.create;
const codecGetProto = Object.getPrototypeOf;
const codecSetProto = Object.setPrototypeOf;
const codecGetOwnDesc = Object.getOwnPropertyDescriptor;
const codecIsArray = Array.isArray;
const codecIsSafeInteger = Number.isSafeInteger;
const codecStringify = JSON.stringify;
const codecFromCharCode = String.fromCharCode;
const codecTagSymbol = Symbol.toStringTag;
const codecRegExpProto = RegExp.prototype;
const codecObjectProto = Object.prototype;
const codecHasOwn = codecUncurry(Object.prototype.hasOwnProperty);
const codecToString = codecUncurry(Object.prototype.toString);
const codecJoin = codecUncurry(Array.prototype.join);
const codecCharCodeAt = codecUncurry(String.prototype.charCodeAt);
const codecSlice = codecUncurry(String.prototype.slice);
const codecMapGet = codecUncurry(Map.prototype.get);
const codecMapSet = codecUncurry(Map.prototype.set);
const codecMapHas = codecUncurry(Map.prototype.has);
const codecMapForEach = codecUncurry(Map.prototype.forEach);
const codecMapSize = codecGetter(Map.prototype, 'size');
const codecSetAdd = codecUncurry(Set.prototype.add);
const codecSetForEach = codecUncurry(Set.prototype.forEach);
const codecSetSize = codecGetter(Set.prototype, 'size');
const codecDateGetTime = codecUncurry(Date.prototype.getTime);
const codecDateToISO = codecUncurry(Date.prototype.toISOString);
const codecRegExpSource = codecGetter(RegExp.prototype, 'source');
const codecNumberValueOf = codecUncurry(Number.prototype.valueOf);
const codecStringValueOf = codecUncurry(String.prototype.valueOf);
const codecBooleanValueOf = codecUncurry(Boolean.prototype.valueOf);
const codecSymbolValueOf = codecUncurry(Symbol.prototype.valueOf);
const codecBigIntValueOf = CodecBigInt ? codecUncurry(CodecBigInt.prototype.valueOf) : undefined;
const codecBufferByteLength = codecGetter(ArrayBuffer.prototype, 'byteLength');
const codecViewBuffer = codecGetter(DataView.prototype, 'buffer');
const codecViewByteOffset = codecGetter(DataView.prototype, 'byteOffset');
const codecViewByteLength = codecGetter(DataView.prototype, 'byteLength');
const codecTypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
/** The typed array's [[TypedArrayName]], or undefined for anything that is not a typed array. */
const codecTypedArrayName = codecGetter(codecTypedArrayProto, Symbol.toStringTag);
const codecTypedBuffer = codecGetter(codecTypedArrayProto, 'buffer');
const codecTypedByteOffset = codecGetter(codecTypedArrayProto, 'byteOffset');
const codecTypedByteLength = codecGetter(codecTypedArrayProto, 'byteLength');

/** RegExp flags read one by one from their slots, in the order `flags` uses. */
const codecRegExpFlags = (function () {
  const all = [
    ['hasIndices', 'd'], ['global', 'g'], ['ignoreCase', 'i'], ['multiline', 'm'], ['dotAll', 's'],
    ['unicode', 'u'], ['unicodeSets', 'v'], ['sticky', 'y'],
  ];
  const out = codecSetProto([], null);
  let n = 0;
  for (let i = 0; i < all.length; i++) {
    const get = codecGetter(RegExp.prototype, all[i][0]);
    if (get) out[n++] = codecSetProto([get, all[i][1]], null);
  }
  return out;
})();

/** Typed array constructors by name (BigInt ones only where the engine has them). */
const codecTypedArrays = (function () {
  const out = codecCreate(null);
  const names = [
    'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  ];
  for (let i = 0; i < names.length; i++) {
    const ctor = globalThis[names[i]];
    if (typeof ctor === 'function') out[names[i]] = ctor;
  }
  return out;
})();

/** The error types structured clone keeps; any other name travels as "Error". */
const codecErrorTypes = (function () {
  const out = codecCreate(null);
  out.Error = Error;
  out.EvalError = EvalError;
  out.RangeError = RangeError;
  out.ReferenceError = ReferenceError;
  out.SyntaxError = SyntaxError;
  out.TypeError = TypeError;
  out.URIError = URIError;
  return out;
})();

const CODEC_MAX_DEPTH = 1000;
const CODEC_B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const codecB64Codes = codecSetProto([], null);
const codecB64Values = codecSetProto([], null);
for (let i = 0; i < 128; i++) codecB64Values[i] = -1;
for (let i = 0; i < 64; i++) {
  codecB64Codes[i] = codecCharCodeAt(CODEC_B64, i);
  codecB64Values[codecB64Codes[i]] = i;
}

// ---- small helpers -------------------------------------------------------------------------

// Internal state objects are literals that set every field they ever use: only own properties
// are read or written, so nothing on Object.prototype can interfere. Stacks and lists are
// arrays without a prototype.

/** An internal array: no prototype, so Array.prototype index setters cannot reach it. */
function codecList() {
  return codecSetProto([], null);
}

const codecPutDesc = { __proto__: null, value: undefined, writable: true, enumerable: true, configurable: true };

/**
 * Defines an own enumerable data property on a decoded object: works for "__proto__" and runs
 * no setter. (The encoder's outputs have no prototype, so plain assignment is safe there.)
 */
function codecPut(target, key, value) {
  codecPutDesc.value = value;
  codecDefine(target, key, codecPutDesc);
  codecPutDesc.value = undefined;
}

/** A fresh output object: no prototype, so an Object.prototype.toJSON cannot reach it. */
function codecTag(type) {
  const out = codecCreate(null);
  out.$type = type;
  return out;
}

function codecOwn(object, key) {
  return codecHasOwn(object, key) ? object[key] : undefined;
}

function codecPlainObject(value) {
  return value !== null && typeof value === 'object' && !codecIsArray(value);
}

/** True for a canonical array index ("0", "17"; not "01", "-1" or "4294967295"). */
function codecIsIndexKey(key) {
  const n = +key;
  return n >= 0 && n < 4294967295 && n === (n >>> 0) && codecString(n) === key;
}

function codecIsIdentifier(key) {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = codecCharCodeAt(key, i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

function codecNumberText(n) {
  if (n === 0 && 1 / n < 0) return '-0';
  return codecString(n);
}

// ---- base64 --------------------------------------------------------------------------------

function codecBase64Encode(bytes, n) {
  const parts = codecList();
  let nParts = 0;
  let codes = codecList();
  let k = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    codes[k++] = codecB64Codes[(x >> 18) & 63];
    codes[k++] = codecB64Codes[(x >> 12) & 63];
    codes[k++] = codecB64Codes[(x >> 6) & 63];
    codes[k++] = codecB64Codes[x & 63];
    if (k >= 8192) {
      parts[nParts++] = codecApply(codecFromCharCode, null, codes);
      codes = codecList();
      k = 0;
    }
  }
  if (n - i === 1) {
    const x = bytes[i] << 16;
    codes[k++] = codecB64Codes[(x >> 18) & 63];
    codes[k++] = codecB64Codes[(x >> 12) & 63];
    codes[k++] = 61;
    codes[k++] = 61;
  } else if (n - i === 2) {
    const x = (bytes[i] << 16) | (bytes[i + 1] << 8);
    codes[k++] = codecB64Codes[(x >> 18) & 63];
    codes[k++] = codecB64Codes[(x >> 12) & 63];
    codes[k++] = codecB64Codes[(x >> 6) & 63];
    codes[k++] = 61;
  }
  if (k > 0) parts[nParts++] = codecApply(codecFromCharCode, null, codes);
  return codecJoin(parts, '');
}

/** Strict standard base64 with padding; returns an ArrayBuffer. */
function codecBase64Decode(text, type) {
  const len = text.length;
  if (len % 4 !== 0) throw codecBad('bad base64 in ' + type);
  let pad = 0;
  if (len > 0 && codecCharCodeAt(text, len - 1) === 61) pad = codecCharCodeAt(text, len - 2) === 61 ? 2 : 1;
  const size = (len / 4) * 3 - pad;
  const buffer = new CodecArrayBuffer(size);
  const bytes = new CodecUint8Array(buffer);
  const table = codecB64Values;
  const full = pad === 0 ? len : len - 4; // quartets without padding
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const c0 = codecCharCodeAt(text, i);
    const c1 = codecCharCodeAt(text, i + 1);
    const c2 = codecCharCodeAt(text, i + 2);
    const c3 = codecCharCodeAt(text, i + 3);
    if ((c0 | c1 | c2 | c3) > 127) throw codecBad('bad base64 in ' + type);
    const a = table[c0];
    const b = table[c1];
    const c = table[c2];
    const d = table[c3];
    if ((a | b | c | d) < 0) throw codecBad('bad base64 in ' + type);
    const x = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o] = x >> 16;
    bytes[o + 1] = x >> 8;
    bytes[o + 2] = x;
    o += 3;
  }
  if (pad > 0) {
    // The last quartet: "xx==" holds one byte, "xxx=" two; the bits after them must be zero.
    const a = codecB64Value(text, len - 4);
    const b = codecB64Value(text, len - 3);
    const c = pad === 1 ? codecB64Value(text, len - 2) : 0;
    const x = (a << 18) | (b << 12) | (c << 6);
    if ((a | b | c) < 0 || (pad === 2 ? x & 0xffff : x & 0xff) !== 0) throw codecBad('bad base64 in ' + type);
    bytes[o] = x >> 16;
    if (pad === 1) bytes[o + 1] = x >> 8;
  }
  return buffer;
}

function codecB64Value(text, i) {
  const c = codecCharCodeAt(text, i);
  return c < 128 ? codecB64Values[c] : -1;
}

// ---- encoding ------------------------------------------------------------------------------

// How a value hangs off its container, for error paths ("kind", "key" and "extra" below).
const CODEC_ROOT = 0;
const CODEC_KEY = 1; // key: a property name
const CODEC_INDEX = 2; // key: an array index
const CODEC_MAP_KEY = 3; // key: the entry's position
const CODEC_MAP_VALUE = 4; // key: the entry's position, extra: the entry's key
const CODEC_SET_VALUE = 5; // key: the value's position

function codecSegment(kind, key, extra) {
  switch (kind) {
    case CODEC_ROOT:
      return '';
    case CODEC_KEY:
      return codecIsIdentifier(key) ? '.' + key : '[' + codecStringify(key) + ']';
    case CODEC_INDEX:
      return '[' + key + ']';
    case CODEC_MAP_KEY:
      return '<map key #' + key + '>';
    case CODEC_MAP_VALUE:
      return '<map value ' + codecDescribeKey(extra, key) + '>';
    default:
      return '<set value #' + key + '>';
  }
}

function codecDescribeKey(key, index) {
  switch (typeof key) {
    case 'string':
      return codecStringify(key);
    case 'number':
      return codecNumberText(key);
    case 'bigint':
      return codecString(key) + 'n';
    case 'boolean':
    case 'undefined':
      return codecString(key);
    default:
      return key === null ? 'null' : '#' + index;
  }
}

/**
 * The clone error for a child (kind, key, extra) of the innermost open container. The frames
 * on the stack are exactly the value's ancestors, so they spell its path.
 */
function codecCloneError(st, kind, key, extra, what) {
  let path = st.root;
  for (let i = 1; i < st.sp; i++) path += codecSegment(st.fPKind[i], st.fPKey[i], st.fPExtra[i]);
  path += codecSegment(kind, key, extra);
  const err = new CodecError('An object could not be cloned.');
  codecDefine(err, 'clonePath', {
    __proto__: null,
    value: path + ' is ' + what,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return err;
}

function codecArticle(name) {
  const c = name.length > 0 ? codecCharCodeAt(name, 0) : 0;
  const vowel = c === 65 || c === 69 || c === 73 || c === 79 || c === 85 || c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
  return (vowel ? 'an ' : 'a ') + name;
}

/** Encodes a primitive other than a symbol. */
function codecEncodePrimitive(value) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (value !== value) return codecNumberTag('NaN');
      if (value === Infinity) return codecNumberTag('Infinity');
      if (value === -Infinity) return codecNumberTag('-Infinity');
      if (value === 0 && 1 / value < 0) return codecNumberTag('-0');
      return value;
    case 'undefined':
      return codecTag('undefined');
    case 'bigint': {
      const out = codecTag('BigInt');
      out.value = codecString(value);
      return out;
    }
    default:
      return null;
  }
}

function codecNumberTag(text) {
  const out = codecTag('Number');
  out.value = text;
  return out;
}

/**
 * What an object is: "Array", "Object" (plain data), "Map", "Set", "Date", "RegExp", "Error",
 * "ArrayBuffer", "DataView", a typed array name, or "Boolean"/"Number"/"String"/"BigInt" for a
 * boxed primitive; for what structured clone refuses, "!" and what it is ("!a Promise").
 */
function codecKind(value) {
  if (codecIsArray(value)) return 'Array';
  const proto = codecGetProto(value);
  if (proto === codecObjectProto || proto === null) return 'Object'; // the common case, quickly
  const typed = codecTypedArrayName(value);
  if (typed !== undefined) return typed;
  const custom = value[codecTagSymbol];
  if (typeof custom !== 'string') {
    // No @@toStringTag: the tag comes from the object's internal slots and cannot lie.
    const tag = codecSlice(codecToString(value), 8, -1);
    switch (tag) {
      case 'Error':
      case 'Date':
      case 'RegExp':
      case 'Boolean':
      case 'Number':
      case 'String':
        return tag;
      default:
        return 'Object'; // Object, Arguments
    }
  }
  // A @@toStringTag: ask the object's slots, trying the kind it claims first.
  let brand = codecBrand(value, custom);
  for (let i = 0; brand === undefined && i < codecBrandNames.length; i++) {
    if (codecBrandNames[i] !== custom) brand = codecBrand(value, codecBrandNames[i]);
  }
  if (brand === 'Symbol') return '!a Symbol';
  if (brand !== undefined) return brand;
  if (codecIsBuiltinTag(value)) return '!' + codecArticle(custom);
  return 'Object'; // a class instance with its own toStringTag: plain data
}

const codecBrandNames = codecSetProto(
  ['Map', 'Set', 'Date', 'RegExp', 'ArrayBuffer', 'DataView', 'Boolean', 'Number', 'String', 'BigInt', 'Symbol'],
  null,
);

/** `name` if `value` really has that kind's internal slots, else undefined. */
function codecBrand(value, name) {
  try {
    switch (name) {
      case 'Map':
        codecMapSize(value);
        return name;
      case 'Set':
        codecSetSize(value);
        return name;
      case 'Date':
        codecDateGetTime(value);
        return name;
      case 'RegExp':
        if (value === codecRegExpProto) return undefined;
        codecRegExpSource(value);
        return name;
      case 'ArrayBuffer':
        codecBufferByteLength(value);
        return name;
      case 'DataView':
        codecViewByteLength(value);
        return name;
      case 'Boolean':
        codecBooleanValueOf(value);
        return name;
      case 'Number':
        codecNumberValueOf(value);
        return name;
      case 'String':
        codecStringValueOf(value);
        return name;
      case 'BigInt':
        if (!codecBigIntValueOf) return undefined;
        codecBigIntValueOf(value);
        return name;
      case 'Symbol':
        codecSymbolValueOf(value);
        return name;
      default:
        return undefined;
    }
  } catch (err) {
    return undefined;
  }
}

/**
 * Whether the object's @@toStringTag is a built-in's or a host's (Promise, WeakMap, a DOM
 * interface): those sit on a prototype as a read-only, non-enumerable, configurable data
 * property. A tag on the object itself, a getter or a plainly assigned one is user code.
 */
function codecIsBuiltinTag(value) {
  let depth = 0;
  for (let p = value; p !== null && depth < 10000; p = codecGetProto(p), depth++) {
    const desc = codecGetOwnDesc(p, codecTagSymbol);
    if (desc === undefined) continue;
    if (p === value || !codecHasOwn(desc, 'value')) return false;
    return !desc.writable && !desc.enumerable && desc.configurable;
  }
  return false;
}

/** Reads a view's bytes as a fresh Uint8Array over exactly byteOffset..byteOffset+byteLength. */
function codecBytesOf(buffer, offset, length) {
  if (length === 0) return ''; // also a detached buffer, which no view may be made over
  return codecBase64Encode(new CodecUint8Array(buffer, offset, length), length);
}

function codecPrimitiveOf(value, kind) {
  switch (kind) {
    case 'Boolean':
      return codecBooleanValueOf(value);
    case 'Number':
      return codecNumberValueOf(value);
    case 'String':
      return codecStringValueOf(value);
    default:
      return codecBigIntValueOf(value);
  }
}

// Container kinds on the encoder's stack.
const CODEC_DENSE = 0;
const CODEC_OBJECT = 1;
const CODEC_SPARSE = 2;
const CODEC_MAP = 3;
const CODEC_SET = 4;

/**
 * Builds the output for an object; for a container, also pushes the frame that walks its
 * children (filled in by the main loop). Leaf objects (Date, RegExp, Error, buffers) are
 * complete at once.
 */
function codecOpen(st, value, kind, pkind, pkey, pextra) {
  switch (kind) {
    case 'Array': {
      const keys = codecKeys(value);
      const length = value.length;
      const n = keys.length;
      if (n === length && (n === 0 || keys[n - 1] === codecString(n - 1))) {
        const out = codecList();
        codecPush(st, CODEC_DENSE, value, out, null, n, pkind, pkey, pextra);
        return out;
      }
      // Holes or extra own properties: [index, value] for elements, [key, value] for others.
      const out = codecTag('Array');
      out.length = length;
      out.entries = codecList();
      codecPush(st, CODEC_SPARSE, value, out.entries, keys, n, pkind, pkey, pextra);
      return out;
    }
    case 'Object': {
      const keys = codecKeys(value);
      const target = codecCreate(null);
      let out = target;
      if (codecHasOwn(value, '$type')) {
        out = codecTag('Object');
        out.value = target;
      }
      codecPush(st, CODEC_OBJECT, value, target, keys, keys.length, pkind, pkey, pextra);
      return out;
    }
    case 'Map': {
      // Snapshot the entries; the walk takes key 0, value 0, key 1, ... from them.
      const keys = codecList();
      const values = codecList();
      let n = 0;
      codecMapForEach(value, (v, k) => {
        keys[n] = k;
        values[n] = v;
        n++;
      });
      const out = codecTag('Map');
      out.entries = codecList();
      codecPush(st, CODEC_MAP, keys, out.entries, values, n * 2, pkind, pkey, pextra);
      return out;
    }
    case 'Set': {
      const values = codecList();
      let n = 0;
      codecSetForEach(value, (v) => {
        values[n++] = v;
      });
      const out = codecTag('Set');
      out.values = codecList();
      codecPush(st, CODEC_SET, values, out.values, null, n, pkind, pkey, pextra);
      return out;
    }
    case 'Date': {
      const time = codecDateGetTime(value);
      const out = codecTag('Date');
      out.value = time === time ? codecDateToISO(value) : null;
      return out;
    }
    case 'RegExp': {
      const out = codecTag('RegExp');
      out.source = codecRegExpSource(value);
      let flags = '';
      for (let i = 0; i < codecRegExpFlags.length; i++) {
        if (codecRegExpFlags[i][0](value)) flags += codecRegExpFlags[i][1];
      }
      out.flags = flags;
      return out;
    }
    case 'Error': {
      const name = value.name;
      const desc = codecGetOwnDesc(value, 'message');
      let message = '';
      if (desc !== undefined && codecHasOwn(desc, 'value')) {
        message = typeof desc.value === 'string' ? desc.value : codecString(desc.value);
      }
      const out = codecTag('Error');
      out.name = typeof name === 'string' && codecErrorTypes[name] !== undefined ? name : 'Error';
      out.message = message;
      return out;
    }
    case 'ArrayBuffer': {
      const out = codecTag('ArrayBuffer');
      out.base64 = codecBytesOf(value, 0, codecBufferByteLength(value));
      return out;
    }
    case 'DataView': {
      const out = codecTag('DataView');
      out.base64 = codecBytesOf(codecViewBuffer(value), codecViewByteOffset(value), codecViewByteLength(value));
      return out;
    }
    default: {
      // A typed array (a Node Buffer is a Uint8Array).
      const out = codecTag(kind);
      out.base64 = codecBytesOf(codecTypedBuffer(value), codecTypedByteOffset(value), codecTypedByteLength(value));
      return out;
    }
  }
}

/** Pushes a container frame; the stack lives in parallel arrays so a frame costs no allocation. */
function codecPush(st, kind, source, target, keys, n, pkind, pkey, pextra) {
  const sp = st.sp++;
  st.fKind[sp] = kind;
  st.fSource[sp] = source;
  st.fTarget[sp] = target;
  st.fKeys[sp] = keys;
  st.fN[sp] = n;
  st.fI[sp] = 0;
  st.fPair[sp] = null;
  st.fPKind[sp] = pkind;
  st.fPKey[sp] = pkey;
  st.fPExtra[sp] = pextra;
}

/**
 * encodeValue(value, path): the JSON-safe encoding of `value`. Throws Error("An object could
 * not be cloned.") with a `clonePath` such as `args[1].onDone is a Function` for what
 * structured clone refuses. `path` names the value in that message ("value" if omitted).
 */
function encodeValue(value, path) {
  // Most IPC arguments are primitives: encode them without setting up the walk.
  const type = typeof value;
  if (type !== 'object' && type !== 'function' && type !== 'symbol') return codecEncodePrimitive(value);
  if (value === null) return null;
  const st = {
    root: path === undefined ? 'value' : codecString(path),
    seen: new CodecMap(), // object -> record number
    recOut: codecList(),
    recCount: codecList(),
    nRecs: 0,
    // Every place that holds an object, filled in once reference counts are known.
    slotTarget: codecList(),
    slotKey: codecList(),
    slotRec: codecList(),
    slotFirst: codecList(),
    nSlots: 0,
    // The stack of open containers: the current value's ancestors, outermost first.
    fKind: codecList(),
    fSource: codecList(),
    fTarget: codecList(),
    fKeys: codecList(),
    fN: codecList(),
    fI: codecList(),
    fPair: codecList(),
    fPKind: codecList(),
    fPKey: codecList(),
    fPExtra: codecList(),
    sp: 0,
  };
  const holder = codecList();
  codecEncodeChild(st, value, holder, 0, CODEC_ROOT, undefined, undefined);
  const fKind = st.fKind;
  const fSource = st.fSource;
  const fTarget = st.fTarget;
  const fKeys = st.fKeys;
  const fN = st.fN;
  const fI = st.fI;
  while (st.sp > 0) {
    const top = st.sp - 1;
    const i = fI[top];
    if (i >= fN[top]) {
      st.sp = top;
      fSource[top] = fTarget[top] = fKeys[top] = st.fPair[top] = st.fPExtra[top] = undefined;
      continue;
    }
    fI[top] = i + 1;
    let v;
    let target = fTarget[top];
    let key = i;
    let pkind = CODEC_INDEX;
    let pkey = i;
    let pextra;
    switch (fKind[top]) {
      case CODEC_DENSE:
        v = fSource[top][i];
        break;
      case CODEC_OBJECT:
        key = pkey = fKeys[top][i];
        pkind = CODEC_KEY;
        v = fSource[top][key];
        break;
      case CODEC_SPARSE: {
        const name = fKeys[top][i];
        const pair = codecList();
        if (codecIsIndexKey(name)) {
          pkey = +name;
        } else {
          pkey = name;
          pkind = CODEC_KEY;
        }
        pair[0] = pkey;
        pair[1] = null;
        target[i] = pair;
        v = fSource[top][name];
        target = pair;
        key = 1;
        break;
      }
      case CODEC_MAP: {
        const e = i >> 1;
        pkey = e;
        if ((i & 1) === 0) {
          const pair = codecList();
          pair[0] = null;
          pair[1] = null;
          target[e] = pair;
          st.fPair[top] = pair;
          v = fSource[top][e];
          pkind = CODEC_MAP_KEY;
          key = 0;
        } else {
          v = fKeys[top][e];
          pkind = CODEC_MAP_VALUE;
          pextra = fSource[top][e];
          key = 1;
        }
        target = st.fPair[top];
        break;
      }
      default: // CODEC_SET
        v = fSource[top][i];
        pkind = CODEC_SET_VALUE;
        break;
    }
    // JSON-safe primitives, the bulk of most values, go straight in.
    const type = typeof v;
    if (type === 'string' || type === 'boolean' || v === null || (type === 'number' && v - v === 0 && (v !== 0 || 1 / v > 0))) {
      target[key] = v;
    } else {
      codecEncodeChild(st, v, target, key, pkind, pkey, pextra);
    }
  }
  // Objects reached more than once get ids in first-occurrence order (records are made in
  // document order); then each place holding an object gets its encoding, wrapped in Shared
  // at the first occurrence, or a Ref at the later ones.
  const recId = codecList();
  let nextId = 0;
  for (let r = 0; r < st.nRecs; r++) recId[r] = st.recCount[r] > 1 ? ++nextId : 0;
  for (let i = 0; i < st.nSlots; i++) {
    const r = st.slotRec[i];
    let encoded = st.recOut[r];
    if (recId[r] !== 0) {
      if (st.slotFirst[i]) {
        encoded = codecTag('Shared');
        encoded.id = recId[r];
        encoded.value = st.recOut[r];
      } else {
        encoded = codecTag('Ref');
        encoded.id = recId[r];
      }
    }
    st.slotTarget[i][st.slotKey[i]] = encoded;
  }
  return holder[0];
}

/**
 * Encodes one value into target[key] (every target is an output container without a
 * prototype, so plain assignment defines data). An object gets a placeholder, keeping key
 * order, and a slot resolved at the end; a new container is pushed so its children come next
 * (depth-first, in document order).
 */
function codecEncodeChild(st, value, target, key, pkind, pkey, pextra) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') throw codecCloneError(st, pkind, pkey, pextra, 'a Function');
    if (typeof value === 'symbol') throw codecCloneError(st, pkind, pkey, pextra, 'a Symbol');
    target[key] = codecEncodePrimitive(value);
    return;
  }
  const seen = codecMapGet(st.seen, value);
  if (seen !== undefined) {
    st.recCount[seen]++;
    target[key] = null;
    codecSlot(st, target, key, seen, false);
    return;
  }
  const kind = codecKind(value);
  if (kind === 'Boolean' || kind === 'Number' || kind === 'String' || kind === 'BigInt') {
    target[key] = codecEncodePrimitive(codecPrimitiveOf(value, kind));
    return;
  }
  if (codecCharCodeAt(kind, 0) === 33) throw codecCloneError(st, pkind, pkey, pextra, codecSlice(kind, 1));
  // The open containers are this value's ancestors: it sits at level sp + 1.
  if (st.sp + 1 > CODEC_MAX_DEPTH) {
    throw codecCloneError(st, pkind, pkey, pextra, 'nested deeper than ' + CODEC_MAX_DEPTH + ' levels');
  }
  const r = st.nRecs++;
  st.recOut[r] = null;
  st.recCount[r] = 1;
  codecMapSet(st.seen, value, r);
  target[key] = null;
  codecSlot(st, target, key, r, true);
  st.recOut[r] = codecOpen(st, value, kind, pkind, pkey, pextra);
}

function codecSlot(st, target, key, r, first) {
  const i = st.nSlots++;
  st.slotTarget[i] = target;
  st.slotKey[i] = key;
  st.slotRec[i] = r;
  st.slotFirst[i] = first;
}

// ---- decoding ------------------------------------------------------------------------------

/** Tags whose value is an object (what a Shared may wrap). */
const codecObjectTags = (function () {
  const out = codecCreate(null);
  const names = ['Array', 'Object', 'Map', 'Set', 'Date', 'RegExp', 'Error', 'ArrayBuffer', 'DataView'];
  for (let i = 0; i < names.length; i++) out[names[i]] = true;
  const typed = codecKeys(codecTypedArrays);
  for (let i = 0; i < typed.length; i++) out[typed[i]] = true;
  return out;
})();

function codecBad(text) {
  return new CodecError(text);
}

/**
 * decodeValue(json): the value an encoding stands for. Restores identity (Shared/Ref) and
 * cycles; throws an Error naming the problem for malformed input.
 */
function decodeValue(json) {
  const st = {
    ids: new CodecMap(), // Shared id -> object
    // The stack of containers being filled: the current node's ancestors, outermost first.
    fKind: codecList(),
    fSource: codecList(),
    fTarget: codecList(),
    fKeys: codecList(), // property names; for a sparse Array, its length
    fN: codecList(),
    fI: codecList(),
    fKey: codecList(), // a Map entry's decoded key while its value is decoded
    fHasKey: codecList(),
    sp: 0,
  };
  const result = codecDecodeNode(st, json);
  while (st.sp > 0) {
    const top = st.sp - 1;
    if (st.fI[top] >= st.fN[top]) {
      st.sp = top;
      st.fSource[top] = st.fTarget[top] = st.fKeys[top] = st.fKey[top] = undefined;
      continue;
    }
    codecDecodeStep(st, top);
  }
  return result;
}

function codecDecodePush(st, kind, source, target, keys, n) {
  const sp = st.sp++;
  st.fKind[sp] = kind;
  st.fSource[sp] = source;
  st.fTarget[sp] = target;
  st.fKeys[sp] = keys;
  st.fN[sp] = n;
  st.fI[sp] = 0;
  st.fKey[sp] = undefined;
  st.fHasKey[sp] = false;
}

function codecPair(entry, what) {
  if (!codecIsArray(entry) || entry.length !== 2 || !codecHasOwn(entry, 0) || !codecHasOwn(entry, 1)) {
    throw codecBad(what + ' entries must be [key, value] pairs');
  }
  return entry;
}

/** Decodes the next child of the container at `top` (a container child is pushed, to be filled next). */
function codecDecodeStep(st, top) {
  const i = st.fI[top];
  const source = st.fSource[top];
  const target = st.fTarget[top];
  switch (st.fKind[top]) {
    case CODEC_DENSE:
      st.fI[top] = i + 1;
      codecPut(target, i, codecDecodeNode(st, codecOwn(source, i)));
      return;
    case CODEC_OBJECT: {
      st.fI[top] = i + 1;
      const key = st.fKeys[top][i];
      codecPut(target, key, codecDecodeNode(st, source[key]));
      return;
    }
    case CODEC_SPARSE: {
      st.fI[top] = i + 1;
      const entry = codecPair(codecOwn(source, i), 'Array');
      const key = entry[0];
      const length = st.fKeys[top];
      if (typeof key === 'number') {
        if (!(key >= 0 && key < length && key === key >>> 0)) {
          throw codecBad('Array entry index ' + codecNumberText(key) + ' is not below length ' + length);
        }
      } else if (typeof key !== 'string' || key === 'length' || codecIsIndexKey(key)) {
        throw codecBad('Array entry key ' + codecQuote(key) + ' is neither an index nor a property name');
      }
      codecPut(target, key, codecDecodeNode(st, entry[1]));
      return;
    }
    case CODEC_MAP: {
      const entry = codecPair(codecOwn(source, i), 'Map');
      if (!st.fHasKey[top]) {
        st.fHasKey[top] = true;
        st.fKey[top] = codecDecodeNode(st, entry[0]);
      } else {
        const value = codecDecodeNode(st, entry[1]);
        codecMapSet(target, st.fKey[top], value);
        st.fKey[top] = undefined;
        st.fHasKey[top] = false;
        st.fI[top] = i + 1;
      }
      return;
    }
    default: // CODEC_SET
      st.fI[top] = i + 1;
      codecSetAdd(target, codecDecodeNode(st, codecOwn(source, i)));
  }
}

/** Decodes one node; a container is returned empty, with a frame pushed that fills it next. */
function codecDecodeNode(st, json) {
  switch (typeof json) {
    case 'string':
    case 'number':
    case 'boolean':
      return json;
    case 'object':
      break;
    default:
      throw codecBad('expected an encoded value, found ' + (json === undefined ? 'nothing' : typeof json));
  }
  if (json === null) return null;
  if (codecIsArray(json)) {
    codecDecodeDepth(st);
    const out = [];
    const n = json.length;
    codecDecodePush(st, CODEC_DENSE, json, out, null, n);
    return out;
  }
  if (!codecHasOwn(json, '$type')) {
    codecDecodeDepth(st);
    const out = {};
    const keys = codecKeys(json);
    codecDecodePush(st, CODEC_OBJECT, json, out, keys, keys.length);
    return out;
  }
  const type = json.$type;
  if (typeof type !== 'string') throw codecBad('$type must be a string');
  switch (type) {
    case 'undefined':
      return undefined;
    case 'Number': {
      const text = codecOwn(json, 'value');
      switch (text) {
        case 'NaN':
          return NaN;
        case 'Infinity':
          return Infinity;
        case '-Infinity':
          return -Infinity;
        case '-0':
          return -0;
        default:
          throw codecBad('bad Number value ' + codecQuote(text));
      }
    }
    case 'BigInt': {
      const text = codecOwn(json, 'value');
      if (typeof text !== 'string' || !codecIsDecimal(text)) throw codecBad('bad BigInt value ' + codecQuote(text));
      if (!CodecBigInt) throw codecBad('BigInt is not supported here');
      return CodecBigInt(text);
    }
    case 'Shared': {
      const id = codecOwn(json, 'id');
      if (!codecIsSafeInteger(id) || id < 1) throw codecBad('bad Shared id ' + codecQuote(id));
      if (codecMapHas(st.ids, id)) throw codecBad('duplicate Shared id ' + id);
      const inner = codecOwn(json, 'value');
      if (!codecIsObjectEncoding(inner)) throw codecBad('Shared id ' + id + ' must wrap an object');
      // A container comes back empty (its frame not yet run), so cycles find it registered.
      const value = codecDecodeNode(st, inner);
      codecMapSet(st.ids, id, value);
      return value;
    }
    case 'Ref': {
      const id = codecOwn(json, 'id');
      if (!codecIsSafeInteger(id) || !codecMapHas(st.ids, id)) throw codecBad('Ref to unknown id ' + codecQuote(id));
      return codecMapGet(st.ids, id);
    }
    default:
      break;
  }
  if (codecObjectTags[type] !== true) throw codecBad('unknown $type ' + codecQuote(type));
  codecDecodeDepth(st);
  switch (type) {
    case 'Object': {
      const inner = codecOwn(json, 'value');
      if (!codecPlainObject(inner)) throw codecBad('Object needs a "value" object');
      const out = {};
      const keys = codecKeys(inner);
      codecDecodePush(st, CODEC_OBJECT, inner, out, keys, keys.length);
      return out;
    }
    case 'Array': {
      const length = codecOwn(json, 'length');
      const entries = codecOwn(json, 'entries');
      if (!codecIsSafeInteger(length) || length < 0 || length > 4294967295) throw codecBad('bad Array length ' + codecQuote(length));
      if (!codecIsArray(entries)) throw codecBad('Array needs an "entries" array');
      const out = [];
      codecDefine(out, 'length', { __proto__: null, value: length });
      codecDecodePush(st, CODEC_SPARSE, entries, out, length, entries.length);
      return out;
    }
    case 'Map': {
      const entries = codecOwn(json, 'entries');
      if (!codecIsArray(entries)) throw codecBad('Map needs an "entries" array');
      const out = new CodecMap();
      codecDecodePush(st, CODEC_MAP, entries, out, null, entries.length);
      return out;
    }
    case 'Set': {
      const values = codecOwn(json, 'values');
      if (!codecIsArray(values)) throw codecBad('Set needs a "values" array');
      const out = new CodecSet();
      codecDecodePush(st, CODEC_SET, values, out, null, values.length);
      return out;
    }
    case 'Date': {
      const text = codecOwn(json, 'value');
      if (text === null) return new CodecDate(NaN);
      if (typeof text !== 'string') throw codecBad('Date needs a "value" string or null');
      const date = new CodecDate(text);
      const time = codecDateGetTime(date);
      if (time !== time) throw codecBad('bad Date value ' + codecQuote(text));
      return date;
    }
    case 'RegExp': {
      const source = codecOwn(json, 'source');
      const flags = codecOwn(json, 'flags');
      if (typeof source !== 'string' || typeof flags !== 'string') throw codecBad('RegExp needs "source" and "flags" strings');
      try {
        return new CodecRegExp(source, flags);
      } catch (err) {
        throw codecBad('bad RegExp /' + source + '/' + flags);
      }
    }
    case 'Error': {
      const name = codecOwn(json, 'name');
      const message = codecOwn(json, 'message');
      if (typeof name !== 'string' || typeof message !== 'string') throw codecBad('Error needs "name" and "message" strings');
      const Ctor = codecErrorTypes[name] || CodecError;
      return new Ctor(message);
    }
    default: {
      const text = codecOwn(json, 'base64');
      if (typeof text !== 'string') throw codecBad(type + ' needs a "base64" string');
      const buffer = codecBase64Decode(text, type);
      if (type === 'ArrayBuffer') return buffer;
      if (type === 'DataView') return new CodecDataView(buffer);
      const Ctor = codecTypedArrays[type];
      const size = Ctor.BYTES_PER_ELEMENT;
      const bytes = codecBufferByteLength(buffer);
      if (bytes % size !== 0) throw codecBad(type + ' byte length ' + bytes + ' is not a multiple of ' + size);
      return new Ctor(buffer, 0, bytes / size);
    }
  }
}

/** The containers being filled are the new object's ancestors: it sits at level sp + 1. */
function codecDecodeDepth(st) {
  if (st.sp + 1 > CODEC_MAX_DEPTH) throw codecBad('value nested deeper than ' + CODEC_MAX_DEPTH + ' levels');
}

function codecIsObjectEncoding(json) {
  if (json === null || typeof json !== 'object') return false;
  if (codecIsArray(json) || !codecHasOwn(json, '$type')) return true;
  return typeof json.$type === 'string' && codecObjectTags[json.$type] === true;
}

function codecIsDecimal(text) {
  const start = text.length > 0 && codecCharCodeAt(text, 0) === 45 ? 1 : 0;
  if (start === text.length) return false;
  for (let i = start; i < text.length; i++) {
    const c = codecCharCodeAt(text, i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A short JSON rendering of a bad field for an error message. */
function codecQuote(value) {
  if (value === undefined) return '(missing)';
  let text;
  try {
    text = codecStringify(value);
  } catch (err) {
    text = undefined;
  }
  if (typeof text !== 'string') return '(' + typeof value + ')';
  return text.length > 60 ? codecSlice(text, 0, 60) + '…' : text;
}
