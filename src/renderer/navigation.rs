//! The renderer's part in navigation: it keeps the page inside its bounds (`page_bounds`),
//! holds each navigation the page starts until main answers (main.js's `will-navigate` may
//! stop it), lets main's own loads through unasked, and reports what the page did: a new
//! document (`did-navigate`), a move within one (`did-navigate-in-page`), a window it asked for.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use webkit2gtk::glib::prelude::*;
use webkit2gtk::{
    LoadEvent, NavigationPolicyDecision, NavigationPolicyDecisionExt, NavigationType,
    PolicyDecision, PolicyDecisionExt, PolicyDecisionType, SettingsExt, URIRequestExt,
    URIResponseExt, WebResourceExt, WebViewExt,
};

use super::Outbox;
use crate::page_bounds::PageBounds;
use crate::wire::FromRenderer;

pub type SharedNavigation = Rc<RefCell<Navigation>>;

#[derive(Default)]
pub struct Navigation {
    /// Where the page may go; None until main's Create names the lab.
    bounds: Option<PageBounds>,
    /// A load main asked for that WebKit has not yet asked about: it goes through unasked, as
    /// Electron emits no `will-navigate` for `loadURL` / `loadFile`.
    main_load: Option<String>,
    /// Navigations the page started, waiting for main's answer, by id.
    held: HashMap<u64, PolicyDecision>,
    next_id: u64,
    /// The URL of the document the page shows, and whether a new one is on its way (then a
    /// change of URL is that load's, not a move within the document).
    committed: String,
    provisional: bool,
    /// The target name of the window the page is asking for, until `create` reads it.
    new_window_name: Option<String>,
}

impl Navigation {
    pub fn set_lab(&mut self, lab: PathBuf) {
        self.bounds = Some(PageBounds::new(lab));
    }

    /// main.js asked the window to load `url`.
    pub fn main_load(&mut self, url: &str) {
        if let Some(bounds) = self.bounds.as_mut() {
            bounds.loaded(url);
        }
        self.main_load = Some(url.to_string());
    }

    /// Main's answer to a held navigation.
    pub fn answer(&mut self, id: u64, go: bool) {
        if let Some(decision) = self.held.remove(&id) {
            if go {
                decision.use_();
            } else {
                decision.ignore();
            }
        }
    }

    fn allows(&self, url: &str) -> bool {
        self.bounds.as_ref().is_none_or(|b| b.allows(url))
    }

    /// What to do with a navigation WebKit asks about.
    fn decide(&mut self, url: &str, kind: NavigationType) -> Verdict {
        if let Some(asked) = &self.main_load {
            // WebKit may write the URL main asked for a little differently (escapes); the first
            // navigation it asks about that no link, form or history move started is main's.
            if asked == url || kind == NavigationType::Other {
                self.main_load = None;
                return Verdict::Go;
            }
        }
        if !self.allows(url) {
            Verdict::Blocked
        } else if kind == NavigationType::Reload || self.same_document(url) {
            // Electron asks main.js about neither: a reload is no new navigation, and a move
            // to a fragment of this document is `did-navigate-in-page`'s.
            Verdict::Go
        } else {
            self.next_id += 1;
            Verdict::AskMain(self.next_id)
        }
    }
}

impl Navigation {
    fn same_document(&self, url: &str) -> bool {
        let base = |u: &str| u.split('#').next().unwrap_or_default().to_string();
        url.contains('#') && !self.committed.is_empty() && base(url) == base(&self.committed)
    }
}

enum Verdict {
    Go,
    Blocked,
    AskMain(u64),
}

