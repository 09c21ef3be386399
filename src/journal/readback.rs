//! Reading entries back from the file that holds them whole: a large entry memory keeps only
//! as a preview, or an entry let go from memory. The record file holds every entry; without
//! one, large entries go to a temporary file of the journal's own (removed from its folder as
//! soon as it is made, so nothing is left behind however the run ends).

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};

use serde_json::{json, Value};

use super::memory::PREVIEW;
use super::Entry;

/// Every `CHECKPOINT`th line's offset in the record file is kept (8 bytes per 1,024 entries),
/// so finding a let-go entry reads at most that many lines.
const CHECKPOINT: u64 = 1_024;

/// Temporary files holding large entries of journals that record nowhere, by id.
static SPILLS: Mutex<Vec<(u64, Weak<File>)>> = Mutex::new(Vec::new());
static NEXT_SPILL: AtomicU64 = AtomicU64::new(1);

/// Where a journal's entries are written in full, and where each one starts.
#[derive(Default)]
pub(super) struct Files {
    /// The record file, while what it holds is known to match the offsets below.
    record: Option<PathBuf>,
    /// Bytes written to the record file so far: where the next line starts.
    written: u64,
    /// (seq, offset) of the file's first line and of every line numbered 1 + n * CHECKPOINT.
    checkpoints: Vec<(u64, u64)>,
    /// Without a record file: large entries, whole.
    spill: Option<Spill>,
}

struct Spill {
    id: u64,
    file: Arc<File>,
    written: u64,
}

