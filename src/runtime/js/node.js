// Node's basics for QuickJS (main.js) and the renderer shim: `events`, POSIX `path`, `util`
// (format/inspect, ported from Node 20's lib/internal/util/inspect.js) and `Buffer`.
// A plain script with exactly one top-level function, evaluated inside the caller's closure;
// it relies on no host API (no TextEncoder, console, timers or Buffer) and on no syntax newer
// than ES2020 apart from what every supported engine has.

function ipcscopeNodeModules() {
  'use strict';

  const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const objectToString = (value) => Object.prototype.toString.call(value);
  const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  const customPromisifySymbol = Symbol.for('nodejs.util.promisify.custom');

  // ---- type checks (brand checks through built-in getters, so subclasses count) ---------------
  function brandCheck(probe) {
    return (value) => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
      try {
        probe(value);
        return true;
      } catch (err) {
        return false;
      }
    };
  }
  const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
  const mapSize = getter(Map.prototype, 'size');
  const setSize = getter(Set.prototype, 'size');
  const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
  const sharedArrayBufferByteLength =
    typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : null;
  const dataViewByteLength = getter(DataView.prototype, 'byteLength');
  const regExpSource = getter(RegExp.prototype, 'source');
  const typedArrayTag = getter(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag);

  const isMap = brandCheck((v) => mapSize.call(v));
  const isSet = brandCheck((v) => setSize.call(v));
  const isWeakMap = brandCheck((v) => WeakMap.prototype.has.call(v, {}));
  const isWeakSet = brandCheck((v) => WeakSet.prototype.has.call(v, {}));
  const isDate = brandCheck((v) => Date.prototype.getTime.call(v));
  const isRegExpBrand = brandCheck((v) => regExpSource.call(v));
  const isRegExp = (v) => v !== RegExp.prototype && isRegExpBrand(v);
  const isArrayBuffer = brandCheck((v) => arrayBufferByteLength.call(v));
  const isSharedArrayBuffer = brandCheck((v) => sharedArrayBufferByteLength.call(v));
  const isAnyArrayBuffer = (v) => isArrayBuffer(v) || (sharedArrayBufferByteLength !== null && isSharedArrayBuffer(v));
  const isDataView = brandCheck((v) => dataViewByteLength.call(v));
  const isTypedArray = (v) => v !== null && typeof v === 'object' && typedArrayTag.call(v) !== undefined;
  const isUint8Array = (v) => isTypedArray(v) && typedArrayTag.call(v) === 'Uint8Array';
  const isNumberObject = brandCheck((v) => Number.prototype.valueOf.call(v));
  const isStringObject = brandCheck((v) => String.prototype.valueOf.call(v));
  const isBooleanObject = brandCheck((v) => Boolean.prototype.valueOf.call(v));
  const isBigIntObject =
    typeof BigInt === 'function' ? brandCheck((v) => BigInt.prototype.valueOf.call(v)) : () => false;
  const isSymbolObject = brandCheck((v) => Symbol.prototype.valueOf.call(v));
  const isBoxedPrimitive = (v) =>
    typeof v === 'object' &&
    (isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v));
  const isArgumentsObject = (v) => objectToString(v) === '[object Arguments]';
  const isPromise = (v) => v instanceof Promise || objectToString(v) === '[object Promise]';
  const isError = (v) => v instanceof Error || objectToString(v) === '[object Error]';
  const isMapIterator = (v) => objectToString(v) === '[object Map Iterator]';
  const isSetIterator = (v) => objectToString(v) === '[object Set Iterator]';
  const GeneratorFunctionPrototype = Object.getPrototypeOf(function* () {});
  const AsyncFunctionPrototype = Object.getPrototypeOf(async function () {});
  const AsyncGeneratorFunctionPrototype = Object.getPrototypeOf(async function* () {});
  const isGeneratorFunction = (fn) =>
    typeof fn === 'function' &&
    (GeneratorFunctionPrototype.isPrototypeOf(fn) || AsyncGeneratorFunctionPrototype.isPrototypeOf(fn));
  const isAsyncFunction = (fn) =>
    typeof fn === 'function' &&
    (AsyncFunctionPrototype.isPrototypeOf(fn) || AsyncGeneratorFunctionPrototype.isPrototypeOf(fn));

  function isInstanceof(object, proto) {
    try {
      return object instanceof proto;
    } catch (err) {
      return false;
    }
  }

  // ---- Node-style errors ---------------------------------------------------------------------
  function nodeError(Base, code, message) {
    const err = new Base(message);
    const frames = typeof err.stack === 'string' ? err.stack.replace(/\n$/, '') : '';
    const header = `${err.name} [${code}]: ${message}`;
    const framesStart = frames.indexOf('    at ');
    Object.defineProperty(err, 'stack', {
      value: framesStart === -1 ? header : `${header}\n${frames.slice(framesStart)}`,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    err.code = code;
    return err;
  }

  function describeReceived(value) {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    switch (typeof value) {
      case 'bigint':
        return `type bigint (${value}n)`;
      case 'number':
        if (value === 0) return 1 / value === -Infinity ? 'type number (-0)' : 'type number (0)';
        return `type number (${value})`;
      case 'boolean':
        return `type boolean (${value})`;
      case 'symbol':
        return `type symbol (${String(value)})`;
      case 'function':
        return `function ${value.name}`;
      case 'object':
        if (value.constructor && 'name' in value.constructor) return `an instance of ${value.constructor.name}`;
        return inspect(value, { depth: -1 });
      case 'string':
        if (value.length > 28) value = `${value.slice(0, 25)}...`;
        if (value.indexOf("'") === -1) return `type string ('${value}')`;
        return `type string (${JSON.stringify(value)})`;
      default:
        return inspect(value);
    }
  }

  function invalidArgType(name, expected, actual) {
    const subject = name.endsWith(' argument')
      ? name
      : `"${name}" ${name.indexOf('.') !== -1 ? 'property' : 'argument'}`;
    return nodeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      `The ${subject} must be ${expected}. Received ${describeReceived(actual)}`,
    );
  }

  function validateString(value, name) {
    if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
  }

  function validateFunction(value, name) {
    if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
  }

  function validateNumber(value, name, min) {
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
    if ((min !== undefined && value < min) || Number.isNaN(value)) {
      throw nodeError(
        RangeError,
        'ERR_OUT_OF_RANGE',
        `The value of "${name}" is out of range. It must be a non-negative number. Received ${inspect(value)}`,
      );
    }
  }

  // ================================= util.inspect ============================================
  const inspectDefaultOptions = {
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
  };

  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;

  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const classRegExp = /^(\s+[^(]*?)\s*{/;
  const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;
  const kMinLineLength = 16;

  // Escaped control characters (plus the single quote and the backslash).
  const meta = [
    '\\x00', '\\x01', '\\x02', '\\x03', '\\x04', '\\x05', '\\x06', '\\x07',
    '\\b', '\\t', '\\n', '\\x0B', '\\f', '\\r', '\\x0E', '\\x0F',
    '\\x10', '\\x11', '\\x12', '\\x13', '\\x14', '\\x15', '\\x16', '\\x17',
    '\\x18', '\\x19', '\\x1A', '\\x1B', '\\x1C', '\\x1D', '\\x1E', '\\x1F',
    '', '', '', '', '', '', '', "\\'", '', '', '', '', '', '', '', '',
    '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
    '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
    '', '', '', '', '', '', '', '', '', '', '', '', '\\\\', '', '', '',
    '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
    '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '\\x7F',
    '\\x80', '\\x81', '\\x82', '\\x83', '\\x84', '\\x85', '\\x86', '\\x87',
    '\\x88', '\\x89', '\\x8A', '\\x8B', '\\x8C', '\\x8D', '\\x8E', '\\x8F',
    '\\x90', '\\x91', '\\x92', '\\x93', '\\x94', '\\x95', '\\x96', '\\x97',
    '\\x98', '\\x99', '\\x9A', '\\x9B', '\\x9C', '\\x9D', '\\x9E', '\\x9F',
  ];

  const builtInObjects = new Set(
    Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)),
  );
  builtInObjects.add('Buffer');

  function inspect(value, opts) {
    const ctx = {
      budget: {},
      indentationLvl: 0,
      seen: [],
      currentDepth: 0,
      stylize: stylizeNoColor,
      showHidden: inspectDefaultOptions.showHidden,
      depth: inspectDefaultOptions.depth,
      colors: inspectDefaultOptions.colors,
      customInspect: inspectDefaultOptions.customInspect,
      showProxy: inspectDefaultOptions.showProxy,
      maxArrayLength: inspectDefaultOptions.maxArrayLength,
      maxStringLength: inspectDefaultOptions.maxStringLength,
      breakLength: inspectDefaultOptions.breakLength,
      compact: inspectDefaultOptions.compact,
      sorted: inspectDefaultOptions.sorted,
      getters: inspectDefaultOptions.getters,
      numericSeparator: inspectDefaultOptions.numericSeparator,
    };
    if (arguments.length > 1) {
      // Legacy signature: inspect(value, showHidden, depth, colors).
      if (arguments.length > 2) {
        if (arguments[2] !== undefined) ctx.depth = arguments[2];
        if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
      }
      if (typeof opts === 'boolean') {
        ctx.showHidden = opts;
      } else if (opts) {
        for (const key of Object.keys(opts)) {
          if (hasOwn(inspectDefaultOptions, key) || key === 'stylize') {
            ctx[key] = opts[key];
          } else if (ctx.userOptions === undefined) {
            ctx.userOptions = opts;
          }
        }
      }
    }
    // Colors are not supported: the output goes to a plain-text journal.
    if (typeof ctx.stylize !== 'function') ctx.stylize = stylizeNoColor;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspectSymbol;
  Object.defineProperty(inspect, 'defaultOptions', {
    get() {
      return inspectDefaultOptions;
    },
    set(options) {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
      return Object.assign(inspectDefaultOptions, options);
    },
  });

  function getUserOptions(ctx) {
    return {
      stylize: ctx.stylize,
      showHidden: ctx.showHidden,
      depth: ctx.depth,
      colors: ctx.colors,
      customInspect: ctx.customInspect,
      showProxy: ctx.showProxy,
      maxArrayLength: ctx.maxArrayLength,
      maxStringLength: ctx.maxStringLength,
      breakLength: ctx.breakLength,
      compact: ctx.compact,
      sorted: ctx.sorted,
      getters: ctx.getters,
      numericSeparator: ctx.numericSeparator,
      ...ctx.userOptions,
    };
  }

  function stylizeNoColor(str) {
    return str;
  }

  function addQuotes(str, quotes) {
    if (quotes === -1) return `"${str}"`;
    if (quotes === -2) return `\`${str}\``;
    return `'${str}'`;
  }

  // Escape control characters, single quotes and the backslash (and lone surrogates).
  function strEscape(str) {
    let singleQuote = 39;
    // Prefer double quotes, then backticks, when the string holds single quotes.
    if (str.includes("'")) {
      if (!str.includes('"')) {
        singleQuote = -1;
      } else if (!str.includes('`') && !str.includes('${')) {
        singleQuote = -2;
      }
    }
    let result = '';
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const point = str.charCodeAt(i);
      if (point === singleQuote || point === 92 || point < 32 || (point > 126 && point < 160)) {
        result += str.slice(last, i) + meta[point];
        last = i + 1;
      } else if (point >= 0xd800 && point <= 0xdfff) {
        if (point <= 0xdbff && i + 1 < str.length) {
          const next = str.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) {
            i++;
            continue;
          }
        }
        result += `${str.slice(last, i)}\\u${point.toString(16)}`;
        last = i + 1;
      }
    }
    if (last !== str.length) result += str.slice(last);
    return addQuotes(result, singleQuote);
  }

  function escapeKeyChars(str) {
    let out = '';
    for (let i = 0; i < str.length; i++) {
      const point = str.charCodeAt(i);
      if (point === 39 || point === 92 || point < 32 || (point > 126 && point < 160)) {
        out += meta[point];
      } else if (point >= 0xd800 && point <= 0xdfff) {
        const next = str.charCodeAt(i + 1);
        if (point <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          out += str[i] + str[i + 1];
          i++;
        } else {
          out += `\\u${point.toString(16)}`;
        }
      } else {
        out += str[i];
      }
    }
    return out;
  }

  function getConstructorName(obj, ctx, recurseTimes, protoProps) {
    let firstProto;
    const tmp = obj;
    while (obj) {
      if (obj === Object.prototype || obj === Function.prototype) {
        const constructor = obj === Object.prototype ? Object : Function;
        if (Function.prototype[Symbol.hasInstance].call(constructor, tmp)) {
          if (protoProps !== undefined && firstProto !== obj) {
            addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
          }
          return constructor.name;
        }
      }
      const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
      if (
        descriptor !== undefined &&
        typeof descriptor.value === 'function' &&
        descriptor.value.name !== '' &&
        isInstanceof(tmp, descriptor.value)
      ) {
        if (protoProps !== undefined && (firstProto !== obj || !builtInObjects.has(descriptor.value.name))) {
          addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
        }
        return String(descriptor.value.name);
      }
      obj = Object.getPrototypeOf(obj);
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;
    const res = internalGetConstructorName(tmp);
    if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
    if (protoConstr === null) {
      return `${res} <${inspect(firstProto, { ...getUserOptions(ctx), customInspect: false, depth: -1 })}>`;
    }
    return `${res} <${protoConstr}>`;
  }

  function internalGetConstructorName(value) {
    return objectToString(value).slice(8, -1);
  }

  function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
    let depth = 0;
    let keys;
    let keySet;
    do {
      if (depth !== 0 || main === obj) {
        obj = Object.getPrototypeOf(obj);
        if (obj === null) return;
        const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
        if (descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name)) {
          return;
        }
      }
      if (depth === 0) {
        keySet = new Set();
      } else {
        keys.forEach((key) => keySet.add(key));
      }
      keys = Reflect.ownKeys(obj);
      ctx.seen.push(main);
      for (const key of keys) {
        if (key === 'constructor' || hasOwn(main, key) || (depth !== 0 && keySet.has(key))) continue;
        const desc = Object.getOwnPropertyDescriptor(obj, key);
        if (typeof desc.value === 'function') continue;
        output.push(formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main));
      }
      ctx.seen.pop();
    } while (++depth !== 3);
  }

  function getPrefix(constructor, tag, fallback, size = '') {
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  function isArrayIndexKey(key) {
    return numberRegExp.test(key) && +key < 4294967295;
  }

  function getOwnNonIndexProperties(value, onlyEnumerable) {
    const out = [];
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string' && isArrayIndexKey(key)) continue;
      if (onlyEnumerable && !Object.prototype.propertyIsEnumerable.call(value, key)) continue;
      out.push(key);
    }
    return out;
  }

  function getKeys(value, showHidden) {
    let keys;
    const symbols = Object.getOwnPropertySymbols(value);
    if (showHidden) {
      keys = Object.getOwnPropertyNames(value);
      if (symbols.length !== 0) keys.push(...symbols);
    } else {
      keys = Object.keys(value);
      if (symbols.length !== 0) {
        keys.push(...symbols.filter((key) => Object.prototype.propertyIsEnumerable.call(value, key)));
      }
    }
    return keys;
  }

  function getCtxStyle(value, constructor, tag) {
    let fallback = '';
    if (constructor === null) {
      fallback = internalGetConstructorName(value);
      if (fallback === tag) fallback = 'Object';
    }
    return getPrefix(constructor, tag, fallback);
  }

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== 'object' && typeof value !== 'function') {
      return formatPrimitive(ctx.stylize, value, ctx);
    }
    if (value === null) return ctx.stylize('null', 'null');

    const context = value;
    if (ctx.customInspect) {
      const maybeCustom = value[customInspectSymbol];
      if (
        typeof maybeCustom === 'function' &&
        maybeCustom !== inspect &&
        !(value.constructor && value.constructor.prototype === value)
      ) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const ret = maybeCustom.call(context, depth, getUserOptions(ctx), inspect);
        if (ret !== context) {
          if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
          return ret.split('\n').join(`\n${' '.repeat(ctx.indentationLvl)}`);
        }
      }
    }

    if (ctx.seen.includes(value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new Map();
        ctx.circular.set(value, index);
      } else {
        index = ctx.circular.get(value);
        if (index === undefined) {
          index = ctx.circular.size + 1;
          ctx.circular.set(value, index);
        }
      }
      return ctx.stylize(`[Circular *${index}]`, 'special');
    }

    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keys;
    let protoProps;
    if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];

    const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
    if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

    let tag = value[Symbol.toStringTag];
    // Only list the tag when it is not an own (enumerable) property, otherwise it shows twice.
    if (
      typeof tag !== 'string' ||
      (tag !== '' &&
        (ctx.showHidden ? hasOwn : (o, k) => Object.prototype.propertyIsEnumerable.call(o, k))(value, Symbol.toStringTag))
    ) {
      tag = '';
    }
    let base = '';
    let formatter = () => [];
    let braces;
    let noIterator = true;
    let i = 0;
    const onlyEnumerable = !ctx.showHidden;
    let extrasType = kObjectType;

    if (Symbol.iterator in value || constructor === null) {
      noIterator = false;
      if (Array.isArray(value)) {
        const prefix =
          constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
        keys = getOwnNonIndexProperties(value, onlyEnumerable);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = setSize.call(value);
        const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = (c, v, r) => formatSet(constructor !== null ? value : Set.prototype.values.call(value), c, v, r);
        if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isMap(value)) {
        const size = mapSize.call(value);
        const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = (c, v, r) => formatMap(constructor !== null ? value : Map.prototype.entries.call(value), c, v, r);
        if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isTypedArray(value)) {
        keys = getOwnNonIndexProperties(value, onlyEnumerable);
        let bound = value;
        let fallback = '';
        if (constructor === null) {
          fallback = typedArrayTag.call(value);
          bound = new globalThis[fallback](value);
        }
        const size = value.length;
        const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
        formatter = (c, v, r) => formatTypedArray(bound, size, c, v, r);
        extrasType = kArrayExtrasType;
      } else if (isMapIterator(value)) {
        keys = getKeys(value, ctx.showHidden);
        braces = getIteratorBraces('Map', tag);
        formatter = formatUnknownItems;
      } else if (isSetIterator(value)) {
        keys = getKeys(value, ctx.showHidden);
        braces = getIteratorBraces('Set', tag);
        formatter = formatUnknownItems;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      braces = ['{', '}'];
      if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'special');
      } else if (constructor === 'Object') {
        if (isArgumentsObject(value)) {
          braces[0] = '[Arguments] {';
        } else if (tag !== '') {
          braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
        }
        if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
      } else if (isRegExp(value)) {
        base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
        const prefix = getPrefix(constructor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = `${prefix}${base}`;
        if ((keys.length === 0 && protoProps === undefined) || (recurseTimes > ctx.depth && ctx.depth !== null)) {
          return ctx.stylize(base, 'regexp');
        }
      } else if (isDate(value)) {
        base = Number.isNaN(Date.prototype.getTime.call(value))
          ? Date.prototype.toString.call(value)
          : Date.prototype.toISOString.call(value);
        const prefix = getPrefix(constructor, tag, 'Date');
        if (prefix !== 'Date ') base = `${prefix}${base}`;
        if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'date');
      } else if (isError(value)) {
        base = formatError(value, constructor, tag, ctx, keys, recurseTimes);
        if (keys.length === 0 && protoProps === undefined) return base;
      } else if (isAnyArrayBuffer(value)) {
        const arrayType = isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
        const prefix = getPrefix(constructor, tag, arrayType);
        if (typedArray === undefined) {
          formatter = formatArrayBuffer;
        } else if (keys.length === 0 && protoProps === undefined) {
          return prefix + `{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
        }
        braces[0] = `${prefix}{`;
        keys.unshift('byteLength');
      } else if (isDataView(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
        keys.unshift('byteLength', 'byteOffset', 'buffer');
      } else if (isPromise(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
        // A promise's state cannot be read from JS here.
        formatter = () => ['...'];
      } else if (isWeakSet(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
        formatter = formatUnknownItems;
      } else if (isWeakMap(value)) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
        formatter = formatUnknownItems;
      } else if (isBoxedPrimitive(value)) {
        base = getBoxedBase(value, ctx, keys, constructor, tag);
        if (keys.length === 0 && protoProps === undefined) return base;
      } else {
        if (keys.length === 0 && protoProps === undefined) return `${getCtxStyle(value, constructor, tag)}{}`;
        braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
      }
    }

    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      let constructorName = getCtxStyle(value, constructor, tag).slice(0, -1);
      if (constructor !== null) constructorName = `[${constructorName}]`;
      return ctx.stylize(constructorName, 'special');
    }
    recurseTimes += 1;

    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    const indentationLvl = ctx.indentationLvl;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (i = 0; i < keys.length; i++) {
        output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
      if (protoProps !== undefined) output.push(...protoProps);
    } catch (err) {
      if (!(err instanceof RangeError) || !/call stack|stack overflow/i.test(String(err.message))) throw err;
      ctx.seen.pop();
      ctx.indentationLvl = indentationLvl;
      const constructorName = getCtxStyle(value, constructor, tag).slice(0, -1);
      return ctx.stylize(
        `[${constructorName}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`,
        'special',
      );
    }
    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) {
        const reference = ctx.stylize(`<ref *${index}>`, 'special');
        if (ctx.compact !== true) {
          base = base === '' ? reference : `${reference} ${base}`;
        } else {
          braces[0] = `${reference} ${braces[0]}`;
        }
      }
    }
    ctx.seen.pop();

    if (ctx.sorted) {
      const comparator = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) {
        output.sort(comparator);
      } else if (keys.length > 1) {
        const sorted = output.slice(output.length - keys.length).sort(comparator);
        output.splice(output.length - keys.length, keys.length, ...sorted);
      }
    }

    const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
    const budget = ctx.budget[ctx.indentationLvl] || 0;
    const newLength = budget + res.length;
    ctx.budget[ctx.indentationLvl] = newLength;
    if (newLength > 2 ** 27) ctx.depth = -1;
    return res;
  }

  function getIteratorBraces(type, tag) {
    if (tag !== `${type} Iterator`) {
      if (tag !== '') tag += '] [';
      tag += `${type} Iterator`;
    }
    return [`[${tag}] {`, '}'];
  }

  function formatUnknownItems(ctx) {
    return [ctx.stylize('<items unknown>', 'special')];
  }

  function getBoxedBase(value, ctx, keys, constructor, tag) {
    let fn;
    let type;
    if (isNumberObject(value)) {
      fn = Number.prototype.valueOf;
      type = 'Number';
    } else if (isStringObject(value)) {
      fn = String.prototype.valueOf;
      type = 'String';
      // Drop the 0..n index keys of boxed strings.
      keys.splice(0, value.length);
    } else if (isBooleanObject(value)) {
      fn = Boolean.prototype.valueOf;
      type = 'Boolean';
    } else if (isBigIntObject(value)) {
      fn = BigInt.prototype.valueOf;
      type = 'BigInt';
    } else {
      fn = Symbol.prototype.valueOf;
      type = 'Symbol';
    }
    let base = `[${type}`;
    if (type !== constructor) {
      base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
    }
    base += `: ${formatPrimitive(stylizeNoColor, fn.call(value), ctx)}]`;
    if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
    if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
    return ctx.stylize(base, type.toLowerCase());
  }

  function getClassBase(value, constructor, tag) {
    const hasName = hasOwn(value, 'name');
    const name = (hasName && value.name) || '(anonymous)';
    let base = `class ${name}`;
    if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    if (constructor !== null) {
      const superName = Object.getPrototypeOf(value).name;
      if (superName) base += ` extends ${superName}`;
    } else {
      base += ' extends [null prototype]';
    }
    return `[${base}]`;
  }

  function getFunctionBase(value, constructor, tag) {
    let stringified = '';
    try {
      stringified = Function.prototype.toString.call(value);
    } catch (err) {
      // Not a real function (a callable proxy, say): describe it as a function anyway.
    }
    if (stringified.startsWith('class') && stringified[stringified.length - 1] === '}') {
      const slice = stringified.slice(5, -1);
      const bracketIndex = slice.indexOf('{');
      if (
        bracketIndex !== -1 &&
        (!slice.slice(0, bracketIndex).includes('(') ||
          classRegExp.exec(slice.replace(stripCommentsRegExp, '')) !== null)
      ) {
        return getClassBase(value, constructor, tag);
      }
    }
    let type = 'Function';
    if (isGeneratorFunction(value)) type = `Generator${type}`;
    if (isAsyncFunction(value)) type = `Async${type}`;
    let base = `[${type}`;
    if (constructor === null) base += ' (null prototype)';
    if (value.name === '') {
      base += ' (anonymous)';
    } else {
      base += `: ${value.name}`;
    }
    base += ']';
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  // V8 (and so Node) starts `stack` with "Name: message". QuickJS keeps only the "    at" frames
  // there, and JavaScriptCore (the renderer) only "fn@url:line:col" frames: both get the header,
  // and JavaScriptCore's frames are written the V8 way.
  const jscFrameRegExp = /^(?:([^@\n]*)@)?(\S+:\d+:\d+|\[native code\])$/;
  function getStackString(error) {
    const stack = error.stack;
    if (!stack) return Error.prototype.toString.call(error);
    const text = String(stack);
    if (/^ {4}at /.test(text)) {
      return `${Error.prototype.toString.call(error)}\n${text.replace(/\n$/, '')}`;
    }
    const lines = text.replace(/\n$/, '').split('\n');
    if (lines.every((line) => jscFrameRegExp.test(line))) {
      const frames = lines.map((line) => {
        const match = jscFrameRegExp.exec(line);
        return match[1] ? `    at ${match[1]} (${match[2]})` : `    at ${match[2]}`;
      });
      return `${Error.prototype.toString.call(error)}\n${frames.join('\n')}`;
    }
    return text;
  }

  function improveStack(stack, constructor, name, tag) {
    let len = name.length;
    if (
      constructor === null ||
      (name.endsWith('Error') &&
        stack.startsWith(name) &&
        (stack.length === len || stack[len] === ':' || stack[len] === '\n'))
    ) {
      let fallback = 'Error';
      if (constructor === null) {
        const start =
          /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
        fallback = (start && start[1]) || '';
        len = fallback.length;
        fallback = fallback || 'Error';
      }
      const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
      if (name !== prefix) {
        if (prefix.includes(name)) {
          if (len === 0) {
            stack = `${prefix}: ${stack}`;
          } else {
            stack = `${prefix}${stack.slice(len)}`;
          }
        } else {
          stack = `${prefix} [${name}]${stack.slice(len)}`;
        }
      }
    }
    return stack;
  }

  function removeDuplicateErrorKeys(ctx, keys, err, stack) {
    if (!ctx.showHidden && keys.length !== 0) {
      for (const name of ['name', 'message', 'stack']) {
        const index = keys.indexOf(name);
        if (index !== -1 && stack.includes(err[name])) keys.splice(index, 1);
      }
    }
  }

  function formatError(err, constructor, tag, ctx, keys, recurseTimes) {
    const name = err.name != null ? String(err.name) : 'Error';
    let stack = getStackString(err);

    removeDuplicateErrorKeys(ctx, keys, err, stack);

    if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
    if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');

    stack = improveStack(stack, constructor, name, tag);

    let pos = (err.message && stack.indexOf(err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    const stackStart = stack.indexOf('\n    at', pos);
    if (stackStart !== -1 && recurseTimes > 0) {
      // Nested errors show only their first line (QuickJS frames would just be noise there).
      stack = stack.slice(0, stackStart);
    }
    if (stackStart === -1 || recurseTimes > 0) {
      stack = `[${stack}]`;
    }
    if (ctx.indentationLvl !== 0) {
      stack = stack.split('\n').join(`\n${' '.repeat(ctx.indentationLvl)}`);
    }
    return stack;
  }

  function isFullWidthCodePoint(code) {
    return (
      code >= 0x1100 &&
      (code <= 0x115f ||
        code === 0x2329 ||
        code === 0x232a ||
        (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
        (code >= 0x3250 && code <= 0x4dbf) ||
        (code >= 0x4e00 && code <= 0xa4c6) ||
        (code >= 0xa960 && code <= 0xa97c) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe10 && code <= 0xfe19) ||
        (code >= 0xfe30 && code <= 0xfe6b) ||
        (code >= 0xff01 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) ||
        (code >= 0x1b000 && code <= 0x1b001) ||
        (code >= 0x1f200 && code <= 0x1f251) ||
        (code >= 0x1f300 && code <= 0x1f64f) ||
        (code >= 0x20000 && code <= 0x3fffd))
    );
  }

  function isZeroWidthCodePoint(code) {
    return (
      code <= 0x1f ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x300 && code <= 0x36f) ||
      (code >= 0x200b && code <= 0x200f) ||
      (code >= 0x20d0 && code <= 0x20ff) ||
      (code >= 0xfe00 && code <= 0xfe0f) ||
      (code >= 0xfe20 && code <= 0xfe2f) ||
      (code >= 0xe0100 && code <= 0xe01ef)
    );
  }

  function getStringWidth(str) {
    let width = 0;
    if (typeof str.normalize === 'function') str = str.normalize('NFC');
    for (const char of str) {
      const code = char.codePointAt(0);
      if (isFullWidthCodePoint(code)) {
        width += 2;
      } else if (!isZeroWidthCodePoint(code)) {
        width++;
      }
    }
    return width;
  }

  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) {
      // Leave the "... n more items" entry out of the columns.
      outputLength--;
    }
    const separatorSpace = 2;
    const dataLen = new Array(outputLength);
    for (; i < outputLength; i++) {
      const len = getStringWidth(output[i]);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const approxCharHeights = 2.5;
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let c = 0; c < columns; c++) {
        let lineMaxLength = 0;
        for (let j = c; j < output.length; j += columns) {
          if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
        }
        maxLineLength.push(lineMaxLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let k = 0; k < output.length; k++) {
          if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
            padStart = false;
            break;
          }
        }
      }
      for (let k = 0; k < outputLength; k += columns) {
        const max = Math.min(k + columns, outputLength);
        let str = '';
        let j = k;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - k] + output[j].length - dataLen[j];
          str += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
        }
        if (padStart) {
          const padding = maxLineLength[j - k] + output[j].length - dataLen[j] - separatorSpace;
          str += output[j].padStart(padding, ' ');
        } else {
          str += output[j];
        }
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  }

  function addNumericSeparator(integerString) {
    let result = '';
    let i = integerString.length;
    const start = integerString[0] === '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) {
      result = `_${integerString.slice(i - 3, i)}${result}`;
    }
    return i === integerString.length ? integerString : `${integerString.slice(0, i)}${result}`;
  }

  function addNumericSeparatorEnd(integerString) {
    let result = '';
    let i = 0;
    for (; i < integerString.length - 3; i += 3) {
      result += `${integerString.slice(i, i + 3)}_`;
    }
    return i === 0 ? integerString : `${result}${integerString.slice(i)}`;
  }

  const remainingText = (remaining) => `... ${remaining} more item${remaining > 1 ? 's' : ''}`;

  function formatNumber(fn, number, numericSeparator) {
    if (!numericSeparator) {
      if (Object.is(number, -0)) return fn('-0', 'number');
      return fn(`${number}`, 'number');
    }
    const numberString = String(number);
    const integer = Math.trunc(number);
    if (integer === number) {
      if (!Number.isFinite(number) || numberString.includes('e')) return fn(numberString, 'number');
      return fn(addNumericSeparator(numberString), 'number');
    }
    if (Number.isNaN(number)) return fn(numberString, 'number');
    const decimalIndex = numberString.indexOf('.');
    const integerPart = numberString.slice(0, decimalIndex);
    const fractionalPart = numberString.slice(decimalIndex + 1);
    return fn(`${addNumericSeparator(integerPart)}.${addNumericSeparatorEnd(fractionalPart)}`, 'number');
  }

  function formatBigInt(fn, bigint, numericSeparator) {
    const string = String(bigint);
    if (!numericSeparator) return fn(`${string}n`, 'bigint');
    return fn(`${addNumericSeparator(string)}n`, 'bigint');
  }

  function splitAfterNewlines(value) {
    const lines = [];
    let start = 0;
    for (;;) {
      const index = value.indexOf('\n', start);
      if (index === -1 || index === value.length - 1) break;
      lines.push(value.slice(start, index + 1));
      start = index + 1;
    }
    lines.push(value.slice(start));
    return lines;
  }

  function formatPrimitive(fn, value, ctx) {
    if (typeof value === 'string') {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      }
      if (ctx.compact !== true && value.length > kMinLineLength && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return (
          splitAfterNewlines(value)
            .map((line) => fn(strEscape(line), 'string'))
            .join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer
        );
      }
      return fn(strEscape(value), 'string') + trailer;
    }
    if (typeof value === 'number') return formatNumber(fn, value, ctx.numericSeparator);
    if (typeof value === 'bigint') return formatBigInt(fn, value, ctx.numericSeparator);
    if (typeof value === 'boolean') return fn(`${value}`, 'boolean');
    if (typeof value === 'undefined') return fn('undefined', 'undefined');
    return fn(Symbol.prototype.toString.call(value), 'symbol');
  }

  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = Object.keys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (!numberRegExp.test(key)) break;
        const emptyItems = tmp - index;
        const ending = emptyItems > 1 ? 's' : '';
        output.push(ctx.stylize(`<${emptyItems} empty item${ending}>`, 'undefined'));
        index = tmp;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) {
        const ending = remaining > 1 ? 's' : '';
        output.push(ctx.stylize(`<${remaining} empty item${ending}>`, 'undefined'));
      }
    } else if (remaining > 0) {
      output.push(remainingText(remaining));
    }
    return output;
  }

  function formatArrayBuffer(ctx, value) {
    let buffer;
    try {
      buffer = new Uint8Array(value);
    } catch (err) {
      return [ctx.stylize('(detached)', 'special')];
    }
    let str = hexSlice(buffer, 0, Math.min(ctx.maxArrayLength, buffer.length))
      .replace(/(.{2})/g, '$1 ')
      .trim();
    const remaining = buffer.length - ctx.maxArrayLength;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${str}>`];
  }

  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }

  function formatTypedArray(value, length, ctx, ignored, recurseTimes) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = value.length - maxLength;
    const output = new Array(maxLength);
    const elementFormatter = value.length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
    for (let i = 0; i < maxLength; ++i) {
      output[i] = elementFormatter(ctx.stylize, value[i], ctx.numericSeparator);
    }
    if (remaining > 0) output[maxLength] = remainingText(remaining);
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
        const str = formatValue(ctx, value[key], recurseTimes, true);
        output.push(`[${key}]: ${str}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatSet(value, ctx, ignored, recurseTimes) {
    const entries = Array.from(value);
    const length = entries.length;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    for (let i = 0; i < maxLength; i++) output.push(formatValue(ctx, entries[i], recurseTimes));
    if (remaining > 0) output.push(remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(value, ctx, ignored, recurseTimes) {
    const entries = Array.from(value);
    const length = entries.length;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    for (let i = 0; i < maxLength; i++) {
      const k = entries[i][0];
      const v = entries[i][1];
      output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    }
    if (remaining > 0) output.push(remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
    let name;
    let str;
    let extra = ' ';
    desc = desc || Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
    if (desc.value !== undefined) {
      const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < getStringWidth(str)) {
        extra = `\n${' '.repeat(ctx.indentationLvl)}`;
      }
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
      const s = ctx.stylize;
      const sp = 'special';
      if (
        ctx.getters &&
        (ctx.getters === true ||
          (ctx.getters === 'get' && desc.set === undefined) ||
          (ctx.getters === 'set' && desc.set !== undefined))
      ) {
        try {
          const tmp = desc.get.call(original);
          ctx.indentationLvl += 2;
          if (tmp === null) {
            str = `${s(`[${label}:`, sp)} ${s('null', 'null')}${s(']', sp)}`;
          } else if (typeof tmp === 'object') {
            str = `${s(`[${label}]`, sp)} ${formatValue(ctx, tmp, recurseTimes)}`;
          } else {
            const primitive = formatPrimitive(s, tmp, ctx);
            str = `${s(`[${label}:`, sp)} ${primitive}${s(']', sp)}`;
          }
          ctx.indentationLvl -= 2;
        } catch (err) {
          const message = `<Inspection threw (${err && err.message})>`;
          str = `${s(`[${label}:`, sp)} ${message}${s(']', sp)}`;
        }
      } else {
        str = ctx.stylize(`[${label}]`, sp);
      }
    } else if (desc.set !== undefined) {
      str = ctx.stylize('[Setter]', 'special');
    } else {
      str = ctx.stylize('undefined', 'undefined');
    }
    if (type === kArrayType) return str;
    if (typeof key === 'symbol') {
      name = `[${ctx.stylize(escapeKeyChars(Symbol.prototype.toString.call(key)), 'symbol')}]`;
    } else if (key === '__proto__') {
      name = "['__proto__']";
    } else if (desc.enumerable === false) {
      name = `[${escapeKeyChars(String(key))}]`;
    } else if (keyStrRegExp.test(key)) {
      name = ctx.stylize(key, 'name');
    } else {
      name = ctx.stylize(strEscape(String(key)), 'string');
    }
    return `${name}:${extra}${str}`;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !base.includes('\n');
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) {
          output = groupArrayElements(ctx, output, value);
        }
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joinedOutput = output.join(', ');
            if (!joinedOutput.includes('\n')) {
              return `${base ? `${base} ` : ''}${braces[0]} ${joinedOutput}` + ` ${braces[1]}`;
            }
          }
        }
      }
      const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
      return (
        `${base ? `${base} ` : ''}${braces[0]}${indentation}  ` +
        `${output.join(`,${indentation}  `)}${indentation}${braces[1]}`
      );
    }
    if (isBelowBreakLength(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ` + braces[1];
    }
    const indentation = ' '.repeat(ctx.indentationLvl);
    const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
    return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
  }

  // ---- util.format -------------------------------------------------------------------------
  function hasBuiltInToString(value) {
    let hasOwnToString = hasOwn;
    let hasOwnToPrimitive = hasOwn;
    if (typeof value.toString !== 'function') {
      if (typeof value[Symbol.toPrimitive] !== 'function') {
        return true;
      } else if (hasOwn(value, Symbol.toPrimitive)) {
        return false;
      }
      hasOwnToString = () => false;
    } else if (hasOwn(value, 'toString')) {
      return false;
    } else if (typeof value[Symbol.toPrimitive] !== 'function') {
      hasOwnToPrimitive = () => false;
    } else if (hasOwn(value, Symbol.toPrimitive)) {
      return false;
    }
    let pointer = value;
    do {
      pointer = Object.getPrototypeOf(pointer);
    } while (pointer !== null && !hasOwnToString(pointer, 'toString') && !hasOwnToPrimitive(pointer, Symbol.toPrimitive));
    if (pointer === null) return true;
    const descriptor = Object.getOwnPropertyDescriptor(pointer, 'constructor');
    return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
  }

  const firstErrorLine = (error) => String(error.message).split('\n', 1)[0];
  let circularErrorMessage;
  function tryStringify(arg) {
    try {
      return JSON.stringify(arg);
    } catch (err) {
      if (!circularErrorMessage) {
        try {
          const a = {};
          a.a = a;
          JSON.stringify(a);
        } catch (circularError) {
          circularErrorMessage = firstErrorLine(circularError);
        }
      }
      if (err && err.name === 'TypeError' && firstErrorLine(err) === circularErrorMessage) return '[Circular]';
      throw err;
    }
  }

  function format(...args) {
    return formatWithOptionsInternal(undefined, args);
  }

  function formatWithOptions(inspectOptions, ...args) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') {
      throw invalidArgType('inspectOptions', 'of type object', inspectOptions);
    }
    return formatWithOptionsInternal(inspectOptions, args);
  }

  function numericSeparatorOption(options) {
    return options && options.numericSeparator !== undefined && options.numericSeparator !== null
      ? options.numericSeparator
      : inspectDefaultOptions.numericSeparator;
  }

  function formatWithOptionsInternal(inspectOptions, args) {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';

    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) === 37) {
          // '%'
          const nextChar = first.charCodeAt(++i);
          if (a + 1 !== args.length) {
            switch (nextChar) {
              case 115: {
                // 's'
                const tempArg = args[++a];
                if (typeof tempArg === 'number') {
                  tempStr = formatNumber(stylizeNoColor, tempArg, numericSeparatorOption(inspectOptions));
                } else if (typeof tempArg === 'bigint') {
                  tempStr = formatBigInt(stylizeNoColor, tempArg, numericSeparatorOption(inspectOptions));
                } else if (typeof tempArg !== 'object' || tempArg === null || !hasBuiltInToString(tempArg)) {
                  tempStr = String(tempArg);
                } else {
                  tempStr = inspect(tempArg, { ...inspectOptions, compact: 3, colors: false, depth: 0 });
                }
                break;
              }
              case 106: // 'j'
                tempStr = tryStringify(args[++a]);
                break;
              case 100: {
                // 'd'
                const tempNum = args[++a];
                if (typeof tempNum === 'bigint') {
                  tempStr = formatBigInt(stylizeNoColor, tempNum, numericSeparatorOption(inspectOptions));
                } else if (typeof tempNum === 'symbol') {
                  tempStr = 'NaN';
                } else {
                  tempStr = formatNumber(stylizeNoColor, Number(tempNum), numericSeparatorOption(inspectOptions));
                }
                break;
              }
              case 79: // 'O'
                tempStr = inspect(args[++a], inspectOptions);
                break;
              case 111: // 'o'
                tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
                break;
              case 105: {
                // 'i'
                const tempInteger = args[++a];
                if (typeof tempInteger === 'bigint') {
                  tempStr = formatBigInt(stylizeNoColor, tempInteger, numericSeparatorOption(inspectOptions));
                } else if (typeof tempInteger === 'symbol') {
                  tempStr = 'NaN';
                } else {
                  tempStr = formatNumber(stylizeNoColor, parseInt(tempInteger), numericSeparatorOption(inspectOptions));
                }
                break;
              }
              case 102: {
                // 'f'
                const tempFloat = args[++a];
                if (typeof tempFloat === 'symbol') {
                  tempStr = 'NaN';
                } else {
                  tempStr = formatNumber(stylizeNoColor, parseFloat(tempFloat), numericSeparatorOption(inspectOptions));
                }
                break;
              }
              case 99: // 'c'
                a += 1;
                tempStr = '';
                break;
              case 37: // '%'
                str += first.slice(lastPos, i);
                lastPos = i + 1;
                continue;
              default:
                // Not a placeholder.
                continue;
            }
            if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
            str += tempStr;
            lastPos = i + 1;
          } else if (nextChar === 37) {
            str += first.slice(lastPos, i);
            lastPos = i + 1;
          }
        }
      }
      if (lastPos !== 0) {
        a++;
        join = ' ';
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }

    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
      join = ' ';
      a++;
    }
    return str;
  }

  // ---- the rest of util --------------------------------------------------------------------
  function promisify(original) {
    validateFunction(original, 'original');
    if (original[customPromisifySymbol]) {
      const fn = original[customPromisifySymbol];
      validateFunction(fn, 'util.promisify.custom');
      return fn;
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        original.call(this, ...args, (err, ...values) => {
          if (err) return reject(err);
          resolve(values[0]);
        });
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, customPromisifySymbol, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = customPromisifySymbol;

  function callbackify(original) {
    validateFunction(original, 'original');
    function callbackified(...args) {
      const callback = args.pop();
      validateFunction(callback, 'last argument');
      Promise.resolve(original.apply(this, args)).then(
        (value) => callback(null, value),
        (reason) => {
          if (!reason) {
            const err = new Error('Promise was rejected with a falsy value');
            err.code = 'ERR_FALSY_VALUE_REJECTION';
            err.reason = reason;
            reason = err;
          }
          callback(reason);
        },
      );
    }
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'of type function', ctor);
    if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'of type function', superCtor);
    if (superCtor.prototype === undefined) {
      throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
    }
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn) {
    return fn;
  }

  const util = {
    format,
    formatWithOptions,
    inspect,
    promisify,
    callbackify,
    inherits,
    deprecate,
    isArray: Array.isArray,
    types: {
      isPromise,
      isDate,
      isRegExp,
      isMap,
      isSet,
      isWeakMap,
      isWeakSet,
      isTypedArray,
      isUint8Array,
      isArrayBuffer,
      isAnyArrayBuffer,
      isDataView,
      isNativeError: isError,
      isBoxedPrimitive,
      isAsyncFunction,
      isGeneratorFunction,
      isMapIterator,
      isSetIterator,
      isArgumentsObject,
    },
  };

  // ================================= events ==================================================
  const kCapture = Symbol('kCapture');
  const kShapeMode = Symbol('shapeMode');
  const kErrorMonitor = Symbol('events.errorMonitor');
  let defaultMaxListeners = 10;

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.usingDomains = false;
  EventEmitter.errorMonitor = kErrorMonitor;
  Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    enumerable: true,
    get() {
      return defaultMaxListeners;
    },
    set(n) {
      validateNumber(n, 'defaultMaxListeners', 0);
      defaultMaxListeners = n;
    },
  });

  EventEmitter.init = function init(opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }
    this._maxListeners = this._maxListeners || undefined;
    this[kCapture] = opts && opts.captureRejections ? Boolean(opts.captureRejections) : EventEmitter.prototype[kCapture];
  };

  EventEmitter.setMaxListeners = function setMaxListeners(n = defaultMaxListeners, ...targets) {
    validateNumber(n, 'setMaxListeners', 0);
    if (targets.length === 0) {
      defaultMaxListeners = n;
    } else {
      for (const target of targets) {
        if (target && typeof target.setMaxListeners === 'function') {
          target.setMaxListeners(n);
        } else {
          throw invalidArgType('eventTargets', 'an instance of EventEmitter or EventTarget', target);
        }
      }
    }
  };

  function hasEventListener(self, type) {
    if (type === undefined) return self._events !== undefined;
    return self._events !== undefined && self._events[type] !== undefined;
  }

  function checkListener(listener) {
    validateFunction(listener, 'listener');
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    validateNumber(n, 'setMaxListeners', 0);
    this._maxListeners = n;
    return this;
  };

  function getMaxListeners(that) {
    if (that._maxListeners === undefined) return EventEmitter.defaultMaxListeners;
    return that._maxListeners;
  }

  EventEmitter.prototype.getMaxListeners = function getMaxListeners_() {
    return getMaxListeners(this);
  };

  EventEmitter.prototype.emit = function emit(type, ...args) {
    let doError = type === 'error';
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }

    // No 'error' listener: throw, as Node does.
    if (doError) {
      let er;
      if (args.length > 0) er = args[0];
      if (er instanceof Error) throw er; // Unhandled 'error' event
      let stringifiedEr;
      try {
        stringifiedEr = inspect(er);
      } catch (err) {
        stringifiedEr = er;
      }
      const err = nodeError(
        Error,
        'ERR_UNHANDLED_ERROR',
        stringifiedEr === undefined ? 'Unhandled error.' : `Unhandled error. (${stringifiedEr})`,
      );
      err.context = er;
      throw err; // Unhandled 'error' event
    }

    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      handler.apply(this, args);
    } else {
      // A copy, so listeners added or removed while emitting do not change this round.
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; ++i) listeners[i].apply(this, args);
    }
    return true;
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    let existing;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else {
      // Emit 'newListener' before adding, so a 'newListener' listener does not see itself.
      if (events.newListener !== undefined) {
        target.emit('newListener', type, listener.listener ? listener.listener : listener);
        events = target._events;
      }
      existing = events[type];
    }

    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === 'function') {
        existing = events[type] = prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        existing.unshift(listener);
      } else {
        existing.push(listener);
      }
      // Node prints a MaxListenersExceededWarning here; the warning is only flagged.
      const m = getMaxListeners(target);
      if (m > 0 && existing.length > m && !existing.warned) existing.warned = true;
    }
    return target;
  }

  EventEmitter.prototype.addListener = function addListener_(type, listener) {
    return addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;

  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return addListener(this, type, listener, true);
  };

  function onceWrapper() {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      if (arguments.length === 0) return this.listener.call(this.target);
      return this.listener.apply(this.target, arguments);
    }
  }

  function onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    if (!hasEventListener(this, type)) return this;
    const events = this._events;
    const list = events[type];

    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) {
        events[type] = undefined;
      } else if (this._eventsCount === 0) {
        this._events = Object.create(null);
      } else {
        delete events[type];
        if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
      }
    } else if (typeof list !== 'function') {
      // The most recently added match goes first.
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) {
        list.shift();
      } else {
        list.splice(position, 1);
      }
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    if (!hasEventListener(this)) return this;
    const events = this._events;

    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) {
          this._events = Object.create(null);
        } else {
          delete events[type];
        }
      }
      this[kShapeMode] = false;
      return this;
    }

    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === 'removeListener') continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
      return this;
    }

    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function listenersOf(target, type, unwrap) {
    if (!hasEventListener(target, type)) return [];
    const evlistener = target._events[type];
    if (typeof evlistener === 'function') return unwrap ? [evlistener.listener || evlistener] : [evlistener];
    return unwrap ? evlistener.map((l) => l.listener || l) : evlistener.slice();
  }

  EventEmitter.prototype.listeners = function listeners(type) {
    return listenersOf(this, type, true);
  };

  EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return listenersOf(this, type, false);
  };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events !== undefined) {
      const evlistener = events[type];
      if (typeof evlistener === 'function') {
        if (listener != null) return listener === evlistener || listener === evlistener.listener ? 1 : 0;
        return 1;
      } else if (evlistener !== undefined) {
        if (listener != null) {
          let matching = 0;
          for (let i = 0; i < evlistener.length; i++) {
            if (evlistener[i] === listener || evlistener[i].listener === listener) matching++;
          }
          return matching;
        }
        return evlistener.length;
      }
    }
    return 0;
  }
  EventEmitter.prototype.listenerCount = listenerCount;
  EventEmitter.listenerCount = function (emitter, type) {
    if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
    return listenerCount.call(emitter, type);
  };

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  EventEmitter.once = function once(emitter, name) {
    return new Promise((resolve, reject) => {
      const errorListener = (err) => {
        emitter.removeListener(name, resolver);
        reject(err);
      };
      const resolver = (...args) => {
        if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
        resolve(args);
      };
      if (typeof emitter.once === 'function') {
        emitter.once(name, resolver);
      } else if (typeof emitter.addEventListener === 'function') {
        emitter.addEventListener(name, resolver, { once: true });
      } else {
        throw invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitter);
      }
      if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', errorListener);
    });
  };

  EventEmitter.getEventListeners = function getEventListeners(emitter, type) {
    return emitter.listeners(type);
  };

  // ================================= path (POSIX) ============================================
  let cwd = '/';

  function normalizeString(path, allowAboveRoot) {
    let res = '';
    let lastSegmentLength = 0;
    let lastSlash = -1;
    let dots = 0;
    let code = 0;
    for (let i = 0; i <= path.length; ++i) {
      if (i < path.length) {
        code = path.charCodeAt(i);
      } else if (code === 47) {
        break;
      } else {
        code = 47;
      }
      if (code === 47) {
        if (lastSlash === i - 1 || dots === 1) {
          // NOOP
        } else if (dots === 2) {
          if (
            res.length < 2 ||
            lastSegmentLength !== 2 ||
            res.charCodeAt(res.length - 1) !== 46 ||
            res.charCodeAt(res.length - 2) !== 46
          ) {
            if (res.length > 2) {
              const lastSlashIndex = res.lastIndexOf('/');
              if (lastSlashIndex === -1) {
                res = '';
                lastSegmentLength = 0;
              } else {
                res = res.slice(0, lastSlashIndex);
                lastSegmentLength = res.length - 1 - res.lastIndexOf('/');
              }
              lastSlash = i;
              dots = 0;
              continue;
            } else if (res.length !== 0) {
              res = '';
              lastSegmentLength = 0;
              lastSlash = i;
              dots = 0;
              continue;
            }
          }
          if (allowAboveRoot) {
            res += res.length > 0 ? '/..' : '..';
            lastSegmentLength = 2;
          }
        } else {
          if (res.length > 0) {
            res += `/${path.slice(lastSlash + 1, i)}`;
          } else {
            res = path.slice(lastSlash + 1, i);
          }
          lastSegmentLength = i - lastSlash - 1;
        }
        lastSlash = i;
        dots = 0;
      } else if (code === 46 && dots !== -1) {
        ++dots;
      } else {
        dots = -1;
      }
    }
    return res;
  }

  function formatExt(ext) {
    return ext ? `${ext[0] === '.' ? '' : '.'}${ext}` : '';
  }

  const path = {
    resolve(...args) {
      let resolvedPath = '';
      let resolvedAbsolute = false;
      for (let i = args.length - 1; i >= 0 && !resolvedAbsolute; i--) {
        const p = args[i];
        validateString(p, `paths[${i}]`);
        if (p.length === 0) continue;
        resolvedPath = `${p}/${resolvedPath}`;
        resolvedAbsolute = p.charCodeAt(0) === 47;
      }
      if (!resolvedAbsolute) {
        resolvedPath = `${cwd}/${resolvedPath}`;
        resolvedAbsolute = cwd.charCodeAt(0) === 47;
      }
      resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
      if (resolvedAbsolute) return `/${resolvedPath}`;
      return resolvedPath.length > 0 ? resolvedPath : '.';
    },

    normalize(p) {
      validateString(p, 'path');
      if (p.length === 0) return '.';
      const isAbsolute = p.charCodeAt(0) === 47;
      const trailingSeparator = p.charCodeAt(p.length - 1) === 47;
      p = normalizeString(p, !isAbsolute);
      if (p.length === 0) {
        if (isAbsolute) return '/';
        return trailingSeparator ? './' : '.';
      }
      if (trailingSeparator) p += '/';
      return isAbsolute ? `/${p}` : p;
    },

    isAbsolute(p) {
      validateString(p, 'path');
      return p.length > 0 && p.charCodeAt(0) === 47;
    },

    join(...args) {
      if (args.length === 0) return '.';
      const parts = [];
      for (let i = 0; i < args.length; ++i) {
        const arg = args[i];
        validateString(arg, 'path');
        if (arg.length > 0) parts.push(arg);
      }
      if (parts.length === 0) return '.';
      return path.normalize(parts.join('/'));
    },

    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      from = path.resolve(from);
      to = path.resolve(to);
      if (from === to) return '';
      const fromStart = 1;
      const fromEnd = from.length;
      const fromLen = fromEnd - fromStart;
      const toStart = 1;
      const toLen = to.length - toStart;
      const length = fromLen < toLen ? fromLen : toLen;
      let lastCommonSep = -1;
      let i = 0;
      for (; i < length; i++) {
        const fromCode = from.charCodeAt(fromStart + i);
        if (fromCode !== to.charCodeAt(toStart + i)) break;
        else if (fromCode === 47) lastCommonSep = i;
      }
      if (i === length) {
        if (toLen > length) {
          if (to.charCodeAt(toStart + i) === 47) return to.slice(toStart + i + 1);
          if (i === 0) return to.slice(toStart + i);
        } else if (fromLen > length) {
          if (from.charCodeAt(fromStart + i) === 47) {
            lastCommonSep = i;
          } else if (i === 0) {
            lastCommonSep = 0;
          }
        }
      }
      let out = '';
      for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
        if (i === fromEnd || from.charCodeAt(i) === 47) out += out.length === 0 ? '..' : '/..';
      }
      return `${out}${to.slice(toStart + lastCommonSep)}`;
    },

    toNamespacedPath(p) {
      return p;
    },

    dirname(p) {
      validateString(p, 'path');
      if (p.length === 0) return '.';
      const hasRoot = p.charCodeAt(0) === 47;
      let end = -1;
      let matchedSlash = true;
      for (let i = p.length - 1; i >= 1; --i) {
        if (p.charCodeAt(i) === 47) {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return hasRoot ? '/' : '.';
      if (hasRoot && end === 1) return '//';
      return p.slice(0, end);
    },

    basename(p, suffix) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(p, 'path');
      let start = 0;
      let end = -1;
      let matchedSlash = true;
      if (suffix !== undefined && suffix.length > 0 && suffix.length <= p.length) {
        if (suffix === p) return '';
        let extIdx = suffix.length - 1;
        let firstNonSlashEnd = -1;
        for (let i = p.length - 1; i >= 0; --i) {
          const code = p.charCodeAt(i);
          if (code === 47) {
            if (!matchedSlash) {
              start = i + 1;
              break;
            }
          } else {
            if (firstNonSlashEnd === -1) {
              matchedSlash = false;
              firstNonSlashEnd = i + 1;
            }
            if (extIdx >= 0) {
              if (code === suffix.charCodeAt(extIdx)) {
                if (--extIdx === -1) end = i;
              } else {
                extIdx = -1;
                end = firstNonSlashEnd;
              }
            }
          }
        }
        if (start === end) end = firstNonSlashEnd;
        else if (end === -1) end = p.length;
        return p.slice(start, end);
      }
      for (let i = p.length - 1; i >= 0; --i) {
        if (p.charCodeAt(i) === 47) {
          if (!matchedSlash) {
            start = i + 1;
            break;
          }
        } else if (end === -1) {
          matchedSlash = false;
          end = i + 1;
        }
      }
      if (end === -1) return '';
      return p.slice(start, end);
    },

    extname(p) {
      validateString(p, 'path');
      let startDot = -1;
      let startPart = 0;
      let end = -1;
      let matchedSlash = true;
      let preDotState = 0;
      for (let i = p.length - 1; i >= 0; --i) {
        const char = p[i];
        if (char === '/') {
          if (!matchedSlash) {
            startPart = i + 1;
            break;
          }
          continue;
        }
        if (end === -1) {
          matchedSlash = false;
          end = i + 1;
        }
        if (char === '.') {
          if (startDot === -1) startDot = i;
          else if (preDotState !== 1) preDotState = 1;
        } else if (startDot !== -1) {
          preDotState = -1;
        }
      }
      if (
        startDot === -1 ||
        end === -1 ||
        preDotState === 0 ||
        (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)
      ) {
        return '';
      }
      return p.slice(startDot, end);
    },

    format(pathObject) {
      if (pathObject === null || typeof pathObject !== 'object') {
        throw invalidArgType('pathObject', 'of type object', pathObject);
      }
      const dir = pathObject.dir || pathObject.root;
      const base = pathObject.base || `${pathObject.name || ''}${formatExt(pathObject.ext)}`;
      if (!dir) return base;
      return dir === pathObject.root ? `${dir}${base}` : `${dir}/${base}`;
    },

    parse(p) {
      validateString(p, 'path');
      const ret = { root: '', dir: '', base: '', ext: '', name: '' };
      if (p.length === 0) return ret;
      const isAbsolute = p.charCodeAt(0) === 47;
      let start;
      if (isAbsolute) {
        ret.root = '/';
        start = 1;
      } else {
        start = 0;
      }
      let startDot = -1;
      let startPart = 0;
      let end = -1;
      let matchedSlash = true;
      let i = p.length - 1;
      let preDotState = 0;
      for (; i >= start; --i) {
        const code = p.charCodeAt(i);
        if (code === 47) {
          if (!matchedSlash) {
            startPart = i + 1;
            break;
          }
          continue;
        }
        if (end === -1) {
          matchedSlash = false;
          end = i + 1;
        }
        if (code === 46) {
          if (startDot === -1) startDot = i;
          else if (preDotState !== 1) preDotState = 1;
        } else if (startDot !== -1) {
          preDotState = -1;
        }
      }
      if (end !== -1) {
        const begin = startPart === 0 && isAbsolute ? 1 : startPart;
        if (
          startDot === -1 ||
          preDotState === 0 ||
          (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)
        ) {
          ret.base = ret.name = p.slice(begin, end);
        } else {
          ret.name = p.slice(begin, startDot);
          ret.base = p.slice(begin, end);
          ret.ext = p.slice(startDot, end);
        }
      }
      if (startPart > 0) ret.dir = p.slice(0, startPart - 1);
      else if (isAbsolute) ret.dir = '/';
      return ret;
    },

    sep: '/',
    delimiter: ':',
    posix: null,
  };
  path.posix = path;
  path._makeLong = path.toNamespacedPath;
  // Not Node API: sets the directory `resolve` starts from (process.cwd() in Node).
  Object.defineProperty(path, '__setCwd', {
    value(dir) {
      validateString(dir, 'dir');
      cwd = dir;
    },
    enumerable: false,
  });

  // ================================= Buffer ==================================================
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

  const HEX = '0123456789abcdef';
  function hexSlice(bytes, start, end) {
    let out = '';
    for (let i = start; i < end; i++) out += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    return out;
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

  return { events: EventEmitter, path, util, Buffer };
}
