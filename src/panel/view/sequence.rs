//! The Sequence tab: the model's lanes and arrows painted with egui's painter, only the steps in
//! view, following the tail live. A click on an arrow selects its log row (and the detail pane
//! shows it); a row selected in the log is scrolled to here. The bar above holds step-through
//! (every delivery held, Next lets one through), the pace, and the exports.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use eframe::egui::text::{LayoutJob, TextWrapping};
use eframe::egui::{
    self, Color32, ColorImage, FontId, Pos2, Rect, RichText, Sense, Shape, Stroke, TextStyle,
};

use super::{style, Action, View};
use crate::core::debugger::{DebugView, Held};
use crate::core::Command;
use crate::journal::Kind;
use crate::panel::explain;
use crate::panel::export;
use crate::panel::i18n::Lang;
use crate::panel::model::sequence::{Lane, Shape as Drawn, Span, SpanKind, Tone, ARROW_UNITS};
use crate::panel::model::{text, Model, RowKind};

/// The paces offered: deliveries spaced N × 100 ms apart (1: as they come).
pub const PACES: [(u32, &str); 3] = [(1, "1x"), (4, "1/4x"), (10, "1/10x")];

/// Width left of the first lane for the seq numbers.
const GUTTER: f32 = 52.0;
/// Room right of main for cause links.
const RIGHT: f32 = 56.0;
const MIN_COLUMN: f32 = 48.0;

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

/// Where things are: lanes' x, steps' y.
struct Layout {
    origin: Pos2,
    unit: f32,
    column: f32,
    /// Of the whole diagram, gutter to right margin.
    width: f32,
}

impl Layout {
    fn x(&self, model: &Model, lane: Lane) -> f32 {
        self.origin.x + GUTTER + self.column * (model.sequence.column(lane) as f32 + 0.5)
    }

    fn wall(&self, model: &Model, wc: u32) -> f32 {
        (self.x(model, Lane::Page(wc)) + self.x(model, Lane::Preload(wc))) / 2.0
    }

    fn top(&self, units: u32) -> f32 {
        self.origin.y + units as f32 * self.unit
    }

    /// The y of a step's line (an arrow) or middle (a marker).
    fn line(&self, model: &Model, step: u32) -> Option<f32> {
        let s = model.sequence.step(step)?;
        Some(match s.shape {
            Drawn::Arrow(_) => self.top(s.top) + self.unit * (ARROW_UNITS as f32 - 0.5),
            Drawn::Marker { .. } => self.top(s.top) + self.unit * 0.5,
        })
    }
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

fn font(ui: &egui::Ui, style: TextStyle) -> FontId {
    style.resolve(ui.style())
}

/// A one-line text, cut with `…` to `max` points wide.
fn galley(
    painter: &egui::Painter,
    text: String,
    font: FontId,
    color: Color32,
    max: f32,
) -> Arc<egui::Galley> {
    let mut job = LayoutJob::simple_singleline(text, font, color);
    job.wrap = TextWrapping::truncate_at_width(max.max(12.0));
    painter.layout_job(job)
}

fn paint_header(
    view: &View,
    ui: &egui::Ui,
    layout: &Layout,
    rect: Rect,
    lanes: &[Lane],
    lang: Lang,
) {
    let painter = ui.painter();
    let visuals = ui.visuals();
    painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
    let strong = visuals.strong_text_color();
    let body = font(ui, TextStyle::Body);
    let small = font(ui, TextStyle::Small);
    for lane in lanes {
        let x = layout.x(&view.model, *lane);
        let title = explain::lane_title(*lane, lang);
        let g = galley(
            painter,
            title.clone(),
            body.clone(),
            strong,
            layout.column - 8.0,
        );
        let at = Pos2::new(x - g.size().x / 2.0, rect.min.y + 2.0);
        let place = Rect::from_min_size(at, g.size());
        painter.galley(at, g, strong);
        // Named for screen readers (and tests): the title may be cut on screen.
        let response = ui.interact(place, ui.scope_id().with(("lane", *lane)), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &title));
        response.on_hover_text(explain::lane_help(*lane, lang));
    }
    for window in view.model.sequence.windows() {
        let x = layout.wall(&view.model, window.wc);
        let g = galley(
            painter,
            "contextBridge".into(),
            small.clone(),
            style::on(visuals, BRIDGE),
            layout.column,
        );
        let at = Pos2::new(x - g.size().x / 2.0, rect.max.y - g.size().y - 2.0);
        let place = Rect::from_min_size(at, g.size());
        painter.galley(at, g, BRIDGE);
        ui.interact(
            place,
            ui.scope_id().with(("bridge", window.wc)),
            Sense::hover(),
        )
        .on_hover_text(explain::bridge_help(lang));
    }
}