impl Files {
    pub fn recording_to(&mut self, path: &Path) {
        self.record = Some(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
        self.written = 0;
        self.checkpoints.clear();
    }

    pub fn record_path(&self) -> Option<&Path> {
        self.record.as_deref()
    }

    /// The line of entry `seq` (`len` bytes with its newline) went into the record file.
    pub fn wrote(&mut self, seq: u64, len: usize) {
        if self.checkpoints.is_empty() || seq % CHECKPOINT == 1 {
            self.checkpoints.push((seq, self.written));
        }
        self.written += len as u64;
    }

    /// The record file can no longer be trusted to hold every line (a write failed).
    pub fn record_failed(&mut self) {
        self.record = None;
    }

    /// Where a large entry's line (just written with `wrote`, or not) can be read back:
    /// the marker its preview carries.
    pub fn marker_for(&mut self, line: &[u8], in_record: bool) -> Value {
        let bytes = line.len();
        if in_record {
            if let Some(path) = &self.record {
                let offset = self.written - bytes as u64;
                return json!({"bytes": bytes, "file": path, "offset": offset});
            }
        }
        match self.spill(line) {
            Ok((id, offset)) => json!({"bytes": bytes, "spill": id, "offset": offset}),
            Err(why) => json!({"bytes": bytes, "lost": why}),
        }
    }

    fn spill(&mut self, line: &[u8]) -> Result<(u64, u64), String> {
        if self.spill.is_none() {
            let file = Arc::new(temporary_file().map_err(|e| e.to_string())?);
            let id = NEXT_SPILL.fetch_add(1, Ordering::Relaxed);
            let mut spills = SPILLS.lock().unwrap_or_else(|p| p.into_inner());
            spills.retain(|(_, file)| file.strong_count() > 0);
            spills.push((id, Arc::downgrade(&file)));
            self.spill = Some(Spill {
                id,
                file,
                written: 0,
            });
        }
        let spill = self.spill.as_mut().ok_or("no temporary file")?;
        let offset = spill.written;
        (&*spill.file)
            .write_all(line)
            .map_err(|e| format!("the temporary file could not be written: {e}"))?;
        spill.written += line.len() as u64;
        Ok((spill.id, offset))
    }

    /// Entry `seq` from the record file, found from the nearest checkpoint before it.
    pub fn read_by_seq(&self, seq: u64) -> Result<Entry, String> {
        let Some(path) = &self.record else {
            return Err(format!(
                "#{seq} was let go from memory and this run has no record file to read it from"
            ));
        };
        let before = self.checkpoints.partition_point(|&(first, _)| first <= seq);
        let Some(&(_, start)) = before.checked_sub(1).and_then(|n| self.checkpoints.get(n)) else {
            return Err(format!("#{seq} is not in the record file"));
        };
        let mut file = File::open(path).map_err(|e| cannot_read(path, e))?;
        file.seek(SeekFrom::Start(start))
            .map_err(|e| cannot_read(path, e))?;
        let prefix = format!("{{\"seq\":{seq},");
        let mut reader = BufReader::new(file);
        let mut line = String::new();
        for _ in 0..CHECKPOINT {
            line.clear();
            if reader
                .read_line(&mut line)
                .map_err(|e| cannot_read(path, e))?
                == 0
            {
                break;
            }
            if line.starts_with(&prefix) {
                return parse(&line, seq);
            }
        }
        Err(format!(
            "#{seq} was not found in the record file {}",
            path.display()
        ))
    }
}

/// A temporary file, already removed from its folder: it lives as long as it is open.
fn temporary_file() -> std::io::Result<File> {
    let dir = std::env::temp_dir();
    for attempt in 0..100u32 {
        let path = dir.join(format!(
            "ipcscope-large-values-{}-{}-{attempt}",
            std::process::id(),
            NEXT_SPILL.load(Ordering::Relaxed)
        ));
        match File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                return Ok(file);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free name for a temporary file"))
}

/// The whole entry behind `entry`: itself, or, when memory keeps only its preview, the full
/// entry read back from the file its marker names. Err says why the full entry is not there.
pub fn full_entry(entry: &Arc<Entry>) -> Result<Arc<Entry>, String> {
    let Some(marker) = entry.get(PREVIEW) else {
        return Ok(entry.clone());
    };
    let seq = entry.get("seq").and_then(Value::as_u64).unwrap_or(0);
    let number = |key: &str| marker.get(key).and_then(Value::as_u64);
    let (Some(bytes), Some(offset)) = (number("bytes"), number("offset")) else {
        let why = marker.get("lost").and_then(Value::as_str).unwrap_or("");
        return Err(format!(
            "the full value of #{seq} was not kept (only a preview): {why}"
        ));
    };
    let mut line = vec![0; usize::try_from(bytes).map_err(|e| e.to_string())?];
    if let Some(path) = marker.get("file").and_then(Value::as_str) {
        let file = File::open(path).map_err(|e| cannot_read(Path::new(path), e))?;
        file.read_exact_at(&mut line, offset)
            .map_err(|e| cannot_read(Path::new(path), e))?;
    } else {
        let id = number("spill").unwrap_or(0);
        let file = {
            let spills = SPILLS.lock().unwrap_or_else(|p| p.into_inner());
            spills
                .iter()
                .find(|(known, _)| *known == id)
                .and_then(|(_, file)| file.upgrade())
        };
        let Some(file) = file else {
            return Err(format!(
                "the full value of #{seq} is gone: the run that kept it has ended"
            ));
        };
        file.read_exact_at(&mut line, offset)
            .map_err(|e| format!("the full value of #{seq} could not be read back: {e}"))?;
    }
    let text = String::from_utf8(line).map_err(|e| e.to_string())?;
    parse(&text, seq).map(Arc::new)
}

fn parse(line: &str, seq: u64) -> Result<Entry, String> {
    let entry = crate::wire::parse_deep_json::<Entry>(line.trim_end())
        .map(|(entry, _)| entry)
        .map_err(|why| format!("#{seq} could not be read back: {why}"))?;
    if entry.get("seq").and_then(Value::as_u64) != Some(seq) {
        return Err(format!(
            "#{seq} could not be read back: the file changed since it was written"
        ));
    }
    Ok(entry)
}

fn cannot_read(path: &Path, err: std::io::Error) -> String {
    format!("cannot read the record file {}: {err}", path.display())
}
