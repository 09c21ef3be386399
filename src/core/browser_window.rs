//! BrowserWindows as main.js and the renderers see them: creating one (with its renderer
//! process, or virtual), loading pages (and failing to, as Electron reports it), reloading
//! after a crash, closing, and what each renderer process reports about its page.

use serde_json::{json, Value};

use super::file_url::{file_path, file_url, percent_encode};
use super::initiator::InlinePreload;
use super::renderer_process::RendererWindow;
use super::state::State;
use super::window_table::{WindowSpec, WindowState};
use crate::journal::Kind;
use crate::runtime::fs::confine;
use crate::runtime::protocol::{JsEvent, WindowEvent};
use crate::shim;
use crate::wire::{self, FromRenderer, ToRenderer};

/// What `new BrowserWindow(options)` passed.
pub struct CreateWindow {
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub show: bool,
    pub preload: Option<String>,
    pub context_isolation: bool,
}

/// What `loadFile(path, options)` passed.
pub struct LoadFile {
    pub path: String,
    pub query: Option<serde_json::Map<String, Value>>,
    pub search: Option<String>,
    pub hash: Option<String>,
}

impl State {
    pub fn create_window(&mut self, request: CreateWindow) -> Result<Value, String> {
        let id = self.windows.next_id();
        let (preload, preload_error) = match &request.preload {
            None => (None, None),
            Some(path) => match confine(&self.lab.dir, path, "open")
                .map_err(|e| e.message())
                .and_then(|real| {
                    std::fs::read_to_string(&real)
                        .map(|source| (real.to_string_lossy().into_owned(), source))
                        .map_err(|e| e.to_string())
                }) {
                Ok(preload) => (Some(preload), None),
                // Electron still opens the window; the page just has no preload. A preload
                // that does not compile is said once, here, with where (`preload_syntax`).
                Err(e) => (
                    None,
                    Some(format!("Unable to load preload script: {path}\nError: {e}")),
                ),
            },
        };
        let preload_syntax = preload.as_ref().and_then(|(real, source)| {
            let file = std::path::Path::new(real)
                .strip_prefix(&self.lab.dir)
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|_| request.preload.clone().unwrap_or_default());
            crate::lab::preload_error(request.preload.as_deref()?, &file, source)
        });
        let preload = preload.filter(|_| preload_syntax.is_none());
        let spec = WindowSpec {
            title: Some(request.title)
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| format!("{} - ipcscope", self.lab.name)),
            width: request.width,
            height: request.height,
            show: request.show,
            preload,
            context_isolation: request.context_isolation,
        };
        if !self.renderers {
            // A window with an id and events but no renderer process (`ipcscope replay`).
            let pid = std::process::id();
            self.windows.insert(id, spec, WindowState::Virtual);
            self.journal.append(
                Kind::Lifecycle,
                json!({"event": "created", "webContentsId": id, "pid": pid, "virtual": true}),
            );
            return Ok(json!({"id": id, "pid": pid}));
        }
        let (renderer, inline_preload) = self.spawn_renderer(id, &spec)?;
        let pid = renderer.pid;
        self.windows.insert(id, spec, WindowState::Live(renderer));
        if let Some(window) = self.windows.get_mut(id) {
            window.inline_preload = inline_preload;
        }
        if let Some(text) = preload_error {
            self.error(text, Some(id));
        }
        if let Some(mut fields) = preload_syntax {
            eprintln!("{}", fields["text"].as_str().unwrap_or_default());
            fields["webContentsId"] = json!(id);
            self.journal.append(Kind::Error, fields);
        }
        Ok(json!({"id": id, "pid": pid}))
    }

    /// Starts the renderer process of window `id` (again, after a crash) and journals it; says
    /// where in its init script the preload runs, when it runs inlined.
    fn spawn_renderer(
        &mut self,
        id: u32,
        spec: &WindowSpec,
    ) -> Result<(RendererWindow, Option<InlinePreload>), String> {
        let window = RendererWindow::spawn(id, &self.exe, self.inbox.clone())
            .map_err(|e| format!("could not start a renderer process: {e}"))?;
        let script = shim::init_script(&shim::ShimConfig {
            token: &window.token,
            deliver: &window.deliver,
            web_contents_id: id,
            process_id: window.pid,
            preload: spec
                .preload
                .as_ref()
                .map(|(path, source)| (path.clone(), source.as_str())),
            context_isolation: spec.context_isolation,
        });
        window.send_line(wire::control_line(&ToRenderer::Create {
            title: spec.title.clone(),
            width: spec.width,
            height: spec.height,
            show: spec.show,
            init_script: script.text,
            page_world_script: script.page_world,
            deliver: window.deliver.clone(),
            lab: std::fs::canonicalize(&self.lab.dir)
                .unwrap_or_else(|_| self.lab.dir.clone())
                .to_string_lossy()
                .into_owned(),
            position: crate::window_place::next_position(
                (spec.width as i32, spec.height as i32),
                id,
            ),
        }));
        self.journal.append(
            Kind::Lifecycle,
            json!({"event": "created", "webContentsId": id, "pid": window.pid, "title": spec.title}),
        );
        let inline_preload = match (&spec.preload, script.preload_lines) {
            (Some((path, _)), Some(lines)) => std::path::Path::new(path)
                .strip_prefix(&self.lab.dir)
                .ok()
                .map(|file| InlinePreload {
                    file: file.to_string_lossy().into_owned(),
                    first_line: lines.start,
                    lines: lines.end - lines.start,
                }),
            _ => None,
        };
        Ok((window, inline_preload))
    }

    /// `webContents.reload()` and the panel's Reload: a crashed window gets a new renderer
    /// process that loads its last page, as Electron's reload does after a crash.
    /// Zooms every open window's page (the panel's text size, for a projector).
    pub fn zoom_pages(&mut self, factor: f64) {
        let open: Vec<u32> = self.windows.live_renderers().map(|(wc, _)| wc).collect();
        for wc in open {
            self.to_renderer(wc, &ToRenderer::Zoom { factor });
        }
    }

    pub fn reload_window(&mut self, wc: u32) {
        let Some(window) = self.windows.get(wc) else {
            return;
        };
        if !matches!(window.state, WindowState::Crashed) {
            self.to_renderer(
                wc,
                &ToRenderer::Eval {
                    js: "location.reload()".into(),
                },
            );
            return;
        }
        let (spec, url) = (window.spec.clone(), window.url.clone());
        match self.spawn_renderer(wc, &spec) {
            Ok((renderer, inline_preload)) => {
                if let Some(window) = self.windows.get_mut(wc) {
                    window.state = WindowState::Live(renderer);
                    window.inline_preload = inline_preload;
                }
                if !url.is_empty() {
                    self.load(wc, url);
                }
            }
            Err(text) => self.error(text, Some(wc)),
        }
    }

    /// Loads `url` into window `wc`; a virtual window "loads" at once, and a file that is not
    /// there fails as Chromium fails it.
    pub fn load(&mut self, wc: u32, url: String) {
        let file = file_path(&url).map(|path| {
            confine(&self.lab.dir, &path.to_string_lossy(), "open").map(|real| real.is_file())
        });
        if let Some(Err(_)) = file {
            // Nothing outside the lab folder is reachable from a lab, loadURL included.
            self.error(
                format!("'{url}' is outside the lab folder: a lab's windows may load only the lab's own files"),
                Some(wc),
            );
            self.load_failed(wc, url, -10, "ERR_ACCESS_DENIED".into());
        } else if let Some(Ok(false)) = file {
            self.load_failed(wc, url, -6, "ERR_FILE_NOT_FOUND".into());
        } else if self.windows.is_virtual(wc) {
            self.navigating(wc, &url);
            self.journal.append(
                Kind::Lifecycle,
                json!({"event": "loaded", "webContentsId": wc, "url": url}),
            );
            self.window_event(wc, WindowEvent::DidFinishLoad { url });
        } else {
            self.to_renderer(wc, &ToRenderer::Load { url });
        }
    }

    /// `win.loadFile`: the URL Electron would load (its promise settles on did-finish-load or
    /// did-fail-load); an Err for a path outside the lab, thrown in main.js.
    pub fn load_file(&mut self, wc: u32, request: LoadFile) -> Result<Value, String> {
        let real = confine(&self.lab.dir, &request.path, "open").map_err(|e| e.message())?;
        let mut url = file_url(&real);
        if let Some(query) = &request.query {
            let pairs: Vec<String> = query
                .iter()
                .map(|(k, v)| {
                    let v = v
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string());
                    format!("{}={}", percent_encode(k, false), percent_encode(&v, false))
                })
                .collect();
            url.push('?');
            url.push_str(&pairs.join("&"));
        } else if let Some(search) = &request.search {
            url.push('?');
            url.push_str(search.trim_start_matches('?'));
        }
        if let Some(hash) = &request.hash {
            url.push('#');
            url.push_str(hash.trim_start_matches('#'));
        }
        self.load(wc, url.clone());
        Ok(json!(url))
    }

    /// A page that could not load: journaled, and `did-fail-load` for main.js (which rejects
    /// the load's promise with Electron's text).
    fn load_failed(&mut self, wc: u32, url: String, code: i32, description: String) {
        self.journal.append(
            Kind::Lifecycle,
            json!({"event": "load-failed", "webContentsId": wc, "url": url, "errorCode": code, "errorDescription": description}),
        );
        self.window_event(
            wc,
            WindowEvent::DidFailLoad {
                code,
                description,
                url,
            },
        );
    }

    fn navigating(&mut self, wc: u32, url: &str) {
        self.registry.forget_renderer(wc);
        if let Some(window) = self.windows.get_mut(wc) {
            window.url = url.to_string();
            window.load_failed = false;
        }
        self.journal.append(
            Kind::Lifecycle,
            json!({"event": "navigating", "webContentsId": wc, "url": url}),
        );
    }

    /// A navigation that did not happen: stopped by ipcscope (out of the lab) or by main.js's
    /// `will-navigate` (the panel lists both as problems).
    fn navigation_blocked(&mut self, wc: u32, url: &str, by: &str) {
        self.journal.append(
            Kind::Lifecycle,
            json!({"event": "navigation-blocked", "webContentsId": wc, "url": url, "by": by}),
        );
    }

    /// main.js's `will-navigate` listeners have run for navigation `id` of window `wc`.
    pub fn navigation_decided(&mut self, wc: u32, id: u64, url: &str, go: bool) {
        if !go {
            self.navigation_blocked(wc, url, "will-navigate");
        }
        self.to_renderer(wc, &ToRenderer::Navigate { id, go });
    }

    /// What became of window `wc`'s `window.open(url)`: a new window `child`, or denied `by`.
    pub fn window_opened(&mut self, wc: u32, url: &str, child: Option<u32>, by: Option<&str>) {
        let mut fields = json!({"event": "window-open", "webContentsId": wc, "url": url});
        match child {
            Some(child) => {
                fields["action"] = json!("allow");
                fields["child"] = json!(child);
            }
            None => {
                fields["action"] = json!("deny");
                fields["by"] = json!(by.unwrap_or("setWindowOpenHandler"));
            }
        }
        self.journal.append(Kind::Lifecycle, fields);
        if child.is_none() && by == Some("ipcscope") {
            self.error(
                format!("renderer #{wc}: the page tried to open '{url}' in a new window; ipcscope refused (main.js never loaded that site, and its window open handler did not allow it)"),
                Some(wc),
            );
            self.navigation_blocked(wc, url, "ipcscope");
        }
    }

    fn window_event(&mut self, wc: u32, event: WindowEvent) {
        self.to_js.push_back(JsEvent::Window { wc, event });
    }

    /// `win.close()`: a live window's renderer is asked to close (its exit is journaled); a
    /// crashed or virtual one is gone at once.
    pub fn close_window(&mut self, wc: u32) {
        let Some(window) = self.windows.get_mut(wc) else {
            return;
        };
        match &mut window.state {
            WindowState::Live(renderer) => {
                renderer.closing = true;
                renderer.send_line(wire::control_line(&ToRenderer::Close));
            }
            WindowState::Crashed | WindowState::Virtual => {
                self.windows.remove(wc);
                self.journal.append(
                    Kind::Lifecycle,
                    json!({"event": "closed", "webContentsId": wc}),
                );
                self.window_event(wc, WindowEvent::Closed);
            }
        }
    }

    pub fn close_all_windows(&mut self) {
        for (_, renderer) in self.windows.live_renderers_mut() {
            renderer.closing = true;
            renderer.send_line(wire::control_line(&ToRenderer::Close));
        }
    }

    /// What a renderer process reports about its window and page.
    pub fn renderer_event(&mut self, wc: u32, frame: FromRenderer) {
        match frame {
            FromRenderer::LoadStarted {
                url,
                status,
                status_text,
            } => {
                self.navigating(wc, &url);
                self.window_event(wc, WindowEvent::DidStartLoading { url: url.clone() });
                self.window_event(
                    wc,
                    WindowEvent::DidNavigate {
                        url,
                        status,
                        status_text,
                    },
                );
            }
            FromRenderer::NavigatedInPage { url } => {
                if let Some(window) = self.windows.get_mut(wc) {
                    window.url = url.clone();
                }
                self.journal.append(
                    Kind::Lifecycle,
                    json!({"event": "navigated-in-page", "webContentsId": wc, "url": url}),
                );
                self.window_event(wc, WindowEvent::DidNavigateInPage { url });
            }
            FromRenderer::WillNavigate { id, url } => {
                self.window_event(wc, WindowEvent::WillNavigate { id, url })
            }
            FromRenderer::WindowOpen {
                url,
                frame_name,
                disposition,
                within_bounds,
            } => self.window_event(
                wc,
                WindowEvent::WindowOpen {
                    url,
                    frame_name,
                    disposition,
                    within_bounds,
                },
            ),
            FromRenderer::Loaded { url } => {
                // WebKit finishes a failed load too; Electron reports only the failure.
                if self.windows.get(wc).is_some_and(|w| w.load_failed) {
                    return;
                }
                self.journal.append(
                    Kind::Lifecycle,
                    json!({"event": "loaded", "webContentsId": wc, "url": url}),
                );
                if let Some(js) = &self.page_script {
                    self.to_renderer(wc, &ToRenderer::Eval { js: js.clone() });
                }
                self.window_event(wc, WindowEvent::DidFinishLoad { url });
            }
            FromRenderer::LoadFailed {
                url,
                code,
                description,
            } => {
                if let Some(window) = self.windows.get_mut(wc) {
                    window.load_failed = true;
                }
                self.load_failed(wc, url, code, description);
            }
            FromRenderer::NavigationBlocked { url } => {
                self.error(
                    format!("renderer #{wc}: the page tried to leave the lab for '{url}'; ipcscope kept it where it was (a lab's pages may open only the lab's own files; main.js may load other URLs itself)"),
                    Some(wc),
                );
                self.navigation_blocked(wc, &url, "ipcscope");
            }
            FromRenderer::Closed => {
                if let Some(renderer) = self.windows.live_mut(wc) {
                    renderer.closing = true;
                }
            }
            FromRenderer::Sync { id, body } => self.page_frame(wc, &body, Some(id)),
            FromRenderer::Failed { text } => {
                self.error(format!("renderer #{wc}: {text}"), Some(wc))
            }
        }
    }

    /// A renderer process ended: a window closed, or (not asked to close) a crash, after which
    /// the window lives on and reload starts a new renderer, as in Electron.
    pub fn renderer_exited(&mut self, wc: u32, code: Option<i32>, signal: Option<i32>) {
        let Some(window) = self.windows.get_mut(wc) else {
            return;
        };
        let WindowState::Live(renderer) =
            std::mem::replace(&mut window.state, WindowState::Crashed)
        else {
            return;
        };
        let url = window.url.clone();
        self.registry.forget_renderer(wc);
        for id in self.debugger.forget_window(wc) {
            self.held.remove(&id);
        }
        self.pending.forget_window(wc);
        let clean = renderer.closing && code == Some(0);
        if clean {
            self.windows.remove(wc);
            self.registry.forget_window(wc);
            self.journal.append(
                Kind::Lifecycle,
                json!({"event": "closed", "webContentsId": wc}),
            );
            self.window_event(wc, WindowEvent::Closed);
            return;
        }
        let how = match (code, signal) {
            (Some(code), _) => format!("exited with status {code}"),
            (None, Some(signal)) => format!("was killed by signal {signal}"),
            _ => "ended".to_string(),
        };
        let hint = if url.is_empty() {
            " before its page loaded (is there a display? run under Xvfb or set DISPLAY)"
        } else {
            ""
        };
        self.error(
            format!("renderer #{wc} (pid {}) {how}{hint}", renderer.pid),
            Some(wc),
        );
        self.journal.append(
            Kind::Lifecycle,
            json!({"event": "crashed", "webContentsId": wc, "exitCode": code, "signal": signal}),
        );
        self.window_event(wc, WindowEvent::Crashed { code, signal });
    }
}
