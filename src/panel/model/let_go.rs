//! Keeping the log's rows bounded: the oldest rows are let go past a cap (each row holds its
//! parsed entries, several KB for even a small message), the journal's own let-go entries are
//! skipped, and the Log says how many are gone and where they still are.

use crate::journal::{self, Journal};
use crate::panel::i18n::Lang;

use super::Model;

/// Sets the most rows the log keeps (never more than the journal keeps in memory).
pub const LOG_CAP_VARIABLE: &str = "IPCSCOPE_LOG_CAP";
/// Rows kept unless `LOG_CAP_VARIABLE` says otherwise: a row of a small message costs about
/// 3.7 KB (its parsed entry, its diagram step), so about 185 MB.
pub const DEFAULT_LOG_CAP: usize = 50_000;

/// The most rows a new model keeps.
pub(super) fn log_cap() -> usize {
    let journal = journal::cap_from_env(journal::CAP_VARIABLE, journal::DEFAULT_CAP);
    journal::cap_from_env(LOG_CAP_VARIABLE, DEFAULT_LOG_CAP).min(journal)
}

impl Model {
    /// Lets go of the oldest rows past the cap. A request still waiting goes too: its result,
    /// when it comes, shows as a row of its own (as after a clear), and the journal keeps the
    /// request itself until then.
    pub(super) fn trim(&mut self) {
        while self.rows.len() > self.cap {
            let Some(row) = self.rows.pop_front() else {
                break;
            };
            let index = self.dropped as u32;
            self.dropped += 1;
            self.let_go += 1 + usize::from(row.result.is_some());
            if self.visible.front() == Some(&index) {
                self.visible.pop_front();
            }
            if self.console.front() == Some(&index) {
                self.console.pop_front();
            }
            if row.pending() {
                self.pending.remove(&row.seq);
            }
            if self.last_panel_push == Some(index) {
                self.last_panel_push = None;
            }
            self.replays.remove(&row.seq);
        }
    }

    /// Where the next `ingest` starts in `journal`: past the entries the journal already let
    /// go (counted as let go here too). Also learns where the run is recorded.
    pub fn catch_up(&mut self, journal: &Journal) -> usize {
        let first = journal.let_go();
        if self.consumed < first {
            let skipped = first - self.consumed;
            self.let_go += skipped;
            self.total += skipped;
            self.consumed = first;
        }
        if self.record.is_none() && self.let_go > 0 {
            self.record = journal.record_path();
        }
        self.consumed
    }

    /// Journal entries let go since the last clear.
    #[cfg(test)]
    pub fn let_go(&self) -> usize {
        self.let_go
    }

    /// The line at the top of the Log once older entries were let go, in `lang`.
    pub fn let_go_notice(&self, lang: Lang) -> Option<String> {
        if self.let_go == 0 {
            return None;
        }
        let count = grouped(self.let_go);
        let file = self.record.as_ref().map(|p| p.display().to_string());
        Some(match (lang, file) {
            (Lang::En, Some(file)) => format!(
                "{count} older entries let go to save memory; all are in the record file {file}"
            ),
            (Lang::En, None) => format!(
                "{count} older entries let go to save memory; to keep them all, run with --record FILE"
            ),
            (Lang::Zh, Some(file)) => {
                format!("为节省内存，已释放 {count} 条较早的记录；全部记录都在记录文件 {file} 中")
            }
            (Lang::Zh, None) => format!(
                "为节省内存，已释放 {count} 条较早的记录；要保留全部记录，请用 --record FILE 运行"
            ),
        })
    }
}

/// 1234567 -> "1,234,567".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
