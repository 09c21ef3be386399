//! The panel's model of one lab run: the journal folded into log rows (a request and its result
//! are one row), a filtered index over them, the registry, the window table, the console and the
//! sequence diagram's layout. Plain data with no egui in it, so tests feed it journal entries
//! directly. Rows are capped like the journal: the oldest are let go (`let_go`), and row
//! indices stay what they were (they count from the first row since the last clear).

pub mod filter;
mod let_go;
pub mod problems;
mod registry;
mod row;
pub mod sequence;
mod windows;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;

use crate::journal::{Entry, Kind, Outcome};

pub use filter::Filter;
pub use problems::Problems;
pub use registry::{Exposure, Registry, World};
pub use row::{field, text, whole_entry, with_full_values, Direction, Flag, Level, Row, RowKind};
pub use sequence::Sequence;
pub use windows::{WindowState, Windows};

/// How many characters of a row's args are kept for free-text search.
const SEARCH_CHARS: usize = 400;

#[derive(Debug)]
pub struct Model {
    /// The newest rows; row index `i` is `rows[i - dropped]`.
    rows: VecDeque<Row>,
    /// Rows let go from the front since the last clear.
    dropped: usize,
    /// The most rows kept.
    cap: usize,
    /// Journal entries let go since the last clear: with their rows (results included), or by
    /// the journal before the model took them in.
    let_go: usize,
    /// Where the let-go entries still are, when the run is recorded.
    record: Option<PathBuf>,
    /// Indices of rows that pass the filter, in order.
    visible: VecDeque<u32>,
    /// Indices of console and error rows whose level is shown.
    console: VecDeque<u32>,
    /// One bit per `Level`: set = shown.
    console_levels: u8,
    filter: Filter,
    /// Invokes and sendSyncs waiting for their result: request seq -> row index.
    pending: HashMap<u64, u32>,
    channels: BTreeSet<Arc<str>>,
    /// Journal entries taken in so far (results included), across clears.
    consumed: usize,
    /// Journal entries taken in since the last clear.
    total: usize,
    pub registry: Registry,
    pub windows: Windows,
    /// seq of an entry -> seqs of the entries that replayed it (the debugger's comparison).
    pub replays: HashMap<u64, Vec<u64>>,
    /// Row index of the last push fired from the panel.
    last_panel_push: Option<u32>,
    /// The sequence diagram's lanes, arrows and markers, laid out as entries arrive.
    pub sequence: Sequence,
    /// IPC mistakes found in the entries so far.
    pub problems: Problems,
    /// The first preload that did not compile, as main journaled it (the banner shows it).
    pub preload_failed: Option<Arc<Entry>>,
}

impl Default for Model {
    fn default() -> Model {
        Model {
            rows: VecDeque::new(),
            dropped: 0,
            cap: let_go::log_cap(),
            let_go: 0,
            record: None,
            visible: VecDeque::new(),
            console: VecDeque::new(),
            console_levels: u8::MAX,
            filter: Filter::default(),
            pending: HashMap::new(),
            channels: BTreeSet::new(),
            consumed: 0,
            total: 0,
            registry: Registry::default(),
            windows: Windows::default(),
            replays: HashMap::new(),
            last_panel_push: None,
            sequence: Sequence::default(),
            problems: Problems::default(),
            preload_failed: None,
        }
    }
}

impl Model {
    pub fn new() -> Model {
        Model::default()
    }

    /// A model keeping at most `cap` rows.
    #[cfg(test)]
    pub fn with_cap(cap: usize) -> Model {
        Model {
            cap: cap.max(1),
            ..Model::default()
        }
    }

    pub fn console_shows(&self, level: Level) -> bool {
        self.console_levels & level.bit() != 0
    }

