//! The main.js runtime: QuickJS (through rquickjs) running the main-process bundle (`scripts.rs`:
//! Electron's main-process modules over Node's basics and the value codec). One native function
//! carries every request from JS to Rust (`protocol::HostRequest`); Rust drives JS through
//! `deliver` (`protocol::JsEvent`) and timers.

pub mod compile_check;
pub mod fs;
pub mod protocol;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use rquickjs::context::EvalOptions;
use rquickjs::function::Opt;
use rquickjs::{CatchResultExt, CaughtError, Context, Ctx, Function, Object, Persistent, Runtime};
use serde_json::{json, Value};

use protocol::{HostRequest, JsEvent};

/// How long main.js may run without returning to the event loop before it is stopped.
/// Strings at least this long cross to QuickJS beside the JSON (main_process.js's LONG_STRING).
const LONG_STRING: usize = 1 << 16;

const RUN_LIMIT: Duration = Duration::from_secs(10);

/// What a lab module's source is wrapped in, on its first line (CommonJS, as Node does).
const MODULE_HEADER: &str = "(function (exports, require, module, __filename, __dirname) {";

/// The lab's modules as compiled, by file name: QuickJS's stacks count columns in UTF-8 bytes
/// of the compiled text, which these turn into columns of the lab's own lines.
type Sources = Rc<RefCell<HashMap<String, Rc<str>>>>;

/// What `runTimers` answers when due timers of another cause are left: call it again once
/// promise jobs have run, so each timer's jobs run with its own cause.
const TIMERS_AGAIN: f64 = -2.0;

/// What main.js asks of the main process (windows, pushes, results, journal entries).
pub trait Host {
    /// Handles one request; an `Err` is thrown in main.js as an Error with that message.
    fn request(&mut self, request: HostRequest) -> Result<serde_json::Value, String>;
}

/// A request to stop the run, shared between whoever asks (a signal, the panel's Stop) and
/// main.js's engine, which it interrupts even in the middle of a call that never returns.
#[derive(Clone, Default, Debug)]
pub struct StopRequest(Arc<AtomicI32>);

/// `StopRequest`'s value when asked by the panel (no signal).
const ASKED: i32 = -1;