/// The contextBridge's wall.
const BRIDGE: Color32 = Color32::from_rgb(176, 136, 80);

#[allow(clippy::too_many_arguments)]
fn paint_band(
    painter: &egui::Painter,
    layout: &Layout,
    model: &Model,
    visuals: &egui::Visuals,
    selected: Option<u32>,
    span: Option<Range<u32>>,
    clip: Rect,
) {
    let band = |step: u32, color: Color32| {
        if let Some(s) = model.sequence.step(step) {
            let rect = Rect::from_x_y_ranges(
                clip.x_range(),
                layout.top(s.top)..=layout.top(s.top + s.units()),
            );
            if rect.intersects(clip) {
                painter.rect_filled(rect, 2.0, color);
            }
        }
    };
    if let Some(range) = span {
        let top = model.sequence.step(range.start).map(|s| layout.top(s.top));
        let bottom = model
            .sequence
            .step(range.end.saturating_sub(1))
            .map(|s| layout.top(s.top + s.units()));
        if let (Some(top), Some(bottom)) = (top, bottom) {
            let rect = Rect::from_x_y_ranges(clip.x_range(), top..=bottom).intersect(clip);
            if rect.is_positive() {
                painter.rect_filled(rect, 0.0, visuals.selection.bg_fill.gamma_multiply(0.25));
            }
        }
    }
    if let Some(step) = selected {
        let fill = visuals.selection.bg_fill.gamma_multiply(0.35);
        band(step, fill);
        if let Some(pair) = model
            .sequence
            .step(step)
            .and_then(|s| s.arrow())
            .and_then(|a| a.pair)
        {
            band(pair, fill);
        }
    }
}

fn paint_lifelines(
    painter: &egui::Painter,
    layout: &Layout,
    model: &Model,
    lanes: &[Lane],
    visuals: &egui::Visuals,
    clip: Rect,
    steps: &Range<u32>,
) {
    let sequence = &model.sequence;
    let faint = visuals.weak_text_color().gamma_multiply(0.6);
    let step_top = |i: u32| sequence.step(i).map(|s| layout.top(s.top));
    for lane in lanes {
        let x = layout.x(model, *lane);
        let (top, bottom) = match lane
            .window()
            .and_then(|wc| sequence.windows().iter().find(|w| w.wc == wc))
        {
            Some(w) => (
                step_top(w.born).unwrap_or(clip.min.y),
                w.closed.and_then(step_top).unwrap_or(clip.max.y),
            ),
            None => (clip.min.y, clip.max.y),
        };
        let (top, bottom) = (top.max(clip.min.y), bottom.min(clip.max.y));
        if top < bottom {
            painter.extend(Shape::dashed_line(
                &[Pos2::new(x, top), Pos2::new(x, bottom)],
                Stroke::new(1.0, faint),
                5.0,
                4.0,
            ));
        }
    }
    // The wall between each page and its preload, with a door where a message goes through.
    for window in sequence.windows() {
        let x = layout.wall(model, window.wc);
        let top = step_top(window.born).unwrap_or(clip.min.y).max(clip.min.y);
        let bottom = window
            .closed
            .and_then(step_top)
            .unwrap_or(clip.max.y)
            .min(clip.max.y);
        if top >= bottom {
            continue;
        }
        let brick = style::on(visuals, BRIDGE).gamma_multiply(0.8);
        let mut y = top - (top - layout.origin.y) % 10.0;
        while y < bottom {
            let rect = Rect::from_min_max(
                Pos2::new(x - 3.0, y.max(top)),
                Pos2::new(x + 3.0, (y + 8.0).min(bottom)),
            );
            if rect.is_positive() {
                painter.rect_filled(rect, 0.0, brick);
            }
            y += 10.0;
        }
        for index in steps.clone() {
            let Some(arrow) = sequence.step(index).and_then(|s| s.arrow()) else {
                continue;
            };
            if arrow.wc == window.wc && arrow.crosses_bridge() {
                if let Some(line) = layout.line(model, index) {
                    let door = Rect::from_center_size(
                        Pos2::new(x, line),
                        egui::vec2(9.0, layout.unit * 0.9),
                    );
                    painter.rect_filled(door, 1.0, visuals.extreme_bg_color);
                    painter.rect_stroke(
                        door,
                        1.0,
                        Stroke::new(1.5, style::on(visuals, BRIDGE)),
                        egui::StrokeKind::Inside,
                    );
                }
            }
        }
    }
}

