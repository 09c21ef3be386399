//! `ipcscope replay JOURNAL LAB`: runs LAB's main.js without renderers, delivers every recorded
//! renderer -> main message (send, invoke, sendSync) in order as if from its original window, and
//! compares each invoke and sendSync result with the recorded one, so a recorded session can
//! regression-test a lab's handlers.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::core::{self, Command, Config, Inbox};
use crate::journal::{self, Entry, Journal, Kind, Outcome};
use crate::lab::Lab;
use crate::value::preview;

/// Longest wait for one result: past the core's 10 s sendSync limit, so a silent sendSync
/// shows as its `undefined` answer rather than as lost.
const RESULT_PATIENCE: Duration = Duration::from_secs(12);

/// One recorded renderer -> main message and the result recorded for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub seq: u64,
    /// Send, invoke or sendSync (`Kind::is_to_main`).
    pub kind: Kind,
    pub web_contents_id: u32,
    pub channel: String,
    pub args: Value,
    /// None for a send, or when the recording ended before the answer.
    pub outcome: Option<Outcome>,
    /// Why the recorded result came from ipcscope rather than main.js (a fault, a drop, an
    /// edit or an answer given in the panel): such a result is not main.js's to repeat.
    pub made_by_ipcscope: Option<&'static str>,
}

/// Why a recorded request or its result was shaped by ipcscope, not by main.js, if it was.
fn made_by_ipcscope(request: &Entry, result: &Entry) -> Option<&'static str> {
    let failed_by_fault = |e: &Entry| {
        e.get("fault")
            .is_some_and(|f| f.get("error").is_some_and(|v| !v.is_null()) || f["dropped"] == true)
    };
    if request.get("dropped") == Some(&Value::Bool(true)) || failed_by_fault(request) {
        return Some("the request was dropped or failed by a fault set in the panel");
    }
    if result.get("origin").and_then(Value::as_str) == Some("panel") {
        return Some("the result was answered by hand in the panel");
    }
    if result.get("editedFrom").is_some() {
        return Some("the result was edited at a breakpoint");
    }
    if result.get("dropped") == Some(&Value::Bool(true)) || failed_by_fault(result) {
        return Some("the result was dropped or failed by a fault set in the panel");
    }
    None
}

/// An outcome as the report shows it.
fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Value(value) => preview(value, 200),
        Outcome::Error(text) => format!("error {}", preview(&json!(text), 200)),
    }
}

/// The renderer -> main messages of a journal, in order, each with its recorded result.
pub fn recorded_messages(entries: &[Entry]) -> Vec<Recorded> {
    let field = |entry: &Entry, key: &str| entry.get(key).cloned().unwrap_or(Value::Null);
    let mut messages: Vec<Recorded> = entries
        .iter()
        .filter_map(|e| Some((e, Kind::of(e).filter(|k| k.is_to_main())?)))
        .map(|(e, kind)| Recorded {
            seq: seq(e),
            kind,
            web_contents_id: field(e, "webContentsId").as_u64().unwrap_or(0) as u32,
            channel: field(e, "channel").as_str().unwrap_or_default().to_string(),
            args: Some(field(e, "args"))
                .filter(Value::is_array)
                .unwrap_or_else(|| json!([])),
            outcome: None,
            made_by_ipcscope: None,
        })
        .collect();
    let requests: std::collections::HashMap<u64, &Entry> = entries
        .iter()
        .filter(|e| Kind::of(e).is_some_and(Kind::is_to_main))
        .map(|e| (seq(e), e))
        .collect();
    for result in entries {
        // Only results carry an outcome.
        let Some(outcome) = Outcome::of(result) else {
            continue;
        };
        let Some(reference) = result.get("ref").and_then(Value::as_u64) else {
            continue;
        };
        if let Some(message) = messages.iter_mut().find(|m| m.seq == reference) {
            message.outcome = Some(outcome);
            message.made_by_ipcscope = requests
                .get(&reference)
                .and_then(|request| made_by_ipcscope(request, result));
        }
    }
    messages
}

fn seq(entry: &Entry) -> u64 {
    entry.get("seq").and_then(Value::as_u64).unwrap_or(0)
}

