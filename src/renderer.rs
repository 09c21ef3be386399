//! The renderer process (`ipcscope renderer`): one per BrowserWindow, a tao window with a wry
//! webview. It only moves frames between its webview and the main process (see `wire`).

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::os::fd::FromRawFd;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, Context as _};
use javascriptcore::ValueExt;
use tao::dpi::LogicalSize;
use tao::event::{Event, WindowEvent};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::platform::unix::WindowExtUnix;
use tao::window::{Window, WindowBuilder};
use webkit2gtk::{UserContentManagerExt, WebViewExt};
use wry::http::{header, Response};
use wry::{RequestAsyncResponder, WebView, WebViewBuilder, WebViewBuilderExtUnix, WebViewExtUnix};

use crate::core::page_frame::ExecuteJavaScript;
use crate::core::stages;
use crate::wire::{self, FromRenderer, ToRenderer};

mod main_pipe;
mod navigation;
mod page_clock;
mod zoom_keys;
use navigation::SharedNavigation;

/// Tells the shim and the bridge (in each world) to stamp stages, with `IPCSCOPE_TRACE` on.
const TRACE_FLAG: &str = "window.__ipcscopeTrace = true;";

/// Bytes the renderer reads from main at once: a large frame comes in a few reads.
const READ_BUFFER: usize = 1 << 20;

/// Exit status of a renderer whose WebKit web process died.
const EXIT_WEB_PROCESS_GONE: i32 = 3;

/// The scheme the shim's synchronous XHR goes to for `sendSync`.
pub const SYNC_SCHEME: &str = "ipcscope";
/// `window.webkit.messageHandlers.NAME`, where the shim posts every other frame.
pub const FRAME_HANDLER: &str = "ipcscope";
/// The WebKit script world of the preload and the shim, with context isolation.
const PRELOAD_WORLD: &str = "ipcscope-preload";
/// With context isolation, the handler the shim posts frames to: registered in the preload's
/// world only, so the page's scripts cannot reach it.
pub const PRELOAD_FRAME_HANDLER: &str = "ipcscope-frames";

enum UserEvent {
    FromMain(ToRenderer),
    PageFrame(String),
    MainGone,
}

/// Writes frames to main; shared by the GTK thread and the custom-protocol threads.
#[derive(Clone)]
struct Outbox(Arc<Mutex<File>>);

impl Outbox {
    fn send(&self, line: &str) {
        let mut out = self.0.lock().unwrap_or_else(|p| p.into_inner());
        // If main is gone the write fails; the stdin reader notices and ends the process.
        let _ = out.write_all(line.as_bytes()).and_then(|_| out.flush());
    }

    fn control(&self, frame: &FromRenderer) {
        self.send(&wire::control_line(frame));
    }
}

type PendingSync = Arc<Mutex<HashMap<u64, RequestAsyncResponder>>>;

