//! The Sequence tab: the model's lanes and arrows (painted by `sequence_paint.rs`), only the steps
//! in view, following the tail live. A click on an arrow selects its log row (and the detail pane
//! shows it); a row selected in the log is scrolled to here. The bar above holds step-through
//! (every delivery held, Next lets one through), the pace, and the exports.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use eframe::egui::{self, ColorImage, Pos2, Rect, RichText, Sense, TextStyle};

use super::{style, Action, View};
use crate::core::debugger::{DebugView, Held};
use crate::core::Command;
use crate::panel::export;
use crate::panel::i18n::Lang;
use crate::panel::model::sequence::ARROW_UNITS;
use crate::panel::model::Model;

/// The paces offered: deliveries spaced N × 100 ms apart (1: as they come).
pub const PACES: [(u32, &str); 3] = [(1, "1x"), (4, "1/4x"), (10, "1/10x")];

pub(super) const MIN_COLUMN: f32 = 48.0;

/// Where the integration puts the screenshot it was asked for.
type Screenshot = Arc<Mutex<Option<Arc<ColorImage>>>>;

/// The tab's own state; the model and the selection live in `View`.
#[derive(Default)]
pub struct SequenceUi {
    /// The selection as this tab last saw it: when it changes elsewhere, scroll to it.
    seen: Option<usize>,
    /// Steps to export, marked by a click and a shift-click.
    pub span: Option<(u32, u32)>,
    /// The diagram on screen, for the PNG.
    shown: Option<Rect>,
    /// A screenshot asked of the integration: where the diagram was, and where it will come.
    shot: Option<(Rect, Screenshot)>,
}

impl SequenceUi {
    /// Steps to export: the marked span, or everything.
    pub fn scope(&self, model: &Model) -> Range<u32> {
        match self.span {
            Some((a, b)) => a.min(b)..a.max(b) + 1,
            None => 0..model.sequence.steps().len() as u32,
        }
    }

    /// Where the diagram was last drawn, header included.
    #[cfg(test)]
    pub fn shown(&self) -> Option<Rect> {
        self.shown
    }

    pub fn new_run(&mut self) {
        self.seen = None;
        self.span = None;
    }
}

pub fn ui(view: &mut View, ui: &mut egui::Ui, debug: &DebugView) {
    let lang = view.settings.lang;
    toolbar(view, ui, debug, lang);
    keys(view, ui, debug);
    ui.separator();
    receive_screenshot(view, ui);
    diagram(view, ui, &debug.held, lang);
}

fn toolbar(view: &mut View, ui: &mut egui::Ui, debug: &DebugView, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        let mut stepping = debug.stepping;
        let label = RichText::new(lang.tr("Step through")).strong();
        if ui
            .toggle_value(&mut stepping, label)
            .on_hover_text(lang.tr(
                "Hold every message, both ways, before it is delivered; Next lets one through.",
            ))
            .changed()
        {
            view.actions
                .push(Action::Core(Command::SetStepping(stepping)));
        }
        let next = ui
            .add_enabled(
                debug.stepping || !debug.held.is_empty(),
                egui::Button::new(RichText::new(format!("{} ▶", lang.tr("Next"))).strong()),
            )
            .on_hover_text(lang.tr("Let the oldest held message through (space or →)."));
        if next.clicked() {
            view.actions.push(Action::Core(Command::Step));
        }
        if !debug.held.is_empty() {
            ui.label(
                RichText::new(format!("{} {}", debug.held.len(), lang.tr("held")))
                    .color(style::WARN)
                    .strong(),
            );
        }
        ui.separator();
        ui.add(egui::Label::new(lang.tr("Speed")).extend());
        for (pace, name) in PACES {
            let current = debug.pace.max(1) == pace;
            if ui.selectable_label(current, name).clicked() && !current {
                view.actions.push(Action::Core(Command::SetPace(pace)));
            }
        }
        ui.separator();
        let scope = match view.sequence.span {
            Some((a, b)) => {
                let steps = view.model.sequence.steps();
                let seq = |i: u32| steps.get(i as usize).map_or(0, |s| s.seq);
                format!(
                    "{} #{}–#{}",
                    lang.tr("Export"),
                    seq(a.min(b)),
                    seq(a.max(b))
                )
            }
            None => format!("{} ({})", lang.tr("Export"), lang.tr("all")),
        };
        ui.label(scope).on_hover_text(
            lang.tr(
                "Click an arrow, then shift-click another to export only the steps between them.",
            ),
        );
        if view.sequence.span.is_some() && ui.small_button("×").clicked() {
            view.sequence.span = None;
        }
        let range = view.sequence.scope(&view.model);
        if ui.button("SVG").clicked() {
            let svg = export::svg(&view.model, range.clone(), lang);
            view.actions.push(Action::SaveFile {
                name: "sequence.svg".into(),
                bytes: svg.into_bytes(),
            });
        }
        if ui.button("Mermaid").clicked() {
            let text = export::mermaid(&view.model, range, lang);
            view.actions.push(Action::SaveFile {
                name: "sequence.mmd".into(),
                bytes: text.into_bytes(),
            });
        }
        if ui
            .button("PNG")
            .on_hover_text(lang.tr("A picture of the diagram as it is on screen."))
            .clicked()
        {
            if let Some(rect) = view.sequence.shown {
                let slot: Screenshot = Arc::default();
                let filled = slot.clone();
                let wake = ui.ctx().clone();
                ui.ctx().request_screenshot(move |image| {
                    if let Ok(mut slot) = filled.lock() {
                        *slot = Some(image);
                    }
                    wake.request_repaint();
                });
                view.sequence.shot = Some((rect, slot));
            }
        }
    });
}

