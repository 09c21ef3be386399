//! Context isolation and the contextBridge, in real webviews: Electron's own
//! spec/api-context-bridge-spec.ts (its applicable tests, ported as a lab), a preload's
//! `window.api` with isolation on and off, and what the journal records of each exposed key.

mod common;

use common::*;
use serde_json::{json, Value};

/// The ported tests of api-context-bridge-spec.ts, in the order the lab runs them: the two
/// tests of contextIsolation itself, the three executeInMainWorld tests whose assertion is in
/// main, then the rest of the `with sandbox=true` block in the spec's order.
const PORTED: &[&str] = &[
    "should not be accessible when contextIsolation is disabled",
    "should be accessible when contextIsolation is enabled",
    "executeInMainWorld allows function args to be invoked",
    "executeInMainWorld proxies arguments only once",
    "executeInMainWorld safely clones returned objects",
    "should proxy numbers",
    "should make global properties read-only",
    "should proxy nested numbers",
    "should make properties unwriteable",
    "should proxy strings",
    "should proxy nested strings",
    "should proxy arrays",
    "should proxy nested arrays",
    "should make arrays immutable",
    "should make nested arrays immutable",
    "should proxy booleans",
    "should proxy nested booleans",
    "should proxy promises and resolve with the correct value",
    "should proxy nested promises and resolve with the correct value",
    "should proxy promises and reject with the correct value",
    "should proxy nested promises and reject with the correct value",
    "should proxy promises and resolve with the correct value if it resolves later",
    "should proxy nested promises correctly",
    "should proxy promises correctly when Function.prototype has been overridden in the main world",
    "should proxy methods",
    "should proxy functions",
    "should not double-proxy functions when they are returned to their origin side of the bridge",
    "should proxy function arguments only once",
    "should properly handle errors thrown in proxied functions",
    "should proxy methods that are callable multiple times",
    "should proxy methods in the reverse direction",
    "should proxy promises in the reverse direction",
    "should proxy objects with number keys",
    "it should proxy null",
    "it should proxy undefined",
    "it should proxy nested null and undefined correctly",
    "should proxy symbols",
    "should proxy symbols such that symbol equality works",
    "should proxy symbols such that symbol key lookup works",
    "should proxy typed arrays",
    "should proxy regexps",
    "should proxy typed arrays and regexps through the serializer",
    "should handle recursive objects",
    "should handle DOM elements",
    "should handle DOM elements going backwards over the bridge",
    "should handle Blobs",
    "should handle Blobs going backwards over the bridge",
    "should handle VideoFrames",
    "should handle VideoFrames going backwards over the bridge",
    "it should not let you overwrite existing exposed things",
    "should work with complex nested methods and promises",
    "should work with complex nested methods and promises attached directly to the global",
    "should throw an error when recursion depth is exceeded",
    "should copy thrown errors into the other context",
    "should not leak prototypes",
    "should not leak prototypes when attaching directly to the global",
    "executeInMainWorld serializes function and proxies args",
    "executeInMainWorld uses internal Function.prototype.toString",
];

/// main.js's `PASS name` / `FAIL name: why` lines, in the order they came.
fn results(journal: &[Value]) -> Vec<(String, Result<(), String>)> {
    journal
        .iter()
        .filter(|e| e["kind"] == "console" && e["process"] == "main")
        .filter_map(|e| e["text"].as_str())
        .filter_map(|text| {
            if let Some(name) = text.strip_prefix("PASS ") {
                Some((name.to_string(), Ok(())))
            } else {
                let rest = text.strip_prefix("FAIL ")?;
                let (name, why) = rest.split_once(": ").unwrap_or((rest, ""));
                Some((name.to_string(), Err(why.to_string())))
            }
        })
        .collect()
}

