//! Tests for `js/node/` (util, events, path, Buffer) in a bare QuickJS context. Every expected
//! value is what Node 20 prints for the same snippet (`node -e` with the real modules), except the
//! two tests at the end, which pin the deliberate differences.

use rquickjs::{CatchResultExt, Context, Runtime};

use crate::scripts::{NODE_BUFFER, NODE_EVENTS, NODE_PATH, NODE_UTIL};

/// A QuickJS context with the Node port loaded and its modules as globals: `events` (also
/// `EventEmitter`), `path`, `util` and `Buffer`.
struct Js {
    runtime: Runtime,
    context: Context,
}

impl Js {
    fn new() -> Js {
        let runtime = Runtime::new().unwrap();
        let context = Context::full(&runtime).unwrap();
        let js = Js { runtime, context };
        let (util, events, path, buffer) = (
            NODE_UTIL.source,
            NODE_EVENTS.source,
            NODE_PATH.source,
            NODE_BUFFER.source,
        );
        js.run(&format!(
            "{util}\n{events}\n{path}\n{buffer}\n\
             globalThis.nodeUtil = ipcscopeNodeUtil();\n\
             globalThis.nodeModules = {{ util: nodeUtil.util, events: ipcscopeNodeEvents(nodeUtil.internal), \
             path: ipcscopeNodePath(nodeUtil.internal), Buffer: ipcscopeNodeBuffer(nodeUtil.internal) }};\n\
             Object.assign(globalThis, {{ events: nodeModules.events, EventEmitter: nodeModules.events, \
             path: nodeModules.path, util: nodeModules.util, Buffer: nodeModules.Buffer }});\n\
             'ready'"
        ));
        js
    }

    fn run(&self, source: &str) -> String {
        self.context.with(|ctx| {
            ctx.eval::<String, _>(source)
                .catch(&ctx)
                .unwrap_or_else(|err| panic!("{err}\nin: {source}"))
        })
    }

    /// Evaluates an expression; a string result comes back as is, anything else as JSON.
    fn eval(&self, snippet: &str) -> String {
        self.run(&format!(
            "(function () {{ const v = ({snippet}); return typeof v === 'string' ? v : JSON.stringify(v); }})()"
        ))
    }

    /// Evaluates an expression giving a promise, runs the jobs and returns what it settled to.
    fn eval_async(&self, snippet: &str) -> String {
        self.run(&format!(
            "globalThis.settled = '(pending)'; Promise.resolve({snippet}).then(\
             (v) => {{ settled = typeof v === 'string' ? v : JSON.stringify(v); }}, \
             (e) => {{ settled = 'rejected: ' + e; }}); 'started'"
        ));
        while self.runtime.execute_pending_job().unwrap() {}
        self.run("settled")
    }
}

/// Runs each snippet in one fresh context and compares it with the expected text.
fn check(cases: &[(&str, &str)]) {
    let js = Js::new();
    for (snippet, expected) in cases {
        assert_eq!(js.eval(snippet), *expected, "snippet: {snippet}");
    }
}

fn check_async(cases: &[(&str, &str)]) {
    let js = Js::new();
    for (snippet, expected) in cases {
        assert_eq!(js.eval_async(snippet), *expected, "snippet: {snippet}");
    }
}

/// The module is the class itself, with the Node aliases.
#[test]
fn events_module_is_the_event_emitter_class() {
    check(&[
        (
            r#"events.EventEmitter === events && typeof events.once === "function" && new events() instanceof events.EventEmitter"#,
            "true",
        ),
        (
            r#"typeof events.prototype.on === "function" && events.prototype.on === events.prototype.addListener && events.prototype.off === events.prototype.removeListener"#,
            "true",
        ),
    ]);
}

/// on/prependListener/once/prependOnceListener order; once fires a single time.
#[test]
fn listeners_run_in_order_with_prepend_and_once() {
    check(&[
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter();
             e.on('a', () => L('on1')); e.prependListener('a', () => L('pre1')); e.once('a', () => L('once1'));
             e.prependOnceListener('a', () => L('preonce1')); e.on('a', () => L('on2'));
             L('first', e.emit('a')); L('second', e.emit('a')); L('count', e.listenerCount('a')); return log.join(' | '); })()"#,
            "preonce1 | pre1 | on1 | once1 | on2 | first true | pre1 | on1 | on2 | second true | count 3",
        ),
    ]);
}

/// emit returns whether there were listeners; listeners get the args and this = emitter.
#[test]
fn emit_passes_arguments_and_the_emitter_as_this() {
    check(&[
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter();
             L('no listeners', e.emit('x', 1));
             e.on('x', function (a, b, c) { L('args', a, b, JSON.stringify(c), this === e); });
             e.once('x', function (...rest) { L('once args', rest.length, this === e); });
             L('with listeners', e.emit('x', 1, 'two', { three: 3 })); return log.join(' | '); })()"#,
            "no listeners false | args 1 two {\"three\":3} true | once args 3 true | with listeners true",
        ),
    ]);
}

/// emit iterates over a copy: a listener removed or added mid-emit changes only later rounds.
#[test]
fn removing_a_listener_during_emit_keeps_the_current_round() {
    check(&[
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter(); const second = () => L('second');
             e.on('r', () => { L('first'); e.off('r', second); e.on('r', () => L('added')); }); e.on('r', second);
             e.emit('r'); L('--'); e.emit('r'); return log.join(' | '); })()"#,
            "first | second | -- | first | added",
        ),
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter();
             e.once('o', () => L('o1')); e.once('o', () => L('o2')); L(e.emit('o'), e.emit('o'), e.listenerCount('o')); return log.join(' | '); })()"#,
            "o1 | o2 | true false 0",
        ),
    ]);
}

/// removeListener removes the last matching listener, once-wrappers included.
#[test]
fn off_removes_the_most_recently_added_match() {
    check(&[
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter(); const a = () => L('A');
             e.on('m', a); e.once('m', a); e.off('m', a); e.emit('m'); e.emit('m'); L('left', e.listenerCount('m')); return log.join(' | '); })()"#,
            "A | A | left 1",
        ),
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter(); const a = () => {}; const b = () => {};
             e.on('m', a); e.on('m', b); e.on('m', a); e.removeListener('m', a);
             L(e.rawListeners('m').map((f) => f === a ? 'a' : 'b').join(','), e.listenerCount('m', a)); return log.join(' | '); })()"#,
            "a,b 1",
        ),
    ]);
}