    /// Shows or hides a console level and rebuilds the console index.
    pub fn set_console_shown(&mut self, level: Level, shown: bool) {
        if shown {
            self.console_levels |= level.bit();
        } else {
            self.console_levels &= !level.bit();
        }
        let levels = self.console_levels;
        let first = self.dropped;
        self.console = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| Level::of(row).is_some_and(|l| levels & l.bit() != 0))
            .map(|(i, _)| (first + i) as u32)
            .collect();
    }

    /// How many journal entries the model has read: the next `ingest` starts there.
    #[cfg(test)]
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    /// Folds new journal entries in, in journal order. Only the new rows are tested against
    /// the filter, so a live log stays cheap however long it gets.
    pub fn ingest(&mut self, entries: impl IntoIterator<Item = Arc<Entry>>) {
        for entry in entries {
            self.consumed += 1;
            self.total += 1;
            let kind = Kind::of(&entry);
            if kind == Some(Kind::Lifecycle) {
                if let Some(wc) = self.windows.starts_new_page(&entry) {
                    self.registry.forget_page(wc);
                }
            }
            self.registry.apply(&entry, kind);
            self.windows.apply(&entry, kind);
            self.problems.apply(&entry, kind);
            if kind == Some(Kind::Error)
                && self.preload_failed.is_none()
                && text(&entry, "text").starts_with("Unable to load preload script:")
                && !text(&entry, "file").is_empty()
            {
                self.preload_failed = Some(entry.clone());
            }
            if let (Some(original), Some(seq)) = (
                field(&entry, "replayOf").as_u64(),
                field(&entry, "seq").as_u64(),
            ) {
                self.replays.entry(original).or_default().push(seq);
            }
            if kind.is_some_and(Kind::is_result) {
                let request = field(&entry, "ref").as_u64();
                if let Some(index) = request.and_then(|seq| self.pending.remove(&seq)) {
                    self.sequence.apply(&entry, kind, index);
                    let at = (index as usize).checked_sub(self.dropped);
                    if let Some(row) = at.and_then(|at| self.rows.get_mut(at)) {
                        if Outcome::failed(&entry) {
                            row.flag = Flag::Failed;
                        }
                        row.facts.add_result(&entry);
                        row.result = Some(entry);
                    }
                    continue;
                }
            }
            self.sequence.apply(&entry, kind, self.next_index());
            self.push_row(entry, kind);
            self.trim();
        }
    }

    /// The index the next row gets.
    fn next_index(&self) -> u32 {
        (self.dropped + self.rows.len()) as u32
    }

    fn push_row(&mut self, entry: Arc<Entry>, entry_kind: Option<Kind>) {
        let kind = RowKind::of(entry_kind);
        let channel = field(&entry, "channel").as_str().map(|c| self.intern(c));
        let listeners = field(&entry, "listeners").as_u64();
        let flag = match entry_kind {
            Some(Kind::Error) => Flag::Failed,
            Some(Kind::InvokeResult) if Outcome::failed(&entry) => Flag::Failed,
            Some(Kind::Push | Kind::Send | Kind::SendSync) if listeners == Some(0) => {
                Flag::NoListener
            }
            _ => Flag::None,
        };
        let searched = match entry_kind {
            Some(kind) if kind.is_result() => {
                crate::value::preview(field(&entry, "result"), SEARCH_CHARS)
            }
            Some(kind) if kind.is_message() => {
                crate::value::preview(field(&entry, "args"), SEARCH_CHARS)
            }
            Some(Kind::Console | Kind::Error) => text(&entry, "text").to_string(),
            Some(Kind::Listener) => format!("{} {}", text(&entry, "process"), text(&entry, "op")),
            Some(Kind::Lifecycle) => format!("{} {}", text(&entry, "event"), text(&entry, "url")),
            // A kind this version does not know: whatever args it carries.
            _ => crate::value::preview(field(&entry, "args"), SEARCH_CHARS),
        };
        let row = Row {
            seq: field(&entry, "seq").as_u64().unwrap_or(0),
            wc: field(&entry, "webContentsId")
                .as_u64()
                .and_then(|w| u32::try_from(w).ok()),
            kind,
            entry_kind,
            channel,
            flag,
            search: searched.to_lowercase().into_boxed_str(),
            facts: filter::Facts::of(&entry),
            result: None,
            entry,
        };
        let index = self.next_index();
        if row.pending() {
            self.pending.insert(row.seq, index);
        }
        if entry_kind == Some(Kind::Push) && text(&row.entry, "origin") == "panel" {
            self.last_panel_push = Some(index);
        }
        if Level::of(&row).is_some_and(|l| self.console_shows(l)) {
            self.console.push_back(index);
        }
        if self.filter.matches(&row) {
            self.visible.push_back(index);
        }
        self.rows.push_back(row);
    }

    fn intern(&mut self, channel: &str) -> Arc<str> {
        if let Some(known) = self.channels.get(channel) {
            return known.clone();
        }
        let new: Arc<str> = channel.into();
        self.channels.insert(new.clone());
        new
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Replaces the filter and rebuilds the visible index (one pass over the rows).
    pub fn set_filter(&mut self, filter: Filter) {
        if filter == self.filter {
            return;
        }
        self.filter = filter.prepared();
        let filter = &self.filter;
        let first = self.dropped;
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| filter.matches(row))
            .map(|(i, _)| (first + i) as u32)
            .collect();
    }

    /// Forgets the rows so far; the journal keeps them, and the registry and windows stay
    /// (they describe what exists now, not what was logged).
    pub fn clear(&mut self) {
        self.rows.clear();
        self.dropped = 0;
        self.let_go = 0;
        self.visible.clear();
        self.console.clear();
        self.pending.clear();
        self.total = 0;
        self.replays.clear();
        self.last_panel_push = None;
        self.sequence.clear();
        self.problems.clear();
    }

    /// Rows that pass the filter.
    pub fn shown(&self) -> usize {
        self.visible.len()
    }

    /// Journal entries since the last clear (a request and its result count as two).
    pub fn total(&self) -> usize {
        self.total
    }

    #[cfg(test)]
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The `n`th row that passes the filter, and its index among all rows.
    pub fn visible_row(&self, n: usize) -> Option<(usize, &Row)> {
        let index = *self.visible.get(n)? as usize;
        Some((index, self.row(index)?))
    }

    /// Position among the visible rows of the row at `index`, if it is shown.
    pub fn visible_position(&self, index: usize) -> Option<usize> {
        self.visible.binary_search(&(index as u32)).ok()
    }

    /// The row at `index`, unless it was let go.
    pub fn row(&self, index: usize) -> Option<&Row> {
        self.rows.get(index.checked_sub(self.dropped)?)
    }

    /// Index of the row whose request (or lone entry) is journal entry `seq`.
    pub fn row_index(&self, seq: u64) -> Option<usize> {
        let at = self.rows.binary_search_by_key(&seq, |row| row.seq).ok()?;
        Some(self.dropped + at)
    }

    /// The row whose request (or lone entry) is journal entry `seq`; rows are in seq order.
    pub fn row_by_seq(&self, seq: u64) -> Option<&Row> {
        let index = self.rows.binary_search_by_key(&seq, |row| row.seq).ok()?;
        self.rows.get(index)
    }

    /// The journal entry a diagram step draws: its row's request, or the answer paired with it.
    /// None once the row was let go.
    pub fn step_entry(&self, step: &sequence::Step) -> Option<&Arc<Entry>> {
        let row = self.row(step.row as usize)?;
        if row.seq == step.seq {
            Some(&row.entry)
        } else {
            row.result.as_ref()
        }
    }

    /// The last push fired from the panel, while its row is kept.
    pub fn last_panel_push(&self) -> Option<&Row> {
        self.row(self.last_panel_push? as usize)
    }

    pub fn console_len(&self) -> usize {
        self.console.len()
    }

    pub fn console_row(&self, n: usize) -> Option<&Row> {
        self.row(*self.console.get(n)? as usize)
    }

    /// Every channel seen so far, sorted.
    pub fn channels(&self) -> impl Iterator<Item = &str> {
        self.channels.iter().map(|c| &**c)
    }
}
