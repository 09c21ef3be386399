// A small stand-in for what Electron's spec files run on (mocha's describe/it and hooks,
// chai's expect with dirty-chai and chai-as-promised, and spec-helpers' defer and
// closeAllWindows), so that their tests run here with their assertions as written.
// Each test's result is one console line: `PASS <file> › <title>` or `FAIL <file> › <title>: why`.

const { BrowserWindow } = require('electron');
const { once } = require('events');
const util = require('util');

const TEST_TIMEOUT_MS = 30000;

function suite(title, parent) {
  return { title, parent, suites: [], tests: [], before: [], after: [], beforeEach: [], afterEach: [] };
}

let root = suite('', null);
let current = root;

function describe(title, fn) {
  const child = suite(title, current);
  current.suites.push(child);
  const outer = current;
  current = child;
  try {
    fn();
  } finally {
    current = outer;
  }
}

function it(title, fn, timeoutMs) {
  current.tests.push({ title, fn, timeoutMs: timeoutMs || TEST_TIMEOUT_MS });
}

const before = (fn) => current.before.push(fn);
const after = (fn) => current.after.push(fn);
const beforeEach = (fn) => current.beforeEach.push(fn);
const afterEach = (fn) => current.afterEach.push(fn);

// ---- running ---------------------------------------------------------------------------------
/** Fails the running test from outside it: an exception a listener threw, as mocha does. */
let failRunning = null;
process.on('uncaughtException', (err) => {
  if (failRunning) failRunning(err);
  else console.log('uncaught outside a test:', err);
});

