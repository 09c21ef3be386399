use std::sync::Arc;

use serde_json::{json, Value};

use super::*;
use crate::journal::{Journal, Kind};
use crate::panel::i18n::Lang;

/// Entries as the journal stamps them, from (kind, fields) pairs. A kind this version does not
/// know (a newer journal's) is stamped as one it knows, then given its own name.
fn entries(list: &[(&str, Value)]) -> Vec<Arc<Entry>> {
    let journal = Journal::new();
    list.iter()
        .map(|(kind, fields)| {
            let seq = journal.append(Kind::parse(kind).unwrap_or(Kind::Lifecycle), fields.clone());
            let mut entry = journal.get(seq).expect("just appended").as_ref().clone();
            entry.insert("kind".into(), json!(kind));
            Arc::new(entry)
        })
        .collect()
}

fn model(list: &[(&str, Value)]) -> Model {
    let mut model = Model::new();
    model.ingest(entries(list));
    model
}

fn shown_seqs(model: &Model) -> Vec<u64> {
    (0..model.shown())
        .filter_map(|n| model.visible_row(n).map(|(_, r)| r.seq))
        .collect()
}

#[test]
fn an_invoke_and_its_result_are_one_row() {
    let m = model(&[
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1}),
        ),
        (
            "console",
            json!({"process": "main", "level": "log", "text": "reading"}),
        ),
        (
            "invoke-result",
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": 1, "ok": true, "result": "你好", "durationUs": 1500}),
        ),
        (
            "invoke",
            json!({"channel": "later", "args": [], "webContentsId": 1}),
        ),
    ]);
    assert_eq!(m.row_count(), 3);
    assert_eq!(m.total(), 4);
    let (_, invoke) = m.visible_row(0).unwrap();
    assert_eq!(invoke.kind, RowKind::Invoke);
    assert!(!invoke.pending());
    assert_eq!(invoke.duration_us(), Some(1500));
    assert_eq!(
        invoke.result.as_ref().unwrap().get("result"),
        Some(&json!("你好"))
    );
    let (_, later) = m.visible_row(2).unwrap();
    assert!(later.pending());
}

#[test]
fn a_rejected_invoke_is_flagged_and_a_result_without_request_still_shows() {
    let m = model(&[
        (
            "invoke",
            json!({"channel": "boom", "args": [], "webContentsId": 2}),
        ),
        (
            "invoke-result",
            json!({"channel": "boom", "webContentsId": 2, "ref": 1, "ok": false, "error": "Error invoking remote method 'boom': Error: no"}),
        ),
        (
            "send-sync-result",
            json!({"channel": "s", "webContentsId": 2, "ref": 99, "result": 1, "durationUs": 3}),
        ),
    ]);
    assert_eq!(m.row(0).unwrap().flag, Flag::Failed);
    assert_eq!(m.row_count(), 2);
    assert_eq!(m.row(1).unwrap().kind, RowKind::SendSync);
    assert!(!m.row(1).unwrap().pending());
}