impl StopRequest {
    /// Asked by the panel or a test.
    pub fn ask(&self) {
        let _ = self
            .0
            .compare_exchange(0, ASKED, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// Asked by a signal (SIGINT, SIGTERM): the `quit` entry names it.
    pub fn ask_for_signal(&self, signal: i32) {
        let _ = self
            .0
            .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
    }

    pub fn is_asked(&self) -> bool {
        self.0.load(Ordering::Relaxed) != 0
    }

    /// The signal that asked, if one did.
    pub fn signal(&self) -> Option<i32> {
        Some(self.0.load(Ordering::Relaxed)).filter(|s| *s > 0)
    }
}

/// When main.js must stop even in the middle of a call: the run was asked to stop or its
/// `--timeout` ran out.
#[derive(Clone, Default)]
pub struct StopWhen {
    pub requested: StopRequest,
    pub deadline: Option<Instant>,
}

impl StopWhen {
    /// Why main.js must stop now, if it must.
    fn why(&self) -> Option<&'static str> {
        if self.requested.is_asked() {
            Some("the run was asked to stop")
        } else if self.deadline.is_some_and(|d| Instant::now() > d) {
            Some("the run's --timeout ran out")
        } else {
            None
        }
    }
}

// Fields drop in declaration order: the persistent handle must go before the
// runtime it lives in, or QuickJS aborts on leaked GC objects at shutdown.
pub struct MainRuntime {
    core: Persistent<Object<'static>>,
    context: Context,
    runtime: Runtime,
    host: Rc<RefCell<dyn Host>>,
    deadline: Rc<Cell<Option<Instant>>>,
    /// How long one call into main.js may run: RUN_LIMIT, shorter in tests.
    run_limit: Duration,
    stop: StopWhen,
    unhandled: Rc<RefCell<Vec<Rejection>>>,
}

/// A promise rejected with nothing handling it yet: `process` is told of it (or prints Node's
/// warning) once promise jobs have run, unless a handler was attached meanwhile.
struct Rejection {
    promise: Persistent<rquickjs::Value<'static>>,
    reason: Persistent<rquickjs::Value<'static>>,
    /// How the journal describes the reason.
    text: String,
}

impl Drop for MainRuntime {
    fn drop(&mut self) {
        // Persistent values must go before the runtime they live in.
        self.unhandled.borrow_mut().clear();
    }
}

impl MainRuntime {
    pub fn new(
        lab_dir: &Path,
        host: Rc<RefCell<dyn Host>>,
        stop: StopWhen,
    ) -> anyhow::Result<Self> {
        let runtime = Runtime::new()?;
        runtime.set_memory_limit(1 << 30);
        runtime.set_max_stack_size(4 << 20);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::default();
        let watch = deadline.clone();
        let watch_stop = stop.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || {
            watch.get().is_some_and(|limit| Instant::now() > limit) || watch_stop.why().is_some()
        })));
        let unhandled: Rc<RefCell<Vec<Rejection>>> = Rc::default();
        let rejections = unhandled.clone();
        runtime.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx, promise, reason, handled| {
                let mut list = rejections.borrow_mut();
                if handled {
                    // Handled after all (a catch attached late): forget the earlier report.
                    let same = |r: &Rejection| {
                        r.promise.clone().restore(&ctx).ok() == Some(promise.clone())
                    };
                    if let Some(pos) = list.iter().position(same) {
                        list.remove(pos);
                    }
                } else {
                    list.push(Rejection {
                        text: describe(&reason),
                        promise: Persistent::save(&ctx, promise),
                        reason: Persistent::save(&ctx, reason),
                    });
                }
            },
        )));
        let context = Context::full(&runtime)?;
        let lab_dir: PathBuf = lab_dir.to_path_buf();
        let sources = Sources::default();
        let core = context.with(|ctx| -> anyhow::Result<_> {
            let native_host = host.clone();
            let native_lab = lab_dir.clone();
            let native_sources = sources.clone();
            let native = Function::new(
                ctx.clone(),
                move |request: String, long: Opt<String>| -> String {
                    answer(&native_lab, &native_host, &native_sources, &request, long.0)
                },
            )?;
            let compile = compile_function(&ctx, sources)?;
            let wrapper = crate::scripts::main_process();
            let mut options = EvalOptions::default();
            options.filename = Some("ipcscope:main_process.js".into());
            options.strict = false;
            let boot: Function = ctx
                .eval_with_options(wrapper, options)
                .catch(&ctx)
                .map_err(|e| anyhow!("internal: the main-process bootstrap failed: {e}"))?;
            let core: Object = boot
                .call((native, compile, lab_dir.to_string_lossy().into_owned()))
                .catch(&ctx)
                .map_err(|e| anyhow!("internal: the main-process bootstrap failed: {e}"))?;
            Ok(Persistent::save(&ctx, core))
        })?;
        Ok(MainRuntime {
            runtime,
            context,
            core,
            host,
            deadline,
            run_limit: RUN_LIMIT,
            stop,
            unhandled,
        })
    }

    /// Runs main.js (its top level); exceptions are journaled by the JS side.
    pub fn run_main(&self, source: &str, filename: &str) {
        self.call_core::<_, ()>("runMain", (source.to_string(), filename.to_string()));
    }

    /// Delivers an event from the main process core (IPC, window events) to main.js.
    pub fn deliver(&self, event: &JsEvent) {
        // An invoke's long string argument goes beside the JSON, as it is (see LONG_STRING in
        // main_process.js): QuickJS takes it far faster so than by parsing it.
        if let JsEvent::Invoke {
            wc,
            channel,
            args,
            seq,
        } = event
        {
            let long = args.as_array().and_then(|args| {
                args.iter()
                    .position(|a| a.as_str().is_some_and(|s| s.len() >= LONG_STRING))
            });
            if let (Some(at), Some(all)) = (long, args.as_array()) {
                let rest = all
                    .iter()
                    .enumerate()
                    .map(|(n, a)| if n == at { Value::Null } else { a.clone() })
                    .collect();
                let event = JsEvent::Invoke {
                    wc: *wc,
                    channel: channel.clone(),
                    args: Value::Array(rest),
                    seq: *seq,
                };
                // Serializing JSON values cannot fail.
                let text = serde_json::to_string(&event).unwrap_or_default();
                let long = all[at].as_str().unwrap_or_default().to_string();
                self.call_core::<_, ()>("deliver", (text, long, at as u32));
                return;
            }
        }
        // Serializing JSON values cannot fail.
        let text = serde_json::to_string(event).unwrap_or_default();
        self.call_core::<_, ()>("deliver", (text,));
    }

    /// Runs due timers and pending jobs; returns how long until the next timer, if any.
    pub fn run_timers(&self) -> Option<Duration> {
        let next = loop {
            // Promise jobs run after each call, before timers that carry another cause.
            let next: f64 = self.call_core("runTimers", ()).unwrap_or(-1.0);
            if next != TIMERS_AGAIN {
                break next;
            }
        };
        (next >= 0.0).then(|| Duration::from_millis(next as u64))
    }

    #[cfg(test)]
    pub fn set_run_limit(&mut self, limit: Duration) {
        self.run_limit = limit;
    }

    /// Runs promise jobs until none is left; then tells `process` of each rejection left
    /// unhandled (journaled too), and runs the jobs its listeners queued.
    pub fn run_jobs(&self) {
        loop {
            self.run_pending_jobs();
            let unhandled: Vec<Rejection> = self.unhandled.borrow_mut().drain(..).collect();
            if unhandled.is_empty() {
                return;
            }
            for rejection in unhandled {
                self.report_error(format!("Unhandled promise rejection: {}", rejection.text));
                self.deadline.set(Some(Instant::now() + self.run_limit));
                self.context.with(|ctx| {
                    let core = self.core.clone().restore(&ctx).ok()?;
                    let function: Function = core.get("unhandledRejection").ok()?;
                    let reason = rejection.reason.restore(&ctx).ok()?;
                    let promise = rejection.promise.restore(&ctx).ok()?;
                    if let Err(err) = function.call::<_, ()>((reason, promise)).catch(&ctx) {
                        self.report_error(format!("Uncaught {}", caught_text(&err)));
                    }
                    Some(())
                });
                self.deadline.set(None);
            }
        }
    }

    fn run_pending_jobs(&self) {
        self.deadline.set(Some(Instant::now() + self.run_limit));
        loop {
            match self.runtime.execute_pending_job() {
                Ok(true) => continue,
                Ok(false) => break,
                Err(err) => {
                    let (interrupted, text) = err.0.with(|ctx| {
                        let caught = ctx.catch();
                        (is_interrupt(&caught), describe(&caught))
                    });
                    self.report_error(self.uncaught_text(interrupted, &text));
                    if interrupted {
                        self.after_interrupt();
                    }
                    self.deadline.set(Some(Instant::now() + self.run_limit));
                }
            }
        }
        self.deadline.set(None);
    }

    fn call_core<A, R>(&self, name: &str, args: A) -> Option<R>
    where
        A: for<'js> rquickjs::function::IntoArgs<'js>,
        R: for<'js> rquickjs::FromJs<'js>,
    {
        self.deadline.set(Some(Instant::now() + self.run_limit));
        let mut interrupted = false;
        let result = self.context.with(|ctx| {
            let core = self.core.clone().restore(&ctx).ok()?;
            let function: Function = core.get(name).ok()?;
            match function.call::<A, R>(args).catch(&ctx) {
                Ok(value) => Some(value),
                Err(err) => {
                    interrupted = is_caught_interrupt(&err);
                    self.report_error(self.uncaught_text(interrupted, &caught_text(&err)));
                    None
                }
            }
        });
        self.deadline.set(None);
        if interrupted {
            self.after_interrupt();
        }
        self.run_jobs();
        result
    }

    /// After main.js's time limit stopped a call: the invoke whose handler it stopped gets an
    /// error for its answer (not when the whole run is stopping).
    fn after_interrupt(&self) {
        if self.stop.why().is_some() {
            return;
        }
        let why = format!(
            "its handler ran for more than {} s without returning, so ipcscope stopped it",
            self.run_limit.as_secs_f64()
        );
        self.deadline.set(Some(Instant::now() + self.run_limit));
        self.context.with(|ctx| {
            let core = self.core.clone().restore(&ctx).ok()?;
            let function: Function = core.get("afterInterrupt").ok()?;
            function.call::<_, ()>((why,)).catch(&ctx).ok()
        });
    }

    /// What to journal for an exception main.js did not catch; an interrupt says why it came.
    fn uncaught_text(&self, interrupted: bool, text: &str) -> String {
        match (interrupted, self.stop.why()) {
            (true, Some(why)) => format!("main.js was stopped in the middle of a call: {why}"),
            (true, None) => format!(
                "main.js ran for more than {} s without returning to the event loop, so ipcscope stopped that call",
                self.run_limit.as_secs_f64()
            ),
            (false, _) => format!("Uncaught {text}"),
        }
    }

    fn report_error(&self, text: String) {
        // The host never calls back into JS, so borrowing it here cannot overlap a JS call.
        let _ = self.host.borrow_mut().request(HostRequest::Error { text });
    }
}