pub fn run() -> anyhow::Result<()> {
    let outbox = Outbox(Arc::new(Mutex::new(take_stdout_for_frames()?)));
    // SAFETY: prctl with these arguments only sets a signal to be delivered when main dies.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
    }

    open_display();
    let event_loop = EventLoopBuilder::<UserEvent>::with_user_event().build();
    let proxy = event_loop.create_proxy();
    let pending_sync: PendingSync = Arc::default();

    main_pipe::watch(proxy, pending_sync.clone());

    let mut window: Option<Window> = None;
    let mut webview: Option<WebView> = None;
    // Where the page may navigate (set by Create, widened by each Load from main) and the
    // navigations waiting for main's answer.
    let navigation = SharedNavigation::default();
    let mut deliver_fn = String::new();
    // With context isolation, frames from main go to the preload's world.
    let mut deliver_world: Option<&'static str> = None;

    event_loop.run(move |event, target, control_flow| {
        *control_flow = ControlFlow::Wait;
        match event {
            Event::UserEvent(UserEvent::FromMain(frame)) => match frame {
                ToRenderer::Create {
                    title,
                    width,
                    height,
                    show,
                    init_script,
                    page_world_script,
                    deliver,
                    lab,
                    position,
                } => {
                    let isolated = page_world_script.is_some();
                    navigation.borrow_mut().set_lab(PathBuf::from(lab));
                    match build(
                        target,
                        &title,
                        (width, height),
                        show,
                        InitScripts {
                            preload_world: init_script,
                            page_world: page_world_script,
                        },
                        Links {
                            outbox: &outbox,
                            pending_sync: &pending_sync,
                            navigation: &navigation,
                        },
                    ) {
                        Ok((w, v)) => {
                            if let Some((x, y)) = position {
                                w.set_outer_position(tao::dpi::PhysicalPosition::new(x, y));
                            }
                            window = Some(w);
                            webview = Some(v);
                            deliver_fn = deliver;
                            deliver_world = isolated.then_some(PRELOAD_WORLD);
                        }
                        Err(err) => {
                            outbox.control(&FromRenderer::Failed {
                                text: format!("could not create the window: {err:#}"),
                            });
                            *control_flow = ControlFlow::Exit;
                        }
                    }
                }
                ToRenderer::Load { url } => {
                    navigation.borrow_mut().main_load(&url);
                    if let Some(view) = &webview {
                        if let Err(err) = view.load_url(&url) {
                            outbox.control(&FromRenderer::Failed {
                                text: format!("could not load {url}: {err}"),
                            });
                        }
                    }
                }
                ToRenderer::Eval { js } => {
                    if let Some(view) = &webview {
                        let _ = view.evaluate_script(&js);
                    }
                }
                ToRenderer::Zoom { factor } => {
                    if let Some(view) = &webview {
                        let _ = view.zoom(factor);
                    }
                }
                ToRenderer::Navigate { id, go } => navigation.borrow_mut().answer(id, go),
                ToRenderer::Close => *control_flow = ControlFlow::Exit,
                ToRenderer::SyncAnswer { .. } => {}
            },
            Event::UserEvent(UserEvent::PageFrame(body)) => {
                if let Some(view) = &webview {
                    if let Some(request) = ExecuteJavaScript::read(&body) {
                        execute_javascript(view, request, outbox.clone());
                    } else {
                        deliver_to_page(view, &deliver_call(&deliver_fn, &body), deliver_world);
                    }
                }
            }
            Event::UserEvent(UserEvent::MainGone) => *control_flow = ControlFlow::Exit,
            Event::WindowEvent {
                event: WindowEvent::CloseRequested,
                ..
            } => {
                outbox.control(&FromRenderer::Closed);
                *control_flow = ControlFlow::Exit;
            }
            _ => {}
        }
        // Keep the window alive for as long as the loop runs.
        let _ = &window;
    });
}

/// Opens GTK's display, trying again for a moment when it fails: with many renderers starting at
/// once on a busy X server a connection is sometimes refused, and a window must not be lost to
/// that. tao's own GTK set-up then finds GTK ready (and fails as before if it never was).
fn open_display() {
    extern "C" {
        fn gtk_init_check(argc: *mut libc::c_int, argv: *mut *mut *mut libc::c_char)
            -> libc::c_int;
    }
    for attempt in 1..=5u64 {
        // SAFETY: GTK accepts null argc/argv; this runs on the thread that will run GTK.
        if unsafe { gtk_init_check(std::ptr::null_mut(), std::ptr::null_mut()) } != 0 {
            return;
        }
        eprintln!("ipcscope renderer: could not open the display (attempt {attempt} of 5)");
        std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
    }
}

/// The call that hands a frame from main to the shim; with `IPCSCOPE_TRACE` on, with when the
/// renderer handed it over.
fn deliver_call(deliver_fn: &str, frame: &str) -> String {
    if stages::enabled() {
        format!("{deliver_fn}({frame},{})", stages::now_us())
    } else {
        format!("{deliver_fn}({frame})")
    }
}

/// Runs the shim's deliver call in the world the shim lives in.
fn deliver_to_page(view: &WebView, js: &str, world: Option<&str>) {
    match world {
        Some(world) => view.webview().evaluate_javascript(
            js,
            Some(world),
            None,
            None::<&webkit2gtk::gio::Cancellable>,
            |_| {},
        ),
        None => {
            let _ = view.evaluate_script(js);
        }
    }
}

