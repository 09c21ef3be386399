//! The sequence diagram as files, for slides and notes: SVG (drawn as the panel draws it) and
//! Mermaid `sequenceDiagram` text, of all steps or a span of them. The PNG of what is on screen
//! is encoded here too; the view takes the screenshot.

use std::fmt::Write as _;
use std::ops::Range;

use eframe::egui::{Color32, ColorImage};

use super::explain::{lane_title, step_text};
use super::i18n::Lang;
use super::model::sequence::{Lane, Shape, SpanKind, Tone, ARROW_UNITS};
use super::model::{Model, RowKind};
use super::view::style;

const UNIT: f32 = 18.0;
const COLUMN: f32 = 230.0;
const GUTTER: f32 = 56.0;
const HEADER: f32 = 48.0;
const RIGHT: f32 = 70.0;

/// `#rrggbb`, darkened as the panel's light theme darkens it (SVGs go on white slides).
fn hex(color: Color32) -> String {
    let color = style::on(&eframe::egui::Visuals::light(), color);
    format!("#{:02x}{:02x}{:02x}", color.r(), color.g(), color.b())
}

/// Text as XML character data: escaped, and without the characters XML 1.0 forbids.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn color_of(kind: crate::journal::Kind) -> Color32 {
    style::kind_color(RowKind::of(Some(kind)))
}

