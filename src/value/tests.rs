use super::*;
use rquickjs::{CatchResultExt, Context, Runtime};
use serde_json::json;

/// Test helpers, loaded after the codec in the same global scope.
const HELPER_JS: &str = r#"
function sameValue(a, b, path, pairs) {
  if (typeof a !== typeof b) return path + ': ' + typeof a + ' vs ' + typeof b;
  if (a === null || b === null || typeof a !== 'object') {
    return Object.is(a, b) ? '' : path + ': ' + show(a) + ' vs ' + show(b);
  }
  if (pairs.has(a)) return pairs.get(a) === b ? '' : path + ': identity differs';
  pairs.set(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return path + ': prototype differs';
  if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return path + ': tag differs';
  if (a instanceof Date) return Object.is(a.getTime(), b.getTime()) ? '' : path + ': time differs';
  if (a instanceof RegExp) return a.source === b.source && a.flags === b.flags ? '' : path + ': regexp differs';
  if (a instanceof Error) return a.name === b.name && a.message === b.message ? '' : path + ': ' + a + ' vs ' + b;
  if (ArrayBuffer.isView(a) || a instanceof ArrayBuffer) {
    const bytes = (x) => x instanceof ArrayBuffer ? new Uint8Array(x) : new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
    const ua = bytes(a), ub = bytes(b);
    if (ua.length !== ub.length) return path + ': byte length ' + ua.length + ' vs ' + ub.length;
    for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return path + ': byte ' + i + ' differs';
    return '';
  }
  if (a instanceof Map || a instanceof Set) {
    const ea = [...a.entries()], eb = [...b.entries()];
    if (ea.length !== eb.length) return path + ': size ' + ea.length + ' vs ' + eb.length;
    for (let i = 0; i < ea.length; i++) {
      const d = sameValue(ea[i][0], eb[i][0], path + '<key ' + i + '>', pairs) ||
        sameValue(ea[i][1], eb[i][1], path + '<value ' + i + '>', pairs);
      if (d) return d;
    }
    return '';
  }
  if (Array.isArray(a) && a.length !== b.length) return path + ': length ' + a.length + ' vs ' + b.length;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (JSON.stringify(ka) !== JSON.stringify(kb)) return path + ': keys ' + JSON.stringify(ka) + ' vs ' + JSON.stringify(kb);
  for (const k of ka) {
    const d = sameValue(a[k], b[k], path + '.' + k, pairs);
    if (d) return d;
  }
  return '';
}
function show(v) {
  if (typeof v === 'bigint') return v + 'n';
  if (Object.is(v, -0)) return '-0';
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
/** Encode, through JSON text, decode. */
function viaJson(v) {
  return decodeValue(JSON.parse(JSON.stringify(encodeValue(v, 'value'))));
}
/** '' when `v` survives the trip unchanged (compared with `expected` if given), else the difference. */
function roundTrip(v, expected) {
  return sameValue(arguments.length > 1 ? expected : v, viaJson(v), 'value', new Map());
}
function encodeJson(v, path) {
  return JSON.stringify(encodeValue(v, path === undefined ? 'value' : path));
}
/** "message | clonePath" of the error encoding `v` as args[0], or "no error". */
function cloneFailure(v, path) {
  try {
    encodeValue(v, path === undefined ? 'args[0]' : path);
  } catch (err) {
    return err.message + ' | ' + err.clonePath;
  }
  return 'no error';
}
/** The message decodeValue throws for `input` (JSON text, or a value as is), or "no error". */
function decodeFailure(input) {
  try {
    decodeValue(typeof input === 'string' ? JSON.parse(input) : input);
  } catch (err) {
    return err.message;
  }
  return 'no error';
}
function nested(depth, leaf) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
"#;

/// A bare QuickJS context with the codec and the helpers loaded at global scope.
struct Js {
    _runtime: Runtime,
    context: Context,
}

impl Js {
    fn new() -> Self {
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        let js = Js {
            _runtime: runtime,
            context,
        };
        js.run(&format!("{CODEC_JS}\n{HELPER_JS}\n'loaded'"));
        js
    }

    /// Evaluates `src`, which must produce a string; a JS exception fails the test.
    fn run(&self, src: &str) -> String {
        self.context.with(|ctx| {
            ctx.eval::<String, _>(src)
                .catch(&ctx)
                .unwrap_or_else(|err| panic!("JS failed: {err}\nin: {src}"))
        })
    }

    /// Asserts that every value `src` evaluates to (an array of them) survives the trip.
    fn assert_round_trips(&self, src: &str) {
        let result = self.run(&format!(
            "(() => {{ const vs = {src}; const out = []; \
                 for (let i = 0; i < vs.length; i++) {{ const d = roundTrip(vs[i]); \
                 if (d) out.push('#' + i + ' ' + d); }} return out.join('\\n'); }})()"
        ));
        assert_eq!(result, "", "values that did not round-trip, from {src}");
    }

    fn encode(&self, src: &str) -> String {
        self.run(&format!("encodeJson({src})"))
    }
}

#[test]
fn the_codec_loads_inside_a_function_wrapper_and_defines_only_prefixed_names() {
    let js = Js::new();
    let inside = js.run(&format!(
        "(function () {{ {CODEC_JS}\n return typeof encodeValue + ' ' + typeof decodeValue; }})()"
    ));
    assert_eq!(inside, "function function");
    // The codec is concatenated with other scripts in one scope: its names must not clash.
    for line in CODEC_JS.lines() {
        let Some(rest) = ["function ", "const ", "let ", "var ", "class "]
            .iter()
            .find_map(|kw| line.strip_prefix(kw))
        else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        assert!(
            name == "encodeValue"
                || name == "decodeValue"
                || name.to_lowercase().starts_with("codec"),
            "top-level name {name:?} lacks the codec prefix"
        );
    }
}

#[test]
fn json_safe_values_stay_plain_json() {
    let js = Js::new();
    assert_eq!(js.encode(r#"["你好", 1, null]"#), r#"["你好",1,null]"#);
    assert_eq!(
        js.encode(r#"{a: 1.5, b: [true, false, "x"], c: {d: {}}, "weird key": []}"#),
        r#"{"a":1.5,"b":[true,false,"x"],"c":{"d":{}},"weird key":[]}"#
    );
    assert_eq!(js.encode("0"), "0");
    assert_eq!(js.encode("'s'"), r#""s""#);
}

#[test]
fn non_json_primitives_have_exact_tags() {
    let js = Js::new();
    assert_eq!(js.encode("[undefined]"), r#"[{"$type":"undefined"}]"#);
    assert_eq!(
        js.encode("[NaN, Infinity, -Infinity, -0]"),
        r#"[{"$type":"Number","value":"NaN"},{"$type":"Number","value":"Infinity"},{"$type":"Number","value":"-Infinity"},{"$type":"Number","value":"-0"}]"#
    );
    assert_eq!(
        js.encode("-123456789012345678901234567890n"),
        r#"{"$type":"BigInt","value":"-123456789012345678901234567890"}"#
    );
    assert_eq!(
        js.encode("{ u: undefined }"),
        r#"{"u":{"$type":"undefined"}}"#
    );
}

#[test]
fn primitives_round_trip_including_negative_zero_nan_and_bigint() {
    let js = Js::new();
    js.assert_round_trips(
        "['', 's', '你好 😀', 0, -0, 1.5, -2e300, 5e-324, NaN, Infinity, -Infinity, true, false, \
             null, undefined, 0n, 123n, -99999999999999999999999n]",
    );
    // -0 must not come back as +0.
    assert_eq!(js.run("String(Object.is(viaJson(-0), -0))"), "true");
    assert_eq!(
        js.run("typeof viaJson(10n) + ' ' + viaJson(10n)"),
        "bigint 10"
    );
}

#[test]
fn objects_and_arrays_round_trip_with_key_order() {
    let js = Js::new();
    js.assert_round_trips(
            "[{b: 1, a: 2, 10: 'ten', 2: 'two', 'weird key': [], nested: {x: [1, [2, [3]]]}}, \
             [], [[]], {}, [1, 'a', {b: null}], JSON.parse('{\"__proto__\": {\"x\": 1}, \"y\": 2}')]",
        );
    // A "__proto__" key is data, not the prototype.
    assert_eq!(
            js.run("const p = viaJson(JSON.parse('{\"__proto__\": 7}')); String(Object.getPrototypeOf(p) === Object.prototype) + ' ' + Object.keys(p) + ' ' + p['__proto__']"),
            "true __proto__ 7"
        );
}

#[test]
fn class_instance_becomes_plain_object_of_own_enumerable_data() {
    let js = Js::new();
    js.run(
            "class Point { constructor() { this.x = 1; this.y = 2; Object.defineProperty(this, 'hidden', {value: 3}); } \
             get len() { return 5; } } 'ok'",
        );
    assert_eq!(js.encode("new Point()"), r#"{"x":1,"y":2}"#);
    assert_eq!(js.run("roundTrip(new Point(), {x: 1, y: 2})"), "");
    // A class with a custom toStringTag is still plain data, not a host object.
    js.run("class Tagged { constructor() { this.a = 1; } get [Symbol.toStringTag]() { return 'Tagged'; } } 'ok'");
    assert_eq!(js.encode("new Tagged()"), r#"{"a":1}"#);
    // Arguments objects and boxed primitives are data too.
    assert_eq!(
        js.encode("(function () { return arguments; })(1, 'a')"),
        r#"{"0":1,"1":"a"}"#
    );
    assert_eq!(
        js.encode("[new Number(-0), new String('s'), new Boolean(false), Object(5n)]"),
        r#"[{"$type":"Number","value":"-0"},"s",false,{"$type":"BigInt","value":"5"}]"#
    );
}

#[test]
fn dates_regexps_and_errors_round_trip() {
    let js = Js::new();
    js.assert_round_trips(
            "[new Date(0), new Date(NaN), new Date(8.64e15), new Date(-8.64e15), /ab+c/gi, /x/dmsuy, \
             new RegExp('a/b'), new Error('boom'), new TypeError('t'), new RangeError('r'), \
             new SyntaxError('s'), new ReferenceError('rf'), new EvalError('e'), new URIError('u'), new Error()]",
        );
    assert_eq!(
        js.encode("[new Date(Date.UTC(2020, 0, 1)), new Date(NaN), /ab/g, new TypeError('bad')]"),
        r#"[{"$type":"Date","value":"2020-01-01T00:00:00.000Z"},{"$type":"Date","value":null},{"$type":"RegExp","source":"ab","flags":"g"},{"$type":"Error","name":"TypeError","message":"bad"}]"#
    );
    // Decoding makes a real error of that type; unknown names become Error, as in Electron.
    assert_eq!(
            js.run("const e = viaJson(new RangeError('r')); String(e instanceof RangeError) + ' ' + e.message"),
            "true r"
        );
    assert_eq!(
            js.run("class MyError extends Error { constructor() { super('m'); this.name = 'MyError'; } } encodeJson(new MyError())"),
            r#"{"$type":"Error","name":"Error","message":"m"}"#
        );
}

#[test]
fn typed_arrays_and_buffers_round_trip_with_offsets() {
    let js = Js::new();
    js.run(
        "var buf = new ArrayBuffer(16); var all = new Uint8Array(buf); \
             for (let i = 0; i < 16; i++) all[i] = i * 17; 'ok'",
    );
    js.assert_round_trips(
            "[new Uint8Array(buf, 3, 5), new Int8Array([-1, 2, -128]), new Uint8ClampedArray([0, 255]), \
             new Int16Array(buf, 2, 3), new Uint16Array([65535, 1]), new Int32Array([-5]), \
             new Uint32Array([4e9]), new Float32Array([1.5, NaN, -0]), new Float64Array([-0, Math.PI, Infinity]), \
             new BigInt64Array([-1n, 2n ** 63n - 1n]), new BigUint64Array([2n ** 64n - 1n]), \
             new DataView(buf, 1, 7), buf, new ArrayBuffer(0), new Uint8Array(0), new Uint8Array([1, 2, 3, 4])]",
        );
    // Exactly the view's bytes: 3*17, 4*17, ... (0x33 0x44 0x55 0x66 0x77).
    assert_eq!(
        js.encode("new Uint8Array(buf, 3, 5)"),
        r#"{"$type":"Uint8Array","base64":"M0RVZnc="}"#
    );
    assert_eq!(
        js.encode("[new Uint8Array([104, 105]), new DataView(buf, 0, 1), new ArrayBuffer(1)]"),
        r#"[{"$type":"Uint8Array","base64":"aGk="},{"$type":"DataView","base64":"AA=="},{"$type":"ArrayBuffer","base64":"AA=="}]"#
    );
    // A Uint8Array subclass (as Node's Buffer is) travels as a Uint8Array.
    assert_eq!(
        js.encode("new (class Buffer extends Uint8Array {})([1, 2, 3])"),
        r#"{"$type":"Uint8Array","base64":"AQID"}"#
    );
    // Every length modulo 3 agrees with a known base64 encoder (here, the decoder's inverse).
    assert_eq!(
            js.run(
                "const out = []; for (let n = 0; n < 40; n++) { const u = new Uint8Array(n); \
                 for (let i = 0; i < n; i++) u[i] = (i * 73 + n) & 255; const d = roundTrip(u); if (d) out.push(n + ': ' + d); } out.join()"
            ),
            ""
        );
}

#[test]
fn maps_and_sets_round_trip_in_order() {
    let js = Js::new();
    js.assert_round_trips(
            "[new Map([['b', 1], ['a', 2], [NaN, undefined], [{k: 1}, [1]]]), new Set([3, 1, 'x', {o: 1}, -0]), \
             new Map(), new Set(), new Map([[new Map([[1, 2]]), new Set([new Set()])]])]",
        );
    assert_eq!(
        js.encode("[new Map([['k', 1]]), new Set([1, 'a'])]"),
        r#"[{"$type":"Map","entries":[["k",1]]},{"$type":"Set","values":[1,"a"]}]"#
    );
}

#[test]
fn sparse_arrays_keep_holes_length_and_extra_properties() {
    let js = Js::new();
    js.run("var sparse = [1, , 3]; sparse[10] = 'x'; var extra = [1, 2]; extra.foo = 'bar'; 'ok'");
    assert_eq!(
        js.encode("sparse"),
        r#"{"$type":"Array","length":11,"entries":[[0,1],[2,3],[10,"x"]]}"#
    );
    assert_eq!(
        js.encode("new Array(3)"),
        r#"{"$type":"Array","length":3,"entries":[]}"#
    );
    assert_eq!(
        js.encode("extra"),
        r#"{"$type":"Array","length":2,"entries":[[0,1],[1,2],["foo","bar"]]}"#
    );
    js.assert_round_trips("[sparse, extra, new Array(5), [, undefined], [undefined, ,]]");
    assert_eq!(
        js.run("const s = viaJson(sparse); String(1 in s) + ' ' + String(2 in s) + ' ' + s.length"),
        "false true 11"
    );
    assert_eq!(js.run("String(1 in viaJson([, undefined]))"), "true");
}

#[test]
fn cycles_decode_to_the_same_object() {
    let js = Js::new();
    js.run(
        "var a = {name: 'a'}; a.self = a; \
             var m = new Map(); m.set(m, m); m.set('list', [m]); \
             var s = new Set(); s.add(s); s.add(1); \
             var arr = [1]; arr.push(arr); \
             var x = {}; var y = {x}; x.y = y; 'ok'",
    );
    assert_eq!(
        js.encode("a"),
        r#"{"$type":"Shared","id":1,"value":{"name":"a","self":{"$type":"Ref","id":1}}}"#
    );
    assert_eq!(
        js.encode("m"),
        r#"{"$type":"Shared","id":1,"value":{"$type":"Map","entries":[[{"$type":"Ref","id":1},{"$type":"Ref","id":1}],["list",[{"$type":"Ref","id":1}]]]}}"#
    );
    assert_eq!(
        js.run("const b = viaJson(a); String(b.self === b && b !== a)"),
        "true"
    );
    assert_eq!(
            js.run("const n = viaJson(m); String(n.get(n) === n && n.has(n) && n.get('list')[0] === n && n.size === 2)"),
            "true"
        );
    assert_eq!(
        js.run("const t = viaJson(s); String(t.has(t) && t.size === 2)"),
        "true"
    );
    assert_eq!(js.run("const r = viaJson(arr); String(r[1] === r)"), "true");
    assert_eq!(
        js.run("const x2 = viaJson(x); String(x2.y.x === x2)"),
        "true"
    );
    js.assert_round_trips("[a, m, s, arr, x]");
}

#[test]
fn shared_objects_keep_identity_with_ids_in_first_occurrence_order() {
    let js = Js::new();
    js.run("var p = {p: 1}; var q = [2]; var once = {o: 1}; 'ok'");
    assert_eq!(
        js.encode("[q, {inner: p}, p, q, once, new Map([[p, q]])]"),
        concat!(
            r#"[{"$type":"Shared","id":1,"value":[2]},{"inner":{"$type":"Shared","id":2,"value":{"p":1}}},"#,
            r#"{"$type":"Ref","id":2},{"$type":"Ref","id":1},{"o":1},"#,
            r#"{"$type":"Map","entries":[[{"$type":"Ref","id":2},{"$type":"Ref","id":1}]]}]"#
        )
    );
    assert_eq!(
            js.run("const v = viaJson([q, {inner: p}, p, q]); String(v[0] === v[3] && v[1].inner === v[2] && v[0] !== q)"),
            "true"
        );
    // Leaf objects are objects too: one Date twice stays one Date.
    assert_eq!(
        js.run("const d = new Date(5); const w = viaJson([d, d]); String(w[0] === w[1])"),
        "true"
    );
    js.assert_round_trips("[[q, {inner: p}, p, q, once, new Map([[p, q]])]]");
}

#[test]
fn own_dollar_type_keys_are_escaped_and_decoded_literally() {
    let js = Js::new();
    assert_eq!(
        js.encode("{$type: 'Date', value: {$type: 'undefined'}}"),
        r#"{"$type":"Object","value":{"$type":"Date","value":{"$type":"Object","value":{"$type":"undefined"}}}}"#
    );
    js.assert_round_trips(
            "[{$type: 'Ref', id: 1}, {$type: 'Shared', id: 1, value: 2}, {$type: 'Object', value: {}}, {$type: 5}, [{$type: 'undefined'}]]",
        );
    // A "$type" inherited from a prototype is not an own key: no escaping.
    assert_eq!(js.encode("Object.create({$type: 'x'})"), "{}");
}

#[test]
fn refusals_throw_the_exact_error_with_a_clone_path() {
    let js = Js::new();
    let fail = |src: &str| js.run(&format!("cloneFailure({src})"));
    const E: &str = "An object could not be cloned. | ";
    assert_eq!(
        fail("[1, {onDone() {}}]"),
        format!("{E}args[0][1].onDone is a Function")
    );
    assert_eq!(
        fail("{list: [0, 1, Symbol('x')]}, 'value'"),
        format!("{E}value.list[2] is a Symbol")
    );
    assert_eq!(
        fail("Promise.resolve(1), 'x'"),
        format!("{E}x is a Promise")
    );
    assert_eq!(fail("{f: class {}}"), format!("{E}args[0].f is a Function"));
    assert_eq!(
        fail("{'weird key': [() => 1]}"),
        format!("{E}args[0][\"weird key\"][0] is a Function")
    );
    assert_eq!(fail("new WeakMap()"), format!("{E}args[0] is a WeakMap"));
    assert_eq!(fail("new WeakSet()"), format!("{E}args[0] is a WeakSet"));
    assert_eq!(fail("new WeakRef({})"), format!("{E}args[0] is a WeakRef"));
    assert_eq!(fail("Object(Symbol())"), format!("{E}args[0] is a Symbol"));
    assert_eq!(
        fail("(function* () {})()"),
        format!("{E}args[0] is a Generator")
    );
    assert_eq!(
        fail("new Map([['k', () => 1]])"),
        format!("{E}args[0]<map value \"k\"> is a Function")
    );
    assert_eq!(
        fail("new Map([[Symbol(), 1]])"),
        format!("{E}args[0]<map key #0> is a Symbol")
    );
    assert_eq!(
        fail("new Set([1, Promise.resolve()])"),
        format!("{E}args[0]<set value #1> is a Promise")
    );
    // A host object, as WebIDL defines one: a read-only toStringTag on its interface prototype.
    js.run(
            "class HTMLDivElement {} Object.defineProperty(HTMLDivElement.prototype, Symbol.toStringTag, \
             {value: 'HTMLDivElement', configurable: true}); 'ok'",
        );
    assert_eq!(
        fail("{el: new HTMLDivElement()}"),
        format!("{E}args[0].el is a HTMLDivElement")
    );
    // clonePath is an own property of a plain Error.
    assert_eq!(
            js.run("try { encodeValue(() => 1, 'p'); 'no error' } catch (e) { String(e instanceof Error) + ' ' + Object.prototype.hasOwnProperty.call(e, 'clonePath') }"),
            "true true"
        );
}

#[test]
fn nesting_of_1000_levels_is_fine_and_1001_is_refused() {
    let js = Js::new();
    assert_eq!(js.run("roundTrip(nested(1000, 'leaf'))"), "");
    assert_eq!(js.run("roundTrip(nested(999, new Date(1)))"), "");
    let expected = format!(
        "An object could not be cloned. | args[0]{} is nested deeper than 1000 levels",
        "[0]".repeat(1000)
    );
    assert_eq!(js.run("cloneFailure(nested(1001, 1))"), expected);
    // A leaf object counts as a level too.
    assert_eq!(js.run("cloneFailure(nested(1000, new Date(1)))"), expected);
    // Far deeper input neither overflows the stack nor takes long.
    assert!(js
        .run("cloneFailure(nested(100000, 1))")
        .ends_with("is nested deeper than 1000 levels"));
}

#[test]
fn decoding_refuses_hostile_nesting_without_overflowing_the_stack() {
    let js = Js::new();
    assert_eq!(js.run("decodeFailure(nested(1000, 1))"), "no error");
    assert_eq!(
        js.run("decodeFailure(nested(1001, 1))"),
        "value nested deeper than 1000 levels"
    );
    assert_eq!(
        js.run("decodeFailure(nested(200000, 1))"),
        "value nested deeper than 1000 levels"
    );
    assert_eq!(
            js.run("let o = 1; for (let i = 0; i < 5000; i++) o = {$type: 'Map', entries: [[o, 1]]}; decodeFailure(o)"),
            "value nested deeper than 1000 levels"
        );
}

#[test]
fn decoding_rejects_malformed_input_with_a_clear_error() {
    let js = Js::new();
    let cases = [
        (r#"{"$type":"Foo"}"#, r#"unknown $type "Foo""#),
        (r#"{"$type":5}"#, "$type must be a string"),
        (r#"{"$type":"Ref","id":3}"#, "Ref to unknown id 3"),
        (
            r#"[{"$type":"Ref","id":1},{"$type":"Shared","id":1,"value":{}}]"#,
            "Ref to unknown id 1",
        ),
        (
            r#"[{"$type":"Shared","id":1,"value":{}},{"$type":"Shared","id":1,"value":{}}]"#,
            "duplicate Shared id 1",
        ),
        (
            r#"{"$type":"Shared","id":1,"value":3}"#,
            "Shared id 1 must wrap an object",
        ),
        (r#"{"$type":"Shared","id":0,"value":{}}"#, "bad Shared id 0"),
        (
            r#"{"$type":"Uint8Array","base64":"AB="}"#,
            "bad base64 in Uint8Array",
        ),
        (
            r#"{"$type":"Uint8Array","base64":"A*=="}"#,
            "bad base64 in Uint8Array",
        ),
        (
            r#"{"$type":"Uint8Array","base64":"AB=="}"#,
            "bad base64 in Uint8Array",
        ),
        (
            r#"{"$type":"Uint8Array"}"#,
            r#"Uint8Array needs a "base64" string"#,
        ),
        (
            r#"{"$type":"Uint16Array","base64":"AQ=="}"#,
            "Uint16Array byte length 1 is not a multiple of 2",
        ),
        (r#"{"$type":"Map"}"#, r#"Map needs an "entries" array"#),
        (
            r#"{"$type":"Map","entries":[[1]]}"#,
            "Map entries must be [key, value] pairs",
        ),
        (
            r#"{"$type":"Set","values":{}}"#,
            r#"Set needs a "values" array"#,
        ),
        (
            r#"{"$type":"Number","value":"1"}"#,
            r#"bad Number value "1""#,
        ),
        (
            r#"{"$type":"BigInt","value":"1.5"}"#,
            r#"bad BigInt value "1.5""#,
        ),
        (
            r#"{"$type":"Date","value":"nope"}"#,
            r#"bad Date value "nope""#,
        ),
        (
            r#"{"$type":"Date"}"#,
            r#"Date needs a "value" string or null"#,
        ),
        (
            r#"{"$type":"RegExp","source":"(","flags":""}"#,
            "bad RegExp /(/",
        ),
        (
            r#"{"$type":"Error","name":"Error"}"#,
            r#"Error needs "name" and "message" strings"#,
        ),
        (
            r#"{"$type":"Array","length":2,"entries":[[2,1]]}"#,
            "Array entry index 2 is not below length 2",
        ),
        (
            r#"{"$type":"Array","length":-1,"entries":[]}"#,
            "bad Array length -1",
        ),
        (
            r#"{"$type":"Object","value":[]}"#,
            r#"Object needs a "value" object"#,
        ),
    ];
    for (input, expected) in cases {
        let got = js.run(&format!(
            "decodeFailure({})",
            serde_json::to_string(input).unwrap()
        ));
        assert_eq!(got, expected, "decoding {input}");
    }
    // Well-formed counterparts decode.
    assert_eq!(
        js.run(r#"decodeFailure('{"$type":"Uint8Array","base64":"AQ=="}')"#),
        "no error"
    );
}

#[test]
fn replacing_builtins_after_loading_does_not_change_an_encoding() {
    let js = Js::new();
    js.run(
            "var theValue = (() => { const shared = {s: 1}; \
               const m = new Map([['k', [1, 2]], [shared, new Set([shared, 2])]]); \
               const sparse = [1, , {$type: 'x'}]; \
               return [m, sparse, shared, new Uint8Array([1, 2, 3]), new Date(0), /a/g, new TypeError('t'), undefined, NaN]; })(); \
             var before = encodeJson(theValue); var realStringify = JSON.stringify; var realParse = JSON.parse; 'ok'",
        );
    js.run(
            "Object.keys = () => []; Object.getOwnPropertyDescriptor = () => undefined; Array.prototype.map = () => []; \
             Array.prototype.push = () => 0; Array.prototype.join = () => ''; Array.isArray = () => false; \
             Map.prototype.forEach = () => {}; Set.prototype.forEach = () => {}; Map.prototype.get = () => undefined; \
             Map.prototype.set = function () { return this; }; Set.prototype.add = function () { return this; }; \
             Object.prototype.toString = () => '[object Object]'; Object.defineProperty = () => {}; \
             Object.create = () => ({}); Function.prototype.call = () => 0; Reflect.apply = () => 0; \
             String.fromCharCode = () => ''; String.prototype.charCodeAt = () => 0; Date.prototype.toISOString = () => 'x'; \
             Object.prototype.toJSON = function () { return 'pwned'; }; \
             globalThis.Map = function () {}; globalThis.Uint8Array = function () {}; globalThis.Error = function () {}; \
             JSON.stringify = () => 'pwned'; 'ok'",
        );
    assert_eq!(
        js.run("realStringify(encodeValue(theValue, 'v'))"),
        js.run("before")
    );
    // Decoding is unaffected too: decode and encode again under the replaced built-ins.
    assert_eq!(
        js.run("realStringify(encodeValue(decodeValue(realParse(before)), 'v'))"),
        js.run("before")
    );
    assert!(!js.run("before").contains("pwned"));
}

#[test]
fn decoding_ignores_a_polluted_object_prototype() {
    let js = Js::new();
    js.run(
            "Object.defineProperty(Object.prototype, '$type', {get() { return 'Date'; }, configurable: true}); \
             Object.defineProperty(Object.prototype, 'a', {set(v) { throw new Error('setter ran'); }, configurable: true}); \
             Object.defineProperty(Object.prototype, 'get', {value: 1, configurable: true, writable: true}); 'ok'",
        );
    assert_eq!(
            js.run(r#"const v = decodeValue(JSON.parse('{"a":1,"m":{"$type":"Map","entries":[["k",{"a":2}]]}}')); v.a + ' ' + v.m.get('k').a"#),
            "1 2"
        );
}

#[test]
fn preview_renders_plain_json_js_like() {
    // (Keys in sorted order: without serde_json's preserve_order a Value sorts them.)
    let v = json!({"a": 1, "o": {}, "s": "x\ny\"", "weird key": [1, "a", null, true]});
    assert_eq!(
        preview(&v, 200),
        r#"{a: 1, o: {}, s: "x\ny\"", "weird key": [1, "a", null, true]}"#
    );
    assert_eq!(preview(&json!("你好"), 10), r#""你好""#);
    assert_eq!(preview(&json!([]), 10), "[]");
}

#[test]
fn preview_shows_tags_readably() {
    let cases = [
        (json!({"$type": "undefined"}), "undefined"),
        (json!({"$type": "Number", "value": "NaN"}), "NaN"),
        (json!({"$type": "Number", "value": "-0"}), "-0"),
        (json!({"$type": "BigInt", "value": "123"}), "123n"),
        (
            json!({"$type": "Date", "value": "2020-01-01T00:00:00.000Z"}),
            "Date(2020-01-01T00:00:00.000Z)",
        ),
        (
            json!({"$type": "Date", "value": null}),
            "Date(Invalid Date)",
        ),
        (
            json!({"$type": "Map", "entries": [["k", "v"], [1, {"$type": "undefined"}]]}),
            r#"Map(2) {"k" => "v", 1 => undefined}"#,
        ),
        (json!({"$type": "Set", "values": [1]}), "Set(1) {1}"),
        (
            json!({"$type": "RegExp", "source": "ab", "flags": "g"}),
            "/ab/g",
        ),
        (
            json!({"$type": "Error", "name": "Error", "message": "msg"}),
            "Error: msg",
        ),
        (
            json!({"$type": "Error", "name": "TypeError", "message": ""}),
            "TypeError",
        ),
        (
            json!({"$type": "Uint8Array", "base64": "AQID"}),
            "Uint8Array(3)",
        ),
        (
            json!({"$type": "Float64Array", "base64": "AAAAAAAAAAA="}),
            "Float64Array(1)",
        ),
        (
            json!({"$type": "ArrayBuffer", "base64": "AA=="}),
            "ArrayBuffer(1)",
        ),
        (
            json!({"$type": "Float16Array", "base64": "ADwAwA=="}),
            "Float16Array(2)",
        ),
        (json!({"$type": "Ref", "id": 1}), "<ref 1>"),
        (
            json!({"$type": "Shared", "id": 1, "value": {"self": {"$type": "Ref", "id": 1}}}),
            "<ref *1> {self: <ref 1>}",
        ),
        (
            json!({"$type": "Object", "value": {"$type": "x"}}),
            r#"{$type: "x"}"#,
        ),
        (
            json!({"$type": "Array", "length": 11, "entries": [[0, 1], [2, 3], [10, "x"]]}),
            r#"[1, <1 empty item>, 3, <7 empty items>, "x"]"#,
        ),
        (
            json!({"$type": "Array", "length": 3, "entries": [["foo", 1]]}),
            "[<3 empty items>, foo: 1]",
        ),
        (json!({"$type": "Foo", "x": 1}), r#"{$type: "Foo", x: 1}"#),
    ];
    for (value, expected) in cases {
        assert_eq!(preview(&value, 200), expected, "preview of {value}");
    }
}

#[test]
fn preview_cuts_on_characters_not_bytes() {
    let v = json!(["你好世界你好世界", 1]);
    let cut = preview(&v, 8);
    assert_eq!(cut, "[\"你好世界你…");
    assert_eq!(cut.chars().count(), 8);
    // Exactly at the limit: no cut.
    assert_eq!(preview(&json!("你好"), 4), "\"你好\"");
    assert_eq!(preview(&json!("你好"), 3), "\"你…");
    assert_eq!(preview(&json!([1, 2, 3]), 0), "");
    // Deep values stop early rather than walking everything.
    let mut deep = json!(1);
    for _ in 0..1000 {
        deep = json!([deep]);
    }
    assert_eq!(preview(&deep, 5), "[[[[…");
    let long = preview(&deep, 10_000);
    assert!(long.starts_with(&"[".repeat(PREVIEW_MAX_DEPTH + 1)));
    assert!(long.contains('…') && long.chars().count() < 300, "{long}");
}