fn caught_text(err: &CaughtError<'_>) -> String {
    match err {
        CaughtError::Exception(e) => {
            let head = format!(
                "{}: {}",
                e.as_object()
                    .get::<_, String>("name")
                    .unwrap_or_else(|_| "Error".into()),
                e.message().unwrap_or_default()
            );
            match e.stack() {
                Some(stack) if !stack.is_empty() => format!("{head}\n{}", stack.trim_end()),
                _ => head,
            }
        }
        CaughtError::Value(v) => describe(v),
        CaughtError::Error(e) => e.to_string(),
    }
}

fn is_caught_interrupt(err: &CaughtError<'_>) -> bool {
    matches!(err, CaughtError::Exception(e) if e.message().as_deref() == Some("interrupted"))
}

/// QuickJS's uncatchable `InternalError: interrupted`, thrown when the interrupt handler says so.
fn is_interrupt(value: &rquickjs::Value<'_>) -> bool {
    value.as_object().is_some_and(|object| {
        object.get::<_, String>("name").ok().as_deref() == Some("InternalError")
            && object.get::<_, String>("message").ok().as_deref() == Some("interrupted")
    })
}

/// A one-line-or-stack description of a thrown value, as Node would print it.
fn describe(value: &rquickjs::Value<'_>) -> String {
    if let Some(object) = value.as_object() {
        let stack: Option<String> = object.get("stack").ok();
        let name: Option<String> = object.get("name").ok();
        let message: Option<String> = object.get("message").ok();
        if let (Some(name), Some(message)) = (&name, &message) {
            let head = format!("{name}: {message}");
            return match stack {
                Some(stack) if !stack.is_empty() => format!("{head}\n{}", stack.trim_end()),
                _ => head,
            };
        }
    }
    value
        .ctx()
        .globals()
        .get::<_, Function>("String")
        .and_then(|f| f.call::<_, String>((value.clone(),)))
        .unwrap_or_else(|_| "(a value that cannot be printed)".into())
}

