//! Where in the lab a message, or a listener, came from: the first frame of a JS stack that is
//! the lab's own code, journaled as `initiator`. Pages send WebKit (JavaScriptCore) stacks as
//! it prints them, `name@url:line:column`; main.js's runtime sends its lab frame in the same
//! form (`runtime::lab_frame`). ipcscope's own frames (its bundles, native code) and frames
//! outside the lab folder are skipped.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::file_url::file_path;

/// A place in a lab file: `file` relative to the lab folder with `/` between folders, `line`
/// and `column` from 1 (the column in UTF-16 units, as JavaScript counts), and the function's
/// name when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Initiator {
    pub file: String,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
}

/// Where a page's preload runs inside its init script (`shim::init_script`): WebKit names the
/// init script `user-script:N`, so the preload's frames are those lines of it.
#[derive(Debug, Clone, PartialEq)]
pub struct InlinePreload {
    /// The preload, relative to the lab folder.
    pub file: String,
    /// The init script's line that holds the preload's first line.
    pub first_line: u32,
    /// How many lines the preload has.
    pub lines: u32,
}

/// Most stack lines read: a page may send anything, and the lab's frame is near the top.
const MAX_FRAMES: usize = 64;

/// The lab's frame in a stack (`name@url:line:column` a line, with `[native code]` and empty
/// locations for code that has none). `preload` says where a page's preload sits in its init
/// script; main.js's stacks have none.
pub fn from_stack(stack: &str, lab: &Path, preload: Option<&InlinePreload>) -> Option<Initiator> {
    stack.lines().take(MAX_FRAMES).find_map(|frame| {
        let (name, location) = frame.split_once('@').unwrap_or(("", frame));
        let (url, line, column) = split_location(location)?;
        let (file, line) = if url.starts_with("user-script:") {
            // ipcscope's init script: the bundle, or the preload inlined after it.
            let preload = preload?;
            let at = line.checked_sub(preload.first_line)?;
            if at >= preload.lines {
                return None;
            }
            (preload.file.clone(), at + 1)
        } else {
            (lab_file(url, lab)?, line)
        };
        Some(Initiator {
            file,
            line,
            column,
            function: function_name(name),
        })
    })
}