fn paint_span(
    painter: &egui::Painter,
    layout: &Layout,
    model: &Model,
    visuals: &egui::Visuals,
    span: &Span,
    clip: Rect,
    lang: Lang,
) {
    let from = layout.line(model, span.from).unwrap_or(clip.min.y);
    let to = span
        .to
        .and_then(|to| layout.line(model, to))
        .unwrap_or(clip.max.y + layout.unit);
    let (top, bottom) = (from.max(clip.min.y - 4.0), to.min(clip.max.y + 4.0));
    if top >= bottom && span.kind != SpanKind::Cause {
        return;
    }
    match span.kind {
        SpanKind::Handling => {
            let x = layout.x(model, Lane::Main);
            let color = style::on(visuals, style::kind_color(RowKind::Invoke));
            let rect = Rect::from_x_y_ranges((x - 4.0)..=(x + 4.0), top..=bottom);
            painter.rect_filled(rect, 1.0, color.gamma_multiply(0.35));
            painter.rect_stroke(rect, 1.0, Stroke::new(1.0, color), egui::StrokeKind::Inside);
        }
        SpanKind::Blocked => {
            let x = layout.x(model, Lane::Page(span.wc));
            let half = layout.column * 0.3;
            let rect = Rect::from_x_y_ranges((x - half)..=(x + half), top..=bottom);
            painter.rect_filled(rect, 2.0, style::WARN.gamma_multiply(0.18));
            // Hatched: the page can do nothing meanwhile. Lines anchored to the diagram, not the
            // screen, so they do not crawl while it scrolls.
            let hatch = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
            let stroke = Stroke::new(1.0, style::WARN.gamma_multiply(0.45));
            let height = rect.height();
            let mut d = -height - (rect.min.y - layout.origin.y) % 10.0;
            while d < rect.width() {
                let a = Pos2::new(rect.min.x + d, rect.max.y);
                let b = Pos2::new(rect.min.x + d + height, rect.min.y);
                hatch.line_segment([a, b], stroke);
                d += 10.0;
            }
            if from >= clip.min.y {
                hatch.text(
                    Pos2::new(x, from + 3.0),
                    egui::Align2::CENTER_TOP,
                    lang.tr("page frozen"),
                    FontId::proportional(layout.unit * 0.45),
                    style::on(visuals, style::WARN),
                );
            }
        }
        SpanKind::Cause => {
            let x = layout.x(model, Lane::Main) + 6.0;
            let bend = x + RIGHT - 10.0;
            let curve = egui::epaint::CubicBezierShape::from_points_stroke(
                [
                    Pos2::new(x, from),
                    Pos2::new(bend, from),
                    Pos2::new(bend, to),
                    Pos2::new(x, to),
                ],
                false,
                Color32::TRANSPARENT,
                Stroke::NONE,
            );
            let color = style::on(visuals, style::WARN);
            let points = curve.flatten(Some(0.5));
            painter.extend(Shape::dashed_line(
                &points,
                Stroke::new(1.5, color),
                4.0,
                3.0,
            ));
            arrow_head(painter, Pos2::new(x, to), -1.0, color, true);
        }
    }
}

/// A triangle pointing along x (`dir`: 1 right, -1 left) with its tip at `tip`.
fn arrow_head(painter: &egui::Painter, tip: Pos2, dir: f32, color: Color32, filled: bool) {
    let back = tip.x - dir * 9.0;
    let a = Pos2::new(back, tip.y - 5.0);
    let b = Pos2::new(back, tip.y + 5.0);
    if filled {
        painter.add(Shape::convex_polygon(vec![tip, a, b], color, Stroke::NONE));
    } else {
        painter.line_segment([a, tip], Stroke::new(1.5, color));
        painter.line_segment([b, tip], Stroke::new(1.5, color));
    }
}

/// What painting a step needs.
struct Paint<'a> {
    painter: &'a egui::Painter,
    layout: &'a Layout,
    model: &'a Model,
    visuals: &'a egui::Visuals,
    /// The selected log row.
    selected: Option<usize>,
    lang: Lang,
}

