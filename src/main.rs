//! ipcscope: a workbench for Electron's IPC model. The main process (this binary) runs a lab's
//! main.js and the panel; each BrowserWindow is `ipcscope renderer`, a webview in its own process.

mod chrome_trace;
mod cli;
mod core;
mod journal;
mod lab;
mod page_bounds;
mod panel;
mod renderer;
mod replay;
mod runtime;
mod scripts;
mod shim;
mod value;
mod window_place;
mod wire;

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod test_memory;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use clap::Parser;
use serde_json::json;

use crate::core::{Command, Config, Exit, Inbox, EXIT_CANNOT_START};
use crate::journal::Journal;
use crate::lab::Lab;

/// Exit status after `--timeout`, as `timeout(1)` uses.
const EXIT_TIMEOUT: u8 = 124;
/// Exit status for bad input: a missing lab, an unwritable record file, no display.
const EXIT_USAGE: u8 = 2;
/// Exit status after an internal error (a bug in ipcscope): sysexits' EX_SOFTWARE.
const EXIT_INTERNAL: i32 = 70;
/// How long a stopped run may take to close its windows and journal its quit before the
/// record file is ended without it: past the core's 2 s close grace.
const STOP_GRACE: Duration = Duration::from_secs(5);

fn main() -> ExitCode {
    install_panic_hook();
    let cli = cli::Cli::parse();
    panic_if_asked("main");
    match cli.command {
        Some(cli::Command::Renderer) => renderer(),
        Some(cli::Command::Run(args)) => run(args),
        Some(cli::Command::Replay(args)) => replay(args),
        Some(cli::Command::Export(args)) => export(args),
        None => panel_on_samples(),
    }
}

fn renderer() -> ExitCode {
    panic_if_asked("renderer");
    match renderer::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ipcscope renderer: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("ipcscope: {message}");
    ExitCode::from(EXIT_USAGE)
}

fn run(args: cli::RunArgs) -> ExitCode {
    let lab = match Lab::open(&args.lab) {
        Ok(lab) => lab,
        Err(err) => return fail(format!("{err:#}")),
    };
    let timeout = match cli::timeout(args.timeout) {
        Ok(timeout) => timeout,
        Err(text) => return fail(text),
    };
    if let Some(missing) = no_display(args.headless) {
        return fail(missing);
    }
    let journal = Journal::new();
    if let Some(path) = &args.record {
        if let Err(why) = journal::check_record_target(path) {
            return fail(why);
        }
        if let Err(err) = journal.record_to(path) {
            return fail(format!(
                "cannot write the journal to '{}': {err}",
                path.display()
            ));
        }
    }
    if args.headless {
        // Electron would not start either; the panel instead shows the error and offers Restart.
        if let Err(why) = lab.check_main() {
            journal.append(journal::Kind::Error, why.journal_fields());
            journal.flush();
            eprintln!("ipcscope: {why}");
            return ExitCode::from(EXIT_CANNOT_START);
        }
    }
    if !args.headless {
        // The panel's own runs record to files of their own: end each of them on a signal.
        watch_signals(|signal| {
            for journal in journal::recording() {
                journal.seal_with_quit(quit_on_signal(signal));
            }
            exit_now(128 + signal);
        });
        return panel::run(panel::Start {
            lab,
            journal,
            record: args.record.clone(),
            exe: exe(),
            timeout,
            // Offered beside the lab; the lab still runs if they cannot be written.
            samples: samples().unwrap_or_default(),
        });
    }
    let config = Config {
        lab,
        journal: journal.clone(),
        exe: exe(),
        page_script: page_script(),
        timeout,
        renderers: true,
        debug_view: Default::default(),
        echo_console: true,
        stop: Default::default(),
    };
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let stop = tx.clone();
    let stop_now = config.stop.clone();
    let signalled = journal.clone();
    let (first_signal, later_signals) = std::sync::mpsc::channel::<i32>();
    watch_signals(move |signal| {
        let _ = first_signal.send(signal);
    });
    std::thread::spawn(move || {
        let Ok(signal) = later_signals.recv() else {
            return;
        };
        // Stopped as the panel's Stop does: windows closed, `quit` journaled, file flushed;
        // main.js is interrupted even in the middle of a call.
        stop_now.ask_for_signal(signal);
        let _ = stop.send(Inbox::Command(Command::Stop));
        // main.js may be busy in a handler the core cannot leave: past the grace, or on a
        // second signal, the record file is ended here.
        let _ = later_signals.recv_timeout(STOP_GRACE);
        signalled.seal_with_quit(quit_on_signal(signal));
        exit_now(128 + signal);
    });
    let exit = match core::spawn_lab(config, tx, rx) {
        Ok(main) => main
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the main process thread panicked"))),
        Err(err) => Err(anyhow::anyhow!(
            "cannot start the main process thread: {err}"
        )),
    };
    if let Some(err) = journal.sink_error() {
        eprintln!("ipcscope: the journal file stopped being written: {err}");
    }
    if let Some(note) = journal.let_go_summary() {
        eprintln!("ipcscope: {note}");
    }
    match exit {
        // As a process's status holds it: app.exit(-1) exits 255, as Node's process.exit(-1).
        Ok(Exit::Quit(code)) => ExitCode::from((code & 0xff) as u8),
        Ok(Exit::Timeout) => ExitCode::from(EXIT_TIMEOUT),
        // Only a signal stops a headless run: exit as the shell reports one, 128 + its number.
        Ok(Exit::Stopped) => match CAUGHT.load(Ordering::SeqCst) {
            0 => ExitCode::SUCCESS,
            signal => ExitCode::from((128 + signal).clamp(0, 255) as u8),
        },
        Err(err) => {
            eprintln!("ipcscope: the lab cannot start: {err:#}");
            ExitCode::from(EXIT_CANNOT_START)
        }
    }
}