/// One line of the report for a result that differs (or never came).
pub fn difference(recorded: &Recorded, now: Option<&Outcome>) -> Option<String> {
    let recorded_outcome = recorded.outcome.as_ref()?;
    if Some(recorded_outcome) == now {
        return None;
    }
    let now = now.map_or_else(|| "no result".to_string(), describe);
    Some(format!(
        "seq {} {} '{}': recorded {}, now {}",
        recorded.seq,
        recorded.kind,
        recorded.channel,
        describe(recorded_outcome),
        now
    ))
}

/// What a replay found; `differences` holds one line per result that differs.
#[derive(Debug, Default)]
pub struct Report {
    pub delivered: usize,
    pub compared: usize,
    pub differences: Vec<String>,
    /// One line per recorded result that ipcscope made (not compared), saying why.
    pub not_compared: Vec<String>,
}

impl Report {
    pub fn summary(&self) -> String {
        let compared = self.compared;
        let verdict = match (compared, self.differences.len()) {
            (0, _) => "no results to compare".to_string(),
            (1, 0) => "the 1 result matches".to_string(),
            (1, _) => "the 1 result differs".to_string(),
            (_, 0) => format!("all {compared} results match"),
            (_, differ) => format!("{differ} of {compared} results differ"),
        };
        let delivered = self.delivered;
        let mut line = format!(
            "replayed {delivered} renderer -> main message{}: {verdict}",
            if delivered == 1 { "" } else { "s" }
        );
        match self.not_compared.len() {
            0 => {}
            1 => line.push_str("; 1 recorded result made by ipcscope was not compared"),
            n => line.push_str(&format!(
                "; {n} recorded results made by ipcscope were not compared"
            )),
        }
        line
    }
}

/// Why a replay could not run: bad input, reported with exit status 2.
#[derive(Debug)]
pub struct BadInput(pub String);

/// Runs the replay. `record` streams the new run's journal (its entries carry `replayOf`).
pub fn replay(
    journal_path: &Path,
    lab: &Path,
    record: Option<&Path>,
    exe: std::path::PathBuf,
) -> Result<Report, BadInput> {
    if let Some(path) = record {
        if same_file(journal_path, path) {
            return Err(BadInput(format!(
                "--record '{}' is the journal being replayed ('{}'): recording there would overwrite it; give another file",
                path.display(),
                journal_path.display()
            )));
        }
    }
    let entries = journal::read_jsonl(journal_path)
        .map_err(|e| BadInput(format!("'{}': {e}", journal_path.display())))?;
    let lab = Lab::open(lab).map_err(|e| BadInput(format!("{e:#}")))?;
    lab.check_main().map_err(|why| BadInput(why.to_string()))?;
    let messages = recorded_messages(&entries);
    if let Some(unnamed) = entries.iter().find(|e| {
        Kind::of(e).is_some_and(Kind::is_to_main) && !e.get("channel").is_some_and(Value::is_string)
    }) {
        return Err(BadInput(format!(
            "'{}': seq {} is a {} with no channel: nothing to replay it on",
            journal_path.display(),
            seq(unnamed),
            unnamed
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or_default()
        )));
    }
    let journal = Journal::new();
    if let Some(path) = record {
        journal::check_record_target(path).map_err(BadInput)?;
        journal.record_to(path).map_err(|e| {
            BadInput(format!(
                "cannot write the journal to '{}': {e}",
                path.display()
            ))
        })?;
    }
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let config = Config {
        lab,
        journal: journal.clone(),
        exe,
        page_script: None,
        timeout: None,
        renderers: false,
        debug_view: Default::default(),
        echo_console: false,
        stop: Default::default(),
    };
    let inbox = tx.clone();
    let main = core::spawn_lab(config, tx, rx)
        .map_err(|e| BadInput(format!("cannot start the main process: {e}")))?;

    let mut report = Report::default();
    let mut watcher = Watcher {
        journal: &journal,
        seen: 0,
    };
    for message in &messages {
        if main.is_finished() {
            if message.outcome.is_some() {
                report.compared += 1;
                report.differences.push(format!(
                    "seq {} {} '{}': not replayed, main.js quit first",
                    message.seq, message.kind, message.channel
                ));
            }
            continue;
        }
        let _ = inbox.send(Inbox::Command(Command::Inject {
            kind: message.kind,
            wc: message.web_contents_id,
            channel: message.channel.clone(),
            args: message.args.clone(),
            replay_of: Some(message.seq),
        }));
        report.delivered += 1;
        let deadline = Instant::now() + RESULT_PATIENCE;
        // Wait for the message itself, so the next one is delivered after it.
        let Some(new_seq) = watcher.wait(deadline, |e| {
            Kind::of(e) == Some(message.kind)
                && e.get("replayOf").and_then(Value::as_u64) == Some(message.seq)
        }) else {
            continue;
        };
        if message.outcome.is_none() {
            continue;
        }
        if let Some(why) = message.made_by_ipcscope {
            report.not_compared.push(format!(
                "seq {} {} '{}': not compared: {why}",
                message.seq, message.kind, message.channel
            ));
            continue;
        }
        report.compared += 1;
        let now = watcher
            .wait_entry(deadline, |e| {
                Kind::of(e).is_some_and(Kind::is_result)
                    && e.get("ref").and_then(Value::as_u64) == Some(new_seq)
            })
            .and_then(|e| Outcome::of(&e));
        report.differences.extend(difference(message, now.as_ref()));
    }
    let _ = inbox.send(Inbox::Command(Command::Stop));
    let _ = main.join();
    Ok(report)
}

