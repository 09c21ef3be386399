//! The wire between the main process and a renderer process: one frame per line on the
//! renderer's stdin/stdout. `C ` lines are control frames between the two processes; `P ` lines
//! carry a page frame that the renderer passes through untouched (it holds no IPC semantics).

use serde::{Deserialize, Serialize};

/// Control frames from main to a renderer process.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum ToRenderer {
    /// Always the first frame: build the window and webview.
    Create {
        title: String,
        width: f64,
        height: f64,
        show: bool,
        /// The shim and the lab's preload, run before any page script.
        init_script: String,
        /// With context isolation: the page's side of the contextBridge, run in the page's
        /// world, while `init_script` runs in an isolated world.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page_world_script: Option<String>,
        /// Name of the page function that receives page frames.
        deliver: String,
        /// The lab folder (symlinks resolved): the page may not navigate out of it.
        lab: String,
        /// Where the window goes on screen (physical pixels), beside the panel.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<(i32, i32)>,
    },
    Load {
        url: String,
    },
    /// Main's answer to `FromRenderer::WillNavigate` number `id`: let it go on, or stop it.
    Navigate {
        id: u64,
        go: bool,
    },
    /// Answers a blocked `sendSync` request.
    SyncAnswer {
        id: u64,
        body: String,
    },
    /// Runs `body` in the page after load (test and screenshot automation only).
    Eval {
        js: String,
    },
    /// Zooms the page (1.0: as designed), following the panel's text size.
    Zoom {
        factor: f64,
    },
    Close,
}

/// Control frames from a renderer process to main.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum FromRenderer {
    /// A new document was committed (Electron's `did-navigate`): `status` and `status_text`
    /// are the HTTP response's, -1 and "" for a page that did not come over HTTP.
    LoadStarted {
        url: String,
        #[serde(default = "no_http_status")]
        status: i32,
        #[serde(default)]
        status_text: String,
    },
    /// The page moved within its document (a fragment, `history.pushState`).
    NavigatedInPage {
        url: String,
    },
    /// The page wants to go to `url` (a link, `location.href`, a form): it waits until main
    /// answers with `ToRenderer::Navigate` (main.js's `will-navigate` may stop it).
    WillNavigate {
        id: u64,
        url: String,
    },
    /// The page asked for a new window (`window.open`, a `target=_blank` link); the renderer
    /// opened none: main.js's window open handler decides, and main makes the window.
    WindowOpen {
        url: String,
        frame_name: String,
        disposition: String,
        /// False for a web page of an origin main.js never loaded: opened only if main.js's
        /// handler allows it.
        within_bounds: bool,
    },
    Loaded {
        url: String,
    },
    /// The user closed the window.
    Closed,
    /// A `sendSync` request: the page is blocked until main sends `SyncAnswer` with this id.
    Sync {
        id: u64,
        body: String,
    },
    /// The page could not load: `code` and `description` name the error as Chromium's net
    /// errors do (`-6`, `ERR_FILE_NOT_FOUND`), since Electron reports those.
    LoadFailed {
        url: String,
        code: i32,
        description: String,
    },
    /// The page tried to navigate out of the lab; the renderer kept it where it was.
    NavigationBlocked {
        url: String,
    },
    /// The renderer could not do what it was asked (bad URL, webview error).
    Failed {
        text: String,
    },
}

fn no_http_status() -> i32 {
    -1
}

/// A line read from a renderer.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    Control(FromRenderer),
    Page(String),
    /// A page frame with `IPCSCOPE_TRACE` on: when the renderer got it from WebKit and the
    /// renderer's wall-clock offset (µs, see `core::stages`).
    TracedPage {
        body: String,
        renderer_us: i64,
        offset_us: i64,
    },
}

pub fn control_line<T: Serialize>(frame: &T) -> String {
    // Serializing these plain enums cannot fail.
    format!("C {}\n", serde_json::to_string(frame).unwrap_or_default())
}

pub fn page_line(body: &str) -> String {
    format!("P {body}\n")
}