/// The diagram of steps `range` as an SVG document.
pub fn svg(model: &Model, range: Range<u32>, lang: Lang) -> String {
    let sequence = &model.sequence;
    let steps = &sequence.steps()[range.start as usize..range.end as usize];
    let lanes = sequence.lanes();
    let top = steps.first().map_or(0, |s| s.top);
    let units = steps.last().map_or(0, |s| s.top + s.units() - top);
    let width = GUTTER + COLUMN * lanes.len() as f32 + RIGHT;
    let height = HEADER + units as f32 * UNIT + UNIT;
    let x = |lane: Lane| GUTTER + COLUMN * (sequence.column(lane) as f32 + 0.5);
    let y = |step: u32| match sequence.step(step) {
        Some(s) => HEADER + (s.top.saturating_sub(top)) as f32 * UNIT,
        None => height - UNIT,
    };
    // The line of an arrow, or the middle of a marker.
    let line_y = |step: u32| match sequence.step(step).map(|s| &s.shape) {
        Some(Shape::Arrow(_)) => y(step) + UNIT * (ARROW_UNITS as f32 - 0.5),
        _ => y(step) + UNIT * 0.5,
    };
    let bottom = height - UNIT * 0.5;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Noto Sans CJK SC, Noto Sans, sans-serif" font-size="12">"#
    );
    let _ = writeln!(out, "<title>ipcscope</title>");
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##
    );
    // Lanes and their titles; a wall with doors between each page and its preload.
    for lane in &lanes {
        let lx = x(*lane);
        let _ = writeln!(
            out,
            r##"<text x="{lx:.1}" y="20" text-anchor="middle" font-weight="bold" fill="#333333">{}</text>"##,
            xml(&lane_title(*lane, lang))
        );
        let _ = writeln!(
            out,
            r##"<line x1="{lx:.1}" y1="{:.1}" x2="{lx:.1}" y2="{bottom:.1}" stroke="#999999" stroke-dasharray="4 4"/>"##,
            HEADER - 8.0
        );
    }
    for window in sequence.windows() {
        let wall = (x(Lane::Page(window.wc)) + x(Lane::Preload(window.wc))) / 2.0;
        let _ = writeln!(
            out,
            r##"<text x="{wall:.1}" y="38" text-anchor="middle" font-size="10" fill="#8a6d3b">contextBridge</text>"##
        );
        let _ = writeln!(
            out,
            r##"<line x1="{wall:.1}" y1="{:.1}" x2="{wall:.1}" y2="{bottom:.1}" stroke="#b08850" stroke-width="5" stroke-dasharray="9 2"/>"##,
            HEADER - 4.0
        );
    }
    for span in sequence.spans_over(range.clone()) {
        let from = if span.from < range.start {
            HEADER
        } else {
            line_y(span.from)
        };
        let to = match span.to {
            Some(to) if to < range.end => line_y(to),
            _ => bottom,
        };
        match span.kind {
            SpanKind::Handling => {
                let mx = x(Lane::Main);
                let _ = writeln!(
                    out,
                    r##"<rect x="{:.1}" y="{from:.1}" width="8" height="{:.1}" fill="#d8c8f0" stroke="#8a6fc0"/>"##,
                    mx - 4.0,
                    (to - from).max(1.0)
                );
            }
            SpanKind::Blocked => {
                let px = x(Lane::Page(span.wc));
                let _ = writeln!(
                    out,
                    r##"<rect x="{:.1}" y="{from:.1}" width="{:.1}" height="{:.1}" fill="#f0a030" fill-opacity="0.18"/>"##,
                    px - COLUMN * 0.3,
                    COLUMN * 0.6,
                    (to - from).max(1.0)
                );
            }
            SpanKind::Cause => {
                let mx = x(Lane::Main) + 6.0;
                let bend = mx + 48.0;
                let _ = writeln!(
                    out,
                    r##"<path d="M {mx:.1} {from:.1} C {bend:.1} {from:.1}, {bend:.1} {to:.1}, {mx:.1} {to:.1}" fill="none" stroke="#d08020" stroke-width="1.5" stroke-dasharray="3 3"/>"##
                );
            }
        }
    }
    for (offset, step) in steps.iter().enumerate() {
        let index = range.start + offset as u32;
        let (call, code) = step_text(model, step, lang);
        let sy = y(index);
        let _ = writeln!(
            out,
            r##"<text x="6" y="{:.1}" font-size="10" fill="#999999">#{}</text>"##,
            sy + UNIT * 0.75,
            step.seq
        );
        match &step.shape {
            Shape::Arrow(arrow) => {
                let ly = line_y(index);
                let (x1, x2) = (x(arrow.from), x(arrow.to));
                let color = if arrow.failed {
                    hex(style::ERROR)
                } else {
                    hex(color_of(arrow.kind))
                };
                let dash = if arrow.is_answer() {
                    r#" stroke-dasharray="6 4""#
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    r#"<line x1="{x1:.1}" y1="{ly:.1}" x2="{x2:.1}" y2="{ly:.1}" stroke="{color}" stroke-width="2"{dash}/>"#
                );
                if arrow.lost {
                    let _ = writeln!(
                        out,
                        r#"<path d="M {a:.1} {b:.1} L {c:.1} {d:.1} M {a:.1} {d:.1} L {c:.1} {b:.1}" stroke="{e}" stroke-width="3"/>"#,
                        a = x2 - 7.0,
                        b = ly - 7.0,
                        c = x2 + 7.0,
                        d = ly + 7.0,
                        e = hex(style::ERROR)
                    );
                } else {
                    let back = if x2 > x1 { -9.0 } else { 9.0 };
                    let _ = writeln!(
                        out,
                        r#"<polygon points="{x2:.1},{ly:.1} {:.1},{:.1} {:.1},{:.1}" fill="{color}"/>"#,
                        x2 + back,
                        ly - 5.0,
                        x2 + back,
                        ly + 5.0
                    );
                }
                if arrow.crosses_bridge() {
                    let wall = (x(Lane::Page(arrow.wc)) + x(Lane::Preload(arrow.wc))) / 2.0;
                    let _ = writeln!(
                        out,
                        r##"<rect x="{:.1}" y="{:.1}" width="10" height="16" fill="#ffffff" stroke="#b08850" stroke-width="1.5"/>"##,
                        wall - 5.0,
                        ly - 8.0
                    );
                }
                let text_y = sy + UNIT * 0.8;
                match (call, arrow.from) {
                    (Some(call), Lane::Page(wc)) => {
                        let _ = writeln!(
                            out,
                            r##"<text x="{:.1}" y="{text_y:.1}" fill="#333333">{}</text>"##,
                            x(Lane::Page(wc)) + 6.0,
                            xml(&call)
                        );
                        let _ = writeln!(
                            out,
                            r#"<text x="{:.1}" y="{text_y:.1}" fill="{color}">{}</text>"#,
                            x(Lane::Preload(wc)) + 6.0,
                            xml(&code)
                        );
                    }
                    _ => {
                        let _ = writeln!(
                            out,
                            r#"<text x="{:.1}" y="{text_y:.1}" fill="{color}">{}</text>"#,
                            x1.min(x2) + 6.0,
                            xml(&code)
                        );
                    }
                }
            }
            Shape::Marker { lane, tone } => {
                let mx = x(*lane);
                let my = sy + UNIT * 0.5;
                let color = match tone {
                    Tone::Bad => hex(style::ERROR),
                    Tone::Quiet => "#888888".to_string(),
                    Tone::Normal => "#2a6fb0".to_string(),
                };
                let _ = writeln!(
                    out,
                    r#"<circle cx="{mx:.1}" cy="{my:.1}" r="4" fill="{color}"/>"#
                );
                let _ = writeln!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{color}">{}</text>"#,
                    mx + 8.0,
                    my + 4.0,
                    xml(&code)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Text as Mermaid message text: one line, with `#`, `;`, `%`, `<` and `>` as entity codes
/// (Mermaid ends a statement at `;` and starts a comment at `#` and `%%`).
fn mermaid_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '%' => out.push_str("#37;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    if out.trim().is_empty() {
        out = "…".into();
    }
    out
}

fn participant(lane: Lane) -> String {
    match lane {
        Lane::Page(wc) => format!("P{wc}"),
        Lane::Preload(wc) => format!("R{wc}"),
        Lane::Main => "M".into(),
    }
}

/// The diagram of steps `range` as a Mermaid `sequenceDiagram`.
pub fn mermaid(model: &Model, range: Range<u32>, lang: Lang) -> String {
    let sequence = &model.sequence;
    let mut out = String::from("sequenceDiagram\n");
    for window in sequence.windows() {
        let title = match lang {
            Lang::En => format!("window {}", window.wc),
            Lang::Zh => format!("窗口 {}", window.wc),
        };
        // Mermaid takes a box's first word for its colour when CSS knows it ("window" is a
        // system colour): name the colour so the whole title stays the title.
        let _ = writeln!(out, "    box transparent {}", mermaid_text(&title));
        for lane in [Lane::Page(window.wc), Lane::Preload(window.wc)] {
            let _ = writeln!(
                out,
                "    participant {} as {}",
                participant(lane),
                mermaid_text(&lane_title(lane, lang)).replace("#35;", "")
            );
        }
        let _ = writeln!(out, "    end");
    }
    let _ = writeln!(
        out,
        "    participant M as {}",
        mermaid_text(&lane_title(Lane::Main, lang))
    );
    for index in range.clone() {
        let Some(step) = sequence.step(index) else {
            break;
        };
        let (call, code) = step_text(model, step, lang);
        match &step.shape {
            Shape::Arrow(arrow) => {
                let from = participant(arrow.from);
                let to = participant(arrow.to);
                let mut code = code;
                if let Some(cause) = arrow.cause.and_then(|c| sequence.step(c)) {
                    code = match lang {
                        Lang::En => format!("{code} (while handling #{})", cause.seq),
                        Lang::Zh => format!("{code}（处理 #{} 时发出）", cause.seq),
                    };
                }
                let paired = arrow.pair.filter(|p| range.contains(p));
                if let (Some(call), Lane::Page(wc)) = (&call, arrow.from) {
                    let preload = participant(Lane::Preload(wc));
                    let _ = writeln!(out, "    {from}->>{preload}: {}", mermaid_text(call));
                    let _ = writeln!(out, "    {preload}->>{to}: {}", mermaid_text(&code));
                } else {
                    let line = match (arrow.is_answer(), arrow.lost) {
                        (false, true) => "-x",
                        (false, false) => "->>",
                        (true, _) => "-->>",
                    };
                    let _ = writeln!(out, "    {from}{line}{to}: {}", mermaid_text(&code));
                }
                // main.js at work from a request to its answer, when both are exported.
                if paired.is_some() {
                    let verb = if arrow.is_answer() {
                        "deactivate"
                    } else {
                        "activate"
                    };
                    let _ = writeln!(out, "    {verb} M");
                }
            }
            Shape::Marker { lane, .. } => {
                let _ = writeln!(
                    out,
                    "    Note over {}: {}",
                    participant(*lane),
                    mermaid_text(&code)
                );
            }
        }
    }
    out
}

/// A screenshot as PNG bytes.
pub fn png(image: &ColorImage) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    let data: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|p| p.to_srgba_unmultiplied())
        .collect();
    writer.write_image_data(&data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

#[cfg(test)]
pub(crate) mod tests;
