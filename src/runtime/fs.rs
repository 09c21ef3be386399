//! main.js's `fs`, confined to the lab folder: paths resolve against it, and nothing outside
//! it can be read or written, through `..`, absolute paths or symlinks (dangling ones and
//! chains included). Errors carry Node's code, errno, syscall and message.

use std::ffi::OsString;
use std::io::{ErrorKind, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use base64::Engine as _;
use serde_json::{json, Value};

/// Longest name of one path component Linux takes (`NAME_MAX`).
const NAME_MAX: usize = 255;
/// Longest path Linux takes, its final NUL included (`PATH_MAX`).
const PATH_MAX: usize = 4096;
/// Symlinks followed in one path before Linux gives up with ELOOP (`MAXSYMLINKS`).
const MAX_SYMLINKS: usize = 40;

/// An fs error as Node reports it: a system error (`ENOENT: no such file or directory, open
/// 'a.txt'`), or an argument Node refuses before any system call.
#[derive(Debug)]
pub struct FsError {
    pub code: &'static str,
    pub errno: i32,
    pub syscall: &'static str,
    pub path: String,
    pub detail: Option<String>,
    /// Set for an argument error (`ERR_INVALID_ARG_VALUE`): its whole message. Node throws
    /// these as TypeErrors with no errno, syscall or path.
    pub argument: Option<String>,
}

impl FsError {
    fn system(code: &'static str, errno: i32, syscall: &'static str, path: &str) -> FsError {
        FsError {
            code,
            errno,
            syscall,
            path: path.to_string(),
            detail: None,
            argument: None,
        }
    }

    /// Node's `ERR_INVALID_ARG_VALUE` for a path holding a NUL byte.
    fn null_bytes(path: &str) -> FsError {
        FsError {
            argument: Some(format!(
                "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received {}",
                inspect_received(path)
            )),
            ..FsError::system("ERR_INVALID_ARG_VALUE", 0, "", path)
        }
    }

    fn outside(syscall: &'static str, path: &str) -> FsError {
        FsError {
            detail: Some("ipcscope: main.js may only reach files inside the lab folder".into()),
            ..FsError::system("EACCES", -13, syscall, path)
        }
    }

    /// Node's message: `ENOENT: no such file or directory, open 'a.txt'`.
    pub fn message(&self) -> String {
        if let Some(message) = &self.argument {
            return message.clone();
        }
        let description = match self.code {
            "ENOENT" => "no such file or directory",
            "EACCES" => "permission denied",
            "EPERM" => "operation not permitted",
            "EISDIR" => "illegal operation on a directory",
            "ENOTDIR" => "not a directory",
            "EEXIST" => "file already exists",
            "ENOTEMPTY" => "directory not empty",
            "EINVAL" => "invalid argument",
            "ENAMETOOLONG" => "name too long",
            "ELOOP" => "too many symbolic links encountered",
            "ENOSPC" => "no space left on device",
            "EROFS" => "read-only file system",
            "EBUSY" => "resource busy or locked",
            "EMFILE" => "too many open files",
            _ => "i/o error",
        };
        let mut message = format!(
            "{}: {}, {} '{}'",
            self.code, description, self.syscall, self.path
        );
        if let Some(detail) = &self.detail {
            message.push_str(&format!(" ({detail})"));
        }
        message
    }

    /// What main_process.js builds its Error from: the fields Node's error has, and only those
    /// (an argument error has no errno, syscall or path; `name` says it is a TypeError).
    pub fn to_json(&self) -> Value {
        if self.argument.is_some() {
            return json!({
                "message": self.message(),
                "code": self.code,
                "name": "TypeError",
            });
        }
        json!({
            "message": self.message(),
            "code": self.code,
            "errno": self.errno,
            "syscall": self.syscall,
            "path": self.path,
        })
    }

    fn from_io(err: std::io::Error, syscall: &'static str, path: &str) -> FsError {
        // The OS's own number first: it names errors io::ErrorKind folds together.
        let by_errno = match err.raw_os_error() {
            Some(libc::ENOENT) => Some(("ENOENT", -2)),
            Some(libc::EACCES) => Some(("EACCES", -13)),
            Some(libc::EPERM) => Some(("EPERM", -1)),
            Some(libc::EEXIST) => Some(("EEXIST", -17)),
            Some(libc::EISDIR) => Some(("EISDIR", -21)),
            Some(libc::ENOTDIR) => Some(("ENOTDIR", -20)),
            Some(libc::ENOTEMPTY) => Some(("ENOTEMPTY", -39)),
            Some(libc::EINVAL) => Some(("EINVAL", -22)),
            Some(libc::ENAMETOOLONG) => Some(("ENAMETOOLONG", -36)),
            Some(libc::ELOOP) => Some(("ELOOP", -40)),
            Some(libc::ENOSPC) => Some(("ENOSPC", -28)),
            Some(libc::EROFS) => Some(("EROFS", -30)),
            Some(libc::EBUSY) => Some(("EBUSY", -16)),
            Some(libc::EMFILE) => Some(("EMFILE", -24)),
            _ => None,
        };
        let (code, errno) = by_errno.unwrap_or(match err.kind() {
            ErrorKind::NotFound => ("ENOENT", -2),
            ErrorKind::PermissionDenied => ("EACCES", -13),
            ErrorKind::AlreadyExists => ("EEXIST", -17),
            ErrorKind::IsADirectory => ("EISDIR", -21),
            ErrorKind::NotADirectory => ("ENOTDIR", -20),
            ErrorKind::DirectoryNotEmpty => ("ENOTEMPTY", -39),
            ErrorKind::InvalidInput => ("EINVAL", -22),
            _ => ("EIO", -5),
        });
        FsError::system(code, errno, syscall, path)
    }
}

/// A string as Node's `util.inspect` shows it in an error's "Received ...": quoted (single
/// quotes unless the text holds one), control characters escaped, cut after 128 characters.
fn inspect_received(text: &str) -> String {
    let quote = if !text.contains('\'') {
        '\''
    } else if !text.contains('"') {
        '"'
    } else if !text.contains('`') && !text.contains("${") {
        '`'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\x0B"),
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    // Node cuts on UTF-16 units; the texts here are paths, where the two agree but for
    // characters outside the BMP.
    if out.chars().count() > 128 {
        let cut: String = out.chars().take(128).collect();
        return format!("{cut}...");
    }
    out
}

/// Resolves `path` (relative to the lab, or absolute) as the OS would, following every
/// symlink, and refuses anything that ends up outside the lab. Returns the resolved path, so
/// what is opened is what was checked.
pub fn confine(lab: &Path, path: &str, syscall: &'static str) -> Result<PathBuf, FsError> {
    resolve_in_lab(lab, path, syscall, true)
}

/// As `confine`, but a symlink as the last component is left as it is: for `unlink` and `rm`,
/// which remove the link, not what it points to.
fn confine_link(lab: &Path, path: &str, syscall: &'static str) -> Result<PathBuf, FsError> {
    resolve_in_lab(lab, path, syscall, false)
}

fn resolve_in_lab(
    lab: &Path,
    path: &str,
    syscall: &'static str,
    follow_last: bool,
) -> Result<PathBuf, FsError> {
    if path.contains('\0') {
        return Err(FsError::null_bytes(path));
    }
    if path.is_empty() {
        // What open("") gives: Node passes it on as it is.
        return Err(FsError::system("ENOENT", -2, syscall, path));
    }
    // `dir/` names a directory (the OS follows a final symlink and refuses a file with ENOTDIR).
    let trailing_slash = path.ends_with('/');
    let follow_last = follow_last || trailing_slash;
    let joined = if Path::new(path).is_absolute() {
        PathBuf::from(path)
    } else {
        lab.join(path)
    };
    let too_long = || FsError::system("ENAMETOOLONG", -36, syscall, path);
    if joined.as_os_str().len() >= PATH_MAX
        || joined
            .components()
            .any(|c| c.as_os_str().as_bytes().len() > NAME_MAX)
    {
        return Err(too_long());
    }
    // Components still to walk, first one last; a symlink's target is pushed in its place.
    let mut pending: Vec<OsString> = components_reversed(&joined);
    let mut resolved = PathBuf::from("/");
    let mut links = 0;
    while let Some(part) = pending.pop() {
        if part == "." {
            continue;
        }
        if part == ".." {
            resolved.pop();
            continue;
        }
        let candidate = resolved.join(&part);
        if pending.is_empty() && !follow_last {
            resolved = candidate;
            break;
        }
        match std::fs::symlink_metadata(&candidate) {
            Ok(meta) if meta.file_type().is_symlink() => {
                links += 1;
                if links > MAX_SYMLINKS {
                    return Err(FsError::system("ELOOP", -40, syscall, path));
                }
                let target = std::fs::read_link(&candidate)
                    .map_err(|e| FsError::from_io(e, syscall, path))?;
                if target.is_absolute() {
                    resolved = PathBuf::from("/");
                }
                pending.extend(components_reversed(&target));
            }
            // A part that does not exist (yet), or that cannot be looked into, holds no
            // symlink: the rest of the path is taken as written, and the call itself fails or
            // creates it there.
            _ => resolved = candidate,
        }
        if resolved.as_os_str().len() >= PATH_MAX {
            return Err(too_long());
        }
    }
    if resolved.starts_with(lab) {
        if trailing_slash && resolved != Path::new("/") {
            // Kept for the OS to check; Path compares ignore it (`rm` still knows the lab).
            let mut with_slash = resolved.into_os_string();
            with_slash.push("/");
            return Ok(PathBuf::from(with_slash));
        }
        Ok(resolved)
    } else {
        Err(FsError::outside(syscall, path))
    }
}

/// The names along `path` (`.` and `..` kept, the root dropped), last one first.
fn components_reversed(path: &Path) -> Vec<OsString> {
    let mut parts: Vec<OsString> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_os_string()),
            Component::CurDir => Some(".".into()),
            Component::ParentDir => Some("..".into()),
            Component::RootDir | Component::Prefix(_) => None,
        })
        .collect();
    parts.reverse();
    parts
}

