//! Which log rows to show: by kind, channel, window and free text over the args.

use memchr::memmem::Finder;

use super::{Row, RowKind};

#[derive(Debug, Clone)]
pub struct Filter {
    /// One bit per `RowKind`: set = shown.
    pub(super) kinds: u16,
    /// Only this channel.
    pub channel: Option<String>,
    /// Only this window (webContents id).
    pub window: Option<u32>,
    /// Free text searched, case-insensitively, in the args (or a console line's text).
    pub text: String,
    /// `text`, lowercased once when the filter is set, as a searcher built once for all rows.
    pub(super) finder: Option<Finder<'static>>,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            kinds: u16::MAX,
            channel: None,
            window: None,
            text: String::new(),
            finder: None,
        }
    }
}

/// Equal when they show the same rows; the searcher made from `text` does not count.
impl PartialEq for Filter {
    fn eq(&self, other: &Filter) -> bool {
        self.kinds == other.kinds
            && self.channel == other.channel
            && self.window == other.window
            && self.text == other.text
    }
}

impl Filter {
    pub fn shows(&self, kind: RowKind) -> bool {
        self.kinds & kind.bit() != 0
    }

    pub fn set_shown(&mut self, kind: RowKind, shown: bool) {
        if shown {
            self.kinds |= kind.bit();
        } else {
            self.kinds &= !kind.bit();
        }
    }

    /// Shows only the given kinds.
    #[cfg(test)]
    pub fn only(mut self, kinds: &[RowKind]) -> Filter {
        self.kinds = kinds.iter().fold(0, |bits, k| bits | k.bit());
        self
    }

    pub(super) fn prepared(mut self) -> Filter {
        let lowered = self.text.to_lowercase();
        self.finder = (!lowered.is_empty()).then(|| Finder::new(lowered.as_bytes()).into_owned());
        self
    }

    pub(super) fn matches(&self, row: &Row) -> bool {
        self.shows(row.kind)
            && self
                .channel
                .as_deref()
                .is_none_or(|c| row.channel.as_deref() == Some(c))
            && self.window.is_none_or(|w| row.wc == Some(w))
            && self
                .finder
                .as_ref()
                .is_none_or(|f| f.find(row.search.as_bytes()).is_some())
    }
}