#[test]
fn pushes_and_sends_nobody_heard_are_flagged() {
    let m = model(&[
        (
            "push",
            json!({"channel": "testMsg", "args": ["x"], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "push",
            json!({"channel": "testMsg", "args": ["y"], "webContentsId": 1, "listeners": 1}),
        ),
        (
            "send",
            json!({"channel": "nobody", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "send-sync",
            json!({"channel": "nobody", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
    ]);
    let flags: Vec<Flag> = (0..4).map(|i| m.row(i).unwrap().flag).collect();
    let expected = [
        Flag::NoListener,
        Flag::None,
        Flag::NoListener,
        Flag::NoListener,
    ];
    assert_eq!(flags, expected);
}

fn mixed() -> Model {
    model(&[
        (
            "send",
            json!({"channel": "test-call", "args": ["你好，能听到我说话吗？"], "webContentsId": 1, "listeners": 1}),
        ),
        (
            "push",
            json!({"channel": "testMsg", "args": ["你好啊，我是主进程"], "webContentsId": 2, "listeners": 1}),
        ),
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1}),
        ),
        (
            "console",
            json!({"process": "main", "level": "warn", "text": "Careful"}),
        ),
        (
            "send",
            json!({"channel": "test-call", "args": ["second"], "webContentsId": 2, "listeners": 1}),
        ),
    ])
}

#[test]
fn filters_narrow_by_kind_channel_window_and_text() {
    let mut m = mixed();
    assert_eq!(shown_seqs(&m), [1, 2, 3, 4, 5]);
    m.set_filter(Filter::default().only(&[RowKind::Send]));
    assert_eq!(shown_seqs(&m), [1, 5]);
    m.set_filter(Filter {
        channel: Some("test-call".into()),
        window: Some(2),
        ..Filter::default()
    });
    assert_eq!(shown_seqs(&m), [5]);
    m.set_filter(Filter {
        text: "能听到".into(),
        ..Filter::default()
    });
    assert_eq!(shown_seqs(&m), [1]);
    m.set_filter(Filter {
        text: "CAREFUL".into(),
        ..Filter::default()
    });
    assert_eq!(shown_seqs(&m), [4]);
}

#[test]
fn new_entries_are_filtered_as_they_arrive_and_clear_forgets_rows_only() {
    let mut m = mixed();
    m.set_filter(Filter::default().only(&[RowKind::Push]));
    let more = entries(&[
        ("lifecycle", json!({"event": "ready"})),
        (
            "push",
            json!({"channel": "late", "args": [], "webContentsId": 2, "listeners": 0}),
        ),
    ]);
    m.ingest(more);
    assert_eq!(m.shown(), 2);
    assert_eq!(m.consumed(), 7);
    m.clear();
    assert_eq!((m.shown(), m.total(), m.consumed()), (0, 0, 7));
    assert!(m.registry.renderers.contains_key(&2));
}

#[test]
fn the_registry_counts_listeners_handlers_and_hits() {
    let m = model(&[
        (
            "listener",
            json!({"process": "main", "op": "on", "channel": "test-call"}),
        ),
        (
            "listener",
            json!({"process": "main", "op": "handle", "channel": "readFileEvent"}),
        ),
        (
            "listener",
            json!({"process": "renderer", "op": "on", "channel": "testMsg", "webContentsId": 1}),
        ),
        (
            "send",
            json!({"channel": "test-call", "args": [], "webContentsId": 1, "listeners": 1}),
        ),
        (
            "send",
            json!({"channel": "test-call", "args": [], "webContentsId": 1, "listeners": 1}),
        ),
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": [], "webContentsId": 1}),
        ),
        (
            "invoke",
            json!({"channel": "missing", "args": [], "webContentsId": 1}),
        ),
        (
            "send",
            json!({"channel": "nobody", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "push",
            json!({"channel": "testMsg", "args": [], "webContentsId": 1, "listeners": 1}),
        ),
        (
            "push",
            json!({"channel": "unheard", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
        (
            "listener",
            json!({"process": "main", "op": "removeHandler", "channel": "readFileEvent"}),
        ),
    ]);
    let r = &m.registry;
    assert_eq!(r.main["test-call"].listeners, 1);
    assert_eq!(r.main["test-call"].sends, 2);
    assert_eq!(r.main["readFileEvent"].invokes, 1);
    assert!(!r.main["readFileEvent"].handler);
    let unanswered: Vec<&str> = r.unanswered_main().map(|(c, _)| c).collect();
    assert_eq!(unanswered, ["missing", "nobody"]);
    assert_eq!(r.renderers[&1]["testMsg"].listeners, 1);
    assert_eq!(r.renderers[&1]["testMsg"].pushes, 1);
    assert_eq!(r.renderers[&1]["unheard"].dropped, 1);
}

#[test]
fn exposed_apis_build_a_tree_per_window_and_a_reload_starts_over() {
    let api = json!({"sendMsg": {"$type": "Function", "name": "sendMsg"}, "nested": {"x": {"$type": "Function", "name": "x"}}});
    let mut m = model(&[
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 1, "pid": 42}),
        ),
        (
            "lifecycle",
            json!({"event": "exposed", "webContentsId": 1, "key": "electronAPI", "api": api}),
        ),
        (
            "listener",
            json!({"process": "renderer", "op": "on", "channel": "testMsg", "webContentsId": 1}),
        ),
        (
            "lifecycle",
            json!({"event": "loaded", "webContentsId": 1, "url": "file:///lab/index.html"}),
        ),
    ]);
    assert_eq!(m.registry.exposed[&1]["electronAPI"], api);
    let window = m.windows.get(1).unwrap();
    assert_eq!((window.pid, window.state), (Some(42), WindowState::Loaded));
    assert_eq!(window.url, "file:///lab/index.html");
    // The page reloads: its preload exposes again, and the old page's listener is gone.
    let journal_more = entries(&[
        ("a", json!({})),
        ("b", json!({})),
        ("c", json!({})),
        ("d", json!({})),
        (
            "lifecycle",
            json!({"event": "exposed", "webContentsId": 1, "key": "other", "api": {"$type": "Function", "name": "f"}}),
        ),
    ]);
    m.ingest(journal_more.into_iter().skip(4));
    assert_eq!(m.registry.renderers[&1]["testMsg"].listeners, 0);
    let keys: Vec<&String> = m.registry.exposed[&1].keys().collect();
    assert_eq!(keys, ["other"]);
    assert_eq!(m.windows.get(1).unwrap().state, WindowState::Loading);
}

#[test]
fn a_reloaded_page_keeps_only_the_listeners_it_registered() {
    let on = |wc: u32| {
        (
            "listener",
            json!({"process": "renderer", "op": "on", "channel": "testMsg", "webContentsId": wc}),
        )
    };
    let loaded = (
        "lifecycle",
        json!({"event": "loaded", "webContentsId": 1, "url": "file:///i.html"}),
    );
    let m = model(&[
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 1, "pid": 1}),
        ),
        on(1),
        loaded.clone(),
        on(1),
        loaded.clone(),
    ]);
    assert_eq!(m.registry.renderers[&1]["testMsg"].listeners, 1);
}

#[test]
fn a_navigating_entry_starts_the_page_over_and_nothing_is_guessed() {
    let api = |name: &str| json!({name: {"$type": "Function", "name": name}});
    let all = entries(&[
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 1, "pid": 42}),
        ),
        (
            "lifecycle",
            json!({"event": "navigating", "webContentsId": 1, "url": "file:///lab/index.html"}),
        ),
        (
            "lifecycle",
            json!({"event": "exposed", "webContentsId": 1, "key": "electronAPI", "api": api("sendMsg")}),
        ),
        (
            "listener",
            json!({"process": "renderer", "op": "on", "channel": "testMsg", "webContentsId": 1}),
        ),
        (
            "lifecycle",
            json!({"event": "loaded", "webContentsId": 1, "url": "file:///lab/index.html"}),
        ),
        // The page exposes more after it loaded (from a timer, say): that is no reload.
        (
            "lifecycle",
            json!({"event": "exposed", "webContentsId": 1, "key": "late", "api": api("f")}),
        ),
        (
            "lifecycle",
            json!({"event": "navigating", "webContentsId": 1, "url": "file:///lab/other.html"}),
        ),
        (
            "listener",
            json!({"process": "renderer", "op": "on", "channel": "other", "webContentsId": 1}),
        ),
        (
            "lifecycle",
            json!({"event": "loaded", "webContentsId": 1, "url": "file:///lab/other.html"}),
        ),
    ]);
    let mut m = Model::new();
    m.ingest(all[..6].iter().cloned());
    let keys: Vec<&String> = m.registry.exposed[&1].keys().collect();
    assert_eq!(keys, ["electronAPI", "late"]);
    assert_eq!(m.registry.renderers[&1]["testMsg"].listeners, 1);
    assert_eq!(m.windows.get(1).unwrap().state, WindowState::Loaded);

    // A new page starts loading: the old one's API and listeners are gone at once.
    m.ingest(all[6..7].iter().cloned());
    assert!(m.registry.exposed.get(&1).is_none_or(|e| e.is_empty()));
    assert_eq!(m.registry.renderers[&1]["testMsg"].listeners, 0);
    let window = m.windows.get(1).unwrap();
    assert_eq!(window.state, WindowState::Loading);
    assert_eq!(window.url, "file:///lab/other.html");

    m.ingest(all[7..].iter().cloned());
    assert_eq!(m.registry.renderers[&1]["other"].listeners, 1);
    assert_eq!(m.registry.renderers[&1]["testMsg"].listeners, 0);
    assert_eq!(m.windows.get(1).unwrap().state, WindowState::Loaded);
}

