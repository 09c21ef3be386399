//! ipcscope: a workbench for Electron's IPC model. The main process (this binary) runs a lab's
//! main.js and the panel; each BrowserWindow is `ipcscope renderer`, a webview in its own process.

mod cli;
mod core;
mod journal;
mod lab;
mod panel;
mod renderer;
mod replay;
mod runtime;
mod scripts;
mod shim;
mod value;
mod wire;

#[cfg(test)]
mod fuzz_tests;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::core::{Config, Exit};
use crate::journal::Journal;
use crate::lab::Lab;

/// Exit status after `--timeout`, as `timeout(1)` uses.
const EXIT_TIMEOUT: u8 = 124;
/// Exit status for bad input: a missing lab, an unwritable record file.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        Some(cli::Command::Renderer) => match renderer::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("ipcscope renderer: {err:#}");
                ExitCode::FAILURE
            }
        },
        Some(cli::Command::Run(args)) => run(args),
        Some(cli::Command::Replay(args)) => replay(args),
        None => panel_on_samples(),
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
    let journal = Journal::new();
    if let Some(path) = &args.record {
        if let Err(err) = journal.record_to(path) {
            return fail(format!(
                "cannot write the journal to '{}': {err}",
                path.display()
            ));
        }
    }
    if !args.headless {
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
    };
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
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
    match exit {
        Ok(Exit::Quit(code)) => ExitCode::from(code.clamp(0, 255) as u8),
        Ok(Exit::Timeout) => ExitCode::from(EXIT_TIMEOUT),
        Ok(Exit::Stopped) => ExitCode::SUCCESS,
        Err(err) => fail(format!("{err:#}")),
    }
}

/// Exit status of a replay whose results differ from the recording.
const EXIT_DIFFERS: u8 = 1;

fn replay(args: cli::ReplayArgs) -> ExitCode {
    match replay::replay(&args.journal, &args.lab, args.record.as_deref(), exe()) {
        Ok(report) => {
            for line in &report.differences {
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

fn panel_on_samples() -> ExitCode {
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