/// Space and the right arrow key do what Next does, while something is held or stepping is on.
fn keys(view: &mut View, ui: &egui::Ui, debug: &DebugView) {
    let ctx = ui.ctx();
    let holding = debug.stepping || !debug.held.is_empty();
    if ctx.text_edit_focused() || !holding {
        return;
    }
    // A focused button takes the space bar itself.
    let space_free = ctx.memory(|m| m.focused()).is_none();
    let presses = ui.input(|i| {
        i.events
            .iter()
            .filter(|e| match e {
                // A key held down repeats: only the press itself counts.
                egui::Event::Key {
                    key,
                    pressed: true,
                    repeat: false,
                    ..
                } => *key == egui::Key::ArrowRight || (*key == egui::Key::Space && space_free),
                _ => false,
            })
            .count()
    });
    for _ in 0..presses {
        view.actions.push(Action::Core(Command::Step));
    }
}

/// A screenshot asked for last frame has come: the diagram's part of it, as PNG.
fn receive_screenshot(view: &mut View, ui: &egui::Ui) {
    let Some((rect, slot)) = &view.sequence.shot else {
        return;
    };
    let Some(image) = slot.lock().ok().and_then(|mut s| s.take()) else {
        return;
    };
    let rect = *rect;
    view.sequence.shot = None;
    let cropped = crop(&image, rect, ui.ctx().pixels_per_point());
    match export::png(&cropped) {
        Ok(bytes) => view.actions.push(Action::SaveFile {
            name: "sequence.png".into(),
            bytes,
        }),
        Err(err) => view.notice = Some(format!("cannot make the PNG: {err}")),
    }
}

/// The part of a screenshot under `rect` (in points), clipped to the picture.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> ColorImage {
    let [w, h] = image.size;
    let ppp = pixels_per_point.max(0.1);
    let bounds = Rect::from_min_max(Pos2::ZERO, Pos2::new(w as f32 / ppp, h as f32 / ppp));
    let clipped = rect.intersect(bounds);
    if !clipped.is_positive() {
        return ColorImage::new([0, 0], Vec::new());
    }
    // Whole pixels inside the picture: `region` must not reach past its edge.
    let x0 = ((clipped.min.x * ppp).floor() as usize).min(w);
    let y0 = ((clipped.min.y * ppp).floor() as usize).min(h);
    let x1 = ((clipped.max.x * ppp).floor() as usize).clamp(x0, w);
    let y1 = ((clipped.max.y * ppp).floor() as usize).clamp(y0, h);
    image.region_by_pixels([x0, y0], [x1 - x0, y1 - y0])
}

