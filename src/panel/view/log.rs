//! The live message log: a filter bar and a table that lays out only the rows in view, newest
//! at the bottom, following the tail unless the user scrolled up or paused.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::{glossary, plain_words, style, Action, View};
use crate::journal::Outcome;
use crate::panel::i18n::Lang;
use crate::panel::model::filter::{self, Problem, State};
use crate::panel::model::{field, text, Direction, Flag, Row, RowKind};
use crate::value::preview;

const PREVIEW_CHARS: usize = 160;

/// The log's columns (English titles; `tr` and `glossary::tip` take them as they are).
pub const COLUMNS: [&str; 7] = [
    "#",
    "Time",
    "Direction",
    "Kind",
    "Channel",
    "Args / result",
    "Duration",
];

pub fn ui(view: &mut View, ui: &mut egui::Ui) {
    super::held::strip(view, ui);
    filter_bar(view, ui);
    if let Some(note) = view.model.let_go_notice(view.settings.lang) {
        ui.label(RichText::new(note).color(style::MUTED));
    }
    ui.separator();
    table(view, ui);
}

/// The kinds menu, the query box with its completions and problems, pause, clear, the count.
fn filter_bar(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    let query_id = egui::Id::unique("log-filter-query");
    // DevTools' habit: Ctrl+F goes to the filter box.
    if ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::F)) {
        ui.memory_mut(|m| m.request_focus(query_id));
    }
    let mut query_focused = false;
    ui.horizontal_wrapped(|ui| {
        style::together(ui, "kinds", |ui| kinds_menu(view, ui));
        style::together(ui, "query", |ui| {
            let hint = lang.tr("Filter: words, channel:NAME, is:pending, /regex/ …");
            // Room left for the kinds, pause and the count on the same line at 200%.
            let width = (ui.ctx().content_rect().width() * 0.4).clamp(140.0, 460.0);
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut view.filter.text)
                        .id(query_id)
                        .hint_text(hint)
                        .desired_width(width),
                )
                .accessible_name(lang.tr("Search args"));
            query_focused = response.has_focus();
            ui.menu_button("?", |ui| {
                ui.strong(lang.tr("What the filter terms mean"));
                glossary::filter_help(ui, lang);
            })
            .response
            .on_hover_text(lang.tr("What the filter terms mean"));
        });
        style::together(ui, "pause", |ui| {
            let paused = view.paused_at.is_some();
            let label = if paused {
                lang.tr("Resume")
            } else {
                lang.tr("Pause")
            };
            if ui.selectable_label(paused, label).clicked() {
                view.paused_at = if paused {
                    None
                } else {
                    Some(view.model.shown())
                };
            }
            if ui.button(lang.tr("Clear")).clicked() {
                view.actions.push(Action::Clear);
            }
            ui.label(RichText::new(count(view.model.shown(), view.model.total(), lang)).strong());
        });
    });
    for problem in view.model.filter().problems() {
        ui.label(RichText::new(format!("⚠ {}", problem_text(problem, lang))).color(style::ERROR));
    }
    completions(view, ui, query_id, query_focused);
}

/// "9 of 10 shown", "显示 9 条，共 10 条".
fn count(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{shown} of {total} shown"),
        Lang::Zh => format!("显示 {shown} 条，共 {total} 条"),
    }
}

/// Kinds in a menu (a row of ten chips wraps to four lines on a projector), each with what it
/// means on hover.
fn kinds_menu(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    let shown = RowKind::ALL
        .iter()
        .filter(|k| view.filter.shows(**k))
        .count();
    let title = if shown == RowKind::ALL.len() {
        lang.tr("Kinds: all").to_string()
    } else {
        format!("{} {shown}/{}", lang.tr("Kinds:"), RowKind::ALL.len())
    };
    ui.menu_button(format!("{title} ▼"), |ui| {
        ui.horizontal(|ui| {
            if ui.button(lang.tr("Show all")).clicked() {
                for kind in RowKind::ALL {
                    view.filter.set_shown(kind, true);
                }
            }
            if ui.button(lang.tr("Only messages")).clicked() {
                for kind in RowKind::ALL {
                    view.filter
                        .set_shown(kind, kind.direction() != Direction::None);
                }
            }
        });
        ui.separator();
        for kind in RowKind::ALL {
            let mut shown = view.filter.shows(kind);
            let label =
                RichText::new(kind.label()).color(style::on(ui.visuals(), style::kind_color(kind)));
            if ui
                .checkbox(&mut shown, label)
                .on_hover_text(glossary::kind(kind, lang))
                .changed()
            {
                view.filter.set_shown(kind, shown);
            }
        }
    })
    .response
    .on_hover_text(lang.tr("Kinds"));
}

