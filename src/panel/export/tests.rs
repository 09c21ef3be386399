//! The exports parse: SVG with an XML parser, Mermaid with a checker of the `sequenceDiagram`
//! grammar the export uses (Mermaid's own lexer rules: a statement ends at a newline or `;`, `#`
//! starts a comment outside an entity code, actor names stop at `+ - > : , ;`).

use std::collections::{HashMap, HashSet};

use serde_json::json;

use super::*;
use crate::panel::model::sequence::tests::{invoke_sample, model, push_sample, send_sample};

fn all(model: &Model) -> Range<u32> {
    0..model.sequence.steps().len() as u32
}

/// The texts an SVG shows, in order.
pub fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}:\n{svg}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

fn weird() -> Model {
    model(&[
        ("lifecycle", json!({"event": "created", "webContentsId": 1})),
        (
            "send",
            json!({"channel": "a;b#c%%d", "args": ["<script>&\"'", "line\nbreak\u{7}", "end"], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "console",
            json!({"process": "main", "level": "log", "text": "bell \u{7} %% # ; <b>"}),
        ),
        (
            "invoke",
            json!({"channel": "x", "args": [], "webContentsId": 1}),
        ),
    ])
}

#[test]
fn the_svg_of_each_sample_is_well_formed_and_says_what_the_panel_says() {
    let m = model(&invoke_sample());
    let texts = svg_texts(&svg(&m, all(&m), Lang::En));
    for want in [
        "page · window #1",
        "preload · window #1",
        "main process (main.js)",
        "contextBridge",
        "window.electronAPI.readFile('a.txt')",
        "ipcRenderer.invoke('readFileEvent', 'a.txt')",
        "→ '这是 a.txt 的内容'  0.55 ms",
        "ipcMain.handle('readFileEvent')",
    ] {
        assert!(texts.iter().any(|t| t == want), "{want} not in {texts:?}");
    }
    for sample in [send_sample(), push_sample()] {
        let m = model(&sample);
        for lang in [Lang::En, Lang::Zh] {
            svg_texts(&svg(&m, all(&m), lang));
        }
    }
    let zh = svg_texts(&svg(&m, all(&m), Lang::Zh));
    assert!(zh.iter().any(|t| t == "主进程（main.js）"), "{zh:?}");
}

#[test]
fn the_svg_of_a_span_holds_only_its_steps_and_odd_text_stays_xml() {
    let m = model(&push_sample());
    // The send and the push it caused.
    let from = m.sequence.step_by_seq(9).unwrap();
    let texts = svg_texts(&svg(&m, from..from + 2, Lang::En));
    assert!(texts.iter().any(|t| t == "#9") && texts.iter().any(|t| t == "#10"));
    assert!(!texts.iter().any(|t| t == "#8"), "{texts:?}");
    let m = weird();
    let svg = svg(&m, all(&m), Lang::En);
    let texts = svg_texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("ipcRenderer.send('a;b#c%%d', '<script>&\"\\''")),
        "{texts:?}"
    );
    // A lost message ends in a cross.
    assert!(svg.contains("<path d=\"M "), "{svg}");
}

/// Why a Mermaid text is not a `sequenceDiagram` of the subset the export writes, if it is not.
pub fn check_mermaid(text: &str) -> Result<(), String> {
    let keywords = [
        "participant",
        "actor",
        "create",
        "destroy",
        "box",
        "loop",
        "rect",
        "opt",
        "alt",
        "else",
        "par",
        "and",
        "critical",
        "option",
        "break",
        "end",
        "left",
        "right",
        "links",
        "link",
        "properties",
        "details",
        "over",
        "note",
        "activate",
        "deactivate",
        "title",
        "autonumber",
        "off",
        "accTitle",
        "accDescr",
        "sequenceDiagram",
    ];
    let id_ok = |id: &str| {
        !id.is_empty()
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && id.starts_with(|c: char| c.is_ascii_alphabetic())
            && !keywords
                .iter()
                .any(|k| id.to_lowercase().starts_with(&k.to_lowercase()))
    };
    // Mermaid swaps entity codes out before it parses; what is left must hold no `#` or `;`.
    let text_ok = |t: &str| {
        let mut rest = String::new();
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '#' {
                let code: String = chars
                    .clone()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                let after = chars.clone().nth(code.len());
                if code.is_empty() || after != Some(';') {
                    return false;
                }
                for _ in 0..=code.len() {
                    chars.next();
                }
                rest.push('\u{fffc}');
            } else {
                rest.push(c);
            }
        }
        !rest.trim().is_empty() && !rest.contains([';', '#', '\n']) && !rest.contains("%%")
    };
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        Some((_, l)) if l.trim() == "sequenceDiagram" => {}
        other => return Err(format!("does not start with sequenceDiagram: {other:?}")),
    }
    let mut declared = HashSet::new();
    let mut active: HashMap<String, usize> = HashMap::new();
    let mut in_box = false;
    for (n, raw) in lines {
        let n = n + 1;
        let line = raw.trim();
        let bad = |why: &str| Err(format!("line {n} {why}: {raw}"));
        if line.starts_with("%%") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("participant ") {
            let (id, alias) = rest.split_once(" as ").unwrap_or((rest, "x"));
            if !id_ok(id.trim()) || alias.trim().is_empty() || alias.contains(['#', ';']) {
                return bad("is a bad participant");
            }
            declared.insert(id.trim().to_string());
            continue;
        }
        if in_box {
            if line == "end" {
                in_box = false;
                continue;
            }
            return bad("is not a participant inside a box");
        }
        if let Some(label) = line.strip_prefix("box ") {
            if label.contains(['#', ';']) {
                return bad("has a bad box label");
            }
            in_box = true;
            continue;
        }
        for (verb, delta) in [("activate ", 1i64), ("deactivate ", -1)] {
            if let Some(id) = line.strip_prefix(verb) {
                let count = active.entry(id.to_string()).or_default();
                if !declared.contains(id) || (delta < 0 && *count == 0) {
                    return bad("activates an unknown or inactive participant");
                }
                *count = (*count as i64 + delta) as usize;
            }
        }
        if line.starts_with("activate ") || line.starts_with("deactivate ") {
            continue;
        }
        let Some((head, body)) = line.split_once(':') else {
            return bad("is no statement");
        };
        if !text_ok(body) {
            return bad("has text Mermaid would cut");
        }
        if let Some(over) = head.strip_prefix("Note over ") {
            if !over.split(',').all(|id| declared.contains(id.trim())) {
                return bad("puts a note over an unknown participant");
            }
            continue;
        }
        let arrows = ["-->>", "->>", "--x", "-x", "--)", "-)", "-->", "->"];
        let Some((from, arrow, to)) = arrows.iter().find_map(|a| {
            head.split_once(a)
                .map(|(from, to)| (from.trim(), *a, to.trim()))
        }) else {
            return bad("has no arrow");
        };
        let _ = arrow;
        if !declared.contains(from) || !declared.contains(to) {
            return bad("names an undeclared participant");
        }
    }
    if in_box {
        return Err("a box is not closed".into());
    }
    Ok(())
}

