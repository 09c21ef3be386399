//! Why a lab's main.js cannot start, and where: the message `--headless` prints and the panel's
//! banner shows, with the source line and a caret under the column, as Node prints it; and a
//! preload that does not compile, found before its window's page loads.

use serde_json::{json, Value};

use crate::runtime::compile_check::{CompileCheck, CompileError};
use crate::runtime::lab_column;

#[derive(Debug, Clone, PartialEq)]
pub struct CannotStart {
    /// The lab file at fault, relative to the lab folder: `main.js`.
    pub file: String,
    /// What is wrong: `SyntaxError: unexpected token in expression: ';'`, or why it cannot be read.
    pub error: String,
    /// Line and column in the lab's file, from 1 (columns in UTF-16 units, as editors and
    /// browsers count them).
    pub place: Option<(usize, usize)>,
    /// The line of the file the place points into.
    pub source_line: Option<String>,
}

impl CannotStart {
    /// A file that could not be read at all.
    pub fn unreadable(file: &str, why: String) -> CannotStart {
        CannotStart {
            file: file.to_string(),
            error: why,
            place: None,
            source_line: None,
        }
    }

    /// A compile error in `source` (compiled wrapped as a CommonJS module), mapped back to the
    /// lab's own line and column.
    pub fn compile(file: &str, source: &str, error: CompileError) -> CannotStart {
        let place = match (error.line, error.column) {
            (Some(line), Some(column)) => lab_column(source, line, column).map(|c| (line, c)),
            _ => None,
        };
        let source_line = place.and_then(|(line, _)| source.lines().nth(line - 1));
        CannotStart {
            file: file.to_string(),
            error: error.message,
            place,
            source_line: source_line.map(str::to_string),
        }
    }

    /// The first line: `main.js cannot start: SyntaxError: … (main.js:1:11)`.
    pub fn headline(&self) -> String {
        match self.place {
            Some((line, column)) => format!(
                "{} cannot start: {} ({}:{line}:{column})",
                self.file, self.error, self.file
            ),
            None => format!("{} cannot start: {}", self.file, self.error),
        }
    }

    /// The source line and a caret under the column, each indented by four spaces.
    pub fn excerpt(&self) -> Option<String> {
        let (text, (_, column)) = (self.source_line.as_ref()?, self.place?);
        // Tabs stay tabs and wide (CJK) characters take two spaces, so the caret lines up
        // under the column however a terminal or the panel draws the line.
        let mut pad = String::new();
        let mut units = 0;
        for c in text.chars() {
            if units + 1 > column {
                break;
            }
            units += c.len_utf16();
            if units > column - 1 {
                break;
            }
            match c {
                '\t' => pad.push('\t'),
                c if is_wide(c) => pad.push_str("  "),
                _ => pad.push(' '),
            }
        }
        Some(format!("    {text}\n    {pad}^"))
    }

    /// The fields of the journal's `error` entry for it.
    pub fn journal_fields(&self) -> Value {
        let mut fields = json!({
            "process": "main",
            "text": self.to_string(),
            "cannotStart": true,
            "file": self.file,
        });
        if let Some((line, column)) = self.place {
            fields["line"] = json!(line);
            fields["column"] = json!(column);
        }
        if let Some(text) = &self.source_line {
            fields["sourceLine"] = json!(text);
        }
        fields
    }
}

