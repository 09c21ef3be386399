// Node's `Buffer`, behaving as Node 20's: what fs.readFileSync returns in main.js.
// Runs in main.js's engine (QuickJS) and in a sandboxed preload, which has Buffer as in
// Electron.
// A plain script with exactly one top-level function, evaluated inside the caller's closure;
// it relies on no host API (no TextEncoder, console or timers) and on no syntax newer than
// ES2020 apart from what every supported engine has. src/scripts.rs says which bundles
// include it.

/** Returns the Buffer class; `internal` comes from ipcscopeNodeUtil(). */
function ipcscopeNodeBuffer(internal) {
  'use strict';

  const {
    inspect,
    customInspectSymbol,
    getOwnNonIndexProperties,
    hexSlice,
    isAnyArrayBuffer,
    isUint8Array,
    nodeError,
    invalidArgType,
    validateNumber,
  } = internal;

  function utf8Encode(str) {
    const bytes = [];
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else {
          c = 0xfffd; // a lone surrogate, as Node encodes it
        }
      }
      if (c < 0x80) {
        bytes.push(c);
      } else if (c < 0x800) {
        bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      } else if (c < 0x10000) {
        bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      } else {
        bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      }
    }
    return bytes;
  }

  function utf8ByteLength(str) {
    let length = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const next = str.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          length += 4;
          i++;
        } else {
          length += 3;
        }
      } else {
        length += 3;
      }
    }
    return length;
  }

  function codeUnitsToString(units) {
    let out = '';
    for (let i = 0; i < units.length; i += 0x2000) {
      out += String.fromCharCode.apply(null, units.slice(i, i + 0x2000));
    }
    return out;
  }

  // The WHATWG UTF-8 decoder: every maximal invalid subpart becomes one U+FFFD, as in Node.
  function utf8Slice(bytes, start, end) {
    const units = [];
    let needed = 0;
    let seen = 0;
    let codePoint = 0;
    let lower = 0x80;
    let upper = 0xbf;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      if (needed === 0) {
        if (byte <= 0x7f) {
          units.push(byte);
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          needed = 1;
          codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) lower = 0xa0;
          if (byte === 0xed) upper = 0x9f;
          needed = 2;
          codePoint = byte & 0xf;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) lower = 0x90;
          if (byte === 0xf4) upper = 0x8f;
          needed = 3;
          codePoint = byte & 0x7;
        } else {
          units.push(0xfffd);
        }
        continue;
      }
      if (byte < lower || byte > upper) {
        codePoint = needed = seen = 0;
        lower = 0x80;
        upper = 0xbf;
        units.push(0xfffd);
        i--; // the byte starts over
        continue;
      }
      lower = 0x80;
      upper = 0xbf;
      codePoint = (codePoint << 6) | (byte & 0x3f);
      seen++;
      if (seen === needed) {
        if (codePoint >= 0x10000) {
          const v = codePoint - 0x10000;
          units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
        } else {
          units.push(codePoint);
        }
        codePoint = needed = seen = 0;
      }
    }
    if (needed !== 0) units.push(0xfffd);
    return codeUnitsToString(units);
  }

  function hexValue(code) {
    if (code >= 48 && code <= 57) return code - 48;
    if (code >= 97 && code <= 102) return code - 87;
    if (code >= 65 && code <= 70) return code - 55;
    return -1;
  }

  function hexEncode(str) {
    const bytes = [];
    for (let i = 0; i + 1 < str.length; i += 2) {
      const hi = hexValue(str.charCodeAt(i));
      const lo = hexValue(str.charCodeAt(i + 1));
      if (hi < 0 || lo < 0) break;
      bytes.push((hi << 4) | lo);
    }
    return bytes;
  }

  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const base64Values = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) {
    base64Values[BASE64.charCodeAt(i)] = i;
    base64Values[BASE64URL.charCodeAt(i)] = i;
  }

  function base64Slice(bytes, start, end, url) {
    const alphabet = url ? BASE64URL : BASE64;
    let out = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
    }
    const rest = end - i;
    if (rest === 1) {
      const n = bytes[i] << 16;
      out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (url ? '' : '==');
    } else if (rest === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (url ? '' : '=');
    }
    return out;
  }

  // Forgiving, like Node: both alphabets, characters outside them skipped, '=' ends the data.
  function base64Decode(str) {
    const bytes = [];
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i);
      if (code === 61) break; // '='
      const value = code < 256 ? base64Values[code] : -1;
      if (value < 0) continue;
      acc = ((acc << 6) | value) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes.push((acc >> bits) & 0xff);
      }
    }
    return bytes;
  }

  function base64ByteLength(str, bytes) {
    if (str.charCodeAt(bytes - 1) === 0x3d) bytes--;
    if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3d) bytes--;
    return (bytes * 3) >>> 2;
  }

  function latin1Encode(str) {
    const bytes = new Array(str.length);
    for (let i = 0; i < str.length; i++) bytes[i] = str.charCodeAt(i) & 0xff;
    return bytes;
  }

  function utf16leEncode(str) {
    const bytes = new Array(str.length * 2);
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      bytes[i * 2] = c & 0xff;
      bytes[i * 2 + 1] = c >> 8;
    }
    return bytes;
  }

  function latin1Slice(bytes, start, end, mask) {
    const units = [];
    for (let i = start; i < end; i++) units.push(bytes[i] & mask);
    return codeUnitsToString(units);
  }

  function utf16leSlice(bytes, start, end) {
    const units = [];
    for (let i = start; i + 1 < end; i += 2) units.push(bytes[i] | (bytes[i + 1] << 8));
    return codeUnitsToString(units);
  }

  const encodingOps = {
    utf8: {
      encode: utf8Encode,
      byteLength: utf8ByteLength,
      slice: (buf, start, end) => utf8Slice(buf, start, end),
    },
    utf16le: {
      encode: utf16leEncode,
      byteLength: (str) => str.length * 2,
      slice: utf16leSlice,
    },
    latin1: {
      encode: latin1Encode,
      byteLength: (str) => str.length,
      slice: (buf, start, end) => latin1Slice(buf, start, end, 0xff),
    },
    ascii: {
      encode: latin1Encode,
      byteLength: (str) => str.length,
      slice: (buf, start, end) => latin1Slice(buf, start, end, 0x7f),
    },
    base64: {
      encode: base64Decode,
      byteLength: (str) => base64ByteLength(str, str.length),
      slice: (buf, start, end) => base64Slice(buf, start, end, false),
    },
    base64url: {
      encode: base64Decode,
      byteLength: (str) => base64ByteLength(str, str.length),
      slice: (buf, start, end) => base64Slice(buf, start, end, true),
    },
    hex: {
      encode: hexEncode,
      byteLength: (str) => str.length >>> 1,
      slice: hexSlice,
    },
  };

  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null || enc === '') return 'utf8';
    switch (String(enc).toLowerCase()) {
      case 'utf8':
      case 'utf-8':
        return 'utf8';
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return 'utf16le';
      case 'latin1':
      case 'binary':
        return 'latin1';
      case 'ascii':
        return 'ascii';
      case 'base64':
        return 'base64';
      case 'base64url':
        return 'base64url';
      case 'hex':
        return 'hex';
      default:
        return undefined;
    }
  }

  function getEncodingOps(encoding) {
    const name = normalizeEncoding(encoding);
    if (name === undefined) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
    return encodingOps[name];
  }

  function bufferOutOfBounds(name) {
    return nodeError(
      RangeError,
      'ERR_BUFFER_OUT_OF_BOUNDS',
      name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds',
    );
  }

  function adjustOffset(offset, length) {
    offset = Math.trunc(offset);
    if (offset === 0 || Number.isNaN(offset)) return 0;
    if (offset < 0) {
      offset += length;
      return offset > 0 ? offset : 0;
    }
    if (offset < length) return offset;
    return length;
  }

  class Buffer extends Uint8Array {
    // `new Buffer(...)` is deprecated in Node but still works; the other forms reach
    // Uint8Array's constructor (which is also how `subarray`/`map` build Buffers).
    constructor(arg, encodingOrOffset, length) {
      if (typeof arg === 'string') {
        const bytes = getEncodingOps(encodingOrOffset).encode(arg);
        super(bytes.length);
        this.set(bytes);
      } else if (arg !== null && typeof arg === 'object' && !isAnyArrayBuffer(arg)) {
        super(arg.length >>> 0);
        this.set(arg);
      } else {
        super(arg, encodingOrOffset, length);
      }
    }

    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return fromString(value, encodingOrOffset);
      if (value !== null && typeof value === 'object') {
        if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
        const valueOf = value.valueOf && value.valueOf();
        if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
          return Buffer.from(valueOf, encodingOrOffset, length);
        }
        if (value.length !== undefined || isAnyArrayBuffer(value.buffer)) {
          if (typeof value.length !== 'number') return new Buffer(0);
          return fromArrayLike(value);
        }
        if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
        if (typeof value[Symbol.toPrimitive] === 'function') {
          const primitive = value[Symbol.toPrimitive]('string');
          if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
        }
      }
      throw invalidArgType(
        'first argument',
        'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object',
        value,
      );
    }

    static alloc(size, fill, encoding) {
      validateNumber(size, 'size', 0);
      const buf = new Buffer(size);
      if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, 0, buf.length, encoding);
      return buf;
    }

    static allocUnsafe(size) {
      validateNumber(size, 'size', 0);
      return new Buffer(size);
    }

    static allocUnsafeSlow(size) {
      return Buffer.allocUnsafe(size);
    }

    static isBuffer(b) {
      return b instanceof Buffer;
    }

    static isEncoding(encoding) {
      return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
    }

    static byteLength(string, encoding) {
      if (typeof string !== 'string') {
        if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
        throw invalidArgType('string', 'of type string or an instance of Buffer or ArrayBuffer', string);
      }
      const name = normalizeEncoding(encoding) || 'utf8';
      return encodingOps[name].byteLength(string);
    }

    static concat(list, length) {
      if (!Array.isArray(list)) throw invalidArgType('list', 'an instance of Array', list);
      if (list.length === 0) return new Buffer(0);
      if (length === undefined) {
        length = 0;
        for (let i = 0; i < list.length; i++) {
          if (list[i].length) length += list[i].length;
        }
      } else {
        validateNumber(length, 'length', 0);
      }
      const buffer = Buffer.allocUnsafe(length);
      let pos = 0;
      for (let i = 0; i < list.length; i++) {
        const buf = list[i];
        if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, 'an instance of Buffer or Uint8Array', buf);
        const room = length - pos;
        if (room <= 0) break;
        buffer.set(buf.length > room ? buf.subarray(0, room) : buf, pos);
        pos += Math.min(buf.length, room);
      }
      if (pos < length) buffer.fill(0, pos, length);
      return buffer;
    }

    static compare(a, b) {
      if (!isUint8Array(a)) throw invalidArgType('buf1', 'an instance of Buffer or Uint8Array', a);
      if (!isUint8Array(b)) throw invalidArgType('buf2', 'an instance of Buffer or Uint8Array', b);
      return compareBytes(a, b);
    }

    toString(encoding, start, end) {
      if (arguments.length === 0) return utf8Slice(this, 0, this.length);
      const len = this.length;
      if (start <= 0) start = 0;
      else if (start >= len) return '';
      else start = Math.trunc(start) || 0;
      if (end === undefined || end > len) end = len;
      else end = Math.trunc(end) || 0;
      if (end <= start) return '';
      if (encoding === undefined) return utf8Slice(this, start, end);
      return getEncodingOps(encoding).slice(this, start, end);
    }

    toLocaleString(encoding, start, end) {
      return this.toString(encoding, start, end);
    }

    toJSON() {
      return { type: 'Buffer', data: Array.from(this) };
    }

    equals(other) {
      if (!isUint8Array(other)) throw invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
      if (this === other) return true;
      return this.byteLength === other.byteLength && compareBytes(this, other) === 0;
    }

    compare(target) {
      if (!isUint8Array(target)) throw invalidArgType('target', 'an instance of Buffer or Uint8Array', target);
      return compareBytes(this, target);
    }

    // Unlike Uint8Array#slice, a Buffer's slice shares memory (as subarray does).
    slice(start, end) {
      const srcLength = this.length;
      start = adjustOffset(start, srcLength);
      end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
      const newLength = end > start ? end - start : 0;
      return new Buffer(this.buffer, this.byteOffset + start, newLength);
    }

    fill(value, offset, end, encoding) {
      if (typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        end = this.length;
      } else if (typeof end === 'string') {
        encoding = end;
        end = this.length;
      }
      offset = offset === undefined ? 0 : offset;
      end = end === undefined ? this.length : end;
      if (typeof value === 'number' || typeof value === 'boolean') {
        return super.fill(Number(value) & 255, offset, end);
      }
      const bytes = typeof value === 'string' ? getEncodingOps(encoding).encode(value) : value;
      if (bytes.length === 0) {
        if (typeof value === 'string') return super.fill(0, offset, end);
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The argument \'value\' is invalid.');
      }
      for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
      return this;
    }

    write(string, offset, length, encoding) {
      if (typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        length = undefined;
      } else if (typeof length === 'string') {
        encoding = length;
        length = undefined;
      }
      offset = offset === undefined ? 0 : offset >>> 0;
      if (offset > this.length) throw bufferOutOfBounds('offset');
      const room = this.length - offset;
      length = length === undefined ? room : Math.min(room, length >>> 0);
      let bytes = getEncodingOps(encoding).encode(string);
      if (bytes.length > length) {
        bytes = bytes.slice(0, length);
        if (normalizeEncoding(encoding) === 'utf8') {
          // Do not write a partial character.
          let cut = bytes.length;
          let lead = cut - 1;
          while (lead >= 0 && (bytes[lead] & 0xc0) === 0x80) lead--;
          if (lead >= 0) {
            const first = bytes[lead];
            const size = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
            if (lead + size > cut) cut = lead;
          }
          bytes = bytes.slice(0, cut);
        }
      }
      this.set(bytes, offset);
      return bytes.length;
    }

    indexOf(value, byteOffset, encoding) {
      return bidirectionalIndexOf(this, value, byteOffset, encoding, true);
    }

    lastIndexOf(value, byteOffset, encoding) {
      return bidirectionalIndexOf(this, value, byteOffset, encoding, false);
    }

    includes(value, byteOffset, encoding) {
      return this.indexOf(value, byteOffset, encoding) !== -1;
    }

    [customInspectSymbol](recurseTimes, ctx) {
      const max = 50;
      const actualMax = Math.min(max, this.length);
      const remaining = this.length - max;
      let str = hexSlice(this, 0, actualMax).replace(/(.{2})/g, '$1 ').trim();
      if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
      if (ctx) {
        let extras = false;
        const obj = Object.create(null);
        for (const key of getOwnNonIndexProperties(this, !ctx.showHidden)) {
          extras = true;
          obj[key] = this[key];
        }
        if (extras) {
          if (this.length !== 0) str += ', ';
          // '[Object: null prototype] {'.length === 26
          str += inspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
        }
      }
      return `<${this.constructor.name} ${str}>`;
    }
  }
  Buffer.poolSize = 8192;
  Buffer.prototype.inspect = Buffer.prototype[customInspectSymbol];

  function fromString(string, encoding) {
    if (typeof encoding !== 'string' || encoding.length === 0) {
      if (string.length === 0) return new Buffer(0);
      encoding = 'utf8';
    }
    const bytes = getEncodingOps(encoding).encode(string);
    const buf = new Buffer(bytes.length);
    buf.set(bytes);
    return buf;
  }

  function fromArrayBuffer(obj, byteOffset, length) {
    if (byteOffset === undefined) {
      byteOffset = 0;
    } else {
      byteOffset = +byteOffset;
      if (Number.isNaN(byteOffset)) byteOffset = 0;
    }
    const maxLength = obj.byteLength - byteOffset;
    if (maxLength < 0) throw bufferOutOfBounds('offset');
    if (length === undefined) {
      length = maxLength;
    } else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw bufferOutOfBounds('length');
      } else {
        length = 0;
      }
    }
    return new Buffer(obj, byteOffset, length);
  }

  function fromArrayLike(obj) {
    const buf = new Buffer(obj.length > 0 ? obj.length >>> 0 : 0);
    for (let i = 0; i < buf.length; i++) buf[i] = obj[i];
    return buf;
  }

  function compareBytes(a, b) {
    const len = Math.min(a.length, b.length);
    for (let i = 0; i < len; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    if (a.length === b.length) return 0;
    return a.length < b.length ? -1 : 1;
  }

  function bidirectionalIndexOf(buffer, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = undefined;
    }
    byteOffset = byteOffset === undefined ? (forward ? 0 : buffer.length) : +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buffer.length;
    if (byteOffset < 0) byteOffset = Math.max(buffer.length + byteOffset, forward ? 0 : -1);
    if (typeof value === 'number') {
      value = value & 255;
      const needle = [value];
      return searchBytes(buffer, needle, byteOffset, forward);
    }
    let needle;
    if (typeof value === 'string') {
      needle = getEncodingOps(encoding).encode(value);
    } else if (isUint8Array(value)) {
      needle = value;
    } else {
      throw invalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
    }
    return searchBytes(buffer, needle, byteOffset, forward);
  }

  function searchBytes(haystack, needle, from, forward) {
    const last = haystack.length - needle.length;
    if (forward) {
      if (needle.length === 0) return from <= haystack.length ? Math.trunc(from) : haystack.length;
      for (let i = Math.max(0, Math.trunc(from)); i <= last; i++) {
        let j = 0;
        while (j < needle.length && haystack[i + j] === needle[j]) j++;
        if (j === needle.length) return i;
      }
    } else {
      if (needle.length === 0) return Math.min(Math.trunc(from), haystack.length);
      for (let i = Math.min(Math.trunc(from), last); i >= 0; i--) {
        let j = 0;
        while (j < needle.length && haystack[i + j] === needle[j]) j++;
        if (j === needle.length) return i;
      }
    }
    return -1;
  }

  return Buffer;
}