/// Exit status of a replay whose results differ from the recording.
const EXIT_DIFFERS: u8 = 1;

fn replay(args: cli::ReplayArgs) -> ExitCode {
    match replay::replay(&args.journal, &args.lab, args.record.as_deref(), exe()) {
        Ok(report) => {
            for line in report.differences.iter().chain(&report.not_compared) {
                println!("{line}");
            }
            println!("{}", report.summary());
            if report.differences.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_DIFFERS)
            }
        }
        Err(replay::BadInput(why)) => fail(why),
    }
}

fn export(args: cli::ExportArgs) -> ExitCode {
    match chrome_trace::write(&args.journal, &args.chrome_trace) {
        Ok(summary) => {
            println!(
                "wrote {} trace events ({} messages, {} windows) to {}",
                summary.events,
                summary.messages,
                summary.windows,
                args.chrome_trace.display()
            );
            ExitCode::SUCCESS
        }
        Err(why) => fail(why),
    }
}

fn panel_on_samples() -> ExitCode {
    if let Some(missing) = no_display(false) {
        return fail(missing);
    }
    let labs = match samples() {
        Ok(labs) => labs,
        Err(err) => return fail(format!("{err:#}")),
    };
    let Some(first) = labs.first().cloned() else {
        return fail("the built-in sample labs could not be opened");
    };
    panel::run(panel::Start {
        lab: first,
        journal: Journal::new(),
        record: None,
        exe: exe(),
        timeout: None,
        samples: labs,
    })
}

/// The built-in sample labs, written to the cache folder.
fn samples() -> anyhow::Result<Vec<Lab>> {
    let base = lab::extract_samples()?;
    Ok(lab::sample_names()
        .iter()
        .filter_map(|name| Lab::open(&base.join(name)).ok())
        .collect())
}

fn exe() -> PathBuf {
    std::env::current_exe().unwrap_or_else(|_| PathBuf::from("ipcscope"))
}

/// `IPCSCOPE_PAGE_SCRIPT=FILE.js` runs that script in every page once it has loaded: how the
/// end-to-end tests and `make screenshots` press a lab's buttons.
pub fn page_script() -> Option<String> {
    let path = std::env::var_os("IPCSCOPE_PAGE_SCRIPT")?;
    match std::fs::read_to_string(&path) {
        Ok(js) => Some(js),
        Err(err) => {
            eprintln!(
                "ipcscope: IPCSCOPE_PAGE_SCRIPT '{}' is unreadable: {err}",
                PathBuf::from(path).display()
            );
            None
        }
    }
}

/// What to say when there is no display to open windows on; None when there is one. Renderers
/// are real webviews even with --headless (GTK: X11 or Wayland); the panel needs X11.
fn no_display(headless: bool) -> Option<&'static str> {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if set("DISPLAY") || (headless && set("WAYLAND_DISPLAY")) {
        return None;
    }
    Some(if headless {
        "no display: a lab's windows are real webviews even with --headless, and neither DISPLAY nor WAYLAND_DISPLAY is set; run it in a desktop session or under Xvfb (xvfb-run -a ipcscope run LAB --headless)"
    } else {
        "no display: the panel needs an X11 display and DISPLAY is not set; run it in a desktop session, or run the lab with --headless under Xvfb (xvfb-run -a ipcscope run LAB --headless)"
    })
}

