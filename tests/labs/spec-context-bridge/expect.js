// The few chai assertions Electron's api-context-bridge-spec.ts uses, so that each ported test
// keeps its assertion as the spec states it. Loaded by main.js (require) and by the page.
(function (root) {
  function show(value) {
    try {
      return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'symbol' ? value.toString() : JSON.stringify(value) === undefined ? String(value) : JSON.stringify(value);
    } catch (_) {
      return String(value);
    }
  }

  function deepEqual(a, b) {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) && !(Array.isArray(a) && Array.isArray(b))) return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual(a[key], b[key]));
  }

  function expect(actual) {
    let deep = false;
    const fail = (what, message) => {
      throw new Error((message ? message + ': ' : '') + 'expected ' + show(actual) + ' ' + what);
    };
    const chain = {
      equal(expected, message) {
        if (deep ? !deepEqual(actual, expected) : actual !== expected) fail('to ' + (deep ? 'deeply ' : '') + 'equal ' + show(expected), message);
        return chain;
      },
      true() {
        if (actual !== true) fail('to be true');
        return chain;
      },
      instanceOf(Constructor) {
        if (!(actual instanceof Constructor)) fail('to be an instance of ' + Constructor.name);
        return chain;
      },
      property(name, value) {
        if (actual === null || actual === undefined || !(name in Object(actual))) fail('to have property ' + name);
        if (arguments.length > 1 && actual[name] !== value) fail('to have property ' + name + ' of ' + show(value) + ', but got ' + show(actual[name]));
        return chain;
      },
      lengthOf(n) {
        if (actual === null || actual === undefined || actual.length !== n) fail('to have a length of ' + n);
        return chain;
      },
    };
    chain.equals = chain.equal;
    for (const word of ['to', 'be', 'an', 'a', 'with', 'have', 'that']) {
      Object.defineProperty(chain, word, { get: () => chain });
    }
    Object.defineProperty(chain, 'deep', { get: () => { deep = true; return chain; } });
    return chain;
  }

  if (typeof module !== 'undefined' && module.exports) module.exports = expect;
  else root.expect = expect;
})(this);