/// `text` (a page's error and its stack) with each place in the inlined preload,
/// `user-script:N:line:column`, named as the preload's own `file:line:column`.
pub fn name_preload_lines(text: &str, preload: &InlinePreload) -> String {
    const SCRIPT: &str = "user-script:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(SCRIPT) {
        out.push_str(&rest[..at]);
        let after = &rest[at + SCRIPT.len()..];
        match preload_place(after, preload) {
            Some((named, used)) => {
                out.push_str(&named);
                rest = &after[used..];
            }
            None => {
                out.push_str(SCRIPT);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `N:line:column` at the start of `text`, when the line is the preload's: the preload's name
/// for the place, and how many bytes of `text` it replaces.
fn preload_place(text: &str, preload: &InlinePreload) -> Option<(String, usize)> {
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n = digits(text);
    let after_n = text[n..].strip_prefix(':')?;
    let l = digits(after_n);
    let after_l = after_n[l..].strip_prefix(':')?;
    let c = digits(after_l);
    if n == 0 || l == 0 || c == 0 {
        return None;
    }
    let line: u32 = after_n[..l].parse().ok()?;
    let at = line
        .checked_sub(preload.first_line)
        .filter(|at| *at < preload.lines)?;
    let named = format!("{}:{}:{}", preload.file, at + 1, &after_l[..c]);
    Some((named, n + 1 + l + 1 + c))
}

/// `url:line:column` (the url may hold colons of its own).
fn split_location(location: &str) -> Option<(&str, u32, u32)> {
    let (rest, column) = location.rsplit_once(':')?;
    let (url, line) = rest.rsplit_once(':')?;
    Some((url, line.parse().ok()?, column.parse().ok()?))
}

/// A lab file named by a `file://` URL (a page) or an absolute path (main.js), relative to the
/// lab folder; None for anything outside it.
fn lab_file(location: &str, lab: &Path) -> Option<String> {
    let path = if location.starts_with("file://") {
        file_path(location)?
    } else if location.starts_with('/') {
        PathBuf::from(location)
    } else {
        return None;
    };
    let relative = path.strip_prefix(lab).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A frame's function name; None for top-level code and anonymous functions.
fn function_name(name: &str) -> Option<String> {
    let anonymous = name.is_empty()
        || name.starts_with('<')
        || matches!(name, "global code" | "eval code" | "module code");
    (!anonymous).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAB: &str = "/labs/我的 lab";

    fn at(file: &str, line: u32, column: u32, function: Option<&str>) -> Option<Initiator> {
        Some(Initiator {
            file: file.into(),
            line,
            column,
            function: function.map(str::to_string),
        })
    }

    #[test]
    fn a_page_stack_gives_the_first_frame_in_the_lab() {
        let preload = InlinePreload {
            file: "preload.js".into(),
            first_line: 4000,
            lines: 7,
        };
        // send (the shim), the preload's exposed function, the bridge's proxy, the page.
        let stack = "send@user-script:1:3300:10\nreadFile@user-script:1:4003:41\nproxy@user-script:1:3453:31\nclicked@file:///labs/%E6%88%91%E7%9A%84%20lab/index.html:2:35\nglobal code@file:///labs/%E6%88%91%E7%9A%84%20lab/index.html:3:8";
        let lab = Path::new(LAB);
        assert_eq!(
            from_stack(stack, lab, Some(&preload)),
            at("preload.js", 4, 41, Some("readFile"))
        );
        // Without an inlined preload the page's own line is what is known.
        assert_eq!(
            from_stack(stack, lab, None),
            at("index.html", 2, 35, Some("clicked"))
        );
        assert_eq!(
            from_stack(
                "@file:///labs/%E6%88%91%E7%9A%84%20lab/sub/x.js?v=2:9:3",
                lab,
                None
            ),
            at("sub/x.js", 9, 3, None),
            "anonymous, in a folder, with a query"
        );
    }

    #[test]
    fn frames_of_ipcscope_native_code_and_other_places_are_skipped() {
        let preload = InlinePreload {
            file: "preload.js".into(),
            first_line: 100,
            lines: 5,
        };
        let lab = Path::new(LAB);
        for stack in [
            "send@user-script:1:99:10\nx@user-script:1:105:1",
            "appendChild@[native code]\nanonymous@\neval code@",
            "f@https://example.org/app.js:1:2\ng@file:///elsewhere/index.html:3:4",
            "garbage\n\n@:x:y",
        ] {
            assert_eq!(from_stack(stack, lab, Some(&preload)), None, "{stack}");
        }
    }

    #[test]
    fn an_error_s_places_in_the_inlined_preload_name_the_preload() {
        let preload = InlinePreload {
            file: "preload.js".into(),
            first_line: 3718,
            lines: 6,
        };
        assert_eq!(
            name_preload_lines(
                "Unable to load preload script: /lab/preload.js\nError: top level\n@user-script:1:3723:16\nshimRunPreload@user-script:1:3693:14\nuser-script:2",
                &preload
            ),
            "Unable to load preload script: /lab/preload.js\nError: top level\n@preload.js:6:16\nshimRunPreload@user-script:1:3693:14\nuser-script:2"
        );
    }

    #[test]
    fn main_js_frames_are_absolute_paths_in_the_lab() {
        let lab = Path::new("/labs/lab (copy)");
        assert_eq!(
            from_stack("<anonymous>@/labs/lab (copy)/main.js:17:21", lab, None),
            at("main.js", 17, 21, None)
        );
        assert_eq!(
            from_stack("onPing@/labs/lab (copy)/lib/ipc.js:1:3", lab, None),
            at("lib/ipc.js", 1, 3, Some("onPing"))
        );
        assert_eq!(from_stack("f@/labs/other/main.js:1:1", lab, None), None);
    }
}