#[test]
fn a_crashed_window_that_navigates_is_loading_again() {
    let m = model(&[
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 1, "pid": 1}),
        ),
        (
            "lifecycle",
            json!({"event": "crashed", "webContentsId": 1, "exitCode": null, "signal": 9}),
        ),
        (
            "lifecycle",
            json!({"event": "navigating", "webContentsId": 1, "url": "file:///i.html"}),
        ),
    ]);
    let window = m.windows.get(1).unwrap();
    assert_eq!(window.state, WindowState::Loading);
    assert!(window.alive());
}

#[test]
fn a_held_or_faulted_result_is_its_invokes_answer() {
    let m = model(&[
        (
            "invoke",
            json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "readFileEvent", "webContentsId": 1, "ref": 1, "ok": true, "result": "新的", "held": true, "editedFrom": "文本", "durationUs": 9}),
        ),
        (
            "invoke",
            json!({"channel": "save", "args": [], "webContentsId": 1}),
        ),
        (
            "invoke-result",
            json!({"channel": "save", "webContentsId": 1, "ref": 3, "ok": false, "error": "Error invoking remote method 'save': Error: disk full", "fault": {"error": "disk full"}}),
        ),
    ]);
    assert_eq!(m.row_count(), 2, "each result is part of its invoke's row");
    let read = m.row_by_seq(1).unwrap();
    assert!(!read.pending());
    assert_eq!(read.flag, Flag::None);
    assert_eq!(field(read.answer().unwrap(), "held"), true);
    let save = m.row_by_seq(3).unwrap();
    assert_eq!(save.flag, Flag::Failed);
    assert_eq!(
        field(save.answer().unwrap(), "fault"),
        &json!({"error": "disk full"})
    );
}

