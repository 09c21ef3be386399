//! The panel's status line: what happened (a file saved, a session opened, a lab that would not
//! open), kept as what happened and put into words when drawn, so it follows the language
//! switch.

use std::path::PathBuf;

use crate::panel::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// This run is recorded to the file (`--record`, numbered per run).
    Recording(PathBuf),
    RecordFailed {
        path: PathBuf,
        error: String,
    },
    /// A saved session is shown; nothing runs.
    SessionShown(PathBuf),
    SessionUnreadable {
        path: PathBuf,
        error: String,
    },
    /// `count` journal entries saved to the file.
    EntriesSaved {
        count: usize,
        path: PathBuf,
    },
    /// A file the panel made (a diagram) was saved.
    FileSaved(PathBuf),
    SaveFailed {
        path: PathBuf,
        error: String,
    },
    /// A lab folder that would not open, and why (the lab loader's words).
    LabNotOpened(String),
}

impl Status {
    /// Shown in red with a warning sign.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Status::RecordFailed { .. }
                | Status::SessionUnreadable { .. }
                | Status::SaveFailed { .. }
                | Status::LabNotOpened(_)
        )
    }

    /// In the language shown now.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::Recording(path) => {
                format!("{} {}", lang.tr("Recording this run to"), path.display())
            }
            Status::RecordFailed { path, error } => format!(
                "{} '{}': {error}",
                lang.tr("cannot write the journal to"),
                path.display()
            ),
            Status::SessionShown(path) => format!(
                "{} {}",
                lang.tr("Showing a saved session (nothing is running):"),
                path.display()
            ),
            // The reader's error names the file already.
            Status::SessionUnreadable { error, .. } => {
                format!("{}: {error}", lang.tr("cannot open the session"))
            }
            Status::EntriesSaved { count, path } => {
                format!("{count} {} → {}", lang.tr("entries saved"), path.display())
            }
            Status::FileSaved(path) => format!("{} → {}", lang.tr("saved"), path.display()),
            Status::SaveFailed { path, error } => {
                format!("{} '{}': {error}", lang.tr("cannot save"), path.display())
            }
            Status::LabNotOpened(why) => format!("{}{why}", lang.tr("The lab did not open: ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_worded_in_the_language_asked_for() {
        let saved = Status::EntriesSaved {
            count: 3,
            path: PathBuf::from("s.jsonl"),
        };
        assert_eq!(saved.text(Lang::En), "3 entries saved → s.jsonl");
        assert_eq!(saved.text(Lang::Zh), "3 条记录已保存 → s.jsonl");
        assert!(!saved.is_problem());
        let failed = Status::LabNotOpened("no lab at '/x'".into());
        assert_eq!(failed.text(Lang::Zh), "实验没有打开：no lab at '/x'");
        assert!(failed.is_problem());
    }
}
