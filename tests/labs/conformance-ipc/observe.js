// Shared by main.js (require) and copied verbatim into preload.js (a sandboxed preload cannot
// require lab files): the value every clone check sends, and what a receiver observes of it.
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

module.exports = { sample, observe }