#[test]
fn windows_crash_and_close() {
    let m = model(&[
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 1, "pid": 1}),
        ),
        (
            "lifecycle",
            json!({"event": "created", "webContentsId": 2, "pid": 2}),
        ),
        (
            "lifecycle",
            json!({"event": "crashed", "webContentsId": 1, "exitCode": null, "signal": 9}),
        ),
        ("lifecycle", json!({"event": "closed", "webContentsId": 2})),
    ]);
    assert_eq!(m.windows.get(1).unwrap().state, WindowState::Crashed);
    assert_eq!(m.windows.get(2).unwrap().state, WindowState::Closed);
}

#[test]
fn console_levels_filter_the_console() {
    let mut m = model(&[
        (
            "console",
            json!({"process": "main", "level": "log", "text": "a"}),
        ),
        (
            "console",
            json!({"process": "renderer", "level": "warn", "text": "b", "webContentsId": 1}),
        ),
        (
            "error",
            json!({"process": "main", "text": "Uncaught Error: c"}),
        ),
    ]);
    assert_eq!(m.console_len(), 3);
    m.set_console_shown(Level::Log, false);
    assert_eq!(m.console_len(), 2);
    assert_eq!(Level::of(m.console_row(1).unwrap()), Some(Level::Error));
}

#[test]
fn entries_missing_fields_or_with_odd_types_do_not_panic() {
    let m = model(&[
        (
            "send",
            json!({"channel": 5, "args": "not an array", "webContentsId": "x", "listeners": -1}),
        ),
        ("invoke-result", json!({"ref": "1"})),
        ("listener", json!({})),
        (
            "lifecycle",
            json!({"event": "exposed", "webContentsId": 99}),
        ),
        ("???", json!(null)),
    ]);
    assert_eq!(m.row_count(), 5);
}