fn compile_function<'js>(ctx: &Ctx<'js>, sources: Sources) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, source: String, filename: String| {
            let compiled = compile_module(&ctx, &source, &filename);
            sources.borrow_mut().insert(filename, source.into());
            compiled
        },
    )
}

/// A QuickJS stack line of the lab's code (`    at name (file:line:column)`) as
/// `name@file:line:column`, with the column counted in UTF-16 units of the lab's own line
/// (as WebKit counts, and JavaScript strings do); None when it is not such a line.
fn lab_frame(frame: &str, sources: &HashMap<String, Rc<str>>) -> Option<String> {
    let frame = frame.trim_start().strip_prefix("at ")?;
    let (name, location) = match frame.strip_suffix(')').and_then(|f| f.split_once(" (")) {
        Some((name, location)) => (name, location),
        None => ("", frame),
    };
    let (rest, column) = location.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    let (line_no, column_no) = (line.parse::<usize>().ok()?, column.parse::<usize>().ok()?);
    let column = match sources.get(file) {
        Some(source) => lab_column(source, line_no, column_no)?,
        None => column_no,
    };
    Some(format!("{name}@{file}:{line}:{column}"))
}

/// A column QuickJS gives for a wrapped module (UTF-8 bytes of the compiled text, from 1) as a
/// column of the lab's own line in UTF-16 units, as WebKit and JavaScript strings count.
pub fn lab_column(source: &str, line_no: usize, column_no: usize) -> Option<usize> {
    let text = source.lines().nth(line_no.checked_sub(1)?)?;
    // The module header shares the first line.
    let header = if line_no == 1 { MODULE_HEADER.len() } else { 0 };
    let bytes = column_no.saturating_sub(1 + header);
    let units: usize = text
        .char_indices()
        .take_while(|(at, _)| *at < bytes)
        .map(|(_, c)| c.len_utf16())
        .sum();
    Some(units + 1)
}

