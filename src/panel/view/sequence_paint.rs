//! Painting the Sequence tab and where things are on it (`Layout`): lane headers, the
//! contextBridge wall, lifelines, spans (a handler at work, a page blocked in sendSync, cause
//! links), one step's arrow or marker, and held messages as dashed arrows. The tab
//! (`sequence.rs`) decides what is in view.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::text::{LayoutJob, TextWrapping};
use eframe::egui::{self, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, TextStyle};

use super::{style, View};
use crate::core::debugger::Held;
use crate::journal::Kind;
use crate::panel::explain;
use crate::panel::i18n::Lang;
use crate::panel::model::sequence::{Lane, Shape as Drawn, Span, SpanKind, Tone, ARROW_UNITS};
use crate::panel::model::{text, Model, RowKind};

/// Width left of the first lane for the seq numbers.
pub(super) const GUTTER: f32 = 52.0;
/// Room right of main for cause links.
pub(super) const RIGHT: f32 = 56.0;

/// Where things are: lanes' x, steps' y.
pub(super) struct Layout {
    pub(super) origin: Pos2,
    pub(super) unit: f32,
    pub(super) column: f32,
    /// Of the whole diagram, gutter to right margin.
    pub(super) width: f32,
}

impl Layout {
    pub(super) fn x(&self, model: &Model, lane: Lane) -> f32 {
        self.origin.x + GUTTER + self.column * (model.sequence.column(lane) as f32 + 0.5)
    }

    pub(super) fn wall(&self, model: &Model, wc: u32) -> f32 {
        (self.x(model, Lane::Page(wc)) + self.x(model, Lane::Preload(wc))) / 2.0
    }

    pub(super) fn top(&self, units: u32) -> f32 {
        self.origin.y + units as f32 * self.unit
    }

    /// The y of a step's line (an arrow) or middle (a marker).
    pub(super) fn line(&self, model: &Model, step: u32) -> Option<f32> {
        let s = model.sequence.step(step)?;
        Some(match s.shape {
            Drawn::Arrow(_) => self.top(s.top) + self.unit * (ARROW_UNITS as f32 - 0.5),
            Drawn::Marker { .. } => self.top(s.top) + self.unit * 0.5,
        })
    }
}

pub(super) fn font(ui: &egui::Ui, style: TextStyle) -> FontId {
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

pub(super) fn paint_header(
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
pub(super) fn paint_band(
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

pub(super) fn paint_lifelines(
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

pub(super) fn paint_span(
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
pub(super) struct Paint<'a> {
    pub(super) painter: &'a egui::Painter,
    pub(super) layout: &'a Layout,
    pub(super) model: &'a Model,
    pub(super) visuals: &'a egui::Visuals,
    /// The selected log row.
    pub(super) selected: Option<usize>,
    pub(super) lang: Lang,
}

/// Paints one step and makes it clickable; returns Some(shift held) when it was clicked.
pub(super) fn paint_step(ui: &mut egui::Ui, on: &Paint, index: u32) -> Option<bool> {
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
pub(super) fn paint_held(
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