/// Run by hand (`cargo test --bin ipcscope filter_a_million -- --ignored --nocapture`) to see
/// how long filtering 1,000,000 rows takes; a figure, never a timed assertion.
#[test]
#[ignore]
fn filter_a_million_rows() {
    let journal = Journal::new();
    for i in 0..1_000_000u64 {
        match i % 4 {
            0 => journal.append(Kind::Send, json!({"channel": "test-call", "args": [format!("消息 {i}")], "webContentsId": 1, "listeners": 1})),
            1 => journal.append(Kind::Invoke, json!({"channel": "readFileEvent", "args": ["a.txt"], "webContentsId": 1})),
            2 => journal.append(Kind::InvokeResult, json!({"channel": "readFileEvent", "webContentsId": 1, "ref": i, "ok": true, "result": "text", "durationUs": 10})),
            _ => journal.append(Kind::Push, json!({"channel": "testMsg", "args": [i], "webContentsId": 2, "listeners": 1})),
        };
    }
    let entries = journal.slice(0..usize::MAX);
    let start = std::time::Instant::now();
    // Every row kept, as with IPCSCOPE_LOG_CAP=1000000: the worst case the panel may be given.
    let mut m = Model::with_cap(1_000_000);
    m.ingest(entries);
    eprintln!(
        "ingest 1,000,000 entries: {:?} ({} rows)",
        start.elapsed(),
        m.row_count()
    );
    for filter in [
        Filter::default().only(&[RowKind::Push]),
        Filter {
            text: "消息 99999".into(),
            ..Filter::default()
        },
        Filter {
            channel: Some("readFileEvent".into()),
            window: Some(1),
            ..Filter::default()
        },
        Filter::default(),
    ] {
        let start = std::time::Instant::now();
        m.set_filter(filter.clone());
        eprintln!(
            "filter {filter:?}: {:?}, {} shown",
            start.elapsed(),
            m.shown()
        );
    }
}

#[test]
fn the_debugger_finds_rows_by_seq_replays_and_the_last_push_fired_by_hand() {
    let mut m = model(&[
        (
            "invoke",
            json!({"channel": "add", "args": [1], "webContentsId": 1}),
        ),
        (
            "push",
            json!({"channel": "t", "args": [], "webContentsId": 1, "listeners": 1, "origin": "panel"}),
        ),
        ("invoke-result", json!({"ref": 1, "ok": true, "result": 1})),
        (
            "invoke",
            json!({"channel": "add", "args": [2], "webContentsId": 1, "replayOf": 1}),
        ),
        ("invoke-result", json!({"ref": 4, "ok": true, "result": 2})),
        (
            "push",
            json!({"channel": "t", "args": [], "webContentsId": 1, "listeners": 0}),
        ),
    ]);
    let original = m.row_by_seq(1).expect("the invoke's row");
    assert_eq!(field(original.result.as_deref().unwrap(), "result"), 1);
    assert_eq!(m.row_by_seq(4).unwrap().entry["args"], json!([2]));
    assert!(
        m.row_by_seq(3).is_none(),
        "a result is part of its request's row"
    );
    assert_eq!(m.replays[&1], [4]);
    assert_eq!(
        m.last_panel_push().unwrap().seq,
        2,
        "the page's own push is not the panel's"
    );
    m.clear();
    assert!(m.replays.is_empty() && m.last_panel_push().is_none());
}

fn sends(journal: &Journal, range: std::ops::Range<usize>) {
    for n in range {
        journal.append(
            Kind::Send,
            json!({"channel": "flood", "args": [n], "webContentsId": 1, "listeners": 1}),
        );
    }
}

