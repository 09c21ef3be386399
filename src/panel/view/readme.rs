//! A lab's README.md drawn readably: `#` headings, paragraphs with their lines joined, `code`
//! in monospace and **bold** in bold. Enough for the samples' READMEs; not a Markdown engine.
//! The strip above the tabs shows the current language's text first and the other one folded.

use std::path::Path;

use eframe::egui::{self, text::LayoutJob, FontId, RichText, TextFormat, TextStyle};

use crate::panel::i18n::Lang;
use crate::panel::settings::Settings;

/// The README strip: folded or open (remembered), at most about a sixth of the window high (it
/// scrolls past that), so the log keeps its rows on a projector.
pub fn strip(ui: &mut egui::Ui, markdown: &str, lab: &Path, settings: &mut Settings) {
    let lang = settings.lang;
    let arrow = if settings.readme_open { "▼" } else { "▶" };
    if ui
        .selectable_label(
            false,
            RichText::new(format!("{arrow} {}", lang.tr("README"))).strong(),
        )
        .clicked()
    {
        settings.readme_open = !settings.readme_open;
    }
    if !settings.readme_open {
        return;
    }
    let (mine, others) = by_language(&blocks(markdown), lang);
    let height = (ui.ctx().content_rect().height() * 0.18).max(60.0);
    // The top panel offers only the height it had last frame: ask for the room outright, as
    // much as the text took last frame, up to the limit.
    let needed_id = ui.scope_id().with(("readme-height", lab));
    let needed: f32 = ui.data(|d| d.get_temp(needed_id)).unwrap_or(height);
    let out = egui::ScrollArea::vertical()
        // Each lab scrolls on its own: a new lab's README starts at its top.
        .id_salt(("readme", lab))
        .max_height(height)
        .min_scrolled_height(needed.min(height))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            draw(ui, &mine);
            if !others.is_empty() {
                egui::CollapsingHeader::new(lang.tr("Other languages"))
                    .id_salt(("readme-others", lab))
                    .default_open(false)
                    .show(ui, |ui| draw(ui, &others));
            }
        });
    if (out.content_size.y - needed).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(needed_id, out.content_size.y));
        ui.ctx().request_repaint();
    }
}

/// The whole README, every language, as written.
pub fn ui(ui: &mut egui::Ui, markdown: &str) {
    draw(ui, &blocks(markdown));
}

fn draw(ui: &mut egui::Ui, blocks: &[String]) {
    for block in blocks {
        if let Some(title) = block.strip_prefix('#') {
            ui.label(
                RichText::new(title.trim_start_matches('#').trim())
                    .strong()
                    .size(ui.text_style_height(&TextStyle::Body) * 1.2),
            );
        } else {
            let job = inline(ui, block);
            ui.label(job);
        }
        ui.add_space(4.0);
    }
}

/// The blocks in `lang` (and those in no language in particular) first, then the others. A
/// paragraph is in a language when it starts with `**中文**` or `**English**`; a heading
/// `中文标题 · English title` keeps only the part in `lang`.
fn by_language(blocks: &[String], lang: Lang) -> (Vec<String>, Vec<String>) {
    let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let (mut mine, mut others) = (Vec::new(), Vec::new());
    for block in blocks {
        if let Some(title) = block.strip_prefix('#') {
            let level = block.len() - block.trim_start_matches('#').len();
            let parts: Vec<&str> = title.trim_start_matches('#').split(" · ").collect();
            let pick = parts
                .iter()
                .find(|p| chinese(p) == (lang == Lang::Zh))
                .or(parts.first())
                .map(|p| p.trim())
                .unwrap_or_default();
            mine.push(format!("{} {pick}", "#".repeat(level)));
            continue;
        }
        let in_lang = if block.starts_with("**中文**") {
            Some(Lang::Zh)
        } else if block.starts_with("**English**") {
            Some(Lang::En)
        } else {
            None
        };
        match in_lang {
            Some(l) if l != lang => others.push(block.clone()),
            _ => mine.push(block.clone()),
        }
    }
    (mine, others)
}

/// Paragraphs (separated by blank lines) with their lines joined; a heading is its own block.
fn blocks(markdown: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in markdown.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            if !line.is_empty() {
                blocks.push(line.to_string());
            }
            continue;
        }
        // Chinese lines join with nothing between them, English ones with a space.
        let ascii_seam = current.chars().last().is_some_and(|c| c.is_ascii())
            && line.chars().next().is_some_and(|c| c.is_ascii());
        if !current.is_empty() && ascii_seam {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// One paragraph with `code` and **bold** spans.
fn inline(ui: &egui::Ui, text: &str) -> LayoutJob {
    let body = TextStyle::Body.resolve(ui.style());
    let mono = FontId::monospace(body.size * 0.95);
    let color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let (mut code, mut bold) = (false, false);
    let mut rest = text;
    while !rest.is_empty() {
        let next = [rest.find('`'), rest.find("**")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        let (span, tail) = rest.split_at(next);
        if !span.is_empty() {
            let format = TextFormat {
                font_id: if code { mono.clone() } else { body.clone() },
                color: if bold || code { strong } else { color },
                ..Default::default()
            };
            job.append(span, 0.0, format);
        }
        if let Some(after) = tail.strip_prefix('`') {
            code = !code;
            rest = after;
        } else if let Some(after) = tail.strip_prefix("**") {
            bold = !bold;
            rest = after;
        } else {
            rest = tail;
        }
    }
    job
}

#[cfg(test)]
mod tests {
    use super::{blocks, by_language};
    use crate::panel::i18n::Lang;

    #[test]
    fn the_current_language_comes_first_and_the_other_is_kept_apart() {
        let text =
            "# 01 单向 · One-way\n\n**中文**：点击按钮。\n\n**English**: press the button.\n";
        let (mine, others) = by_language(&blocks(text), Lang::En);
        assert_eq!(mine, ["# One-way", "**English**: press the button."]);
        assert_eq!(others, ["**中文**：点击按钮。"]);
        let (mine, others) = by_language(&blocks(text), Lang::Zh);
        assert_eq!(mine, ["# 01 单向", "**中文**：点击按钮。"]);
        assert_eq!(others, ["**English**: press the button."]);
        // A README in one language is shown whole.
        let (mine, others) = by_language(&blocks("# Title\n\nJust text."), Lang::Zh);
        assert_eq!(mine, ["# Title", "Just text."]);
        assert!(others.is_empty());
    }

    #[test]
    fn paragraphs_join_lines_and_headings_stand_alone() {
        let text = "# Title\n\n中文第一行\n第二行\n\nEnglish one\nand two\n";
        assert_eq!(
            blocks(text),
            ["# Title", "中文第一行第二行", "English one and two"]
        );
    }
}