/// The one line an internal error prints instead of Rust's panic message and backtrace.
fn internal_error_line(process: &str, what: &str, place: Option<(&str, u32)>) -> String {
    let what = what.split_whitespace().collect::<Vec<_>>().join(" ");
    let place = place.map_or_else(String::new, |(file, line)| format!(" ({file}:{line})"));
    format!(
        "{process}: internal error: {what}{place}. This is a bug in ipcscope; please report it with the command you ran"
    )
}

/// No Rust panic message or backtrace reaches a user: a panic on any thread, in the main
/// process or a renderer, prints one line, finishes the record files it can, and exits 70.
fn install_panic_hook() {
    let process = if std::env::args().nth(1).as_deref() == Some("renderer") {
        "ipcscope renderer"
    } else {
        "ipcscope"
    };
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".into());
        let place = info.location().map(|l| (l.file(), l.line()));
        let line = internal_error_line(process, &what, place);
        // stderr may be closed; nothing more can be said then.
        let _ = writeln!(std::io::stderr(), "{line}");
        journal::flush_recording_without_waiting();
        std::process::exit(EXIT_INTERNAL);
    }));
}

/// `IPCSCOPE_TEST_PANIC=main` (or `renderer`) panics there: how the end-to-end tests check
/// what a user sees of an internal error.
fn panic_if_asked(place: &str) {
    if std::env::var("IPCSCOPE_TEST_PANIC").as_deref() == Ok(place) {
        panic!("IPCSCOPE_TEST_PANIC={place} asked for a panic here");
    }
}

/// The first SIGINT or SIGTERM caught, 0 before any.
static CAUGHT: AtomicI32 = AtomicI32::new(0);
/// Where the signal handler writes the signal's number for the watching thread.
static SIGNAL_PIPE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(signal: libc::c_int) {
    // Only async-signal-safe work here: an atomic store and a write(2).
    let _ = CAUGHT.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
    let fd = SIGNAL_PIPE.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = signal as u8;
        // SAFETY: writes one byte from a live local to a pipe this process owns.
        unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
    }
}

/// Calls `handle` on a thread of its own for every SIGINT and SIGTERM, instead of the process
/// dying with its record file unflushed. Child processes get the default handlers back on exec.
fn watch_signals(mut handle: impl FnMut(i32) + Send + 'static) {
    let mut fds = [-1; 2];
    // SAFETY: pipe2 fills the two-element array it is given.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return;
    }
    let [read_end, write_end] = fds;
    SIGNAL_PIPE.store(write_end, Ordering::SeqCst);
    let watcher = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || loop {
            let mut byte = 0u8;
            // SAFETY: reads one byte into a live local from the pipe's read end.
            let read = unsafe { libc::read(read_end, (&mut byte as *mut u8).cast(), 1) };
            match read {
                1 => handle(i32::from(byte)),
                -1 if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {
                }
                _ => return,
            }
        });
    if watcher.is_err() {
        return;
    }
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction with a plain handler, an empty mask and SA_RESTART is
        // valid; `on_signal` only does async-signal-safe work.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
            action.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// Ends the process at once, from the signal watcher, once the record files are sealed. No
/// exit handlers run: GTK's and the GL driver's, racing the panel's own threads, could crash on
/// the way out and turn the exit status into a signal.
fn exit_now(code: i32) -> ! {
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: _exit(2) ends the process; nothing after it runs.
    unsafe { libc::_exit(code) }
}

/// The `quit` entry for a run a signal ended.
fn quit_on_signal(signal: i32) -> serde_json::Value {
    json!({"event": "quit", "reason": "stopped", "signal": core::signal_name(signal)})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_is_one_line_naming_the_place_and_where_to_report_it() {
        let line = internal_error_line(
            "ipcscope",
            "index out of bounds:\nthe len is 0",
            Some(("src/x.rs", 7)),
        );
        assert_eq!(
            line,
            "ipcscope: internal error: index out of bounds: the len is 0 (src/x.rs:7). This is a bug in ipcscope; please report it with the command you ran"
        );
        assert!(!line.contains('\n'));
    }
}