/** Runs a test or hook body, with mocha's `done` when it takes one, within `timeoutMs`. */
function runBody(fn, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timeout of ${timeoutMs}ms exceeded`)), timeoutMs);
    const finish = (err) => {
      clearTimeout(timer);
      failRunning = null;
      if (err) reject(err);
      else resolve();
    };
    failRunning = finish;
    try {
      if (fn.length > 0) {
        fn((err) => finish(err));
      } else {
        Promise.resolve(fn()).then(() => finish(), finish);
      }
    } catch (err) {
      finish(err);
    }
  });
}

let deferred = [];
/** spec-helpers' defer: runs after the current test, last deferred first. */
function defer(fn) {
  deferred.unshift(fn);
}

function titleOf(s, title) {
  const parts = [];
  for (let at = s; at; at = at.parent) if (at.title) parts.unshift(at.title);
  parts.push(title);
  return parts.join(' › ');
}

function hooksOf(s, name) {
  const chain = [];
  for (let at = s; at; at = at.parent) chain.unshift(at);
  const hooks = chain.flatMap((x) => x[name]);
  return name === 'afterEach' ? hooks.reverse() : hooks;
}

function why(err) {
  if (err && err.message !== undefined) return String(err.message);
  return util.inspect(err);
}

async function runSuite(s, file, counts) {
  for (const hook of s.before) await runBody(hook, TEST_TIMEOUT_MS);
  for (const test of s.tests) {
    const name = file + ' › ' + titleOf(s, test.title);
    let failure = null;
    try {
      for (const hook of hooksOf(s, 'beforeEach')) await runBody(hook, TEST_TIMEOUT_MS);
      await runBody(test.fn, test.timeoutMs);
    } catch (err) {
      failure = err;
    }
    const cleanups = deferred;
    deferred = [];
    try {
      for (const fn of cleanups) await fn();
      for (const hook of hooksOf(s, 'afterEach')) await runBody(hook, TEST_TIMEOUT_MS);
    } catch (err) {
      failure = failure || err;
    }
    if (failure) {
      counts.failed++;
      console.log(`FAIL ${name}: ${why(failure)}`);
    } else {
      counts.passed++;
      console.log(`PASS ${name}`);
    }
  }
  for (const child of s.suites) await runSuite(child, file, counts);
  for (const hook of s.after) await runBody(hook, TEST_TIMEOUT_MS);
}

/** Loads a spec file (which calls describe/it) and runs its tests in order. */
async function runSpecFile(file, load) {
  root = suite('', null);
  current = root;
  load();
  const counts = { passed: 0, failed: 0 };
  try {
    await runSuite(root, file, counts);
  } catch (err) {
    console.log(`FAIL ${file} › (a hook): ${why(err)}`);
    counts.failed++;
  }
  console.log(`DONE ${file}: ${counts.passed} passed, ${counts.failed} failed`);
}

// ---- spec-helpers and window-helpers ----------------------------------------------------------
async function closeWindow(w) {
  if (!w || w.isDestroyed()) return;
  const closed = once(w, 'closed');
  w.destroy();
  await closed;
}

async function closeAllWindows() {
  for (const w of BrowserWindow.getAllWindows()) await closeWindow(w);
}

// ---- chai's expect, the part these specs use --------------------------------------------------
class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (value) => util.inspect(value, { depth: 4 });

/** chai's deep equality: same types, same own enumerable keys, equal values; cycles allowed. */
function deepEqual(a, b, seen = new Map()) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (ArrayBuffer.isView(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map || a instanceof Set) {
    if (a.size !== b.size) return false;
    const left = [...a];
    const right = [...b];
    return left.every((entry, i) => deepEqual(entry, right[i], seen));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual(a[key], b[key], seen));
}

class Assertion {
  constructor(value) {
    this._value = value;
    this._deep = false;
    this._not = false;
  }
  get to() { return this; }
  get be() { return this; }
  get been() { return this; }
  get is() { return this; }
  get that() { return this; }
  get and() { return this; }
  get have() { return this; }
  get a() { return this; }
  get an() { return this; }
  get eventually() { return this; }
  get deep() { this._deep = true; return this; }
  get not() { this._not = !this._not; return this; }

  _check(ok, message) {
    if (ok === this._not) throw new AssertionError(this._not ? 'not: ' + message : message);
  }
  equal(expected) {
    const ok = this._deep ? deepEqual(this._value, expected) : this._value === expected;
    this._check(ok, `expected ${show(this._value)} to ${this._deep ? 'deeply ' : ''}equal ${show(expected)}`);
    return this;
  }
  eql(expected) { this._deep = true; return this.equal(expected); }
  match(re) {
    this._check(re.test(this._value), `expected ${show(this._value)} to match ${re}`);
    return this;
  }
  instanceOf(type) {
    this._check(this._value instanceof type, `expected ${show(this._value)} to be an instance of ${type.name}`);
    return this;
  }
  lengthOf(n) {
    this._check(this._value.length === n, `expected ${show(this._value)} to have a length of ${n} but got ${this._value.length}`);
    return this;
  }
  property(name, value) {
    const has = this._value !== null && this._value !== undefined && name in Object(this._value);
    if (arguments.length < 2) this._check(has, `expected ${show(this._value)} to have property '${name}'`);
    else this._check(has && this._value[name] === value, `expected ${show(this._value)} to have property '${name}' of ${show(value)}`);
    return this;
  }
  below(n) {
    this._check(this._value < n, `expected ${show(this._value)} to be below ${n}`);
    return this;
  }
  true() { this._check(this._value === true, `expected ${show(this._value)} to be true`); return this; }
  false() { this._check(this._value === false, `expected ${show(this._value)} to be false`); return this; }
  null() { this._check(this._value === null, `expected ${show(this._value)} to be null`); return this; }
  throw(pattern) {
    let thrown = null;
    let threw = false;
    try {
      this._value();
    } catch (err) {
      threw = true;
      thrown = err;
    }
    const text = thrown && thrown.message !== undefined ? thrown.message : String(thrown);
    const ok = threw && (pattern === undefined || pattern.test(text));
    this._check(ok, threw ? `expected the function to throw an error matching ${pattern} but it threw ${show(text)}` : 'expected the function to throw');
    return this;
  }
  /** chai-as-promised: the promise rejects (with an error whose message matches, if given). */
  rejected() { return this.rejectedWith(); }
  rejectedWith(pattern) {
    const negate = this._not;
    return Promise.resolve(this._value).then(
      (value) => {
        if (!negate) throw new AssertionError(`expected promise to be rejected but it was fulfilled with ${show(value)}`);
      },
      (err) => {
        const text = err && err.message !== undefined ? err.message : String(err);
        const matches = pattern === undefined || (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
        if (matches === negate) throw new AssertionError(`expected promise ${negate ? 'not ' : ''}to be rejected${pattern ? ' with ' + pattern : ''} but it was rejected with ${show(text)}`);
      }
    );
  }
}

const expect = (value) => new Assertion(value);

module.exports = { describe, it, before, after, beforeEach, afterEach, runSpecFile, expect, once, defer, closeWindow, closeAllWindows };
