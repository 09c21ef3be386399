//! A lab's README.md drawn readably: `#` headings, paragraphs with their lines joined, `code`
//! in monospace and **bold** in bold. Enough for the samples' READMEs; not a Markdown engine.

use eframe::egui::{self, text::LayoutJob, FontId, RichText, TextFormat, TextStyle};

pub fn ui(ui: &mut egui::Ui, markdown: &str) {
    for block in blocks(markdown) {
        if let Some(title) = block.strip_prefix('#') {
            ui.label(
                RichText::new(title.trim_start_matches('#').trim())
                    .strong()
                    .size(ui.text_style_height(&TextStyle::Body) * 1.2),
            );
        } else {
            let job = inline(ui, &block);
            ui.label(job);
        }
        ui.add_space(4.0);
    }
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
    use super::blocks;

    #[test]
    fn paragraphs_join_lines_and_headings_stand_alone() {
        let text = "# Title\n\n中文第一行\n第二行\n\nEnglish one\nand two\n";
        assert_eq!(
            blocks(text),
            ["# Title", "中文第一行第二行", "English one and two"]
        );
    }
}