/// The page's init scripts: without context isolation, one, in the page's world; with it, the
/// shim and preload in their own world and the page's side of the bridge in the page's.
struct InitScripts {
    preload_world: String,
    page_world: Option<String>,
}

/// What the webview's handlers share with the renderer's event loop.
struct Links<'a> {
    outbox: &'a Outbox,
    pending_sync: &'a PendingSync,
    navigation: &'a SharedNavigation,
}

fn build(
    target: &tao::event_loop::EventLoopWindowTarget<UserEvent>,
    title: &str,
    (width, height): (f64, f64),
    show: bool,
    scripts: InitScripts,
    links: Links,
) -> anyhow::Result<(Window, WebView)> {
    let Links {
        outbox,
        pending_sync,
        navigation,
    } = links;
    let window = WindowBuilder::new()
        .with_title(title)
        .with_inner_size(LogicalSize::new(width, height))
        .with_visible(show)
        .build(target)?;

    let ipc_out = outbox.clone();
    let sync_out = outbox.clone();
    let sync_pending = pending_sync.clone();
    let next_sync_id = Arc::new(Mutex::new(0u64));

    let vbox = window
        .default_vbox()
        .ok_or_else(|| anyhow!("the window has no GTK container"))?;
    let mut builder = WebViewBuilder::new();
    if scripts.page_world.is_none() && stages::enabled() {
        builder = builder.with_initialization_script(TRACE_FLAG);
    }
    if scripts.page_world.is_none() {
        builder = builder.with_initialization_script(scripts.preload_world.clone());
    }
    let webview = builder
        .with_asynchronous_custom_protocol(SYNC_SCHEME.into(), move |_id, request, responder| {
            let body = String::from_utf8_lossy(request.body()).into_owned();
            let id = {
                let mut next = next_sync_id.lock().unwrap_or_else(|p| p.into_inner());
                *next += 1;
                *next
            };
            if let Ok(mut pending) = sync_pending.lock() {
                pending.insert(id, responder);
            }
            sync_out.control(&FromRenderer::Sync { id, body });
        })
        .build_gtk(vbox)
        .context("building the webview")?;
    navigation::watch(&webview.webview(), navigation, outbox);
    zoom_keys::watch(&webview.webview());
    let fail_out = outbox.clone();
    webview
        .webview()
        .connect_load_failed(move |_, _, uri, error| {
            if let Some((code, description)) = net_error(error) {
                fail_out.control(&FromRenderer::LoadFailed {
                    url: uri.to_string(),
                    code,
                    description: description.into(),
                });
            }
            // Handled: no WebKit error page, as Electron shows none.
            true
        });
    let gone_out = outbox.clone();
    webview
        .webview()
        .connect_web_process_terminated(move |_, reason| {
            use webkit2gtk::WebProcessTerminationReason as Reason;
            let why = match reason {
                Reason::ExceededMemoryLimit => "ran out of memory",
                Reason::TerminatedByApi => "was ended",
                _ => "crashed",
            };
            gone_out.control(&FromRenderer::Failed {
                text: format!("WebKit's web process {why}; the page is gone"),
            });
            // The page is gone with it: this renderer ends too, so main sees a crash (journaled,
            // render-process-gone, reload starts a new renderer), as Electron reports one.
            // SAFETY: _exit(2) ends the process at once; nothing after it runs.
            unsafe { libc::_exit(EXIT_WEB_PROCESS_GONE) }
        });
    let world = match &scripts.page_world {
        Some(page_world) => {
            add_isolated_scripts(&webview, &scripts.preload_world, page_world)?;
            Some(PRELOAD_WORLD)
        }
        None => None,
    };
    listen_for_frames(&webview, ipc_out, world)?;
    Ok((window, webview))
}