#[test]
fn past_the_cap_the_oldest_rows_go_and_indices_still_name_the_same_rows() {
    let journal = Journal::new();
    journal.append(
        Kind::Console,
        json!({"process": "main", "level": "log", "text": "first"}),
    );
    sends(&journal, 0..3);
    journal.append(
        Kind::Console,
        json!({"process": "main", "level": "warn", "text": "last"}),
    );
    let mut m = Model::with_cap(3);
    m.ingest(journal.slice(0..usize::MAX));
    assert_eq!(m.row_count(), 3);
    assert_eq!(m.let_go(), 2);
    assert_eq!(m.total(), 5);
    assert_eq!(shown_seqs(&m), [3, 4, 5]);
    // Index 2 is the third row ever: the same row before and after the trim.
    let (index, row) = m.visible_row(0).unwrap();
    assert_eq!((index, row.seq), (2, 3));
    assert!(m.row(1).is_none() && m.row_by_seq(2).is_none());
    assert_eq!(m.row(4).unwrap().seq, 5);
    assert_eq!(m.row_index(5), Some(4));
    assert_eq!(m.visible_position(4), Some(2));
    // The console lost its first line with its row; a rebuilt index names kept rows only.
    assert_eq!(m.console_len(), 1);
    assert_eq!(text(&m.console_row(0).unwrap().entry, "text"), "last");
    m.set_console_shown(Level::Warn, false);
    m.set_console_shown(Level::Warn, true);
    assert_eq!(text(&m.console_row(0).unwrap().entry, "text"), "last");
    m.set_filter(Filter::default().only(&[RowKind::Send]));
    assert_eq!(shown_seqs(&m), [3, 4]);
    assert_eq!(m.visible_row(1).unwrap().0, 3);
    // Every step of the diagram whose row is gone has no entry; the others still do.
    let entries: Vec<Option<u64>> = m
        .sequence
        .steps()
        .iter()
        .map(|step| {
            m.step_entry(step)
                .map(|e| field(e, "seq").as_u64().unwrap())
        })
        .collect();
    assert_eq!(entries, [None, None, Some(3), Some(4), Some(5)]);
    m.clear();
    assert_eq!((m.let_go(), m.let_go_notice(Lang::En)), (0, None));
}

#[test]
fn an_invoke_let_go_while_waiting_gets_its_result_as_a_row_of_its_own() {
    let journal = Journal::new();
    journal.append(
        Kind::Invoke,
        json!({"channel": "slow", "args": [], "webContentsId": 1}),
    );
    sends(&journal, 0..2);
    journal.append(
        Kind::InvokeResult,
        json!({"channel": "slow", "ref": 1, "ok": true, "result": 5, "webContentsId": 1}),
    );
    let mut m = Model::with_cap(2);
    m.ingest(journal.slice(0..usize::MAX));
    assert_eq!(shown_seqs(&m), [3, 4]);
    let answer = m.row_by_seq(4).unwrap();
    assert!(answer.is_lone_result());
    assert_eq!(answer.answer().unwrap()["result"], 5);
    // The request itself is still one click away in the journal.
    assert_eq!(journal.get(1).unwrap()["channel"], "slow");
}

#[test]
fn a_row_and_its_result_let_go_count_as_two_entries() {
    let journal = Journal::new();
    journal.append(
        Kind::Invoke,
        json!({"channel": "add", "args": [1], "webContentsId": 1}),
    );
    journal.append(
        Kind::InvokeResult,
        json!({"channel": "add", "ref": 1, "ok": true, "result": 2, "webContentsId": 1}),
    );
    sends(&journal, 0..1_234);
    let mut m = Model::with_cap(1);
    m.ingest(journal.slice(0..usize::MAX));
    assert_eq!(m.let_go(), 1_235);
    assert_eq!(
        m.let_go_notice(Lang::En).unwrap(),
        "1,235 older entries let go to save memory; to keep them all, run with --record FILE"
    );
    assert_eq!(
        m.let_go_notice(Lang::Zh).unwrap(),
        "为节省内存，已释放 1,235 条较早的记录；要保留全部记录，请用 --record FILE 运行"
    );
}