/// Paints one step and makes it clickable; returns Some(shift held) when it was clicked.
fn paint_step(ui: &mut egui::Ui, on: &Paint, index: u32) -> Option<bool> {
    let Paint {
        painter,
        layout,
        model,
        visuals,
        selected,
        lang,
    } = *on;
    let step = model.sequence.step(index)?;
    let entry = model.step_entry(step)?;
    let top = layout.top(step.top);
    // Proportional: a page's call and the IPC code both fit beside their lanes.
    let mono = font(ui, TextStyle::Body);
    let weak = visuals.weak_text_color();
    // The seq, as in the log's first column.
    painter.text(
        Pos2::new(layout.origin.x + 4.0, top + layout.unit * 0.5),
        egui::Align2::LEFT_CENTER,
        format!("#{}", step.seq),
        font(ui, TextStyle::Small),
        weak,
    );
    let (rect, label) = match &step.shape {
        Drawn::Arrow(arrow) => {
            let line = top + layout.unit * (ARROW_UNITS as f32 - 0.5);
            let x1 = layout.x(model, arrow.from);
            let x2 = layout.x(model, arrow.to);
            let base = if arrow.failed {
                style::ERROR
            } else {
                style::kind_color(RowKind::of(Some(arrow.kind)))
            };
            let color = style::on(visuals, base);
            let stroke = Stroke::new(2.0, color);
            if arrow.is_answer() {
                painter.extend(Shape::dashed_line(
                    &[Pos2::new(x1, line), Pos2::new(x2, line)],
                    stroke,
                    6.0,
                    4.0,
                ));
            } else {
                painter.line_segment([Pos2::new(x1, line), Pos2::new(x2, line)], stroke);
            }
            let dir = if x2 >= x1 { 1.0 } else { -1.0 };
            if arrow.lost {
                let c = style::on(visuals, style::ERROR);
                let s = 6.0;
                for (a, b) in [((-s, -s), (s, s)), ((-s, s), (s, -s))] {
                    painter.line_segment(
                        [
                            Pos2::new(x2 + a.0, line + a.1),
                            Pos2::new(x2 + b.0, line + b.1),
                        ],
                        Stroke::new(3.0, c),
                    );
                }
            } else {
                arrow_head(painter, Pos2::new(x2, line), dir, color, !arrow.is_answer());
            }
            if arrow.crosses_preload() && !arrow.lost {
                // The preload's ipcRenderer passes it on.
                let px = layout.x(model, Lane::Preload(arrow.wc));
                painter.circle_filled(Pos2::new(px, line), 3.0, color);
            }
            let label_y = top + 1.0;
            // Labels sit on the row above the line and may run on to the diagram's right edge:
            // only this arrow's words are on that row.
            let right_edge = layout.origin.x + layout.width - 8.0;
            let code = explain::code_label(arrow.kind, entry);
            match (&arrow.call, arrow.from) {
                (Some(path), Lane::Page(wc)) => {
                    // The page's call ends at the door in the contextBridge.
                    let door = layout.wall(model, wc) - 8.0;
                    let call = explain::call_label(path, entry);
                    let g = galley(
                        painter,
                        call,
                        mono.clone(),
                        visuals.strong_text_color(),
                        door - (layout.origin.x + GUTTER),
                    );
                    painter.galley(Pos2::new(door - g.size().x, label_y), g, color);
                    let preload = layout.x(model, Lane::Preload(wc));
                    let g = galley(
                        painter,
                        code,
                        mono.clone(),
                        color,
                        right_edge - preload - 8.0,
                    );
                    painter.galley(Pos2::new(preload + 8.0, label_y), g, color);
                }
                _ => {
                    // The IPC code sits right of the preload, where ipcRenderer lives.
                    let left = x1.min(x2).max(layout.x(model, Lane::Preload(arrow.wc)));
                    let g = galley(painter, code, mono.clone(), color, right_edge - left - 8.0);
                    painter.galley(Pos2::new(left + 8.0, label_y), g, color);
                }
            }
            if let Some(took) = explain::duration_label(entry) {
                let main = layout.x(model, Lane::Main);
                painter.text(
                    Pos2::new(main + 10.0, line),
                    egui::Align2::LEFT_CENTER,
                    took,
                    font(ui, TextStyle::Small),
                    visuals.text_color(),
                );
            }
            let rect = Rect::from_x_y_ranges(
                (x1.min(x2) - 8.0)..=(x1.max(x2) + 8.0),
                top..=(top + layout.unit * ARROW_UNITS as f32),
            );
            (rect, explain::arrow_label(arrow, entry))
        }
        Drawn::Marker { lane, tone } => {
            let x = layout.x(model, *lane);
            let y = top + layout.unit * 0.5;
            let color = match tone {
                Tone::Bad => style::on(visuals, style::ERROR),
                Tone::Quiet => weak,
                Tone::Normal => style::on(visuals, style::ACCENT),
            };
            let kind = Kind::of(entry);
            if kind == Some(Kind::Listener) {
                // A listener: a small ear on its lane.
                painter.rect_filled(
                    Rect::from_center_size(Pos2::new(x, y), egui::vec2(8.0, 8.0)),
                    1.0,
                    color,
                );
            } else {
                painter.circle_filled(Pos2::new(x, y), 4.0, color);
            }
            let text = kind
                .map(|k| explain::marker_label(k, entry, lang))
                .unwrap_or_default();
            let small = font(ui, TextStyle::Small);
            let right_edge = layout.origin.x + layout.width - 4.0;
            let max = (layout.column * 1.6).min(right_edge - x - 10.0);
            let g = galley(painter, text.clone(), small, color, max);
            let size = g.size();
            painter.galley(Pos2::new(x + 8.0, y - size.y / 2.0), g, color);
            let rect = Rect::from_min_max(
                Pos2::new(x - 6.0, top),
                Pos2::new(x + 10.0 + size.x, top + layout.unit),
            );
            (rect, text)
        }
    };
    let response = ui.interact(rect, ui.scope_id().with(("step", index)), Sense::click());
    let is_selected = selected == Some(step.row as usize);
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, &label));
    let clicked = response.clicked();
    let shift = ui.input(|i| i.modifiers.shift);
    response.on_hover_text(format!(
        "#{}  {}\n{label}",
        step.seq,
        style::clock(text(entry, "time"))
    ));
    clicked.then_some(shift)
}