#[test]
fn the_mermaid_checker_rejects_what_mermaid_would_reject() {
    let ok = "sequenceDiagram\n    participant A as a\n    participant B as b\n    A->>B: hi #59; there\n    activate B\n    B-->>A: back\n    deactivate B\n    Note over A: n\n";
    assert_eq!(check_mermaid(ok), Ok(()));
    for broken in [
        "graph TD\n    A-->B\n",
        "sequenceDiagram\n    A->>B: undeclared\n",
        "sequenceDiagram\n    participant A as a\n    A->>A: a; b\n",
        "sequenceDiagram\n    participant A as a\n    A->>A: #1 is cut\n",
        "sequenceDiagram\n    participant A as a\n    deactivate A\n",
        "sequenceDiagram\n    participant end as x\n",
        "sequenceDiagram\n    box w\n    participant A as a\n",
        "sequenceDiagram\n    participant A as a\n    A->>A:\n",
    ] {
        assert!(check_mermaid(broken).is_err(), "accepted: {broken}");
    }
}

#[test]
fn the_mermaid_of_each_sample_parses_and_reads_as_the_diagram() {
    let m = model(&invoke_sample());
    let text = mermaid(&m, all(&m), Lang::En);
    check_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    for want in [
        "    box transparent window 1",
        "    participant P1 as page · window 1",
        "    participant M as main process (main.js)",
        "    Note over M: ipcMain.handle('readFileEvent')",
        "    P1->>R1: window.electronAPI.readFile('a.txt')",
        "    R1->>M: ipcRenderer.invoke('readFileEvent', 'a.txt')",
        "    activate M",
        "    M-->>P1: → '这是 a.txt 的内容'  0.55 ms",
        "    deactivate M",
    ] {
        assert!(text.lines().any(|l| l == want), "{want} not in\n{text}");
    }
    let m = model(&push_sample());
    let text = mermaid(&m, all(&m), Lang::En);
    check_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        text.contains("    M->>P1: webContents.send('testMsg', '你好啊，我是主进程（第 2 次）') (while handling #35;9)"),
        "{text}"
    );
    for sample in [send_sample(), push_sample(), invoke_sample()] {
        let m = model(&sample);
        let zh = mermaid(&m, all(&m), Lang::Zh);
        check_mermaid(&zh).unwrap_or_else(|e| panic!("{e}\n{zh}"));
    }
}

#[test]
fn the_mermaid_of_odd_text_and_of_a_half_pair_still_parses() {
    let m = weird();
    let text = mermaid(&m, all(&m), Lang::En);
    check_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    // The lost send ends in a cross.
    assert!(
        text.contains("P1-xM: ipcRenderer.send('a#59;b#35;c#37;#37;d'"),
        "{text}"
    );
    // Only the answer of an invoke: no deactivate without its activate.
    let m = model(&invoke_sample());
    let answer = m.sequence.step_by_seq(9).unwrap();
    let text = mermaid(&m, answer..answer + 1, Lang::En);
    check_mermaid(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(!text.contains("activate"), "{text}");
}

#[test]
fn a_png_holds_the_pixels_it_was_given() {
    let pixels = vec![
        Color32::RED,
        Color32::GREEN,
        Color32::BLUE,
        Color32::WHITE,
        Color32::BLACK,
        Color32::from_rgb(1, 2, 3),
    ];
    let image = ColorImage::new([3, 2], pixels.clone());
    let bytes = png(&image).unwrap();
    let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!((info.width, info.height), (3, 2));
    let read: Vec<Color32> = buffer[..info.buffer_size()]
        .chunks(4)
        .map(|p| Color32::from_rgba_unmultiplied(p[0], p[1], p[2], p[3]))
        .collect();
    assert_eq!(read, pixels);
}