#[test]
fn entries_the_journal_let_go_first_are_skipped_and_the_notice_names_the_record_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.jsonl");
    let journal = Journal::with_cap(3);
    journal.record_to(&path).unwrap();
    sends(&journal, 0..10);
    let mut m = Model::with_cap(5);
    // As the panel reads: from where the model stopped, past what the journal let go.
    let from = m.catch_up(&journal);
    assert_eq!(from, 7);
    m.ingest(journal.slice(from..usize::MAX));
    assert_eq!(m.catch_up(&journal), 10);
    assert_eq!(shown_seqs(&m), [8, 9, 10]);
    assert_eq!((m.total(), m.let_go()), (10, 7));
    let file = std::fs::canonicalize(&path).unwrap();
    assert_eq!(
        m.let_go_notice(Lang::En).unwrap(),
        format!(
            "7 older entries let go to save memory; all are in the record file {}",
            file.display()
        )
    );
    assert_eq!(
        m.let_go_notice(Lang::Zh).unwrap(),
        format!(
            "为节省内存，已释放 7 条较早的记录；全部记录都在记录文件 {} 中",
            file.display()
        )
    );
    assert_eq!(journal.full(2).unwrap()["args"], json!([1]));
}

#[test]
fn the_detail_of_a_large_value_is_read_back_whole_and_says_why_when_it_cannot_be() {
    let journal = Journal::new();
    let big = "x".repeat(100_000);
    journal.append(
        Kind::Invoke,
        json!({"channel": "save", "args": [big], "webContentsId": 1}),
    );
    journal.append(
        Kind::InvokeResult,
        json!({"channel": "save", "ref": 1, "ok": true, "result": big, "webContentsId": 1}),
    );
    let mut m = Model::new();
    m.ingest(journal.slice(0..usize::MAX));
    let row = m.row_by_seq(1).unwrap().clone();
    assert!(row.entry.contains_key(crate::journal::PREVIEW));
    assert!(field(&row.entry, "args")[0].as_str().unwrap().len() < 2_000);
    let whole = with_full_values(row.clone());
    assert_eq!(field(&whole.entry, "args"), &json!([big]));
    assert_eq!(field(whole.result.as_ref().unwrap(), "result"), &json!(big));
    assert!(!whole.entry.contains_key(crate::journal::PREVIEW));

    // The run is over and nothing recorded it: the preview stays and says why.
    drop(journal);
    let other = Arc::new(row.entry.as_ref().clone());
    let kept = whole_entry(&other);
    let why = kept[crate::journal::PREVIEW]["why"].as_str().unwrap();
    assert_eq!(
        why,
        "the full value of #1 is gone: the run that kept it has ended"
    );
}

/// Run by hand, or by `make bench`: what one log row of a small message costs in memory, its
/// parsed entry included (`--release`).
#[test]
#[ignore]
fn bytes_per_log_row() {
    const N: usize = 100_000;
    use crate::test_memory::resident;
    let journal = Journal::new();
    for n in 0..N {
        journal.append(
            Kind::Send,
            json!({"channel": "flood", "args": [n], "webContentsId": 1, "listeners": 1,
                "initiator": {"file": "preload.js", "line": 5, "column": 49, "function": "flood"}}),
        );
    }
    let before = resident();
    let mut m = Model::with_cap(N);
    m.ingest(journal.slice(0..N));
    let per_row = resident().saturating_sub(before) / N;
    assert_eq!(m.row_count(), N);
    // The diagram keeps a step for every entry, whatever the Log lets go: measured with one row.
    let before = resident();
    let mut one_row = Model::with_cap(1);
    // In chunks, as the panel takes them: the entries of a chunk are parsed only while it lasts.
    for from in (0..N).step_by(1_000) {
        one_row.ingest(journal.slice(from..from + 1_000));
    }
    let per_step = resident().saturating_sub(before) / N;
    println!(
        "log memory: {per_row} bytes per row of a small message (the Row itself {} bytes, the rest its parsed entry and its diagram step, {per_step} bytes, which stays when the row goes)",
        std::mem::size_of::<Row>()
    );
    assert_eq!(one_row.row_count(), 1);
}
