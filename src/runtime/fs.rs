//! main.js's `fs`, confined to the lab folder: paths resolve against it, and nothing outside
//! it can be read or written. Errors carry Node's code, errno, syscall and message.

use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};

use base64::Engine as _;
use serde_json::{json, Value};

/// A Node-style fs error: `ENOENT: no such file or directory, open 'a.txt'`.
#[derive(Debug)]
pub struct FsError {
    pub code: &'static str,
    pub errno: i32,
    pub syscall: &'static str,
    pub path: String,
    pub detail: Option<String>,
}

impl FsError {
    /// Node's message: `ENOENT: no such file or directory, open 'a.txt'`.
    pub fn message(&self) -> String {
        let description = match self.code {
            "ENOENT" => "no such file or directory",
            "EACCES" => "permission denied",
            "EISDIR" => "illegal operation on a directory",
            "ENOTDIR" => "not a directory",
            "EEXIST" => "file already exists",
            "ENOTEMPTY" => "directory not empty",
            "EINVAL" => "invalid argument",
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

    pub fn to_json(&self) -> Value {
        json!({
            "message": self.message(),
            "code": self.code,
            "errno": self.errno,
            "syscall": self.syscall,
            "path": self.path,
        })
    }

    fn from_io(err: std::io::Error, syscall: &'static str, path: &str) -> FsError {
        let (code, errno) = match err.kind() {
            ErrorKind::NotFound => ("ENOENT", -2),
            ErrorKind::PermissionDenied => ("EACCES", -13),
            ErrorKind::AlreadyExists => ("EEXIST", -17),
            ErrorKind::IsADirectory => ("EISDIR", -21),
            ErrorKind::NotADirectory => ("ENOTDIR", -20),
            ErrorKind::DirectoryNotEmpty => ("ENOTEMPTY", -39),
            ErrorKind::InvalidInput => ("EINVAL", -22),
            _ => ("EIO", -5),
        };
        FsError {
            code,
            errno,
            syscall,
            path: path.to_string(),
            detail: None,
        }
    }
}

/// Resolves `path` (relative to the lab, or absolute) and refuses anything outside the lab.
pub fn confine(lab: &Path, path: &str, syscall: &'static str) -> Result<PathBuf, FsError> {
    let joined = if Path::new(path).is_absolute() {
        PathBuf::from(path)
    } else {
        lab.join(path)
    };
    let mut normal = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Symlinks could lead out: check the real location of the deepest part that exists.
    let mut existing = normal.as_path();
    let real = loop {
        match existing.canonicalize() {
            Ok(real) => break real.join(normal.strip_prefix(existing).unwrap_or(Path::new(""))),
            Err(_) => match existing.parent() {
                Some(parent) => existing = parent,
                None => break normal.clone(),
            },
        }
    };
    if real.starts_with(lab) {
        Ok(normal)
    } else {
        Err(FsError {
            code: "EACCES",
            errno: -13,
            syscall,
            path: path.to_string(),
            detail: Some("ipcscope: main.js may only reach files inside the lab folder".into()),
        })
    }
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
                .map_err(|_| FsError {
                    code: "EINVAL",
                    errno: -22,
                    syscall: "write",
                    path: path.to_string(),
                    detail: None,
                })?;
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
            let real = confine(lab, path, "unlink")?;
            std::fs::remove_file(&real).map_err(|e| FsError::from_io(e, "unlink", path))?;
            Ok(Value::Null)
        }
        "rm" => {
            let real = confine(lab, path, "rm")?;
            if real == lab {
                return Err(FsError {
                    code: "EACCES",
                    errno: -13,
                    syscall: "rm",
                    path: path.to_string(),
                    detail: Some("ipcscope: the lab folder itself cannot be removed".into()),
                });
            }
            let removed = if real.is_dir() && flag("recursive") {
                std::fs::remove_dir_all(&real)
            } else if real.is_dir() {
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
            code: "EINVAL",
            errno: -22,
            syscall: "fs",
            path: path.to_string(),
            detail: Some(format!("ipcscope: no fs function '{other}'")),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::write(real.join("a.txt"), "你好").unwrap();
        (dir, real)
    }

    #[test]
    fn reads_a_file_of_the_lab_by_relative_path() {
        let (_dir, lab) = lab();
        let b64 = handle(&lab, &json!({"fn": "read", "path": "a.txt"})).unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap())
            .unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "你好");
    }

    #[test]
    fn a_missing_file_gets_nodes_enoent_message() {
        let (_dir, lab) = lab();
        let err = handle(&lab, &json!({"fn": "read", "path": "b.txt"})).unwrap_err();
        assert_eq!(
            err.to_json()["message"],
            "ENOENT: no such file or directory, open 'b.txt'"
        );
        assert_eq!(err.to_json()["errno"], -2);
    }

    #[test]
    fn nothing_outside_the_lab_is_reachable() {
        let (_dir, lab) = lab();
        for path in ["/etc/passwd", "../outside.txt", "sub/../../x"] {
            let err = handle(&lab, &json!({"fn": "read", "path": path})).unwrap_err();
            assert_eq!(err.code, "EACCES", "{path}");
            assert!(err.to_json()["message"]
                .as_str()
                .unwrap()
                .contains("inside the lab folder"));
        }
        let err = handle(&lab, &json!({"fn": "write", "path": "../x", "base64": ""})).unwrap_err();
        assert_eq!(err.code, "EACCES");
        assert!(!lab.parent().unwrap().join("x").exists());
    }

    #[test]
    fn a_symlink_pointing_out_of_the_lab_is_refused() {
        let (_dir, lab) = lab();
        std::os::unix::fs::symlink("/etc", lab.join("etc")).unwrap();
        let err = handle(&lab, &json!({"fn": "read", "path": "etc/hostname"})).unwrap_err();
        assert_eq!(err.code, "EACCES");
    }

    #[test]
    fn write_append_stat_readdir_and_unlink_work_inside_the_lab() {
        let (_dir, lab) = lab();
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        handle(
            &lab,
            &json!({"fn": "mkdir", "path": "d/e", "recursive": true}),
        )
        .unwrap();
        handle(
            &lab,
            &json!({"fn": "write", "path": "d/e/f.txt", "base64": b64("ab")}),
        )
        .unwrap();
        handle(
            &lab,
            &json!({"fn": "write", "path": "d/e/f.txt", "base64": b64("c"), "append": true}),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(lab.join("d/e/f.txt")).unwrap(),
            "abc"
        );
        let stat = handle(&lab, &json!({"fn": "stat", "path": "d/e/f.txt"})).unwrap();
        assert_eq!(stat["size"], 3);
        assert_eq!(stat["isFile"], true);
        let names = handle(&lab, &json!({"fn": "readdir", "path": "."})).unwrap();
        assert_eq!(names, json!(["a.txt", "d"]));
        handle(&lab, &json!({"fn": "unlink", "path": "d/e/f.txt"})).unwrap();
        assert_eq!(
            handle(&lab, &json!({"fn": "exists", "path": "d/e/f.txt"})).unwrap(),
            false
        );
    }
}