/// A page frame with the stage stamps of `IPCSCOPE_TRACE`: `T RENDERER_US OFFSET_US BODY`.
pub fn traced_page_line(body: &str, renderer_us: i64, offset_us: i64) -> String {
    format!("T {renderer_us} {offset_us} {body}\n")
}

/// Parses a line from a renderer; the error says what was wrong with it.
pub fn parse_from_renderer(line: &str) -> Result<Incoming, String> {
    if let Some(body) = line.strip_prefix("P ") {
        Ok(Incoming::Page(body.to_string()))
    } else if let Some(traced) = line.strip_prefix("T ") {
        let mut parts = traced.splitn(3, ' ');
        let mut number = || parts.next().and_then(|n| n.parse::<i64>().ok());
        match (number(), number(), parts.next()) {
            (Some(renderer_us), Some(offset_us), Some(body)) => Ok(Incoming::TracedPage {
                body: body.to_string(),
                renderer_us,
                offset_us,
            }),
            _ => Err(format!(
                "malformed traced frame from renderer: {}",
                truncate(line, 200)
            )),
        }
    } else if let Some(json) = line.strip_prefix("C ") {
        serde_json::from_str(json)
            .map(Incoming::Control)
            .map_err(|e| format!("malformed control frame from renderer: {e}"))
    } else {
        Err(format!(
            "malformed frame from renderer (no C/P prefix): {}",
            truncate(line, 200)
        ))
    }
}

/// Parses a line from main, as the renderer sees it. A page frame keeps the line's own
/// allocation (a frame may be many MiB: no copy).
pub fn parse_to_renderer(mut line: String) -> Result<Result<ToRenderer, String>, String> {
    if line.starts_with("P ") {
        line.drain(..2);
        Ok(Err(line))
    } else if let Some(json) = line.strip_prefix("C ") {
        serde_json::from_str(json)
            .map(Ok)
            .map_err(|e| format!("malformed control frame from main: {e}"))
    } else {
        Err("malformed frame from main".into())
    }
}

/// Deepest nesting a page frame may have. The codec stops values at 1000 levels; its tags
/// (Map entries, Shared wrappers, sparse arrays) can add up to three levels per value level.
pub const MAX_FRAME_DEPTH: usize = 4100;

/// Parses JSON that may nest deeply (a page frame, a request from main.js) into `T`; the flag
/// says a lone UTF-16 surrogate in one of its strings became U+FFFD (JS strings may hold one,
/// UTF-8 cannot). serde_json stops at 128 levels, which would drop well-formed deep values; the
/// depth is checked first instead, so a forged frame cannot exhaust the stack.
pub fn parse_deep_json<T: serde::de::DeserializeOwned>(body: &str) -> Result<(T, bool), String> {
    let depth = json_depth(body);
    if depth > MAX_FRAME_DEPTH {
        return Err(format!(
            "nested {depth} levels deep, more than the {MAX_FRAME_DEPTH} a frame may have"
        ));
    }
    match parse_deep(body) {
        Ok(value) => Ok((value, false)),
        Err(error) => match replace_lone_surrogates(body) {
            Some(fixed) => parse_deep(&fixed).map(|value| (value, true)),
            None => Err(error),
        },
    }
}

fn parse_deep<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer).map_err(|e| e.to_string())?;
    deserializer.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// JSON text with every lone surrogate escape (a `\ud800` without its pair) made `\ufffd`;