#[allow(clippy::too_many_arguments)]
fn paint_held(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    layout: &Layout,
    model: &Model,
    visuals: &egui::Visuals,
    held: &Held,
    top: u32,
    lang: Lang,
) {
    let wc = held.web_contents_id;
    let (from, to) = if held.kind.is_to_main() {
        (Lane::Page(wc), Lane::Main)
    } else {
        (Lane::Main, Lane::Page(wc))
    };
    let y = layout.top(top);
    let line = y + layout.unit * (ARROW_UNITS as f32 - 0.5);
    let (x1, x2) = (layout.x(model, from), layout.x(model, to));
    let color = style::on(visuals, style::WARN);
    painter.extend(Shape::dashed_line(
        &[Pos2::new(x1, line), Pos2::new(x2, line)],
        Stroke::new(2.0, color),
        4.0,
        4.0,
    ));
    arrow_head(
        painter,
        Pos2::new(x2, line),
        if x2 >= x1 { 1.0 } else { -1.0 },
        color,
        false,
    );
    let code = explain::held_label(held.kind, &held.channel, &held.args);
    let wait = lang.tr("held: Next lets it through");
    let text = format!("{code}   {wait}");
    let body = font(ui, TextStyle::Body);
    // As for a delivered arrow: the code right of the preload, what to do left of the wall.
    let preload = layout.x(model, Lane::Preload(wc));
    let right_edge = layout.origin.x + layout.width - 8.0;
    let g = galley(
        painter,
        code,
        body.clone(),
        color,
        right_edge - preload - 8.0,
    );
    painter.galley(Pos2::new(preload + 8.0, y + 1.0), g, color);
    let door = layout.wall(model, wc) - 8.0;
    let g = galley(
        painter,
        wait.to_string(),
        body,
        color,
        door - (layout.origin.x + GUTTER),
    );
    painter.galley(Pos2::new(door - g.size().x, y + 1.0), g, color);
    let (left, right) = (x1.min(x2), x1.max(x2));
    let rect = Rect::from_x_y_ranges(
        (left - 8.0)..=(right + 8.0),
        y..=(y + layout.unit * ARROW_UNITS as f32),
    );
    let response = ui.interact(rect, ui.scope_id().with(("held", held.id)), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
}
