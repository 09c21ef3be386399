//! Saved journals: reading a JSONL file back (every line checked, with its number when it is
//! not what `--record` writes), writing one, and refusing to record over what is not one.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::Value;

use super::{Entry, Kind};

/// Why a file could not be read as a journal.
#[derive(Debug, PartialEq)]
pub enum ReadError {
    Unreadable(String),
    /// `line` counts from 1; 0 when the fault is the whole file's (it holds no entries).
    NotAJournal {
        line: usize,
        why: String,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Unreadable(why) => write!(f, "{why}"),
            ReadError::NotAJournal { line: 0, why } => {
                write!(f, "not an ipcscope journal: the file {why}")
            }
            ReadError::NotAJournal { line, why } => {
                write!(f, "not an ipcscope journal: line {line} {why}")
            }
        }
    }
}

/// Reads a saved journal (JSONL): every non-empty line must be an object with a numeric `seq`
/// and a string `kind`, as `--record` writes them.
pub fn read_jsonl(path: &Path) -> Result<Vec<Entry>, ReadError> {
    use std::os::unix::fs::FileTypeExt;
    // A device never ends (/dev/zero) or waits on a terminal: only files and pipes are read.
    if let Ok(meta) = std::fs::metadata(path) {
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_block_device() {
            return Err(ReadError::Unreadable(format!(
                "cannot read '{}': it is a device, not a journal file",
                path.display()
            )));
        }
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::Unreadable(format!("cannot read '{}': {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // The line of the first byte that is not UTF-8: the bytes before it are.
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        ReadError::NotAJournal {
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            why: "is not UTF-8 text".into(),
        }
    })?;
    parse_jsonl(&text)
}

pub fn parse_jsonl(text: &str) -> Result<Vec<Entry>, ReadError> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let not = |why: String| ReadError::NotAJournal {
            line: index + 1,
            why,
        };
        // Values nest as deep as the value encoding lets them (past serde's default limit of
        // 128): whatever `--record` wrote reads back.
        let entry = match crate::wire::parse_deep_json::<Value>(line) {
            Ok((Value::Object(entry), _)) => entry,
            Ok(_) => return Err(not("is not a JSON object".into())),
            Err(e) => return Err(not(format!("is not JSON ({e})"))),
        };
        if !entry.get("seq").is_some_and(Value::is_u64)
            || !entry.get("kind").is_some_and(Value::is_string)
        {
            return Err(not("has no numeric \"seq\" and string \"kind\"".into()));
        }
        check_shape(&entry).map_err(not)?;
        entries.push(entry);
    }
    if entries.is_empty() {
        return Err(ReadError::NotAJournal {
            line: 0,
            why: "holds no entries".into(),
        });
    }
    Ok(entries)
}

/// The fields of a message or result entry that replay and the panel read must be of the type
/// `--record` writes (a result must name its request). Other kinds, and kinds this version does
/// not know, are taken as they are.
fn check_shape(entry: &Entry) -> Result<(), String> {
    let Some(kind) = Kind::of(entry) else {
        return Ok(());
    };
    if !kind.is_message() {
        return Ok(());
    }
    let field =
        |name: &str, what: &str, required: bool, ok: fn(&Value) -> bool| match entry.get(name) {
            None if required => Err(format!("is a {kind} entry with no \"{name}\"")),
            Some(value) if !ok(value) => Err(format!(
                "is a {kind} entry whose \"{name}\" is {}, not {what}",
                crate::value::preview(value, 40)
            )),
            _ => Ok(()),
        };
    field("channel", "a string", false, Value::is_string)?;
    field("args", "an array", false, Value::is_array)?;
    field("webContentsId", "a window id", false, |v| {
        v.as_u64().is_some_and(|id| u32::try_from(id).is_ok())
    })?;
    field("ref", "a seq", kind.is_result(), Value::is_u64)?;
    field("ok", "true or false", false, Value::is_boolean)
}

/// Refuses to record over a file that holds something else: `--record` truncates its file, and
/// `--record lab/main.js` would wipe the lab. Empty files, journals (every line ipcscope writes
/// starts with `{"seq":`), files that do not exist yet and non-files (/dev/null) are fine.
pub fn check_record_target(path: &Path) -> Result<(), String> {
    use std::io::Read as _;
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if !meta.is_file() || meta.len() == 0 {
        return Ok(());
    }
    let mut start = [0u8; 7];
    let read = File::open(path)
        .and_then(|mut file| file.read_exact(&mut start))
        .is_ok();
    if read && &start == b"{\"seq\":" {
        return Ok(());
    }
    Err(format!(
        "--record '{}' already holds something that is not an ipcscope journal; recording would overwrite it: remove it or choose another file",
        path.display()
    ))
}

/// Writes entries as JSONL, one object per line, in the order given (the panel's export). An
/// entry memory keeps as a preview is written whole, read back from the file that has it (as it
/// is, saying why, when it cannot be).
pub fn write_jsonl<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = &'a Entry>,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    for entry in entries {
        if entry.contains_key(super::PREVIEW) {
            let whole = super::full_entry(&std::sync::Arc::new(entry.clone()));
            match whole {
                Ok(whole) => serde_json::to_writer(&mut out, whole.as_ref())?,
                Err(why) => {
                    let mut kept = entry.clone();
                    if let Some(Value::Object(marker)) = kept.get_mut(super::PREVIEW) {
                        marker.insert("why".into(), why.into());
                    }
                    serde_json::to_writer(&mut out, &kept)?
                }
            }
        } else {
            serde_json::to_writer(&mut out, entry)?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_utf8_says_so_and_names_the_line_from_1() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        std::fs::write(&path, b"{\"seq\":1,\"kind\":\"send\"}\n{\"seq\":2,\xff}\n").unwrap();
        assert_eq!(
            read_jsonl(&path).unwrap_err().to_string(),
            "not an ipcscope journal: line 2 is not UTF-8 text"
        );
        assert_eq!(
            parse_jsonl("\n\n").unwrap_err().to_string(),
            "not an ipcscope journal: the file holds no entries"
        );
    }
}