/// Runs one `{fn, path, ...}` request from main_process.js.
pub fn handle(lab: &Path, request: &Value) -> Result<Value, FsError> {
    let path = request["path"].as_str().unwrap_or("");
    let flag = |name: &str| request[name].as_bool().unwrap_or(false);
    match request["fn"].as_str().unwrap_or("") {
        "read" => {
            let real = confine(lab, path, "open")?;
            let bytes = std::fs::read(&real).map_err(|e| FsError::from_io(e, "open", path))?;
            Ok(json!(
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ))
        }
        "write" => {
            let real = confine(lab, path, "open")?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(request["base64"].as_str().unwrap_or(""))
                .map_err(|_| FsError::system("EINVAL", -22, "write", path))?;
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .write(true)
                .append(flag("append"))
                .truncate(!flag("append"))
                .open(&real)
                .map_err(|e| FsError::from_io(e, "open", path))?;
            file.write_all(&bytes)
                .map_err(|e| FsError::from_io(e, "write", path))?;
            Ok(Value::Null)
        }
        "exists" => Ok(json!(confine(lab, path, "access")
            .map(|real| real.exists())
            .unwrap_or(false))),
        "readdir" => {
            let real = confine(lab, path, "scandir")?;
            let mut names: Vec<String> = std::fs::read_dir(&real)
                .map_err(|e| FsError::from_io(e, "scandir", path))?
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            Ok(json!(names))
        }
        "stat" => {
            let real = confine(lab, path, "stat")?;
            let meta = std::fs::metadata(&real).map_err(|e| FsError::from_io(e, "stat", path))?;
            let mtime_ms = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_millis() as f64)
                .unwrap_or(0.0);
            Ok(json!({
                "size": meta.len(),
                "isFile": meta.is_file(),
                "isDirectory": meta.is_dir(),
                "mtimeMs": mtime_ms,
            }))
        }
        "mkdir" => {
            let real = confine(lab, path, "mkdir")?;
            let made = if flag("recursive") {
                std::fs::create_dir_all(&real)
            } else {
                std::fs::create_dir(&real)
            };
            made.map_err(|e| FsError::from_io(e, "mkdir", path))?;
            Ok(Value::Null)
        }
        "unlink" => {
            let real = confine_link(lab, path, "unlink")?;
            std::fs::remove_file(&real).map_err(|e| FsError::from_io(e, "unlink", path))?;
            Ok(Value::Null)
        }
        "rm" => {
            let real = confine_link(lab, path, "rm")?;
            if real == lab {
                return Err(FsError {
                    detail: Some("ipcscope: the lab folder itself cannot be removed".into()),
                    ..FsError::system("EACCES", -13, "rm", path)
                });
            }
            // A symlink is removed itself, never what it points to.
            let is_dir = std::fs::symlink_metadata(&real).is_ok_and(|m| m.is_dir());
            let removed = if is_dir && flag("recursive") {
                std::fs::remove_dir_all(&real)
            } else if is_dir {
                std::fs::remove_dir(&real)
            } else {
                std::fs::remove_file(&real)
            };
            match removed {
                Err(e) if e.kind() == ErrorKind::NotFound && flag("force") => Ok(Value::Null),
                other => other
                    .map(|_| Value::Null)
                    .map_err(|e| FsError::from_io(e, "rm", path)),
            }
        }
        other => Err(FsError {
            detail: Some(format!("ipcscope: no fs function '{other}'")),
            ..FsError::system("EINVAL", -22, "fs", path)
        }),
    }
}

#[cfg(test)]
#[path = "fs_tests.rs"]
mod tests;
