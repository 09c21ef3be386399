//! Where a lab's pages may go, as the renderer enforces it: the page main.js loaded, files
//! inside the lab folder, `about:`, `data:` and `blob:` documents, and pages of a web origin
//! main.js itself loaded in this window. A page cannot take itself (and the lab's preload with
//! it) out of the lab: not to another folder's files, not to the network; main.js may still
//! load any URL itself.

use std::path::{Path, PathBuf};

use wry::http::Uri;

use crate::core::file_url::file_path;

pub struct PageBounds {
    lab: PathBuf,
    /// The URL main.js last asked this window to load.
    loaded: Option<String>,
    /// The web origins (`https://host:port`) main.js loaded pages from in this window.
    origins: Vec<String>,
}

impl PageBounds {
    /// `lab` is the lab folder with its symlinks resolved.
    pub fn new(lab: PathBuf) -> PageBounds {
        PageBounds {
            lab,
            loaded: None,
            origins: Vec::new(),
        }
    }

    /// main.js asked for `url`: it may load, wherever it is, and so may other pages of its web
    /// origin.
    pub fn loaded(&mut self, url: &str) {
        self.loaded = Some(without_fragment(url).to_string());
        if let Some(origin) = web_origin(url) {
            if !self.origins.contains(&origin) {
                self.origins.push(origin);
            }
        }
    }

    pub fn allows(&self, url: &str) -> bool {
        if self.loaded.as_deref() == Some(without_fragment(url)) {
            return true;
        }
        match scheme(url).as_str() {
            "about" | "data" | "blob" => true,
            "file" => file_path(url).is_some_and(|path| inside(&self.lab, &path)),
            "http" | "https" => web_origin(url).is_some_and(|o| self.origins.contains(&o)),
            _ => false,
        }
    }
}

fn scheme(url: &str) -> String {
    url.split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// `scheme://host:port` of an http(s) URL, the port always written (so `https://a` and
/// `https://a:443` are one origin); None for any other URL or one that does not parse.
fn web_origin(url: &str) -> Option<String> {
    let uri: Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let host = uri.host().filter(|h| !h.is_empty())?.to_ascii_lowercase();
    let port = uri.port_u16().unwrap_or(default_port);
    Some(format!("{scheme}://{host}:{port}"))
}

fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// `path` is inside `lab` once its symlinks are resolved (a file that does not exist yet is
/// judged by its folder).
fn inside(lab: &Path, path: &Path) -> bool {
    let real = path.canonicalize().or_else(|_| {
        let parent = path.parent().unwrap_or(path).canonicalize()?;
        Ok::<_, std::io::Error>(parent.join(path.file_name().unwrap_or_default()))
    });
    real.is_ok_and(|real| real.starts_with(lab))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_stays_in_the_lab_unless_main_js_loads_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let lab = dir.path().canonicalize().unwrap().join("lab");
        std::fs::create_dir_all(lab.join("sub")).unwrap();
        std::fs::write(lab.join("index.html"), "").unwrap();
        std::os::unix::fs::symlink("/etc", lab.join("etc")).unwrap();
        let url = |path: &Path| format!("file://{}", path.display());
        let mut bounds = PageBounds::new(lab.clone());
        assert!(bounds.allows(&url(&lab.join("index.html"))));
        assert!(bounds.allows(&format!("{}?a=1#top", url(&lab.join("sub/other.html")))));
        assert!(bounds.allows("about:blank") && bounds.allows("data:text/html,hi"));
        assert!(!bounds.allows("file:///etc/passwd"));
        assert!(
            !bounds.allows(&url(&lab.join("etc/passwd"))),
            "through a symlink"
        );
        assert!(!bounds.allows(&url(&lab.join("../lab2/x.html"))));
        assert!(!bounds.allows("https://example.org/"));
        bounds.loaded("https://example.org/#a");
        assert!(bounds.allows("https://example.org/#b"), "main.js loaded it");
    }

    #[test]
    fn a_page_may_move_within_a_web_origin_main_js_loaded_and_no_further() {
        let mut bounds = PageBounds::new(PathBuf::from("/nowhere/lab"));
        assert!(
            !bounds.allows("http://127.0.0.1:8000/"),
            "nothing loaded yet"
        );
        bounds.loaded("http://127.0.0.1:8000/index.html");
        assert!(bounds.allows("http://127.0.0.1:8000/other.html?x=1"));
        assert!(bounds.allows("HTTP://127.0.0.1:8000/"), "scheme case");
        assert!(!bounds.allows("http://127.0.0.1:8001/"), "another port");
        assert!(!bounds.allows("https://127.0.0.1:8000/"), "another scheme");
        assert!(!bounds.allows("http://127.0.0.2:8000/"), "another host");
        bounds.loaded("https://example.org/a");
        assert!(
            bounds.allows("https://EXAMPLE.org:443/b"),
            "the default port"
        );
        assert!(
            bounds.allows("http://127.0.0.1:8000/"),
            "still: both were loaded"
        );
        for elsewhere in [
            "https://example.org.evil.test/",
            "https://evil.test/?https://example.org/",
            "https://example.org@evil.test/",
            "https://evil.test/#https://example.org:443",
            "ftp://example.org/",
            "javascript:alert(1)",
            "https:",
        ] {
            assert!(!bounds.allows(elsewhere), "{elsewhere}");
        }
    }
}