/// With context isolation: the shim and preload as a document-start script of their own world,
/// then the page's side of the bridge in the page's world, both in the top frame only (as
/// Electron runs a preload). Both run before any page script.
fn add_isolated_scripts(
    webview: &WebView,
    preload_world: &str,
    page_world: &str,
) -> anyhow::Result<()> {
    use webkit2gtk::{UserContentInjectedFrames, UserScript, UserScriptInjectionTime};
    let manager = webview
        .webview()
        .user_content_manager()
        .ok_or_else(|| anyhow!("the webview has no user content manager"))?;
    if stages::enabled() {
        for world in [Some(PRELOAD_WORLD), None] {
            let flag = match world {
                Some(world) => UserScript::for_world(
                    TRACE_FLAG,
                    UserContentInjectedFrames::TopFrame,
                    UserScriptInjectionTime::Start,
                    world,
                    &[],
                    &[],
                ),
                None => UserScript::new(
                    TRACE_FLAG,
                    UserContentInjectedFrames::TopFrame,
                    UserScriptInjectionTime::Start,
                    &[],
                    &[],
                ),
            };
            manager.add_script(&flag);
        }
    }
    manager.add_script(&UserScript::for_world(
        preload_world,
        UserContentInjectedFrames::TopFrame,
        UserScriptInjectionTime::Start,
        PRELOAD_WORLD,
        &[],
        &[],
    ));
    manager.add_script(&UserScript::new(
        page_world,
        UserContentInjectedFrames::TopFrame,
        UserScriptInjectionTime::Start,
        &[],
        &[],
    ));
    Ok(())
}

/// Registers the script message handler the shim posts frames to, in the shim's world (the
/// page's own world without context isolation). wry's own `with_ipc_handler` drops every
/// message from a `file://` page (it builds an `http::Uri` from the page URL, and `file:///…`
/// has no authority), and labs are `file://` pages as in Electron.
///
/// With context isolation the shim posts to `PRELOAD_FRAME_HANDLER` in its own world, and the
/// page's world keeps a `FRAME_HANDLER` of its own: what a page posts there goes to main like
/// any frame, without the preload's token, and main refuses and journals it as before.
fn listen_for_frames(webview: &WebView, outbox: Outbox, world: Option<&str>) -> anyhow::Result<()> {
    let manager = webview
        .webview()
        .user_content_manager()
        .ok_or_else(|| anyhow!("the webview has no user content manager"))?;
    let traced = stages::enabled().then(|| {
        let clock = page_clock::PageClock::new();
        page_clock::watch(&webview.webview(), world_name(world), clock.clone());
        clock
    });
    let forward = move |message: &webkit2gtk::JavascriptResult| {
        let received = traced
            .as_ref()
            .map(|clock| (stages::now_us(), clock.offset_us()));
        let Some(body) = message.js_value().map(|value| value.to_str()) else {
            return;
        };
        let lines = frame_lines(&body, received);
        if !lines.is_empty() {
            outbox.send(&lines);
        }
    };
    let forward = std::rc::Rc::new(forward);
    let mut names = vec![FRAME_HANDLER];
    if world.is_some() {
        names.push(PRELOAD_FRAME_HANDLER);
    }
    for name in names {
        let forward = forward.clone();
        manager.connect_script_message_received(Some(name), move |_, message| forward(message));
        let registered = match world {
            Some(world) if name == PRELOAD_FRAME_HANDLER => {
                manager.register_script_message_handler_in_world(name, world)
            }
            _ => manager.register_script_message_handler(name),
        };
        if !registered {
            return Err(anyhow!("could not register the '{name}' message handler"));
        }
    }
    Ok(())
}

/// The wire lines for a posted body. The shim posts the frames of one task together, one
/// per line (`JSON.stringify` never writes a raw newline); each goes to main as a frame of its
/// own, written at once. A forged body with newlines only splits into frames main checks.
fn frame_lines(body: &str, traced: Option<(i64, i64)>) -> String {
    let mut lines = String::with_capacity(body.len() + 32);
    for frame in body.split('\n').filter(|f| !f.trim().is_empty()) {
        // Main's reader takes "\r\n" for a line end and would drop the '\r' of a frame ending
        // in one (JSON.stringify never writes a raw '\r'; a forged one becomes a space).
        let frame = if frame.contains('\r') {
            std::borrow::Cow::Owned(frame.replace('\r', " "))
        } else {
            std::borrow::Cow::Borrowed(frame)
        };
        match traced {
            Some((received, offset)) => {
                lines.push_str(&wire::traced_page_line(&frame, received, offset))
            }
            None => lines.push_str(&wire::page_line(&frame)),
        }
    }
    lines
}