fn diagram(view: &mut View, ui: &mut egui::Ui, held: &[Held], lang: Lang) {
    let visuals = ui.visuals().clone();
    let lanes = view.model.sequence.lanes();
    let unit = ui.text_style_height(&TextStyle::Monospace) + 7.0;
    let width = ui.available_width();
    let column = ((width - GUTTER - RIGHT) / lanes.len() as f32).max(MIN_COLUMN);
    // Lane titles stay on top while the diagram scrolls.
    let (header, _) = ui.allocate_exact_size(egui::vec2(width, unit * 1.8), Sense::hover());
    let full = GUTTER + column * lanes.len() as f32 + RIGHT;
    let header_layout = Layout {
        origin: header.min,
        unit,
        column,
        width: full,
    };
    paint_header(view, ui, &header_layout, header, &lanes, lang);
    let body_height = ui.available_height();
    let model = &view.model;
    let sequence = &model.sequence;
    let selected_step = view
        .selected
        .and_then(|i| model.row(i))
        .and_then(|row| sequence.step_by_seq(row.seq));
    // Selected elsewhere (the log, the arrow keys): scroll to it, which stops following the tail.
    let scroll_to = selected_step
        .and_then(|i| sequence.step(i))
        .filter(|_| view.selected != view.sequence.seen)
        .map(|step| (step.top as f32 * unit - body_height / 3.0).max(0.0));
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("sequence")
        .auto_shrink(false)
        .stick_to_bottom(scroll_to.is_none());
    if let Some(offset) = scroll_to {
        scroll = scroll.vertical_scroll_offset(offset);
    }
    let mut clicked: Option<(u32, bool)> = None;
    let output = scroll.show_viewport(ui, |ui, viewport| {
        let total = sequence.height() + held.len() as u32 * ARROW_UNITS + 3;
        ui.set_min_height(total as f32 * unit);
        ui.set_min_width(width - 16.0);
        let layout = Layout {
            origin: ui.min_rect().min,
            unit,
            column,
            width: full,
        };
        let from = viewport.min.y / unit;
        let to = viewport.max.y / unit;
        let steps = sequence.steps_between(from, to);
        let clip = Rect::from_x_y_ranges(
            ui.min_rect().x_range(),
            (layout.origin.y + viewport.min.y)..=(layout.origin.y + viewport.max.y),
        );
        let painter = ui.painter().clone();
        let marked = view.sequence.scope(model);
        paint_band(
            &painter,
            &layout,
            model,
            &visuals,
            selected_step,
            view.sequence.span.map(|_| marked),
            clip,
        );
        paint_lifelines(&painter, &layout, model, &lanes, &visuals, clip, &steps);
        for span in sequence.spans_over(steps.clone()) {
            paint_span(&painter, &layout, model, &visuals, &span, clip, lang);
        }
        for index in steps.clone() {
            let on = Paint {
                painter: &painter,
                layout: &layout,
                model,
                visuals: &visuals,
                selected: view.selected,
                lang,
            };
            if let Some(hit) = paint_step(ui, &on, index) {
                clicked = Some((index, hit));
            }
        }
        if sequence.arrows() == 0 && held.is_empty() {
            // What to do first, under the window's first events.
            let y = layout.top(sequence.height()) + unit;
            let g = painter.layout(
                lang.tr("No message yet: use the lab's window (press its button) and each message is drawn here as it happens.")
                    .to_string(),
                font(ui, TextStyle::Body),
                visuals.weak_text_color(),
                full - GUTTER * 2.0,
            );
            let at = egui::pos2(layout.origin.x + GUTTER, y);
            // Over the lanes and the wall: on a card of its own, so it reads.
            let card = Rect::from_min_size(at, g.size()).expand(6.0);
            painter.rect_filled(card, 4.0, visuals.panel_fill);
            let text = g.text().to_string();
            painter.galley(at, g, visuals.weak_text_color());
            ui.interact(card, ui.scope_id().with("first-hint"), Sense::hover())
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
        }
        let first_held = sequence.height();
        for (i, held) in held.iter().enumerate() {
            let top = first_held + i as u32 * ARROW_UNITS;
            if (top as f32) < to && ((top + ARROW_UNITS) as f32) > from {
                paint_held(ui, &painter, &layout, model, &visuals, held, top, lang);
            }
        }
        clip
    });
    view.sequence.shown = Some(header.union(output.inner));
    if let Some((index, shift)) = clicked {
        let row = view.model.sequence.step(index).map(|s| s.row as usize);
        if shift {
            let anchor = selected_step.unwrap_or(index);
            view.sequence.span = Some((anchor, index));
        } else {
            view.selected = row;
            view.sequence.span = None;
        }
    }
    arrow_keys(view, ui);
    view.sequence.seen = view.selected;
}

/// Up and down move the selection to the previous or next message (no text field focused).
fn arrow_keys(view: &mut View, ui: &egui::Ui) {
    if ui.ctx().text_edit_focused() {
        return;
    }
    let (up, down) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::ArrowDown),
        )
    });
    if !up && !down {
        return;
    }
    let model = &view.model;
    let steps = model.sequence.steps();
    let current = view.selected.and_then(|i| model.row(i)).map(|r| r.seq);
    let at = current.and_then(|seq| model.sequence.step_by_seq(seq));
    let is_other_message = |s: &&crate::panel::model::sequence::Step| {
        s.arrow().is_some() && Some(s.row as usize) != view.selected
    };
    let found = match (at, down) {
        (None, _) => steps.iter().rev().find(is_other_message),
        (Some(at), true) => steps[at as usize + 1..].iter().find(is_other_message),
        (Some(at), false) => steps[..at as usize].iter().rev().find(is_other_message),
    };
    if let Some(step) = found {
        view.selected = Some(step.row as usize);
    }
}

use super::sequence_paint::{
    font, paint_band, paint_header, paint_held, paint_lifelines, paint_span, paint_step, Layout,
    Paint, GUTTER, RIGHT,
};