/// A CommonJS module's source as the runtime runs it: the body of a function of Node's five
/// module parameters.
pub fn commonjs_wrapped(source: &str) -> String {
    format!("{MODULE_HEADER}{source}\n}})")
}

/// Wraps a CommonJS module and compiles it with its file name, so stacks point into the lab.
fn compile_module<'js>(
    ctx: &Ctx<'js>,
    source: &str,
    filename: &str,
) -> rquickjs::Result<Function<'js>> {
    let wrapped = commonjs_wrapped(source);
    let mut options = EvalOptions::default();
    options.filename = Some(filename.to_string());
    options.strict = false;
    ctx.eval_with_options(wrapped, options)
}

/// Answers one JSON request from main_process.js with `{"value": ...}` or `{"error": ...}`.
/// Serves one request from main.js; `long` is an invoke's result that came beside the JSON
/// (main_process.js's LONG_STRING).
fn answer(
    lab: &Path,
    host: &Rc<RefCell<dyn Host>>,
    sources: &Sources,
    request: &str,
    long: Option<String>,
) -> String {
    let mut request = match crate::wire::parse_deep_json::<HostRequest>(request) {
        Ok((request, replaced_surrogates)) => {
            if replaced_surrogates {
                // main.js may hold strings with lone UTF-16 surrogates; UTF-8 cannot.
                if let Ok(mut host) = host.try_borrow_mut() {
                    let _ = host.request(HostRequest::Error { text: "main.js: a string held a lone UTF-16 surrogate, which the journal's UTF-8 cannot carry; it was replaced by U+FFFD".into() });
                }
            }
            request
        }
        Err(e) => {
            return json!({"error": {"message": format!("internal: bad request: {e}")}}).to_string()
        }
    };
    if let (Some(long), HostRequest::InvokeResult { result, .. }) = (long, &mut request) {
        *result = Value::String(long);
    }
    if let Some(at) = request.at_mut() {
        *at = at
            .take()
            .and_then(|frame| lab_frame(&frame, &sources.borrow()));
    }
    let reply = match request {
        HostRequest::Fs(request) => fs::handle(lab, &request).map_err(|e| e.to_json()),
        HostRequest::Pid => Ok(json!(std::process::id())),
        HostRequest::LabName => Ok(json!(lab
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default())),
        request => match host.try_borrow_mut() {
            Ok(mut host) => host.request(request).map_err(|m| json!({"message": m})),
            Err(_) => Err(json!({"message": "internal: the main process is busy"})),
        },
    };
    match reply {
        Ok(value) => json!({"value": value}).to_string(),
        Err(error) => json!({"error": error}).to_string(),
    }
}

#[cfg(test)]
#[path = "node_js_tests.rs"]
mod node_js_tests;

#[cfg(test)]
mod tests;