/// listeners() unwraps once-wrappers, rawListeners() keeps them with .listener.
#[test]
fn listeners_are_unwrapped_and_raw_listeners_are_not() {
    check(&[(
        r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter(); function foo() {}
             e.once('x', foo); e.on('x', foo);
             const raw = e.rawListeners('x');
             L(e.listeners('x').every((f) => f === foo), raw[0] !== foo, raw[0].listener === foo, raw[1] === foo);
             raw[0](); L(e.listenerCount('x')); return log.join(' | '); })()"#,
        "true true true true | 1",
    )]);
}

/// 'newListener' fires before adding, 'removeListener' after removing, both with the unwrapped listener.
#[test]
fn new_listener_and_remove_listener_events() {
    check(&[
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter(); function foo() {}
             e.on('newListener', (n, l) => L('new', n, l === foo, e.listenerCount(n)));
             e.on('removeListener', (n, l) => L('removed', n, l === foo, e.listenerCount(n)));
             e.once('x', foo); e.on('x', foo); e.emit('x'); e.off('x', foo); return log.join(' | '); })()"#,
            "new removeListener false 0 | new x true 0 | new x true 1 | removed x false 1 | removed x true 0",
        ),
    ]);
}

/// removeAllListeners(name) and removeAllListeners(), emitting removeListener for each.
#[test]
fn remove_all_listeners_for_one_or_every_event() {
    check(&[(
        r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter(); const f = () => {};
             e.on('a', f); e.on('a', f); e.on('b', f);
             e.on('removeListener', (n) => L('removed', n));
             e.removeAllListeners('a'); L('after a', e.eventNames().join(','));
             e.removeAllListeners(); L('after all', e.eventNames().length); return log.join(' | '); })()"#,
        "removed a | removed a | after a b,removeListener | removed b | after all 0",
    )]);
}

/// eventNames() lists names like Node (insertion order, symbols last).
#[test]
fn event_names_keep_insertion_order_and_symbols() {
    check(&[(
        r#"(() => { const e = new EventEmitter(); const f = () => {}; e.on('b', f); e.on(Symbol('sym'), f); e.on('a', f); e.off('b', f); e.on('b', f); return util.inspect(e.eventNames()); })()"#,
        "[ 'a', 'b', Symbol(sym) ]",
    )]);
}

/// emit('error', err) with no listener throws err itself.
#[test]
fn error_event_without_listener_throws_the_error() {
    check(&[(
        r#"(() => { const e = new EventEmitter(); const boom = new Error('boom'); try { e.emit('error', boom); return 'no throw'; } catch (err) { return err === boom; } })()"#,
        "true",
    )]);
}

/// A non-Error value is wrapped like Node: message with the inspected value, code and context.
#[test]
fn error_event_with_a_non_error_throws_unhandled_error() {
    check(&[
        (
            r#"(() => { const e = new EventEmitter(); try { e.emit('error', 'str'); } catch (err) { return [err instanceof Error, err.message, err.code, err.context].join(' / '); } })()"#,
            "true / Unhandled error. ('str') / ERR_UNHANDLED_ERROR / str",
        ),
        (
            r#"(() => { const e = new EventEmitter(); try { e.emit('error', { a: 1 }); } catch (err) { return err.message; } })()"#,
            "Unhandled error. ({ a: 1 })",
        ),
        (
            r#"(() => { const e = new EventEmitter(); try { e.emit('error'); } catch (err) { return err.message; } })()"#,
            "Unhandled error. (undefined)",
        ),
    ]);
}

/// With an error listener the error is delivered instead of thrown.
#[test]
fn error_event_with_a_listener_does_not_throw() {
    check(&[(
        r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); const e = new EventEmitter(); e.on('error', (er) => L('handled', er.message)); L('returned', e.emit('error', new Error('x'))); return log.join(' | '); })()"#,
        "handled x | returned true",
    )]);
}

/// class X extends EventEmitter works, with this bound to the subclass instance.
#[test]
fn event_emitter_can_be_subclassed() {
    check(&[
        (
            r#"(() => { const log = []; const L = (...a) => log.push(a.join(' ')); class Door extends EventEmitter { constructor() { super(); this.state = 'closed'; } open() { this.state = 'open'; this.emit('open', this.state); } }
             const d = new Door(); d.on('open', function (st) { L(st, this === d, this instanceof Door, this instanceof EventEmitter); }); d.open(); return log.join(' | '); })()"#,
            "open true true true",
        ),
        (
            r#"(() => { class Door extends EventEmitter { constructor() { super(); this.state = 'closed'; } } return util.inspect(new Door()); })()"#,
            "Door {\n  _events: [Object: null prototype] {},\n  _eventsCount: 0,\n  _maxListeners: undefined,\n  state: 'closed',\n  [Symbol(shapeMode)]: false,\n  [Symbol(kCapture)]: false\n}",
        ),
    ]);
}

/// getMaxListeners/setMaxListeners and the default of 10.
#[test]
fn max_listeners_can_be_read_and_set() {
    check(&[(
        r#"(() => { const e = new EventEmitter(); const before = e.getMaxListeners(); const same = e.setMaxListeners(3) === e; return [before, same, e.getMaxListeners(), EventEmitter.defaultMaxListeners].join(','); })()"#,
        "10,true,3,10",
    )]);
}

/// Adding a non-function throws Node's ERR_INVALID_ARG_TYPE TypeError.
#[test]
fn a_listener_must_be_a_function() {
    check(&[
        (
            r#"(() => { try { new EventEmitter().on('q', 1); } catch (err) { return [err.name, err.code, err.message].join(' / '); } })()"#,
            "TypeError / ERR_INVALID_ARG_TYPE / The \"listener\" argument must be of type function. Received type number (1)",
        ),
        (
            r#"(() => { try { new EventEmitter().once('q', {}); } catch (err) { return err.message; } })()"#,
            "The \"listener\" argument must be of type function. Received an instance of Object",
        ),
    ]);
}

/// path.join edge cases.
#[test]
fn path_join_handles_dots_slashes_and_empty_parts() {
    check(&[(
        r#"JSON.stringify([path.join('/a', 'b', '../c'), path.join('a', '', 'b/'), path.join(''), path.join(), path.join('..', 'a'), path.join('/', '..'), path.join('a/', '/b//'), path.join('./'), path.join('.', '.'), path.join('/a/b', '../../..', 'c'), path.join('中文', '目录')])"#,
        "[\"/a/c\",\"a/b/\",\".\",\".\",\"../a\",\"/\",\"a/b/\",\"./\",\".\",\"/c\",\"中文/目录\"]",
    )]);
}