/// Suggestions for the word being typed, while the box has focus (or the pointer is on them,
/// so that a click lands before the focus moves).
fn completions(view: &mut View, ui: &mut egui::Ui, query_id: egui::Id, focused: bool) {
    let hovered_id = query_id.with("completions-hovered");
    let was_hovered = ui.data(|d| d.get_temp::<bool>(hovered_id).unwrap_or(false));
    if !focused && !was_hovered {
        return;
    }
    let channels: Vec<&str> = view.model.channels().collect();
    let windows: Vec<u32> = view.model.windows.by_id.keys().copied().collect();
    let offered = filter::completions(&view.filter.text, channels.into_iter(), windows.into_iter());
    if offered.is_empty() {
        ui.data_mut(|d| d.insert_temp(hovered_id, false));
        return;
    }
    let mut taken = None;
    let response = ui
        .horizontal_wrapped(|ui| {
            for completion in &offered {
                if ui
                    .small_button(RichText::new(&completion.label).monospace())
                    .clicked()
                {
                    taken = Some(completion.query.clone());
                }
            }
        })
        .response;
    let hovered = ui.rect_contains_pointer(response.rect);
    ui.data_mut(|d| d.insert_temp(hovered_id, hovered));
    if let Some(query) = taken {
        view.filter.text = query;
        ui.data_mut(|d| d.insert_temp(hovered_id, false));
        // Back to the box, the cursor at the end, to go on typing.
        ui.memory_mut(|m| m.request_focus(query_id));
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), query_id) {
            let end = egui::text::CCursor::new(view.filter.text.chars().count());
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(end)));
            state.store(ui.ctx(), query_id);
        }
    }
}

/// A term of the query that could not be used, in words.
fn problem_text(problem: &Problem, lang: Lang) -> String {
    let keys = filter::KEYS.join(", ");
    match (problem, lang) {
        (Problem::UnknownKey(key), Lang::En) => format!(
            "'{key}:' is not a filter term (terms: {keys}); put text with a colon in \"quotes\""
        ),
        (Problem::UnknownKey(key), Lang::Zh) => {
            format!("“{key}:”不是过滤条件（可用：{keys}）；含冒号的文字请放进\"引号\"")
        }
        (Problem::BadValue { key, value }, Lang::En) => {
            format!("'{key}:{value}': {}", value_hint(key, lang))
        }
        (Problem::BadValue { key, value }, Lang::Zh) => {
            format!("“{key}:{value}”：{}", value_hint(key, lang))
        }
        (Problem::BadRegex { pattern, reason }, Lang::En) => {
            format!("/{pattern}/ is not a valid regular expression: {reason}")
        }
        (Problem::BadRegex { pattern, reason }, Lang::Zh) => {
            format!("/{pattern}/ 不是有效的正则表达式：{reason}")
        }
    }
}

/// What a key takes.
fn value_hint(key: &str, lang: Lang) -> String {
    let states = State::ALL.map(State::name).join(", ");
    let kinds = RowKind::ALL.map(RowKind::label).join(", ");
    match (key, lang) {
        ("is", Lang::En) => format!("is: takes one of {states}"),
        ("is", Lang::Zh) => format!("is: 只能是 {states} 之一"),
        ("kind", Lang::En) => format!("kind: takes one of {kinds}"),
        ("kind", Lang::Zh) => format!("kind: 只能是 {kinds} 之一"),
        ("window", Lang::En) => "window: takes a window's number, like window:1".into(),
        ("window", Lang::Zh) => "window: 后面是窗口编号，例如 window:1".into(),
        ("larger-than", Lang::En) => "larger-than: takes a size, like 500, 10k or 1m".into(),
        ("larger-than", Lang::Zh) => "larger-than: 后面是大小，例如 500、10k 或 1m".into(),
        ("slower-than", Lang::En) => "slower-than: takes a time, like 5ms, 250us or 1s".into(),
        ("slower-than", Lang::Zh) => "slower-than: 后面是时间，例如 5ms、250us 或 1s".into(),
        (_, Lang::En) => "not a value this term takes".into(),
        (_, Lang::Zh) => "这个条件不接受这个值".into(),
    }
}

