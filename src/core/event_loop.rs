//! The main process's event loop: main.js's events and timers, the inbox (renderer lines,
//! panel commands), delayed deliveries and sendSync time limits, then an orderly shutdown.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::json;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use super::inbox::{Command, Inbox};
use super::stages;
use super::state::State;
use super::{Config, Exit, EXIT_CANNOT_START};
use crate::journal::Kind;
use crate::runtime::protocol::JsEvent;
use crate::runtime::{MainRuntime, StopWhen};

/// Most inbox events handled in one pass before timers run and main.js gets its events.
const BURST: usize = 256;

/// How long renderers get to close their windows cleanly when the run ends.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// Runs a lab until it quits, times out or is stopped; blocks the calling thread.
pub(super) fn run_lab(
    config: Config,
    inbox_tx: UnboundedSender<Inbox>,
    inbox_rx: UnboundedReceiver<Inbox>,
) -> anyhow::Result<Exit> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the main process event loop")?;
    runtime.block_on(event_loop(config, inbox_tx, inbox_rx))
}

async fn event_loop(
    config: Config,
    inbox_tx: UnboundedSender<Inbox>,
    mut inbox: UnboundedReceiver<Inbox>,
) -> anyhow::Result<Exit> {
    // Electron would not start a main.js that does not compile: say where, run nothing.
    if let Err(why) = config.lab.check_main() {
        if config.echo_console {
            eprintln!("{why}");
        }
        config.journal.append(Kind::Error, why.journal_fields());
        return Ok(Exit::Quit(EXIT_CANNOT_START.into()));
    }
    let source = config.lab.main_source()?;
    let main_file = config.lab.main_js_path();
    // A deadline past what an Instant can hold is no deadline.
    let deadline = config.timeout.and_then(|t| Instant::now().checked_add(t));
    let journal = config.journal.clone();
    let state = Rc::new(RefCell::new(State::new(config, inbox_tx)));
    let lab_dir = state.borrow().lab.dir.clone();
    let stop = StopWhen {
        requested: state.borrow().stop.clone(),
        deadline,
    };
    let runtime = MainRuntime::new(&lab_dir, state.clone(), stop)?;

    runtime.run_main(&source, &main_file.to_string_lossy());
    journal.append(Kind::Lifecycle, json!({"event": "ready"}));
    state.borrow_mut().to_js.push_back(JsEvent::Ready);

    let exit = loop {
        loop {
            let event = state.borrow_mut().to_js.pop_front();
            match event {
                Some(event) => {
                    if let JsEvent::Invoke { seq, .. } = &event {
                        stages::handler_starts(*seq);
                    }
                    runtime.deliver(&event)
                }
                None => break,
            }
        }
        if let Some(code) = state.borrow().quit {
            break Exit::Quit(code);
        }
        state.borrow_mut().deliver_due(Instant::now());
        let next_timer = runtime.run_timers();
        if !state.borrow().to_js.is_empty() || state.borrow().quit.is_some() {
            continue;
        }
        let now = Instant::now();
        if deadline.is_some_and(|d| now >= d) {
            break Exit::Timeout;
        }
        let wait = {
            let state = state.borrow();
            [
                next_timer,
                deadline.map(|d| d - now),
                state
                    .pending
                    .next_sync_deadline()
                    .map(|d| d.saturating_duration_since(now)),
                state
                    .next_delayed()
                    .map(|d| d.saturating_duration_since(now)),
                state
                    .next_frame_deadline()
                    .map(|d| d.saturating_duration_since(now)),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(Duration::from_secs(3600))
        };
        // Let the writers take this burst's answers to the renderers first: a large answer must
        // not wait behind the journal's write of it.
        tokio::task::yield_now().await;
        // Idle: what was journaled in this burst reaches the record file now.
        journal.flush();
        let first = tokio::select! {
            event = inbox.recv() => Some(event),
            _ = tokio::time::sleep(wait) => None,
        };
        if let Some(first) = first {
            // Take what else has already arrived too: a burst is handled in one pass, with
            // one round of timers and one journal flush, not one per message.
            let mut next = Some(first);
            let mut taken = 0;
            let mut stop = false;
            while let Some(event) = next.take() {
                match event {
                    Some(Inbox::Command(Command::Stop)) | None => {
                        stop = true;
                        break;
                    }
                    Some(event) => state.borrow_mut().handle(event),
                }
                taken += 1;
                if taken < BURST {
                    next = inbox.try_recv().ok().map(Some);
                }
            }
            if stop {
                break Exit::Stopped;
            }
        }
        state.borrow_mut().expire_sync(Instant::now());
        state.borrow_mut().release_overdue_frames(Instant::now());
    };

    let event = match &exit {
        Exit::Quit(code) => json!({"event": "quit", "exitCode": code}),
        Exit::Timeout => json!({"event": "quit", "reason": "timeout"}),
        Exit::Stopped => match state.borrow().stop.signal() {
            Some(signal) => {
                json!({"event": "quit", "reason": "stopped", "signal": signal_name(signal)})
            }
            None => json!({"event": "quit", "reason": "stopped"}),
        },
    };
    state.borrow_mut().close_all_windows();
    // Give renderers a moment to close their windows cleanly (journaled as closed, before the
    // quit, as Electron closes windows before it quits); the rest are killed on drop.
    let grace = Instant::now() + CLOSE_GRACE;
    while state.borrow().windows.has_live() {
        let left = grace.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, inbox.recv()).await {
            Ok(Some(Inbox::RendererExited { wc, code, signal })) => {
                state.borrow_mut().renderer_exited(wc, code, signal);
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
    journal.append(Kind::Lifecycle, event);
    journal.flush();
    Ok(exit)
}

/// How a `quit` entry names the signal that stopped the run.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        libc::SIGINT => "SIGINT",
        libc::SIGTERM => "SIGTERM",
        _ => "signal",
    }
}