/// The shim's world as `evaluate_javascript` names it.
fn world_name(world: Option<&str>) -> Option<&'static str> {
    world.map(|_| PRELOAD_WORLD)
}

/// Chromium's net error (code, name) for a failed load, as Electron reports it; None for a load
/// that a newer navigation cancelled, which is no failure of the page.
fn net_error(error: &webkit2gtk::Error) -> Option<(i32, &'static str)> {
    use webkit2gtk::{NetworkError, PolicyError};
    match (error.kind::<NetworkError>(), error.kind::<PolicyError>()) {
        (Some(NetworkError::Cancelled), _)
        | (_, Some(PolicyError::FrameLoadInterruptedByPolicyChange)) => None,
        (Some(NetworkError::FileDoesNotExist), _) => Some((-6, "ERR_FILE_NOT_FOUND")),
        (Some(NetworkError::UnknownProtocol), _) => Some((-302, "ERR_UNKNOWN_URL_SCHEME")),
        _ => Some((-2, "ERR_FAILED")),
    }
}

fn sync_response(body: String) -> Response<Vec<u8>> {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(body.into_bytes())
        .unwrap_or_else(|_| Response::new(Vec::new()))
}

/// Keeps the real stdout for frames and points fd 1 at stderr, so nothing GTK, WebKit or a
/// library prints can corrupt the wire.
fn take_stdout_for_frames() -> anyhow::Result<File> {
    // SAFETY: plain fd duplication; the new fd is owned by the returned File.
    unsafe {
        let frames = libc::dup(1);
        if frames < 0 || libc::dup2(2, 1) < 0 {
            return Err(anyhow!("could not set up the frame pipe"));
        }
        Ok(File::from_raw_fd(frames))
    }
}

// ---- webContents.executeJavaScript ----------------------------------------------------------

/// Runs `request`'s code in the page's main world (where page scripts run, not the shim's) and
/// sends its outcome to main as a page frame. WebKit awaits the promise the function returns.
fn execute_javascript(view: &WebView, request: ExecuteJavaScript, outbox: Outbox) {
    use webkit2gtk::glib::{ToVariant, VariantDict};
    let arguments = VariantDict::new(None);
    arguments.insert_value("code", &request.code.to_variant());
    view.webview().call_async_javascript_function(
        &ExecuteJavaScript::function_body(),
        Some(&arguments.end()),
        None,
        None,
        None::<&webkit2gtk::gio::Cancellable>,
        move |result| {
            let outcome = match result {
                Ok(value) => value.to_str().to_string(),
                // The page went away (or the call could not be made): the promise rejects.
                Err(err) => {
                    let error = serde_json::json!({"name": "Error", "message": err.message()});
                    serde_json::json!({"ok": false, "error": error}).to_string()
                }
            };
            outbox.send(&wire::page_line(&request.answer(&outcome)));
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_posted_together_go_to_main_one_per_line() {
        assert_eq!(
            frame_lines("{\"n\":1}\n{\"n\":2}", None),
            "P {\"n\":1}\nP {\"n\":2}\n"
        );
        assert_eq!(
            frame_lines("{\"n\":3}", Some((10, 20))),
            "T 10 20 {\"n\":3}\n"
        );
    }

    #[test]
    fn a_posted_body_cannot_forge_a_line_of_another_kind() {
        // Each piece is a page frame (checked by main for the token), never a control line.
        let lines = frame_lines("x\nC {\"t\":\"closed\"}\r\n\n", None);
        assert_eq!(lines, "P x\nP C {\"t\":\"closed\"} \n");
    }
}
