//! The lab's source files as the detail pane quotes them: a few lines around the line that sent
//! or received a message, that line marked. Each file is read once per run on a thread of its
//! own, so a slow, huge or binary file never holds up a frame; nothing outside the lab folder is
//! read, whatever a journal says.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Files larger than this are not quoted.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Lines shown on each side of the marked one.
pub const CONTEXT_LINES: u32 = 2;
/// A longer line is cut (minified code has lines of megabytes).
const MAX_LINE_CHARS: usize = 160;

/// Why a file cannot be quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    /// The journal names a file outside the lab folder.
    Outside,
    Binary,
    TooLarge,
    /// The file has fewer lines than the journal says.
    NoSuchLine,
    Unreadable(String),
}

/// Lines around a marked one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// (line number from 1, its text).
    pub lines: Vec<(u32, String)>,
    pub marked: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Reading,
    Lines(Snippet),
    Problem(Problem),
}

type Lines = Arc<Vec<String>>;
/// A file's lines once read (None while a thread reads it).
type Loaded = Option<Result<Lines, Problem>>;

/// Files read so far, by path; shared with the threads that read them.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Arc<Mutex<HashMap<PathBuf, Loaded>>>,
}

impl Sources {
    /// The lines around `line` of `file` (relative to `dir`). The first ask starts reading the
    /// file and answers `Reading`; `wake` runs once the file is read.
    pub fn snippet(
        &self,
        dir: &Path,
        file: &str,
        line: u32,
        wake: impl FnOnce() + Send + 'static,
    ) -> Lookup {
        let path = dir.join(file);
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        match files.get(&path) {
            Some(Some(Ok(lines))) => return around(lines, line),
            Some(Some(Err(problem))) => return Lookup::Problem(problem.clone()),
            Some(None) => return Lookup::Reading,
            None => {}
        }
        files.insert(path.clone(), None);
        drop(files);
        let shared = self.files.clone();
        let (key, dir, file) = (path.clone(), dir.to_path_buf(), file.to_string());
        let spawned = std::thread::Builder::new()
            .name("ipcscope-source".into())
            .spawn(move || {
                let read = read_lines(&dir, &file);
                shared
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(key, Some(read));
                wake();
            });
        if let Err(err) = spawned {
            let problem = Problem::Unreadable(err.to_string());
            self.files
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(path, Some(Err(problem.clone())));
            return Lookup::Problem(problem);
        }
        Lookup::Reading
    }