/// True when `a` and `b` name one file, by whatever path (a symlink, a hard link, `..`): the
/// same device and inode. A file that does not exist yet is no other file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// Reads the new run's journal as it grows.
struct Watcher<'a> {
    journal: &'a Journal,
    /// Index of the last entry found: later waits start there.
    seen: usize,
}

impl Watcher<'_> {
    fn wait(&mut self, deadline: Instant, wanted: impl Fn(&Entry) -> bool) -> Option<u64> {
        self.wait_entry(deadline, wanted).map(|e| seq(&e))
    }

    /// Waits for the first entry, from the last one found on, that `wanted` accepts. Each
    /// message is delivered after the previous one's entry, and its result after itself.
    fn wait_entry(&mut self, deadline: Instant, wanted: impl Fn(&Entry) -> bool) -> Option<Entry> {
        let mut scanned = self.seen;
        loop {
            let fresh = self.journal.slice(scanned..usize::MAX);
            if let Some(at) = fresh.iter().position(|e| wanted(e)) {
                self.seen = scanned + at;
                // Whole, to compare: memory keeps a large value only as a preview.
                let whole = journal::full_entry(&fresh[at]).unwrap_or_else(|_| fresh[at].clone());
                return Some(whole.as_ref().clone());
            }
            scanned += fresh.len();
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<Entry> {
        journal::parse_jsonl(text).unwrap()
    }

    const RECORDED: &str = r#"
{"seq":1,"kind":"listener","process":"main","op":"handle","channel":"readFileEvent"}
{"seq":2,"kind":"send","channel":"test-call","args":["你好"],"webContentsId":1,"listeners":1}
{"seq":3,"kind":"invoke","channel":"readFileEvent","args":["a.txt"],"webContentsId":2}
{"seq":4,"kind":"send-sync","channel":"sync","args":[1],"webContentsId":1}
{"seq":5,"kind":"invoke-result","channel":"readFileEvent","ref":3,"ok":true,"result":"文本","durationUs":9}
{"seq":6,"kind":"send-sync-result","channel":"sync","ref":4,"result":{"$type":"undefined"},"durationUs":9}
{"seq":7,"kind":"invoke","channel":"get","args":[],"webContentsId":1}
{"seq":8,"kind":"invoke-result","channel":"get","ref":7,"ok":false,"error":"Error invoking remote method 'get': Error: No handler registered for 'get'"}
{"seq":9,"kind":"push","channel":"testMsg","args":[],"webContentsId":1,"listeners":1}
"#;

    #[test]
    fn recorded_messages_are_the_renderer_to_main_ones_with_their_results() {
        let messages = recorded_messages(&entries(RECORDED));
        let seqs: Vec<u64> = messages.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, [2, 3, 4, 7], "sends, invokes and sendSyncs only");
        assert_eq!(messages[0].outcome, None, "a send has no result");
        assert_eq!(messages[1].web_contents_id, 2);
        assert_eq!(messages[1].outcome, Some(Outcome::Value(json!("文本"))));
        assert_eq!(
            messages[2].outcome,
            Some(Outcome::Value(json!({"$type": "undefined"})))
        );
        assert_eq!(
            messages[3].outcome,
            Some(Outcome::Error(
                "Error invoking remote method 'get': Error: No handler registered for 'get'".into()
            ))
        );
    }

    #[test]
    fn a_difference_names_seq_channel_recorded_and_new_value() {
        let messages = recorded_messages(&entries(RECORDED));
        let invoke = &messages[1];
        assert_eq!(
            difference(invoke, Some(&Outcome::Value(json!("文本")))),
            None
        );
        assert_eq!(
            difference(invoke, Some(&Outcome::Value(json!("新的")))).unwrap(),
            "seq 3 invoke 'readFileEvent': recorded \"文本\", now \"新的\""
        );
        assert_eq!(
            difference(invoke, None).unwrap(),
            "seq 3 invoke 'readFileEvent': recorded \"文本\", now no result"
        );
        let failed = &messages[3];
        assert!(difference(failed, Some(&Outcome::Value(json!(1))))
            .unwrap()
            .starts_with(
                "seq 7 invoke 'get': recorded error \"Error invoking remote method 'get'"
            ));
        assert_eq!(
            difference(&messages[0], None),
            None,
            "sends are not compared"
        );
    }

    #[test]
    fn results_made_by_ipcscope_are_known_and_not_compared() {
        let text = [
            r#"{"seq":1,"kind":"invoke","channel":"a","webContentsId":1,"args":[],"fault":{"latencyMs":0,"error":"boom","dropped":false}}"#,
            r#"{"seq":2,"kind":"invoke-result","ref":1,"ok":false,"error":"boom"}"#,
            r#"{"seq":3,"kind":"invoke","channel":"b","webContentsId":1,"args":[]}"#,
            r#"{"seq":4,"kind":"invoke-result","ref":3,"ok":true,"result":2,"held":true,"editedFrom":1}"#,
            r#"{"seq":5,"kind":"send-sync","channel":"c","webContentsId":1,"args":[]}"#,
            r#"{"seq":6,"kind":"send-sync-result","ref":5,"result":7,"origin":"panel"}"#,
            r#"{"seq":7,"kind":"invoke","channel":"d","webContentsId":1,"args":[],"fault":{"latencyMs":50,"error":null,"dropped":false}}"#,
            r#"{"seq":8,"kind":"invoke-result","ref":7,"ok":true,"result":1}"#,
        ]
        .join("\n");
        let messages = recorded_messages(&entries(&text));
        let why: Vec<Option<&str>> = messages.iter().map(|m| m.made_by_ipcscope).collect();
        assert_eq!(
            why,
            [
                Some("the request was dropped or failed by a fault set in the panel"),
                Some("the result was edited at a breakpoint"),
                Some("the result was answered by hand in the panel"),
                // A delay changes when, not what: main.js's answer is still compared.
                None,
            ]
        );
    }

    #[test]
    fn the_summary_counts_what_was_compared() {
        let mut report = Report {
            delivered: 4,
            compared: 3,
            ..Report::default()
        };
        assert_eq!(
            report.summary(),
            "replayed 4 renderer -> main messages: all 3 results match"
        );
        report.differences.push("x".into());
        report.not_compared.push("y".into());
        assert_eq!(
            report.summary(),
            "replayed 4 renderer -> main messages: 1 of 3 results differ; 1 recorded result made by ipcscope was not compared"
        );
        let one = Report {
            delivered: 1,
            compared: 1,
            ..Report::default()
        };
        assert_eq!(
            one.summary(),
            "replayed 1 renderer -> main message: the 1 result matches"
        );
    }

    #[test]
    fn recording_onto_the_journal_itself_is_refused_by_any_path() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("j.jsonl");
        let text = "{\"seq\":1,\"kind\":\"send\",\"channel\":\"c\",\"args\":[]}\n";
        std::fs::write(&journal, text).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(&journal, dir.path().join("link.jsonl")).unwrap();
        std::fs::hard_link(&journal, dir.path().join("hard.jsonl")).unwrap();
        let lab = dir.path().join("no-lab");
        for record in ["j.jsonl", "sub/../j.jsonl", "link.jsonl", "hard.jsonl"] {
            let record = dir.path().join(record);
            let Err(BadInput(why)) = replay(&journal, &lab, Some(&record), "ipcscope".into())
            else {
                panic!("{} was taken", record.display());
            };
            assert!(why.contains("is the journal being replayed"), "{why}");
            assert_eq!(std::fs::read_to_string(&journal).unwrap(), text);
        }
        assert!(same_file(&journal, &dir.path().join("link.jsonl")));
        assert!(!same_file(&journal, &dir.path().join("new.jsonl")));
    }
}