/// path.resolve against the directory given to __setCwd.
#[test]
fn path_resolve_uses_the_configured_cwd() {
    check(&[(
        r#"(() => { path.__setCwd('/home/lab'); return JSON.stringify([path.resolve('main.js'), path.resolve(), path.resolve(''), path.resolve('a', '/b', 'c'), path.resolve('..', '..', '..', 'x'), path.resolve('/a/b/', './c/'), path.resolve('/')]); })()"#,
        "[\"/home/lab/main.js\",\"/home/lab\",\"/home/lab\",\"/b/c\",\"/x\",\"/a/b/c\",\"/\"]",
    )]);
}

/// path.normalize keeps trailing slashes and leading ..s like Node.
#[test]
fn path_normalize_edge_cases() {
    check(&[(
        r#"JSON.stringify([path.normalize(''), path.normalize('./'), path.normalize('a/..'), path.normalize('a/../'), path.normalize('//a//b/'), path.normalize('../../a'), path.normalize('/../a'), path.normalize('a/./b/.'), path.normalize('.'), path.normalize('..')])"#,
        "[\".\",\"./\",\".\",\"./\",\"/a/b/\",\"../../a\",\"/a\",\"a/b\",\".\",\"..\"]",
    )]);
}

/// dirname/basename(with ext)/extname edge cases.
#[test]
fn path_dirname_basename_extname_edge_cases() {
    check(&[
        (
            r#"JSON.stringify([path.dirname('/a/b/'), path.dirname('/a'), path.dirname('a'), path.dirname(''), path.dirname('/'), path.dirname('//a'), path.dirname('a/b//')])"#,
            "[\"/a\",\"/\",\".\",\".\",\"/\",\"//\",\"a\"]",
        ),
        (
            r#"JSON.stringify([path.basename('/a/b.js'), path.basename('/a/b.js', '.js'), path.basename('/a/b.js/', '.js'), path.basename('b.js', 'b.js'), path.basename('/a/'), path.basename(''), path.basename('/'), path.basename('a.js', 'js'), path.basename('file.txt', 'xt')])"#,
            "[\"b.js\",\"b\",\"b\",\"\",\"a\",\"\",\"\",\"a.\",\"file.t\"]",
        ),
        (
            r#"JSON.stringify([path.extname('a.js'), path.extname('.hidden'), path.extname('a.'), path.extname('a.b.c'), path.extname('..'), path.extname('a/.b.c/'), path.extname(''), path.extname('a..')])"#,
            "[\".js\",\"\",\".\",\".c\",\"\",\".c\",\"\",\".\"]",
        ),
    ]);
}

/// path.relative, including the root and identical paths.
#[test]
fn path_relative_between_paths() {
    check(&[(
        r#"(() => { path.__setCwd('/home/lab'); return JSON.stringify([path.relative('/a/b/c', '/a/d'), path.relative('/a', '/a/b/c'), path.relative('/a/b', '/a/b'), path.relative('/', '/x'), path.relative('/x/y', '/'), path.relative('a', 'b'), path.relative('/a/bc', '/a/b')]); })()"#,
        "[\"../../d\",\"b/c\",\"\",\"x\",\"../..\",\"../b\",\"../b\"]",
    )]);
}

/// path.parse results and path.format back.
#[test]
fn path_parse_and_format() {
    check(&[
        (
            r#"JSON.stringify([path.parse('/home/u/file.txt'), path.parse('a/.bashrc'), path.parse('/'), path.parse(''), path.parse('x.tar.gz')])"#,
            "[{\"root\":\"/\",\"dir\":\"/home/u\",\"base\":\"file.txt\",\"ext\":\".txt\",\"name\":\"file\"},{\"root\":\"\",\"dir\":\"a\",\"base\":\".bashrc\",\"ext\":\"\",\"name\":\".bashrc\"},{\"root\":\"/\",\"dir\":\"/\",\"base\":\"\",\"ext\":\"\",\"name\":\"\"},{\"root\":\"\",\"dir\":\"\",\"base\":\"\",\"ext\":\"\",\"name\":\"\"},{\"root\":\"\",\"dir\":\"\",\"base\":\"x.tar.gz\",\"ext\":\".gz\",\"name\":\"x.tar\"}]",
        ),
        (
            r#"JSON.stringify([path.format({ root: '/', dir: '/home/u', base: 'f.txt' }), path.format({ name: 'f', ext: 'txt' }), path.format({ root: '/', name: 'f', ext: '.md' }), path.format({ dir: 'd', name: 'n', ext: '.e', base: 'b' })])"#,
            "[\"/home/u/f.txt\",\"f.txt\",\"/f.md\",\"d/b\"]",
        ),
    ]);
}

/// sep, delimiter, posix and isAbsolute.
#[test]
fn path_constants_and_is_absolute() {
    check(&[(
        r#"JSON.stringify([path.sep, path.delimiter, path.posix === path, path.isAbsolute('/a'), path.isAbsolute('a'), path.isAbsolute(''), path.isAbsolute('./a')])"#,
        "[\"/\",\":\",true,true,false,false,false]",
    )]);
}

/// A non-string path throws Node's TypeError.
#[test]
fn path_rejects_non_string_arguments() {
    check(&[
        (
            r#"(() => { try { path.join('a', 1); } catch (err) { return [err.name, err.code, err.message].join(' / '); } })()"#,
            "TypeError / ERR_INVALID_ARG_TYPE / The \"path\" argument must be of type string. Received type number (1)",
        ),
        (
            r#"(() => { try { path.basename(undefined); } catch (err) { return err.message; } })()"#,
            "The \"path\" argument must be of type string. Received undefined",
        ),
    ]);
}

/// %s %d %i %f with the conversions Node applies.
#[test]
fn format_substitutes_placeholders() {
    check(&[
        (
            r#"util.format('%s is %d years', 'Bob', 42)"#,
            "Bob is 42 years",
        ),
        (
            r#"util.format('%d %d %d %d', '42', 1.5, {}, 5n)"#,
            "42 1.5 NaN 5n",
        ),
        (
            r#"util.format('%i %i %f %f', '42.9abc', -3.9, '1.5e3x', 'x')"#,
            "42 -3 1500 NaN",
        ),
        (
            r#"util.format('%s %s %s %s %s', -0, 10n, Symbol('s'), null, undefined)"#,
            "-0 10n Symbol(s) null undefined",
        ),
    ]);
}