fn table(view: &mut View, ui: &mut egui::Ui) {
    let lang = view.settings.lang;
    let shown = match view.paused_at {
        Some(at) => at.min(view.model.shown()),
        None => view.model.shown(),
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 6.0;
    let mut clicked = None;
    let mut moved = arrow_keys(view, ui, shown);
    // Selected elsewhere (an arrow in the diagram): bring the row into view.
    if view.selected != view.log_seen {
        moved = moved.or_else(|| {
            view.selected
                .and_then(|i| view.model.visible_position(i))
                .filter(|p| *p < shown)
        });
    }
    let visuals = ui.visuals().clone();
    let mut widths = Widths::measure(view, ui);
    // Too narrow for every column with readable args (a projector's text size): the channel
    // is cut sooner, then the time goes (the detail pane has it).
    let spacing = ui.spacing().item_spacing.x * 8.0 + 8.0;
    let room = ui.available_width() - spacing;
    if room - widths.fixed(true) < widths.args {
        widths.channel = widths.channel.min(widths.args * 0.6);
    }
    let show_time = room - widths.fixed(true) >= widths.args;
    // Still too narrow: the args get what is left (cut, whole on hover), the duration stays.
    widths.args = (room - widths.fixed(show_time)).clamp(60.0, widths.args);
    let titles: Vec<&str> = COLUMNS
        .into_iter()
        .filter(|t| show_time || *t != "Time")
        .collect();
    let mut table = TableBuilder::new(ui);
    if let Some(position) = moved {
        table = table.scroll_to_row(position, None);
    }
    table = table.column(Column::exact(widths.seq));
    if show_time {
        table = table.column(Column::exact(widths.time));
    }
    // Short columns fit their content; the channel is cut (whole on hover) past a limit; the
    // args take the rest and never get narrower than a readable width.
    table
        .id_salt("log")
        .striped(true)
        .sense(egui::Sense::click())
        .stick_to_bottom(view.paused_at.is_none())
        .auto_shrink(false)
        // Egui's default keeps a table at least 200 points high even where that is more than
        // the log has (a projector's text size), pushing its last rows out of sight.
        .min_scrolled_height(0.0)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(widths.direction))
        .column(Column::exact(widths.kind))
        .column(Column::exact(widths.channel).clip(true))
        .column(Column::remainder().at_least(widths.args).clip(true))
        .column(Column::exact(widths.duration))
        .header(row_height, |mut header| {
            for title in &titles {
                let title = *title;
                header.col(|ui| {
                    let response = ui.add(
                        egui::Label::new(RichText::new(lang.tr(title)).strong())
                            .sense(egui::Sense::hover())
                            .truncate(),
                    );
                    if let Some(tip) = glossary::tip(title, lang) {
                        response.on_hover_text(tip);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, shown, |mut table_row| {
                let Some((index, row)) = view.model.visible_row(table_row.index()) else {
                    return;
                };
                let selected = view.selected == Some(index);
                table_row.set_selected(selected);
                let color = style::on(&visuals, style::row_color(row));
                let strong = row.flag == Flag::Failed;
                let cell = |t: String| {
                    let t = RichText::new(t).monospace().color(color);
                    if strong {
                        t.strong()
                    } else {
                        t
                    }
                };
                table_row.col(|ui| {
                    if ui
                        .selectable_label(selected, format!("{}", row.seq))
                        .clicked()
                    {
                        clicked = Some(index);
                    }
                });
                if show_time {
                    table_row.col(|ui| {
                        ui.label(RichText::new(style::clock(text(&row.entry, "time"))).monospace());
                    });
                }
                table_row.col(|ui| {
                    ui.label(cell(style::direction(row)));
                });
                table_row.col(|ui| {
                    ui.label(cell(row.kind.label().into()))
                        .on_hover_text(glossary::kind(row.kind, lang));
                });
                table_row.col(|ui| {
                    let channel = row.channel.as_deref().unwrap_or_default();
                    ui.add(egui::Label::new(cell(channel.into())).truncate());
                });
                table_row.col(|ui| {
                    if row.flag == Flag::NoListener {
                        ui.label(
                            RichText::new(format!("⚠ {}", lang.tr("no listener")))
                                .color(style::WARN)
                                .strong(),
                        )
                        .on_hover_text(glossary::tip("listeners", lang).unwrap_or_default());
                    }
                    // Cut to the column, whole on hover.
                    ui.add(egui::Label::new(cell(summary(row, lang))).truncate());
                });
                table_row.col(|ui| {
                    if row.pending() {
                        ui.label(
                            RichText::new(format!("… {}", lang.tr("pending"))).color(style::WARN),
                        )
                        .on_hover_text(glossary::tip("pending", lang).unwrap_or_default());
                    } else if let Some(us) = row.duration_us() {
                        ui.label(RichText::new(style::millis(us)).monospace());
                    }
                });
                if table_row.response().clicked() {
                    clicked = Some(index);
                }
            });
        });
    if let Some(index) = clicked {
        view.selected = Some(index);
    }
    view.log_seen = view.selected;
}

/// The columns' widths, measured from what they can hold: the longest channel and window
/// seen, the largest row number, the widest kind (and each title), so nothing short is cut.
struct Widths {
    seq: f32,
    time: f32,
    direction: f32,
    kind: f32,
    channel: f32,
    /// The least the args get; they take whatever is left.
    args: f32,
    duration: f32,
}

impl Widths {
    /// Channels longer than this are cut (whole on hover) so the args keep their room.
    const MAX_CHANNEL: f32 = 260.0;

    /// What every column but the args takes.
    fn fixed(&self, with_time: bool) -> f32 {
        let time = if with_time { self.time } else { 0.0 };
        self.seq + time + self.direction + self.kind + self.channel + self.duration
    }

    fn measure(view: &View, ui: &egui::Ui) -> Widths {
        let lang = view.settings.lang;
        let mono = egui::TextStyle::Monospace.resolve(ui.style());
        let body = egui::TextStyle::Body.resolve(ui.style());
        let strong = ui.visuals().strong_text_color();
        let pad = ui.spacing().item_spacing.x + 4.0;
        let width = |text: &str, font: &egui::FontId| {
            ui.ctx()
                .fonts_mut(|f| f.layout_no_wrap(text.to_string(), font.clone(), strong))
                .size()
                .x
        };
        let title = |english: &'static str| width(lang.tr(english), &body);
        let widest = |texts: &mut dyn Iterator<Item = String>| {
            texts.map(|t| width(&t, &mono)).fold(0.0, f32::max)
        };
        let last_seq = view
            .model
            .shown()
            .checked_sub(1)
            .and_then(|n| view.model.visible_row(n))
            .map_or(1, |(_, row)| row.seq);
        let last_window = view.model.windows.by_id.keys().max().copied().unwrap_or(1);
        let seq = width(&"0".repeat(last_seq.to_string().len() + 1), &mono);
        Widths {
            seq: seq.max(title("#")) + pad,
            time: width("00:00:00.000", &mono).max(title("Time")) + pad,
            direction: width(&format!("renderer #{last_window} → main"), &mono)
                .max(title("Direction"))
                + pad,
            kind: widest(&mut RowKind::ALL.iter().map(|k| k.label().to_string()))
                .max(title("Kind"))
                + pad,
            channel: widest(&mut view.model.channels().map(str::to_string))
                .min(Self::MAX_CHANNEL)
                .max(title("Channel"))
                + pad,
            args: width(&"0".repeat(24), &mono).max(title("Args / result")) + pad,
            duration: width("0000.00 ms", &mono)
                .max(width(&format!("… {}", lang.tr("pending")), &body))
                .max(title("Duration"))
                + pad,
        }
    }
}

/// Up and down move the selection through the shown rows (when no text field has focus);
/// returns the new position to scroll to.
fn arrow_keys(view: &mut View, ui: &egui::Ui, shown: usize) -> Option<usize> {
    if shown == 0 || ui.ctx().text_edit_focused() {
        return None;
    }
    let (up, down) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::ArrowDown),
        )
    });
    if !up && !down {
        return None;
    }
    let current = view.selected.and_then(|i| view.model.visible_position(i));
    let position = match (current, down) {
        (None, _) => shown - 1,
        (Some(p), true) => (p + 1).min(shown - 1),
        (Some(p), false) => p.saturating_sub(1),
    };
    view.selected = view.model.visible_row(position).map(|(index, _)| index);
    Some(position)
}

