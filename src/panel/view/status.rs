//! The panel's status line: what happened (a file saved, a session opened, a lab that would not
//! open), kept as what happened and put into words when drawn, so it follows the language
//! switch.

use std::path::PathBuf;

use crate::panel::i18n::Lang;

/// Chinese for the status line's words (the rest are in i18n.rs).
pub const LABELS: &[(&str, &str)] = &[
    ("cannot write the journal to", "无法把日志写入"),
    ("cannot save", "无法保存"),
    ("cannot open the session", "无法打开会话"),
    ("The lab did not open: ", "实验没有打开："),
    ("Open a saved session?", "打开保存的会话？"),
    (
        "The running lab {} will stop: its windows close, and the log shows the file's messages instead. Nothing in the session runs.",
        "正在运行的实验 {} 将会停止：它的窗口会关闭，日志改为显示文件里的消息。会话里的代码不会运行。",
    ),
    ("Stop {} and open", "停止 {} 并打开"),
    ("Cancel", "取消"),
    ("saved session, not running", "保存的会话，未在运行"),
    ("Run {} again", "再次运行 {}"),
    (
        "Leave the saved session and run the lab from the start",
        "离开保存的会话，从头运行实验",
    ),
    (
        crate::panel::view::debugger::OFFLINE,
        "这是保存的会话：没有任何东西在运行，所以发送、重放、断点和故障都不可用。再次运行实验即可使用。",
    ),
    (
        "Pick a window that is open, a channel, and arguments that are a JSON array",
        "请选择一个打开的窗口和一个通道，并把参数写成 JSON 数组",
    ),
];

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