#[test]
fn electrons_context_bridge_spec_passes_in_real_webviews() {
    let mut run = LabRun::start(&test_lab("spec-context-bridge"), None, 240);
    // A window per test: the whole run takes longer than one wait may, so wait for each ten.
    for done in (10..PORTED.len()).step_by(10) {
        run.wait_for(&format!("{done} results"), |j| results(j).len() >= done);
    }
    let (status, journal, output) = run.finish();
    assert!(status.success(), "the lab quits by itself: {output}");
    let results = results(&journal);
    let names: Vec<&str> = results.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, PORTED, "every ported test ran, in order");
    let failed: Vec<String> = results
        .iter()
        .filter_map(|(name, result)| result.as_ref().err().map(|why| format!("{name}: {why}")))
        .collect();
    assert!(failed.is_empty(), "failed:\n{}", failed.join("\n"));
    // The page got Electron's error for the too deep argument; the journal says so as well.
    assert!(
        journal.iter().any(|e| e["kind"] == "error"
            && e["text"]
                == "A call through contextBridge was refused: Electron contextBridge recursion depth exceeded.  Nested objects deeper than 1000 are not supported."),
        "the refused call is journaled"
    );
}

#[test]
fn a_preloads_window_global_is_invisible_to_the_page_with_isolation_on() {
    let mut run = LabRun::start(&test_lab("isolation-on"), None, 60);
    let journal = run.wait_for("the page's report", |j| {
        j.iter()
            .any(|e| e["kind"] == "console" && e["process"] == "renderer")
    });
    assert!(
        has_console(&journal, "renderer", "page sees window.api: undefined"),
        "{journal:?}"
    );
    assert!(
        !journal.iter().any(|e| e["event"] == "exposed"),
        "nothing was exposed to the page"
    );
}

#[test]
fn a_preloads_window_global_is_the_pages_with_isolation_off() {
    let mut run = LabRun::start(&test_lab("isolation-off"), None, 60);
    let journal = run.wait_for("the page's report", |j| {
        j.iter()
            .any(|e| e["kind"] == "console" && e["process"] == "renderer")
    });
    assert!(
        has_console(&journal, "renderer", "page sees window.api: object"),
        "{journal:?}"
    );
    let exposed: Vec<&Value> = journal.iter().filter(|e| e["event"] == "exposed").collect();
    assert_eq!(exposed.len(), 1, "{exposed:?}");
    assert_eq!(
        (
            &exposed[0]["key"],
            &exposed[0]["world"],
            &exposed[0]["webContentsId"]
        ),
        (&json!("api"), &json!("main"), &json!(1))
    );
}

#[test]
fn the_journal_records_each_exposed_key_its_world_and_a_wholesale_ipc_renderer() {
    let run = LabRun::start(&test_lab("isolation-exposed"), None, 60);
    let (status, journal, output) = run.finish();
    assert!(status.success(), "{output}");
    let exposed: Vec<Value> = journal
        .iter()
        .filter(|e| e["event"] == "exposed")
        .map(|e| {
            let mut e = e.clone();
            let fields = e.as_object_mut().unwrap();
            for noise in ["seq", "time", "kind", "api"] {
                fields.remove(noise);
            }
            e
        })
        .collect();
    assert_eq!(
        exposed,
        [
            json!({"event": "exposed", "webContentsId": 1, "key": "ipc", "world": "isolated", "ipcRenderer": true}),
            json!({"event": "exposed", "webContentsId": 1, "key": "api", "world": "isolated"}),
        ]
    );
    // ipcRenderer arrives empty (its methods are on its prototype), the preload's own global
    // stays in the preload's world, and what was exposed is frozen.
    assert!(
        has_console(
            &journal,
            "renderer",
            r#"page sees {"ipcKeys":[],"secret":"undefined","require":"undefined","apiFrozen":true}"#
        ),
        "{journal:?}"
    );
    // What the page posts on its own world's transport has no token: refused and journaled.
    assert!(journal.iter().any(|e| e["kind"] == "error"
        && e["text"]
            .as_str()
            .is_some_and(|t| t.contains("without the preload's token"))));
    assert!(has_console(&journal, "renderer", "pong 42"));
    // A sandboxed preload has Buffer; main gets what it sent as a Uint8Array, as in Electron.
    assert!(
        has_console(&journal, "main", "main got [object Uint8Array] 2 false"),
        "{journal:?}"
    );
    let bytes = find(&journal, "send", "bytes").expect("the send of the Buffer");
    assert_eq!(
        bytes["args"],
        json!([{"$type": "Uint8Array", "base64": "aGk="}])
    );
}