/// None when there is none. JSON.stringify escapes lone surrogates this way.
pub fn replace_lone_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let digits = bytes.get(at..at + 4)?;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let escape_at = |at: usize| bytes.get(at) == Some(&b'\\') && bytes.get(at + 1) == Some(&b'u');
    let (mut out, mut copied, mut replaced) = (Vec::with_capacity(bytes.len()), 0, false);
    let (mut i, mut in_string) = (0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                let code = if bytes.get(i + 1) == Some(&b'u') {
                    hex(i + 2)
                } else {
                    None
                };
                match code {
                    Some(0xD800..=0xDBFF)
                        if escape_at(i + 6) && matches!(hex(i + 8), Some(0xDC00..=0xDFFF)) =>
                    {
                        i += 12;
                        continue;
                    }
                    Some(0xD800..=0xDFFF) => {
                        out.extend_from_slice(&bytes[copied..i]);
                        out.extend_from_slice(b"\\ufffd");
                        replaced = true;
                        i += 6;
                        copied = i;
                        continue;
                    }
                    Some(_) => {
                        i += 6;
                        continue;
                    }
                    // Any other escape is two characters: skip both, so `\"` ends no string.
                    None => {
                        i += 2;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if !replaced {
        return None;
    }
    out.extend_from_slice(&bytes[copied..]);
    String::from_utf8(out).ok()
}

/// The deepest nesting of arrays and objects in JSON text (strings are skipped).
pub(crate) fn json_depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

pub fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surrogate_becomes_u_fffd_and_the_frame_is_kept() {
        let (frame, replaced) = parse_deep_json::<serde_json::Value>(
            r#"{"args":["a\ud800b","\udc00","ok \ud83d\ude00","\\ud800"]}"#,
        )
        .expect("the frame is kept");
        assert!(replaced);
        assert_eq!(
            frame["args"],
            serde_json::json!(["a\u{fffd}b", "\u{fffd}", "ok 😀", "\\ud800"])
        );
        let (_, replaced) =
            parse_deep_json::<serde_json::Value>(r#"{"args":["😀 \ud83d\ude00"]}"#).unwrap();
        assert!(!replaced, "a proper pair is left alone");
        assert_eq!(
            replace_lone_surrogates(r#"["\ud83d\ude00", "\\ud800"]"#),
            None
        );
    }

    #[test]
    fn deep_frames_within_the_codecs_limit_parse_and_deeper_ones_are_refused() {
        let nested = |levels: usize| "[".repeat(levels) + "1" + &"]".repeat(levels);
        let parse = parse_deep_json::<serde_json::Value>;
        let (value, _) = parse(&nested(3000)).expect("3000 levels is a valid frame");
        assert!(value.is_array());
        let text = format!(r#"{{"s": "[[[{{{{\" ]]", "v": {}}}"#, nested(2));
        assert_eq!(json_depth(&text), 3, "brackets inside strings do not count");
        assert_eq!(
            parse(&nested(200_000)).unwrap_err(),
            "nested 200000 levels deep, more than the 4100 a frame may have"
        );
        assert!(parse("{\"a\": 1} trailing").is_err());
    }

    #[test]
    fn control_frames_round_trip_through_a_line() {
        let frame = FromRenderer::Sync {
            id: 7,
            body: "{\"a\":\"你好\\n\"}".into(),
        };
        let line = control_line(&frame);
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        assert_eq!(
            parse_from_renderer(line.trim_end()),
            Ok(Incoming::Control(frame))
        );
    }

    #[test]
    fn page_frames_pass_through_untouched() {
        let line = page_line("{\"t\":\"send\"}");
        assert_eq!(
            parse_from_renderer(line.trim_end()),
            Ok(Incoming::Page("{\"t\":\"send\"}".into()))
        );
    }

    #[test]
    fn traced_page_frames_carry_their_stamps_and_the_frame_untouched() {
        let line = traced_page_line("{\"t\":\"send\",\"x\":\"a b\"}", 12, -3);
        assert_eq!(
            parse_from_renderer(line.trim_end()),
            Ok(Incoming::TracedPage {
                body: "{\"t\":\"send\",\"x\":\"a b\"}".into(),
                renderer_us: 12,
                offset_us: -3,
            })
        );
        assert!(parse_from_renderer("T 12 {}").is_err());
    }

    #[test]
    fn garbage_is_an_error_that_says_what_it_was() {
        let err = parse_from_renderer("hello").unwrap_err();
        assert!(
            err.contains("no C/P prefix") && err.contains("hello"),
            "{err}"
        );
        let err = parse_from_renderer("C {\"t\":\"nope\"}").unwrap_err();
        assert!(err.starts_with("malformed control frame"), "{err}");
    }

    #[test]
    fn truncate_counts_characters_not_bytes() {
        assert_eq!(truncate("你好世界", 2), "你好…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