/// The `error` entry's fields for a preload that does not compile (None when it does), in
/// Electron's words (`Unable to load preload script: PATH`, then the error) with where it is:
/// `file` (relative to the lab), `line`, `column` (UTF-16 units, from 1) and `sourceLine`.
/// It is compiled as the page compiles it, as the body of a function of the preload's names.
pub fn preload_error(shown_path: &str, file: &str, source: &str) -> Option<Value> {
    let check = CompileCheck::new()?;
    let wrapped = crate::scripts::preload_as_function(source);
    let error = check.compile(&wrapped, file).err()?;
    // The wrapper takes line 1: an empty first line lines the source up with it, and keeps
    // `lab_column` from counting a module header there.
    let place = match (error.line, error.column) {
        (Some(line), Some(column)) if line >= 2 => {
            lab_column(&format!("\n{source}"), line, column).map(|c| (line - 1, c))
        }
        _ => None,
    };
    let mut fields = json!({
        "process": "renderer",
        "text": format!("Unable to load preload script: {shown_path}\n{}", error.message),
        "file": file,
    });
    if let Some((line, column)) = place {
        fields["line"] = json!(line);
        fields["column"] = json!(column);
        if let Some(text) = source.lines().nth(line - 1) {
            fields["sourceLine"] = json!(text);
        }
    }
    Some(fields)
}

/// East Asian wide and fullwidth characters: two columns in a terminal and in monospace text.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

impl std::fmt::Display for CannotStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some(excerpt) = self.excerpt() {
            write!(f, "\n{excerpt}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_error(source: &str) -> CannotStart {
        let check = crate::runtime::compile_check::CompileCheck::new().unwrap();
        let wrapped = crate::runtime::commonjs_wrapped(source);
        let error = check.compile(&wrapped, "/lab/main.js").unwrap_err();
        CannotStart::compile("main.js", source, error)
    }

    #[test]
    fn a_syntax_error_on_the_first_line_gives_the_column_in_the_lab_file() {
        let why = compile_error("const x = ;\n");
        assert_eq!(why.place, Some((1, 11)));
        assert_eq!(
            why.to_string(),
            "main.js cannot start: SyntaxError: unexpected token in expression: ';' (main.js:1:11)\n    const x = ;\n              ^"
        );
    }

    #[test]
    fn columns_count_utf16_units_and_tabs_keep_the_caret_under_the_token() {
        let why = compile_error("const a = 1\n\tconst 名字 = ;\n");
        assert_eq!(why.place, Some((2, 13)));
        // Nine narrow characters and two wide ones (two spaces each) before the `;`.
        let caret = format!("    \t{}^", " ".repeat(9 + 4));
        assert_eq!(
            why.excerpt().unwrap(),
            format!("    \tconst 名字 = ;\n{caret}")
        );
    }

    #[test]
    fn a_preload_with_a_syntax_error_says_so_in_electron_s_words_and_where() {
        let fields = preload_error(
            "/lab/preload.js",
            "preload.js",
            "const { contextBridge } = require('electron')\ncontextBridge.exposeInMainWorld('api', { x: 1 ,, })\n",
        )
        .expect("a syntax error");
        let text = fields["text"].as_str().unwrap();
        assert!(
            text.starts_with("Unable to load preload script: /lab/preload.js\nSyntaxError: "),
            "{text}"
        );
        assert_eq!(fields["file"], "preload.js");
        assert_eq!(
            (fields["line"].as_u64(), fields["column"].as_u64()),
            (Some(2), Some(48))
        );
        assert_eq!(
            fields["sourceLine"],
            "contextBridge.exposeInMainWorld('api', { x: 1 ,, })"
        );
    }

    #[test]
    fn a_preload_that_compiles_has_no_error_and_the_first_line_counts_from_1() {
        assert_eq!(preload_error("p", "preload.js", "window.x = 1\n"), None);
        let fields = preload_error("p", "preload.js", "const 名 = ;").unwrap();
        assert_eq!(
            (fields["line"].as_u64(), fields["column"].as_u64()),
            (Some(1), Some(11))
        );
    }

    #[test]
    fn the_journal_entry_carries_where_for_the_banner() {
        let fields = compile_error("const = 2").journal_fields();
        assert_eq!(fields["cannotStart"], true);
        assert_eq!(fields["file"], "main.js");
        assert_eq!(
            (fields["line"].as_u64(), fields["column"].as_u64()),
            (Some(1), Some(7))
        );
        assert_eq!(fields["sourceLine"], "const = 2");
        assert!(fields["text"]
            .as_str()
            .unwrap()
            .starts_with("main.js cannot start: SyntaxError"));
    }
}
