//! A traced run's stages (`IPCSCOPE_TRACE=1`, src/core/stages.rs) as slices: each step of a
//! message's road on the track of the process it happens in, so a reader sees where the time
//! between page and handler went.

use serde_json::{Map, Value};

use super::{Entry, Slice, MAIN_PID};

/// Which entry holds a stamp: the request, its result, or the way back (`event: "stages"`).
#[derive(Clone, Copy)]
enum On {
    Request,
    Result,
    Back,
}

/// A stamp: the entry it is on and its name in that entry's `stages`.
type Stamp = (On, &'static str);

/// Each step: its name, the stamps it lies between, and whether it happens on the page's side.
const STEPS: [(&str, Stamp, Stamp, bool); 12] = [
    (
        "bridge: page to preload",
        (On::Request, "page"),
        (On::Request, "preload"),
        true,
    ),
    (
        "preload posts",
        (On::Request, "preload"),
        (On::Request, "renderer"),
        true,
    ),
    (
        "pipe to main",
        (On::Request, "renderer"),
        (On::Request, "main"),
        true,
    ),
    (
        "main reads",
        (On::Request, "main"),
        (On::Request, "dispatch"),
        false,
    ),
    (
        "dispatch",
        (On::Request, "dispatch"),
        (On::Request, "journal"),
        false,
    ),
    (
        "journal, to main.js",
        (On::Request, "journal"),
        (On::Result, "handlerStart"),
        false,
    ),
    (
        "main.js handler",
        (On::Result, "handlerStart"),
        (On::Result, "handlerEnd"),
        false,
    ),
    (
        "answer journaled",
        (On::Result, "handlerEnd"),
        (On::Result, "journal"),
        false,
    ),
    (
        "answer sent",
        (On::Result, "journal"),
        (On::Back, "out"),
        false,
    ),
    (
        "pipe to renderer",
        (On::Back, "out"),
        (On::Back, "delivered"),
        true,
    ),
    (
        "preload resolves",
        (On::Back, "delivered"),
        (On::Back, "resolved"),
        true,
    ),
    (
        "bridge: preload to page",
        (On::Back, "resolved"),
        (On::Back, "resumed"),
        true,
    ),
];

/// A message's entries on its road; `request` is drawn at `t` (µs in the trace's time).
pub(super) struct Road<'a> {
    pub request: &'a Entry,
    pub result: Option<&'a Entry>,
    pub back: Option<&'a Entry>,
}

fn stages_of(entry: Option<&Entry>) -> Option<&Map<String, Value>> {
    entry?.get("stages")?.as_object()
}

/// The slices of every step whose two stamps are known; none for an untraced message.
pub(super) fn slices(road: &Road, page_pid: u64, t: f64) -> Vec<Slice> {
    let Some(request) = stages_of(Some(road.request)) else {
        return Vec::new();
    };
    // The request was journaled at its `journal` stamp: that ties the stages' clock to `t`.
    let Some(journaled) = request.get("journal").and_then(Value::as_f64) else {
        return Vec::new();
    };
    let at = |(on, key): (On, &str)| -> Option<f64> {
        let stages = match on {
            On::Request => Some(request),
            On::Result => stages_of(road.result),
            On::Back => stages_of(road.back),
        }?;
        Some(stages.get(key)?.as_f64()? - journaled + t)
    };
    let seq = road.request.get("seq").cloned().unwrap_or(Value::Null);
    STEPS
        .iter()
        .filter_map(|&(name, from, to, in_page)| {
            let (start, end) = (at(from)?, at(to)?);
            Some(Slice {
                pid: if in_page { page_pid } else { MAIN_PID },
                start,
                // The page's clock ticks in whole milliseconds: a step it ends early is empty.
                dur: (end - start).max(0.0),
                name: name.to_string(),
                cat: "stage",
                args: serde_json::json!({ "seq": seq }),
            })
        })
        .collect()
}
