//! Where a lab's pages may go, as the renderer enforces it: the page main.js loaded, files
//! inside the lab folder, and `about:`, `data:` and `blob:` documents. A page cannot take
//! itself (and the lab's preload with it) out of the lab: not to another folder's files, not
//! to the network; main.js may still load any URL itself.

use std::path::{Path, PathBuf};

use crate::core::file_url::file_path;

pub struct PageBounds {
    lab: PathBuf,
    /// The URL main.js last asked this window to load.
    loaded: Option<String>,
}

impl PageBounds {
    /// `lab` is the lab folder with its symlinks resolved.
    pub fn new(lab: PathBuf) -> PageBounds {
        PageBounds { lab, loaded: None }
    }

    /// main.js asked for `url`: it may load, wherever it is.
    pub fn loaded(&mut self, url: &str) {
        self.loaded = Some(without_fragment(url).to_string());
    }

    pub fn allows(&self, url: &str) -> bool {
        if self.loaded.as_deref() == Some(without_fragment(url)) {
            return true;
        }
        let scheme = url
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match scheme.as_str() {
            "about" | "data" | "blob" => true,
            "file" => file_path(url).is_some_and(|path| inside(&self.lab, &path)),
            _ => false,
        }
    }
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
        assert!(!bounds.allows("https://example.org/elsewhere"));
    }
}
