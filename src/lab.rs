//! Labs: a folder with `main.js` (optional), `preload.js` (optional) and `index.html`, and the
//! sample labs built into the binary.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use include_dir::{include_dir, Dir};

use crate::runtime::commonjs_wrapped;
use crate::runtime::compile_check::CompileCheck;

mod cannot_start;
pub use cannot_start::{preload_error, CannotStart};

static SAMPLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/sample-pages");

/// main.js used when a lab has none: open index.html with preload.js, as a minimal Electron app.
pub const DEFAULT_MAIN: &str = r#"const { app, BrowserWindow } = require('electron')
const fs = require('fs')
const path = require('path')
app.whenReady().then(() => {
  const preload = path.join(__dirname, 'preload.js')
  const win = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: fs.existsSync(preload) ? { preload } : {}
  })
  win.loadFile('index.html')
})
app.on('window-all-closed', () => app.quit())
"#;

#[derive(Debug, Clone)]
pub struct Lab {
    /// Canonical path of the lab folder: `__dirname`, the working directory, the fs boundary.
    pub dir: PathBuf,
    pub name: String,
}

impl Lab {
    pub fn open(path: &Path) -> anyhow::Result<Lab> {
        let dir = path
            .canonicalize()
            .with_context(|| format!("no lab at '{}'", path.display()))?;
        if !dir.is_dir() {
            bail!("'{}' is not a folder: a lab is a folder with index.html (and usually main.js and preload.js)", path.display());
        }
        if !dir.join("main.js").is_file() && !dir.join("index.html").is_file() {
            bail!(
                "'{}' has neither main.js nor index.html: nothing to run (without a main.js, ipcscope opens the lab's index.html)",
                path.display()
            );
        }
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Lab { dir, name })
    }

    pub fn main_js_path(&self) -> PathBuf {
        self.dir.join("main.js")
    }

    /// The source of main.js, or the default main when the lab has none.
    pub fn main_source(&self) -> anyhow::Result<String> {
        let path = self.main_js_path();
        if path.is_file() {
            std::fs::read_to_string(&path)
                .with_context(|| format!("could not read '{}'", path.display()))
        } else {
            Ok(DEFAULT_MAIN.to_string())
        }
    }

    /// Why main.js cannot start: it cannot be read, or it does not compile (a syntax error,
    /// with its line). It is compiled as the runtime compiles it, and nothing of it runs. Ok for
    /// a lab without main.js (the default main starts).
    pub fn check_main(&self) -> Result<(), CannotStart> {
        let source = self
            .main_source()
            .map_err(|e| CannotStart::unreadable("main.js", format!("{e:#}")))?;
        // Without an engine to ask, the run itself reports what it finds.
        let Some(check) = CompileCheck::new() else {
            return Ok(());
        };
        let filename = self.main_js_path().to_string_lossy().into_owned();
        check
            .compile(&commonjs_wrapped(&source), &filename)
            .map_err(|error| CannotStart::compile("main.js", &source, error))
    }

    pub fn readme(&self) -> Option<String> {
        std::fs::read_to_string(self.dir.join("README.md")).ok()
    }
}

/// The names of the built-in samples, in order.
pub fn sample_names() -> Vec<String> {
    let mut names: Vec<String> = SAMPLES
        .dirs()
        .filter_map(|d| d.path().file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Writes the built-in samples to a cache folder (labs need real files: main.js reads them) and
/// returns that folder. Files a user changed there are replaced by the built-in version.
pub fn extract_samples() -> anyhow::Result<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("ipcscope")
        .join(concat!("samples-", env!("CARGO_PKG_VERSION")));
    std::fs::create_dir_all(&base)
        .with_context(|| format!("could not create '{}'", base.display()))?;
    SAMPLES
        .extract(&base)
        .with_context(|| format!("could not write the sample labs to '{}'", base.display()))?;
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_seed_samples_are_built_in() {
        let names = sample_names();
        for want in ["01-send", "02-invoke", "03-push"] {
            assert!(
                names.iter().any(|n| n == want),
                "{want} missing from {names:?}"
            );
        }
    }

    #[test]
    fn a_missing_lab_says_which_path() {
        let err = Lab::open(Path::new("/no/such/lab")).unwrap_err();
        assert!(format!("{err:#}").contains("/no/such/lab"), "{err:#}");
    }

    #[test]
    fn a_folder_without_main_or_index_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Lab::open(dir.path()).unwrap_err();
        assert!(format!("{err:#}").contains("neither main.js nor index.html"));
    }

    #[test]
    fn a_lab_without_main_js_gets_the_default_main() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>hi</p>").unwrap();
        let lab = Lab::open(dir.path()).unwrap();
        assert_eq!(lab.main_source().unwrap(), DEFAULT_MAIN);
    }

    fn lab_with_main(source: &str) -> (tempfile::TempDir, Lab) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.js"), source).unwrap();
        let lab = Lab::open(dir.path()).unwrap();
        (dir, lab)
    }

    #[test]
    fn a_main_js_with_a_syntax_error_cannot_start_and_says_where() {
        let (_dir, lab) = lab_with_main("const a = 1\nconst b = a + * 2\nconsole.log(b)\n");
        let err = lab.check_main().unwrap_err().to_string();
        assert!(
            err.starts_with("main.js cannot start: SyntaxError: "),
            "{err}"
        );
        assert!(err.contains("(main.js:2:15)"), "{err}");
        let caret = format!("{}^", " ".repeat(4 + 14));
        assert!(
            err.ends_with(&format!("\n    const b = a + * 2\n{caret}")),
            "{err}"
        );
    }

    #[test]
    fn a_main_js_that_compiles_is_not_run_by_the_check() {
        let (dir, lab) = lab_with_main("require('fs').writeFileSync('ran', 'x')\nwhile (true) {}");
        assert_eq!(lab.check_main(), Ok(()));
        // A source that closes the wrapper early compiles to code that would run at once.
        let (escape_dir, escape) = lab_with_main("}); while (true) {} (function () {");
        assert_eq!(escape.check_main(), Ok(()));
        assert!(!dir.path().join("ran").exists() && !escape_dir.path().join("ran").exists());
    }

    #[test]
    fn a_lab_without_main_js_starts_and_an_unreadable_main_js_cannot() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>hi</p>").unwrap();
        assert_eq!(Lab::open(dir.path()).unwrap().check_main(), Ok(()));
        std::fs::write(dir.path().join("main.js"), [0xff, 0xfe, 0x00]).unwrap();
        let err = Lab::open(dir.path())
            .unwrap()
            .check_main()
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("main.js cannot start: could not read"),
            "{err}"
        );
    }
}