/// Connects the webview's navigation signals; call before anything is loaded.
pub fn watch(webview: &webkit2gtk::WebView, navigation: &SharedNavigation, outbox: &Outbox) {
    if let Some(settings) = WebViewExt::settings(webview) {
        // As in Electron, a script may open a window without a click; the window open handler
        // in main.js decides.
        settings.set_javascript_can_open_windows_automatically(true);
    }
    let (nav, out) = (navigation.clone(), outbox.clone());
    webview.connect_decide_policy(move |_, decision, kind| {
        if kind == PolicyDecisionType::NewWindowAction {
            // The name a link's `target` gives the new window reaches only this signal, not
            // `create`, which follows it.
            #[allow(deprecated)]
            let name = decision
                .dynamic_cast_ref::<NavigationPolicyDecision>()
                .and_then(|d| d.frame_name());
            nav.borrow_mut().new_window_name = name.map(|n| n.to_string());
            return false;
        }
        if kind != PolicyDecisionType::NavigationAction {
            return false;
        }
        let Some(action) = decision
            .dynamic_cast_ref::<NavigationPolicyDecision>()
            .and_then(|d| d.navigation_action())
        else {
            return false;
        };
        let url = action
            .request()
            .and_then(|r| r.uri())
            .map(|u| u.to_string())
            .unwrap_or_default();
        let verdict = nav.borrow_mut().decide(&url, action.navigation_type());
        match verdict {
            Verdict::Go => decision.use_(),
            Verdict::Blocked => {
                decision.ignore();
                out.control(&FromRenderer::NavigationBlocked { url });
            }
            Verdict::AskMain(id) => {
                nav.borrow_mut().held.insert(id, decision.clone());
                out.control(&FromRenderer::WillNavigate { id, url });
            }
        }
        true
    });

    let (nav, out) = (navigation.clone(), outbox.clone());
    webview.connect_load_changed(move |view, event| {
        let url = view.uri().map(|u| u.to_string()).unwrap_or_default();
        match event {
            LoadEvent::Started => nav.borrow_mut().provisional = true,
            LoadEvent::Committed => {
                {
                    let mut nav = nav.borrow_mut();
                    nav.provisional = false;
                    nav.committed = url.clone();
                }
                let status = view
                    .main_resource()
                    .and_then(|r| r.response())
                    .map(|r| r.status_code())
                    .filter(|code| *code > 0 && url.starts_with("http"));
                out.control(&FromRenderer::LoadStarted {
                    url,
                    status: status.map_or(-1, |c| c as i32),
                    status_text: status.map(http_status_text).unwrap_or_default().into(),
                });
            }
            LoadEvent::Finished => {
                nav.borrow_mut().provisional = false;
                out.control(&FromRenderer::Loaded { url });
            }
            _ => {}
        }
    });

    let (nav, out) = (navigation.clone(), outbox.clone());
    webview.connect_uri_notify(move |view| {
        let url = view.uri().map(|u| u.to_string()).unwrap_or_default();
        let mut nav = nav.borrow_mut();
        if nav.provisional || nav.committed.is_empty() || url == nav.committed {
            return;
        }
        nav.committed = url.clone();
        drop(nav);
        out.control(&FromRenderer::NavigatedInPage { url });
    });

    let (nav, out) = (navigation.clone(), outbox.clone());
    webview.connect_create(move |_, action| {
        let mut action = action.clone();
        let url = action
            .request()
            .and_then(|r| r.uri())
            .map(|u| u.to_string())
            .unwrap_or_default();
        let web = url.starts_with("http:") || url.starts_with("https:");
        let within_bounds = nav.borrow().allows(&url);
        if !web && !within_bounds {
            out.control(&FromRenderer::NavigationBlocked { url });
        } else {
            out.control(&FromRenderer::WindowOpen {
                url,
                frame_name: action
                    .frame_name()
                    .map(|n| n.to_string())
                    .filter(|n| !n.is_empty())
                    .or_else(|| nav.borrow_mut().new_window_name.take())
                    .unwrap_or_default(),
                disposition: "foreground-tab".into(),
                within_bounds,
            });
        }
        // The new window is main's to make, in a renderer process of its own.
        None
    });
}

/// The reason phrase of common HTTP statuses (what Electron passes as `httpStatusText`).
fn http_status_text(code: u32) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn navigation() -> (tempfile::TempDir, Navigation, String) {
        let dir = tempfile::tempdir().unwrap();
        let lab = dir.path().canonicalize().unwrap();
        std::fs::write(lab.join("index.html"), "").unwrap();
        std::fs::write(lab.join("other.html"), "").unwrap();
        let mut navigation = Navigation::default();
        navigation.set_lab(lab.clone());
        (dir, navigation, format!("file://{}", lab.display()))
    }

    fn asks_main(verdict: Verdict) -> bool {
        matches!(verdict, Verdict::AskMain(_))
    }

    #[test]
    fn mains_own_load_goes_unasked_and_the_pages_own_navigations_are_asked_about() {
        let (_dir, mut nav, lab) = navigation();
        nav.main_load(&format!("{lab}/index.html"));
        let link = NavigationType::LinkClicked;
        assert!(matches!(
            nav.decide(&format!("{lab}/index.html"), NavigationType::Other),
            Verdict::Go
        ));
        nav.committed = format!("{lab}/index.html");
        assert!(asks_main(nav.decide(&format!("{lab}/other.html"), link)));
        assert!(asks_main(
            nav.decide(&format!("{lab}/other.html"), NavigationType::Other)
        ));
        assert!(
            matches!(
                nav.decide(&format!("{lab}/index.html"), NavigationType::Reload),
                Verdict::Go
            ),
            "a reload emits no will-navigate"
        );
        assert!(
            matches!(
                nav.decide(&format!("{lab}/index.html#part"), link),
                Verdict::Go
            ),
            "a fragment of this document is no navigation"
        );
        assert!(asks_main(
            nav.decide(&format!("{lab}/other.html#part"), link)
        ));
        assert!(matches!(
            nav.decide("file:///etc/passwd", link),
            Verdict::Blocked
        ));
        assert!(matches!(
            nav.decide("https://example.org/", NavigationType::Other),
            Verdict::Blocked
        ));
    }

    #[test]
    fn a_main_load_written_differently_by_webkit_still_goes_unasked_once() {
        let (_dir, mut nav, lab) = navigation();
        nav.main_load(&format!("{lab}/index.html?q=a%20b"));
        assert!(matches!(
            nav.decide(&format!("{lab}/index.html?q=a b"), NavigationType::Other),
            Verdict::Go
        ));
        assert!(
            asks_main(nav.decide(&format!("{lab}/index.html"), NavigationType::Other)),
            "only the first"
        );
    }

    #[test]
    fn each_navigation_held_for_main_has_its_own_number() {
        let (_dir, mut nav, lab) = navigation();
        let ids: Vec<u64> = (0..3)
            .filter_map(|_| {
                match nav.decide(&format!("{lab}/other.html"), NavigationType::LinkClicked) {
                    Verdict::AskMain(id) => Some(id),
                    _ => None,
                }
            })
            .collect();
        assert_eq!(ids, [1, 2, 3]);
        nav.answer(7, true); // an answer for nothing held is ignored
    }
}