    /// Forgets the files read (a new run: they may have changed).
    pub fn clear(&self) {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

fn around(lines: &[String], line: u32) -> Lookup {
    if line == 0 || line as usize > lines.len() {
        return Lookup::Problem(Problem::NoSuchLine);
    }
    let first = line.saturating_sub(CONTEXT_LINES).max(1);
    let last = (line + CONTEXT_LINES).min(lines.len() as u32);
    Lookup::Lines(Snippet {
        lines: (first..=last)
            .map(|n| (n, lines[n as usize - 1].clone()))
            .collect(),
        marked: line,
    })
}

/// Reads `file` under `dir` as lines, refusing what must not or cannot be quoted.
pub fn read_lines(dir: &Path, file: &str) -> Result<Lines, Problem> {
    let relative = Path::new(file);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if file.is_empty() || !plain {
        return Err(Problem::Outside);
    }
    let path = dir.join(relative);
    let metadata = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Err(Problem::Missing),
        Err(err) => return Err(Problem::Unreadable(err.to_string())),
    };
    // A symlink may still lead out of the lab.
    let inside = match (path.canonicalize(), dir.canonicalize()) {
        (Ok(real), Ok(base)) => real.starts_with(base),
        _ => false,
    };
    if !inside {
        return Err(Problem::Outside);
    }
    if !metadata.is_file() {
        return Err(Problem::Unreadable("not a regular file".into()));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Problem::TooLarge);
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Problem::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::TooLarge);
    }
    if bytes.contains(&0) {
        return Err(Problem::Binary);
    }
    let text = String::from_utf8(bytes).map_err(|_| Problem::Binary)?;
    Ok(Arc::new(
        text.lines()
            .map(|l| match l.char_indices().nth(MAX_LINE_CHARS) {
                Some((at, _)) => format!("{}…", &l[..at]),
                None => l.to_string(),
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("preload.js"),
            "const { contextBridge, ipcRenderer } = require('electron')\n\ncontextBridge.exposeInMainWorld('electronAPI', {\n  readFile: (path) => ipcRenderer.invoke('readFileEvent', path),\n})\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_snippet_marks_the_line_with_two_lines_each_side() {
        let dir = lab();
        let lines = read_lines(dir.path(), "preload.js").unwrap();
        match around(&lines, 4) {
            Lookup::Lines(snippet) => {
                assert_eq!(snippet.marked, 4);
                let numbers: Vec<u32> = snippet.lines.iter().map(|(n, _)| *n).collect();
                assert_eq!(numbers, [2, 3, 4, 5]);
                assert!(snippet.lines[2]
                    .1
                    .contains("ipcRenderer.invoke('readFileEvent'"));
            }
            other => panic!("expected lines, got {other:?}"),
        }
        assert_eq!(around(&lines, 9), Lookup::Problem(Problem::NoSuchLine));
        assert_eq!(around(&lines, 0), Lookup::Problem(Problem::NoSuchLine));
    }

    #[test]
    fn missing_binary_huge_and_outside_files_are_refused_not_read() {
        let dir = lab();
        assert_eq!(read_lines(dir.path(), "main.js"), Err(Problem::Missing));
        std::fs::write(dir.path().join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
        assert_eq!(read_lines(dir.path(), "logo.png"), Err(Problem::Binary));
        std::fs::write(dir.path().join("latin1.js"), b"// caf\xe9\n").unwrap();
        assert_eq!(read_lines(dir.path(), "latin1.js"), Err(Problem::Binary));
        let huge = vec![b'x'; MAX_FILE_BYTES as usize + 1];
        std::fs::write(dir.path().join("bundle.js"), huge).unwrap();
        assert_eq!(read_lines(dir.path(), "bundle.js"), Err(Problem::TooLarge));
        for outside in ["../secret.js", "/etc/passwd", ""] {
            assert_eq!(
                read_lines(dir.path(), outside),
                Err(Problem::Outside),
                "{outside}"
            );
        }
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("x.js"), "x").unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("x.js"), dir.path().join("link.js"))
            .unwrap();
        assert_eq!(read_lines(dir.path(), "link.js"), Err(Problem::Outside));
        std::fs::create_dir(dir.path().join("src")).unwrap();
        assert!(matches!(
            read_lines(dir.path(), "src"),
            Err(Problem::Unreadable(_))
        ));
    }

    #[test]
    fn a_long_line_is_cut() {
        let dir = lab();
        std::fs::write(dir.path().join("min.js"), "a".repeat(10_000)).unwrap();
        let lines = read_lines(dir.path(), "min.js").unwrap();
        assert_eq!(lines[0].chars().count(), MAX_LINE_CHARS + 1);
    }

    #[test]
    fn the_cache_reads_on_its_own_thread_and_wakes_the_panel() {
        let dir = lab();
        let sources = Sources::default();
        let (tx, rx) = std::sync::mpsc::channel();
        let first = sources.snippet(dir.path(), "preload.js", 4, move || {
            let _ = tx.send(());
        });
        assert_eq!(first, Lookup::Reading);
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("woken once read");
        match sources.snippet(dir.path(), "preload.js", 4, || {}) {
            Lookup::Lines(snippet) => assert_eq!(snippet.marked, 4),
            other => panic!("expected lines, got {other:?}"),
        }
    }
}