/// The one-line preview: args, and for a paired row `→ result` or `✖ error`. Electron's errors
/// that read as a contradiction are put plainly (the detail pane keeps Electron's words).
pub fn summary(row: &Row, lang: Lang) -> String {
    let entry = &row.entry;
    match row.kind {
        RowKind::Console | RowKind::Error => {
            let t = plain_words::error(text(entry, "text"), lang);
            let first = t.lines().next().unwrap_or_default();
            let level = text(entry, "level");
            let line = if level.is_empty() {
                first.to_string()
            } else {
                format!("[{level}] {first}")
            };
            if t.lines().nth(1).is_some() {
                format!("{line} …")
            } else {
                line
            }
        }
        RowKind::Lifecycle => {
            let mut parts = vec![text(entry, "event").to_string()];
            for key in ["key", "url", "pid", "reason", "exitCode"] {
                let v = field(entry, key);
                if !v.is_null() {
                    parts.push(format!("{key}={}", preview(v, 80)));
                }
            }
            parts.join(" ")
        }
        RowKind::Listener => format!("{}.{}", text(entry, "process"), text(entry, "op")),
        _ => {
            // A result whose request is not in the log has no args to show.
            let request = if row.is_lone_result() {
                String::from("…")
            } else {
                format!(
                    "{}{}",
                    style::marks(entry),
                    preview(field(entry, "args"), PREVIEW_CHARS)
                )
            };
            // What the debugger did to the result shows after the arrow, as for the request.
            match row.answer() {
                Some(result) if Outcome::failed(result) => format!(
                    "{request} → {}⚠ {}",
                    style::marks(result),
                    plain_words::error(text(result, "error"), lang)
                ),
                Some(result) => format!(
                    "{request} → {}{}",
                    style::marks(result),
                    preview(field(result, "result"), PREVIEW_CHARS)
                ),
                None => request,
            }
        }
    }
}
