//! Replaying a journaled message with editable arguments, and its new result beside the old
//! one with a line diff.

use eframe::egui::{self, Color32, RichText};

use crate::core::Command;
use crate::journal::{Kind, Outcome};
use crate::panel::i18n::Lang;
use crate::panel::model::Model;
use crate::panel::value_editor::{parse_args, to_text};
use crate::value::preview;

/// One line of a line diff between two pretty-printed values.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum DiffLine {
    Same(String),
    Old(String),
    New(String),
}

/// A line diff (longest common subsequence), enough for two JSON renderings of a result.
pub(super) fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Results are small; a large pair is shown whole rather than diffed quadratically.
    if a.len() * b.len() > 250_000 {
        let mut out: Vec<DiffLine> = a.iter().map(|l| DiffLine::Old(l.to_string())).collect();
        out.extend(b.iter().map(|l| DiffLine::New(l.to_string())));
        return out;
    }
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            out.push(DiffLine::Old(a[i].to_string()));
            i += 1;
        } else {
            out.push(DiffLine::New(b[j].to_string()));
            j += 1;
        }
    }
    out
}

use super::{join_seqs, Action, DebuggerUi};

impl DebuggerUi {
    pub(super) fn replayer(
        &mut self,
        ui: &mut egui::Ui,
        model: &Model,
        lang: Lang,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            let seq_label = ui.label(lang.tr("Journal seq"));
            ui.add(
                egui::TextEdit::singleline(&mut self.replay_seq)
                    .id_salt("replay-seq")
                    .desired_width(70.0),
            )
            .labelled_by(seq_label.id);
            if ui.button(lang.tr("Load")).clicked() {
                if let Some(entry) = self
                    .replay_seq
                    .trim()
                    .parse()
                    .ok()
                    .and_then(|s| model.row_by_seq(s))
                    .map(|row| crate::panel::model::whole_entry(&row.entry))
                {
                    self.start_replay(&entry);
                }
            }
        });
        let Some(draft) = &mut self.replay else {
            ui.label(
                RichText::new(lang.tr(
                    "Pick a send, invoke, sendSync, push or reply in the log, or type its seq.",
                ))
                .color(ui.visuals().weak_text_color()),
            );
            return;
        };
        let replayable = draft.kind.is_some_and(Kind::is_replayable);
        let replay_label = ui.label(&draft.title);
        ui.add(
            egui::TextEdit::multiline(&mut draft.args)
                .id_salt("replay-args")
                .code_editor()
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(replay_label.id);
        let parsed = parse_args(&draft.args);
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    replayable && parsed.is_ok(),
                    egui::Button::new(lang.tr("Replay")),
                )
                .clicked()
            {
                if let Ok(args) = &parsed {
                    actions.push(Action::Core(Command::Replay {
                        seq: draft.seq,
                        args: Some(args.clone()),
                    }));
                }
            }
            if !replayable {
                ui.label(lang.tr("This entry is not a message."));
            } else if let Err(why) = &parsed {
                ui.label(RichText::new(why).color(ui.visuals().error_fg_color));
            }
        });
        let (seq, kind) = (draft.seq, draft.kind);
        if matches!(kind, Some(Kind::Invoke | Kind::SendSync)) {
            self.compare(ui, model, seq, lang);
        } else if let Some(replays) = model.replays.get(&seq) {
            ui.label(format!("{} {}", lang.tr("Replayed as"), join_seqs(replays)));
        }
    }

    /// The original result beside each replay's, with a line diff when they differ.
    pub(super) fn compare(&self, ui: &mut egui::Ui, model: &Model, seq: u64, lang: Lang) {
        let result = |seq: u64| {
            model
                .row_by_seq(seq)
                .and_then(|row| row.result.as_deref())
                .and_then(Outcome::of)
                .map(|outcome| outcome.to_value())
        };
        let original = result(seq);
        ui.monospace(format!(
            "{} #{seq}: {}",
            lang.tr("original"),
            original
                .as_ref()
                .map_or("(pending)".into(), |v| preview(v, 120))
        ));
        for replay in model.replays.get(&seq).into_iter().flatten() {
            let new = result(*replay);
            ui.monospace(format!(
                "{} #{replay}: {}",
                lang.tr("replay"),
                new.as_ref().map_or("(pending)".into(), |v| preview(v, 120))
            ));
            if let (Some(old), Some(new)) = (&original, &new) {
                if old == new {
                    ui.label(
                        RichText::new(lang.tr("same result")).color(Color32::from_rgb(80, 170, 90)),
                    );
                } else {
                    for line in line_diff(&to_text(old), &to_text(new)) {
                        let (text, color) = match line {
                            DiffLine::Same(l) => (format!("  {l}"), ui.visuals().text_color()),
                            DiffLine::Old(l) => (format!("- {l}"), Color32::from_rgb(220, 90, 90)),
                            DiffLine::New(l) => (format!("+ {l}"), Color32::from_rgb(80, 170, 90)),
                        };
                        ui.label(RichText::new(text).monospace().color(color));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::value_editor::to_text;
    use serde_json::json;

    #[test]
    fn a_line_diff_keeps_common_lines_and_marks_the_rest() {
        let old = to_text(&json!({"a": 1, "b": "x"}));
        let new = to_text(&json!({"a": 1, "b": "y"}));
        assert_eq!(
            line_diff(&old, &new),
            [
                DiffLine::Same("{".into()),
                DiffLine::Same("  \"a\": 1,".into()),
                DiffLine::Old("  \"b\": \"x\"".into()),
                DiffLine::New("  \"b\": \"y\"".into()),
                DiffLine::Same("}".into()),
            ]
        );
        assert!(line_diff("same", "same")
            .iter()
            .all(|l| matches!(l, DiffLine::Same(_))));
    }
}