/// %j (with [Circular]), %o, %O, %c and %%.
#[test]
fn format_handles_j_o_c_and_percent() {
    check(&[
        (r#"util.format('%j', { a: [1, 'x'] })"#, "{\"a\":[1,\"x\"]}"),
        (
            r#"(() => { const a = {}; a.a = a; return util.format('%j', a); })()"#,
            "[Circular]",
        ),
        (
            r#"util.format('%o', [1, { a: 2 }])"#,
            "[ 1, { a: 2 }, [length]: 2 ]",
        ),
        (
            r#"util.format('%O', { a: { b: { c: { d: 1 } } } })"#,
            "{ a: { b: { c: [Object] } } }",
        ),
        (r#"util.format('a%cb', 'color: red')"#, "ab"),
        (r#"util.format('100%% %s', 'sure')"#, "100% sure"),
        (r#"util.format('%%')"#, "%%"),
        (r#"util.format('%s')"#, "%s"),
        (r#"util.format('%x %s', 1)"#, "%x 1"),
        (r#"util.format('%s:%s', 'a')"#, "a:%s"),
    ]);
}

/// Arguments beyond the placeholders are appended, strings raw, others inspected.
#[test]
fn format_joins_extra_arguments_with_spaces() {
    check(&[
        (
            r#"util.format('%s', 'a', 'b', 1, { c: 'd' })"#,
            "a b 1 { c: 'd' }",
        ),
        (
            r#"util.format(1, 'two', { three: 3 }, [4])"#,
            "1 two { three: 3 } [ 4 ]",
        ),
        (
            r#"util.format('hello', 'world', null, undefined)"#,
            "hello world null undefined",
        ),
        (
            r#"util.format({ a: 1 }, 'plain', 5, '%s')"#,
            "{ a: 1 } plain 5 %s",
        ),
        (
            r#"util.format('中文', { s: '中文字符串' }, ['中', '文'])"#,
            "中文 { s: '中文字符串' } [ '中', '文' ]",
        ),
    ]);
}

/// %s inspects plain objects (depth 0) but calls a user toString.
#[test]
fn format_s_uses_to_string_only_when_user_defined() {
    check(&[
        (
            r#"util.format('%s', { a: { b: { c: 1 } } })"#,
            "{ a: [Object] }",
        ),
        (r#"util.format('%s', [1, [2, [3]]])"#, "[ 1, [Array] ]"),
        (
            r#"util.format('%s', new (class Foo { toString() { return 'FOO'; } })())"#,
            "FOO",
        ),
        (r#"util.format('%s', new (class Bar {})())"#, "Bar {}"),
        (
            r#"util.format('%s', new Map([[1, 2]]))"#,
            "Map(1) { 1 => 2 }",
        ),
        (r#"util.format('%s', () => 1)"#, "() => 1"),
    ]);
}

/// Strings (quoted only when nested), numbers incl. -0, bigint, undefined, null, symbols.
#[test]
fn inspect_primitives() {
    check(&[
        (
            r#"util.inspect('top')"#,
            "'top'",
        ),
        (
            r#"util.format('top', 'level')"#,
            "top level",
        ),
        (
            r#"util.inspect([-0, 0, 1.5, NaN, -Infinity, 1e21, 10n, undefined, null, true])"#,
            "[\n  -0,        0,\n  1.5,       NaN,\n  -Infinity, 1e+21,\n  10n,       undefined,\n  null,      true\n]",
        ),
        (
            r#"util.inspect([Symbol('desc'), Symbol(), Symbol.iterator])"#,
            "[ Symbol(desc), Symbol(), Symbol(Symbol.iterator) ]",
        ),
        (
            r#"util.inspect({ a: 'x', b: [ 'a' ] })"#,
            "{ a: 'x', b: [ 'a' ] }",
        ),
    ]);
}

/// Quote selection and escapes as in Node.
#[test]
fn inspect_string_quoting_and_escapes() {
    check(&[
        (
            r#"util.inspect(["it's", 'say "hi"', 'both \' " ', 'all \' " ` ', 'new\nline', 'tab\t', '\u0001', '\\', '\ud800', '😀', '\x7f'])"#,
            "[\n  \"it's\",      'say \"hi\"',\n  `both ' \" `, 'all \\' \" ` ',\n  'new\\nline', 'tab\\t',\n  '\\x01',      '\\\\',\n  '\\ud800',    '😀',\n  '\\x7F'\n]",
        ),
    ]);
}

/// CJK text is printed as is, in keys and values.
#[test]
fn inspect_chinese_strings() {
    check(&[
        (
            r#"util.inspect({ '键': '值', name: '张三', list: ['中', '文'] })"#,
            "{ '键': '值', name: '张三', list: [ '中', '文' ] }",
        ),
        (
            r#"util.inspect('中文字符串')"#,
            "'中文字符串'",
        ),
        (
            r#"util.inspect(Array.from({ length: 8 }, (_, i) => '中文'.repeat(i % 3 + 1)))"#,
            "[ '中文', '中文中文', '中文中文中文', '中文', '中文中文', '中文中文中文', '中文', '中文中文' ]",
        ),
    ]);
}

/// [Function: name], (anonymous), [class X], async/generator kinds, props.
#[test]
fn inspect_functions_and_classes() {
    check(&[
        (
            r#"util.inspect([function foo() {}, () => {}, class Foo {}, class Bar extends Array {}, class {}])"#,
            "[\n  [Function: foo],\n  [Function (anonymous)],\n  [class Foo],\n  [class Bar extends Array],\n  [class (anonymous)]\n]",
        ),
        (
            r#"util.inspect([async function af() {}, function* gen() {}, async function* ag() {}, (function () {}).bind(null)])"#,
            "[\n  [AsyncFunction: af],\n  [GeneratorFunction: gen],\n  [AsyncGeneratorFunction: ag],\n  [Function: bound ]\n]",
        ),
        (
            r#"util.inspect(Object.assign(function withProps() {}, { a: 1 }))"#,
            "[Function: withProps] { a: 1 }",
        ),
        (
            r#"(() => { const named = () => 1; return util.inspect({ named, method() {} }); })()"#,
            "{ named: [Function: named], method: [Function: method] }",
        ),
    ]);
}

/// Empty, sparse, extra properties, nested arrays.
#[test]
fn inspect_arrays() {
    check(&[
        (
            r#"util.inspect([[], [1, 2, 3], [, , 1], [1, , 2, , ,], new Array(5)])"#,
            "[\n  [],\n  [ 1, 2, 3 ],\n  [ <2 empty items>, 1 ],\n  [ 1, <1 empty item>, 2, <2 empty items> ],\n  [ <5 empty items> ]\n]",
        ),
        (
            r#"util.inspect(Object.assign([1, 2], { x: 1 }))"#,
            "[ 1, 2, x: 1 ]",
        ),
        (
            r#"util.inspect([[[[1]]]])"#,
            "[ [ [ [Array] ] ] ]",
        ),
    ]);
}

/// Arrays over 6 entries that do not fit are grouped like Node, and cut after 100.
#[test]
fn inspect_groups_long_arrays_into_columns() {
    check(&[
        (
            r#"util.inspect(Array.from({ length: 30 }, (_, i) => i + 1))"#,
            "[\n   1,  2,  3,  4,  5,  6,  7,  8,  9,\n  10, 11, 12, 13, 14, 15, 16, 17, 18,\n  19, 20, 21, 22, 23, 24, 25, 26, 27,\n  28, 29, 30\n]",
        ),
        (
            r#"util.inspect(['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew', 'kiwi', 'lemon', 'mango', 'nectarine'])"#,
            "[\n  'apple',      'banana',\n  'cherry',     'date',\n  'elderberry', 'fig',\n  'grape',      'honeydew',\n  'kiwi',       'lemon',\n  'mango',      'nectarine'\n]",
        ),
        (
            r#"util.inspect(Array.from({ length: 120 }, (_, i) => i))"#,
            "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n  96, 97, 98, 99,\n  ... 20 more items\n]",
        ),
    ]);
}

/// Empty, nested, quoted keys, symbol keys, accessors.
#[test]
fn inspect_objects() {
    check(&[
        (
            r#"util.inspect([{}, { a: 1, b: [2] }, { a: undefined, b: null }])"#,
            "[ {}, { a: 1, b: [ 2 ] }, { a: undefined, b: null } ]",
        ),
        (
            r#"util.inspect({ 'a-b': 1, valid_id: 2, '1abc': 3, 123: 4, '': 5, "it's": 6 })"#,
            "{ '123': 4, 'a-b': 1, valid_id: 2, '1abc': 3, '': 5, \"it's\": 6 }",
        ),
        (
            r#"util.inspect({ [Symbol('k')]: 1, [Symbol.for('g')]: 'v' })"#,
            "{ [Symbol(k)]: 1, [Symbol(g)]: 'v' }",
        ),
        (
            r#"util.inspect({ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} })"#,
            "{ g: [Getter], s: [Setter], gs: [Getter/Setter] }",
        ),
    ]);
}

/// Constructor names, [Object: null prototype], toStringTag.
#[test]
fn inspect_class_instances_and_null_prototypes() {
    check(&[
        (
            r#"(() => { class Foo { constructor() { this.a = 1; } } class Empty {} function Legacy() { this.x = 1; } return util.inspect([new Foo(), new Empty(), new Legacy()]); })()"#,
            "[ Foo { a: 1 }, Empty {}, Legacy { x: 1 } ]",
        ),
        (
            r#"util.inspect([Object.create(null), Object.assign(Object.create(null), { a: 1 })])"#,
            "[ [Object: null prototype] {}, [Object: null prototype] { a: 1 } ]",
        ),
        (
            r#"util.inspect({ [Symbol.toStringTag]: 'Tagged', a: 1 })"#,
            "{ a: 1, [Symbol(Symbol.toStringTag)]: 'Tagged' }",
        ),
        (
            r#"(() => { class T { get [Symbol.toStringTag]() { return 'TT'; } } return util.inspect(new T()); })()"#,
            "T [TT] {}",
        ),
        (
            r#"util.inspect(Object.create(Object.create(null)))"#,
            "Object <[Object: null prototype] {}> {}",
        ),
    ]);
}

/// Deeper levels show as [Object] / [Array]; depth option changes that.
#[test]
fn inspect_stops_at_depth_two() {
    check(&[
        (
            r#"util.inspect({ a: { b: { c: { d: {} } } } })"#,
            "{ a: { b: { c: [Object] } } }",
        ),
        (
            r#"util.inspect({ a: [[[[1]]]] })"#,
            "{ a: [ [ [Array] ] ] }",
        ),
        (
            r#"util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 })"#,
            "{ a: [Object] }",
        ),
        (
            r#"util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: null })"#,
            "{\n  a: { b: { c: { d: 1 } } }\n}",
        ),
        (
            r#"util.inspect({ nested: { arr: [{ x: 1, y: [1, 2, { z: 3 }] }] } })"#,
            "{ nested: { arr: [ [Object] ] } }",
        ),
    ]);
}

/// <ref *n> and [Circular *n].
#[test]
fn inspect_marks_circular_references() {
    check(&[
        (
            r#"(() => { const o = {}; o.self = o; return util.inspect(o); })()"#,
            "<ref *1> { self: [Circular *1] }",
        ),
        (
            r#"(() => { const o = { a: [] }; o.a.push(o); return util.inspect({ x: o, y: o }); })()"#,
            "{\n  x: <ref *1> { a: [ [Circular *1] ] },\n  y: <ref *1> { a: [ [Circular *1] ] }\n}",
        ),
        (
            r#"(() => { const a = {}; const b = { a }; a.b = b; return util.inspect([a, b]); })()"#,
            "[\n  <ref *1> { b: { a: [Circular *1] } },\n  <ref *2> { a: <ref *1> { b: [Circular *2] } }\n]",
        ),
    ]);
}

/// Map(n) {...}, Set(n) {...}, empty ones and subclasses.
#[test]
fn inspect_maps_and_sets() {
    check(&[
        (
            r#"util.inspect([new Map([['a', 1], ['b', { c: 2 }]]), new Set([1, 'x', [2]]), new Map(), new Set()])"#,
            "[\n  Map(2) { 'a' => 1, 'b' => { c: 2 } },\n  Set(3) { 1, 'x', [ 2 ] },\n  Map(0) {},\n  Set(0) {}\n]",
        ),
        (
            r#"util.inspect(new Map([[{ k: 1 }, new Set([1])]]))"#,
            "Map(1) { { k: 1 } => Set(1) { 1 } }",
        ),
        (
            r#"(() => { class MyMap extends Map {} return util.inspect(Object.assign(new MyMap([[1, 2]]), { extra: true })); })()"#,
            "MyMap(1) [Map] { 1 => 2, extra: true }",
        ),
        (
            r#"util.inspect([new WeakMap(), new WeakSet()])"#,
            "[ WeakMap { <items unknown> }, WeakSet { <items unknown> } ]",
        ),
    ]);
}

/// Dates as ISO strings, invalid dates, regexps with flags.
#[test]
fn inspect_dates_and_regexps() {
    check(&[(
        r#"util.inspect([new Date(1700000000000), new Date(NaN), /a\/b/gi, Object.assign(/x/, { k: 1 })])"#,
        "[ 2023-11-14T22:13:20.000Z, Invalid Date, /a\\/b/gi, /x/ { k: 1 } ]",
    )]);
}

/// A top-level error prints "Name: message" then its frames, and its own properties.
#[test]
fn inspect_errors_at_top_level_show_the_stack() {
    check(&[
        (
            r#"(() => { function thrower() { return new TypeError('bad input'); } const s = util.inspect(thrower()); return [s.split('\n')[0], /\n {4}at /.test(s)].join(' / '); })()"#,
            "TypeError: bad input / true",
        ),
        (
            r#"(() => { const e = new Error('with code'); e.code = 'E_X'; const s = util.inspect(e); return [s.split('\n')[0], s.endsWith(" {\n  code: 'E_X'\n}")].join(' / '); })()"#,
            "Error: with code / true",
        ),
        (
            r#"(() => { class ValidationError extends Error {} const s = util.inspect(new ValidationError('bad')); return s.split('\n')[0]; })()"#,
            "ValidationError: bad",
        ),
    ]);
}

/// Without frames an error prints as [Name: message], like Node.
#[test]
fn inspect_errors_without_stack_are_bracketed() {
    check(&[
        (
            r#"(() => { const e = new Error('no stack'); Object.defineProperty(e, 'stack', { value: undefined }); return util.inspect(e); })()"#,
            "[Error: no stack]",
        ),
        (
            r#"(() => { const e = new Error('coded'); Object.defineProperty(e, 'stack', { value: undefined }); e.code = 'E1'; return util.inspect(e); })()"#,
            "[Error: coded] { code: 'E1' }",
        ),
        (
            r#"(() => { class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } } const e = new ValidationError('bad'); Object.defineProperty(e, 'stack', { value: undefined }); return util.inspect(e); })()"#,
            "[ValidationError: bad]",
        ),
    ]);
}

/// Uint8Array(n) [...], ArrayBuffer contents, <Buffer ..>.
#[test]
fn inspect_typed_arrays_array_buffers_and_buffers() {
    check(&[
        (
            r#"util.inspect([new Uint8Array([1, 2, 3]), new Float64Array(2), new Uint8Array(0), new BigInt64Array(1)])"#,
            "[\n  Uint8Array(3) [ 1, 2, 3 ],\n  Float64Array(2) [ 0, 0 ],\n  Uint8Array(0) [],\n  BigInt64Array(1) [ 0n ]\n]",
        ),
        (
            r#"util.inspect(new ArrayBuffer(3))"#,
            "ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }",
        ),
        (
            r#"util.inspect([Buffer.from('hi'), Buffer.alloc(0), Buffer.from('中文😀')])"#,
            "[ <Buffer 68 69>, <Buffer >, <Buffer e4 b8 ad e6 96 87 f0 9f 98 80> ]",
        ),
        (
            r#"util.inspect(Buffer.alloc(60))"#,
            "<Buffer 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... 10 more bytes>",
        ),
        (
            r#"(() => { const b = Buffer.from('hey'); b.extra = 1; return util.inspect(b); })()"#,
            "<Buffer 68 65 79, extra: 1>",
        ),
    ]);
}

/// Past the 80-column budget entries go one per line, indented by two.
#[test]
fn inspect_breaks_long_objects_over_lines() {
    check(&[
        (
            r#"util.inspect({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', eps: 'e' })"#,
            "{\n  alpha: 'aaaaaaaaaa',\n  beta: 'bbbbbbbbbb',\n  gamma: 'cccccccccc',\n  delta: 'dddddddddd',\n  eps: 'e'\n}",
        ),
        (
            r#"util.inspect({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', epsilon: 'eeee' })"#,
            "{\n  alpha: 'aaaaaaaaaa',\n  beta: 'bbbbbbbbbb',\n  gamma: 'cccccccccc',\n  delta: 'dddddddddd',\n  epsilon: 'eeee'\n}",
        ),
        (
            r#"util.inspect({ user: { name: 'Alice', roles: ['admin', 'editor'], prefs: { theme: 'dark', lang: 'zh-CN' } }, ok: true })"#,
            "{\n  user: {\n    name: 'Alice',\n    roles: [ 'admin', 'editor' ],\n    prefs: { theme: 'dark', lang: 'zh-CN' }\n  },\n  ok: true\n}",
        ),
        (
            r#"util.inspect(Array.from({ length: 10 }, (_, i) => ({ id: i })))"#,
            "[\n  { id: 0 }, { id: 1 },\n  { id: 2 }, { id: 3 },\n  { id: 4 }, { id: 5 },\n  { id: 6 }, { id: 7 },\n  { id: 8 }, { id: 9 }\n]",
        ),
        (
            r#"util.inspect({ a: { b: { c: {} } } })"#,
            "{ a: { b: { c: {} } } }",
        ),
    ]);
}

/// Long multi-line strings are split with " +".
#[test]
fn inspect_splits_long_strings_on_newlines() {
    check(&[
        (
            r#"util.inspect({ long: 'line one\nline two\nline three and more text to make it long enough to split' })"#,
            "{\n  long: 'line one\\nline two\\nline three and more text to make it long enough to split'\n}",
        ),
        (
            r#"util.inspect(['x'.repeat(100)])"#,
            "[\n  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n]",
        ),
    ]);
}

/// Boxed values, arguments objects; a promise cannot show its state here.
#[test]
fn inspect_boxed_primitives_arguments_and_promises() {
    check(&[
        (
            r#"util.inspect([new Number(3), new String('ab'), new Boolean(false), Object(Symbol('q')), Object(5n)])"#,
            "[\n  [Number: 3],\n  [String: 'ab'],\n  [Boolean: false],\n  [Symbol: Symbol(q)],\n  [BigInt: 5n]\n]",
        ),
        (
            r#"util.inspect((function () { return arguments; })(1, 2))"#,
            "[Arguments] { '0': 1, '1': 2 }",
        ),
    ]);
}

/// compact, breakLength, sorted, showHidden and [util.inspect.custom].
#[test]
fn inspect_options_and_custom_inspect() {
    check(&[
        (
            r#"util.inspect({ b: 1, a: [1, 2] }, { compact: false })"#,
            "{\n  b: 1,\n  a: [\n    1,\n    2\n  ]\n}",
        ),
        (
            r#"util.inspect({ b: 1, a: 2 }, { sorted: true })"#,
            "{ a: 2, b: 1 }",
        ),
        (
            r#"util.inspect([1, 2], { showHidden: true })"#,
            "[ 1, 2, [length]: 2 ]",
        ),
        (
            r#"util.inspect({ a: 1, b: 2 }, { breakLength: 10 })"#,
            "{\n  a: 1,\n  b: 2\n}",
        ),
        (
            r#"util.inspect({ x: { [util.inspect.custom]() { return 'CUSTOM'; } }, y: { [Symbol.for('nodejs.util.inspect.custom')](depth, opts) { return { depth, isObj: typeof opts === 'object' }; } } })"#,
            "{ x: CUSTOM, y: { depth: 1, isObj: true } }",
        ),
        (
            r#"util.inspect('x'.repeat(20), { maxStringLength: 5 })"#,
            "'xxxxx'... 15 more characters",
        ),
        (
            r#"util.inspect([1, 2, 3, 4], { maxArrayLength: 2 })"#,
            "[ 1, 2, ... 2 more items ]",
        ),
    ]);
}

/// UTF-8 bytes for CJK (3 bytes) and emoji (4 bytes, surrogate pairs) and back.
#[test]
fn buffer_utf8_round_trip_with_chinese_and_emoji() {
    check(&[
        (
            r#"(() => { const b = Buffer.from('hi 中文 😀!'); return [b.toString('hex'), b.length, Buffer.byteLength('hi 中文 😀!'), b.toString(), b.toString('utf-8') === 'hi 中文 😀!'].join(' / '); })()"#,
            "686920e4b8ade6968720f09f988021 / 15 / 15 / hi 中文 😀! / true",
        ),
        (
            r#"Buffer.from('𝄞𠀀', 'utf8').toString('hex')"#,
            "f09d849ef0a08080",
        ),
    ]);
}

/// A lone surrogate becomes EF BF BD, as in Node.
#[test]
fn buffer_encodes_lone_surrogates_as_replacement_bytes() {
    check(&[(
        r#"[Buffer.from('a\ud800b').toString('hex'), Buffer.from('\udc00').toString('hex'), Buffer.from('\ud83d').toString('hex'), Buffer.byteLength('\ud800')].join(' / ')"#,
        "61efbfbd62 / efbfbd / efbfbd / 3",
    )]);
}

/// Invalid sequences decode to U+FFFD per maximal subpart, like Node.
#[test]
fn buffer_decodes_invalid_utf8_to_replacement_chars() {
    check(&[
        (
            r#"JSON.stringify(['ff', 'c0af', 'e080', 'e4b8', 'e4b841', 'eda080', 'f4908080', 'f09f98', '80bf', 'c3', 'f8888080', '61ff62'].map((h) => Array.from(Buffer.from(h, 'hex').toString()).map((c) => c.codePointAt(0).toString(16)).join(' ')))"#,
            "[\"fffd\",\"fffd fffd\",\"fffd fffd\",\"fffd\",\"fffd 41\",\"fffd fffd fffd\",\"fffd fffd fffd fffd\",\"fffd\",\"fffd fffd\",\"fffd\",\"fffd fffd fffd fffd\",\"61 fffd 62\"]",
        ),
    ]);
}

/// base64/base64url/hex both ways, with Node's forgiving decoding.
#[test]
fn buffer_base64_and_hex() {
    check(&[
        (
            r#"[Buffer.from('hello 世界').toString('base64'), Buffer.from([0xfb, 0xff, 0xfe]).toString('base64'), Buffer.from([0xfb, 0xff, 0xfe]).toString('base64url'), Buffer.from('a').toString('base64'), Buffer.from('ab').toString('base64url')].join(' / ')"#,
            "aGVsbG8g5LiW55WM / +//+ / -__- / YQ== / YWI",
        ),
        (
            r#"[Buffer.from('aGVsbG8g5LiW55WM', 'base64').toString(), Buffer.from('aGk', 'base64').toString(), Buffer.from('aG k=\n', 'base64').toString(), Buffer.from('-_-_', 'base64').toString('hex'), Buffer.from('+/+/', 'base64url').toString('hex'), Buffer.from('aGk=aGk=', 'base64').toString()].join(' / ')"#,
            "hello 世界 / hi / hi / fbffbf / fbffbf / hi",
        ),
        (
            r#"[Buffer.from('00ff10Ab', 'hex').toString('hex'), Buffer.from('abc', 'hex').toString('hex'), Buffer.from('abzz12', 'hex').length, Buffer.from('hi').toString('hex')].join(' / ')"#,
            "00ff10ab / ab / 1 / 6869",
        ),
    ]);
}

/// The single-byte and UTF-16 encodings.
#[test]
fn buffer_latin1_ascii_and_utf16le() {
    check(&[(
        r#"[Buffer.from('é€', 'latin1').toString('hex'), Buffer.from('é', 'binary').toString('binary'), Buffer.from([0xe9, 0x41]).toString('ascii'), Buffer.from([0xe9, 0x41]).toString('latin1'), Buffer.from('中a', 'ucs2').toString('hex'), Buffer.from('2d4e6100', 'hex').toString('utf16le')].join(' / ')"#,
        "e9ac / é / iA / éA / 2d4e6100 / 中a",
    )]);
}

/// Buffer.from (arrays, ArrayBuffers, Buffers), alloc with fill, concat, isBuffer.
#[test]
fn buffer_from_alloc_concat_and_byte_length() {
    check(&[
        (
            r#"(() => { const ab = new Uint8Array([1, 2, 3, 4]).buffer; const view = Buffer.from(ab, 1, 2); new Uint8Array(ab)[1] = 9; const copy = Buffer.from(view); view[0] = 7; return JSON.stringify([Array.from(Buffer.from([1, 256, -1, 'x', 3.7])), Array.from(view), Array.from(copy), Array.from(Buffer.from({ type: 'Buffer', data: [5, 6] }))]); })()"#,
            "[[1,0,255,0,3],[7,3],[9,3],[5,6]]",
        ),
        (
            r#"JSON.stringify([Array.from(Buffer.alloc(3)), Array.from(Buffer.alloc(5, 'ab')), Array.from(Buffer.alloc(3, 257)), Buffer.alloc(4, 'aGk=', 'base64').toString()])"#,
            "[[0,0,0],[97,98,97,98,97],[1,1,1],\"hihi\"]",
        ),
        (
            r#"(() => { const c = Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.from('中')]); return [c.toString(), c.length, Buffer.concat([Buffer.from('abc')], 2).toString(), Array.from(Buffer.concat([Buffer.from('a')], 3)).join(','), Buffer.concat([]).length].join(' / '); })()"#,
            "abc中 / 6 / ab / 97,0,0 / 0",
        ),
        (
            r#"[Buffer.isBuffer(Buffer.from('a')), Buffer.isBuffer(new Uint8Array(1)), Buffer.from('a') instanceof Uint8Array, Buffer.byteLength('€'), Buffer.byteLength('aGk=', 'base64'), Buffer.byteLength(new Uint16Array(3))].join(',')"#,
            "true,false,true,3,2,6",
        ),
    ]);
}

/// toString(encoding, start, end) and toJSON.
#[test]
fn buffer_to_string_ranges_and_to_json() {
    check(&[
        (
            r#"(() => { const b = Buffer.from('hello'); return [b.toString('utf8', 1, 3), b.toString(undefined, 2), b.toString('utf8', 4, 2), b.toString('utf8', -5, 100), String(b), b + '!'].join(' / '); })()"#,
            "el / llo /  / hello / hello / hello!",
        ),
        (
            r#"JSON.stringify({ buf: Buffer.from('ab'), empty: Buffer.alloc(0) })"#,
            "{\"buf\":{\"type\":\"Buffer\",\"data\":[97,98]},\"empty\":{\"type\":\"Buffer\",\"data\":[]}}",
        ),
    ]);
}

/// slice/subarray return Buffers viewing the same bytes.
#[test]
fn buffer_slice_and_subarray_share_memory() {
    check(&[(
        r#"(() => { const b = Buffer.from('abcdef'); const s = b.slice(1, 3); const t = b.subarray(-2); s[0] = 66; t[1] = 70; return [b.toString(), s.toString(), t.toString(), Buffer.isBuffer(s), Buffer.isBuffer(t), b.slice(-3, -1).toString()].join(' / '); })()"#,
        "aBcdeF / Bc / eF / true / true / de",
    )]);
}

/// equals and compare.
#[test]
fn buffer_equals_and_compare() {
    check(&[(
        r#"[Buffer.from('abc').equals(Buffer.from('abc')), Buffer.from('abc').equals(Buffer.from('abd')), Buffer.from('a').equals(new Uint8Array([97])), Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('b').compare(Buffer.from('a')), Buffer.compare(Buffer.from('ab'), Buffer.from('a'))].join(',')"#,
        "true,false,true,-1,1,1",
    )]);
}

/// Unknown encodings and unsupported values throw Node's errors.
#[test]
fn buffer_rejects_unknown_encodings_and_bad_input() {
    check(&[
        (
            r#"(() => { try { Buffer.from('x', 'nope'); } catch (err) { return [err.name, err.code, err.message].join(' / '); } })()"#,
            "TypeError / ERR_UNKNOWN_ENCODING / Unknown encoding: nope",
        ),
        (
            r#"(() => { try { Buffer.from(5); } catch (err) { return [err.name, err.code, err.message].join(' / '); } })()"#,
            "TypeError / ERR_INVALID_ARG_TYPE / The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (5)",
        ),
        (
            r#"(() => { try { Buffer.from('x').toString('utf9'); } catch (err) { return err.message; } })()"#,
            "Unknown encoding: utf9",
        ),
    ]);
}

/// events.once(emitter, name) resolves with the arguments, or rejects on an error event.
#[test]
fn events_once_resolves_with_the_emitted_arguments() {
    check_async(&[
        (
            r#"(() => { const e = new EventEmitter(); const p = events.once(e, 'ready').then((args) => JSON.stringify(args) + ' / ' + e.listenerCount('error')); e.emit('ready', 1, 'a'); return p; })()"#,
            "[1,\"a\"] / 0",
        ),
        (
            r#"(() => { const e = new EventEmitter(); const p = events.once(e, 'ready').then(() => 'resolved', (err) => 'rejected: ' + err.message + ' / ' + e.listenerCount('ready')); e.emit('error', new Error('failed')); return p; })()"#,
            "rejected: failed / 0",
        ),
    ]);
}

/// Deliberate difference: Node prints a nested error with its whole (indented) stack; here only
/// its first line shows, bracketed, as Node does for errors without frames.
#[test]
fn inspect_nested_errors_show_only_their_first_line() {
    check(&[
        (
            r#"util.inspect({ e: new Error('nested') })"#,
            "{ e: [Error: nested] }",
        ),
        (
            r#"util.inspect([new TypeError('t')])"#,
            "[ [TypeError: t] ]",
        ),
        (
            r#"(() => { const e = new RangeError('r'); e.code = 'E_R'; return util.inspect({ e }); })()"#,
            "{ e: [RangeError: r] { code: 'E_R' } }",
        ),
    ]);
}

/// Not in Node (V8 only): JavaScriptCore's "fn@url:line:col" stacks, as the renderer has them,
/// are printed the V8 way under a "Name: message" header.
#[test]
fn inspect_errors_with_webkit_frames_get_a_v8_style_stack() {
    check(&[(
        r#"(() => { const e = new TypeError('bad'); Object.defineProperty(e, 'stack', { value: 'foo@http://x/a.js:1:2\nglobal code@http://x/a.js:3:4\n[native code]\n' }); return util.inspect(e); })()"#,
        "TypeError: bad\n    at foo (http://x/a.js:1:2)\n    at global code (http://x/a.js:3:4)\n    at [native code]",
    )]);
}

/// Deliberate difference: JS cannot read a promise's state, so Node's `Promise { 1 }` or
/// `Promise { <pending> }` is `Promise { ... }` here.
#[test]
fn inspect_promises_do_not_show_their_state() {
    check(&[
        (r#"util.inspect(Promise.resolve(1))"#, "Promise { ... }"),
        (
            r#"util.inspect({ p: new Promise(() => {}) })"#,
            "{ p: Promise { ... } }",
        ),
    ]);
}
