//! The command line, exactly as DESIGN.md gives it (scripts depend on its shape).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "ipcscope",
    version,
    about = "Run an Electron-style lab (main.js, preload.js, index.html) and watch every IPC message",
    after_help = "With no command, opens the panel on the built-in sample labs."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run LAB (a folder with main.js, preload.js and index.html)
    Run(RunArgs),
    /// Replay a recorded session: deliver every renderer -> main message of JOURNAL to LAB's
    /// main.js (no windows) and compare each invoke and sendSync result with the recorded one
    Replay(ReplayArgs),
    /// Write a recorded session as Chrome's Trace Event Format, to open in Perfetto
    /// (ui.perfetto.dev) or chrome://tracing: one track per process, arrows for each message
    Export(ExportArgs),
    /// Internal: the renderer process of one BrowserWindow
    #[command(hide = true)]
    Renderer,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The lab folder
    pub lab: PathBuf,
    /// No panel: run until main.js calls app.quit() or all windows close
    #[arg(long)]
    pub headless: bool,
    /// Stream the journal to FILE.jsonl as it happens, one JSON object per line
    #[arg(long, value_name = "FILE.jsonl")]
    pub record: Option<PathBuf>,
    /// Stop after SECS seconds; the exit status is then 124
    // A negative value is a value (refused by `timeout` with its own line), not a flag.
    #[arg(long, value_name = "SECS", allow_negative_numbers = true)]
    pub timeout: Option<f64>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when every result matches, 1 when any differs, 2 on bad input."
)]
pub struct ReplayArgs {
    /// A journal recorded with --record (a .jsonl file)
    #[arg(value_name = "JOURNAL")]
    pub journal: PathBuf,
    /// The lab folder whose main.js receives the messages
    pub lab: PathBuf,
    /// Stream the replay's own journal to OUT.jsonl (its entries carry replayOf)
    #[arg(long, value_name = "OUT.jsonl")]
    pub record: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status: 0 when the trace was written, 2 on bad input.")]
pub struct ExportArgs {
    /// A journal recorded with --record (a .jsonl file)
    #[arg(value_name = "JOURNAL")]
    pub journal: PathBuf,
    /// Where to write the trace (JSON, Trace Event Format)
    #[arg(long, value_name = "OUT.json")]
    pub chrome_trace: PathBuf,
}

/// Longest `--timeout` taken: about 31 years, far inside what a clock deadline can hold.
const MAX_TIMEOUT_SECS: f64 = 1e9;

/// `--timeout SECS` as a duration, or the message that refuses it (exit status 2).
pub fn timeout(secs: Option<f64>) -> Result<Option<Duration>, String> {
    match secs {
        None => Ok(None),
        Some(secs) if !(secs.is_finite() && secs > 0.0) => Err(format!(
            "--timeout takes a positive number of seconds, not {secs}"
        )),
        Some(secs) if secs > MAX_TIMEOUT_SECS => Err(format!(
            "--timeout {secs} is too long: give at most {MAX_TIMEOUT_SECS} seconds, or leave it out to run until the lab quits"
        )),
        Some(secs) => Ok(Some(Duration::from_secs_f64(secs))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_takes_the_documented_flags() {
        let cli = Cli::try_parse_from([
            "ipcscope",
            "run",
            "lab",
            "--headless",
            "--record",
            "j.jsonl",
            "--timeout",
            "2.5",
        ])
        .unwrap();
        let Some(Command::Run(args)) = cli.command else {
            panic!("not a run")
        };
        assert!(args.headless);
        assert_eq!(args.record, Some(PathBuf::from("j.jsonl")));
        assert_eq!(args.timeout, Some(2.5));
    }

    #[test]
    fn a_negative_timeout_is_a_value_for_timeout_to_refuse_not_a_flag() {
        for value in ["-1", "-0", "-2.5"] {
            let cli = Cli::try_parse_from(["ipcscope", "run", "lab", "--timeout", value]).unwrap();
            let Some(Command::Run(args)) = cli.command else {
                panic!("not a run")
            };
            assert!(timeout(args.timeout).is_err(), "{value}");
        }
    }

    #[test]
    fn replay_takes_a_journal_a_lab_and_an_optional_record() {
        let cli = Cli::try_parse_from([
            "ipcscope", "replay", "j.jsonl", "lab", "--record", "o.jsonl",
        ])
        .unwrap();
        let Some(Command::Replay(args)) = cli.command else {
            panic!("not a replay")
        };
        assert_eq!(args.journal, PathBuf::from("j.jsonl"));
        assert_eq!(args.lab, PathBuf::from("lab"));
        assert_eq!(args.record, Some(PathBuf::from("o.jsonl")));
        assert!(Cli::try_parse_from(["ipcscope", "replay", "j.jsonl"]).is_err());
    }

    #[test]
    fn export_takes_a_journal_and_the_trace_to_write() {
        let cli = Cli::try_parse_from([
            "ipcscope",
            "export",
            "j.jsonl",
            "--chrome-trace",
            "out.json",
        ])
        .unwrap();
        let Some(Command::Export(args)) = cli.command else {
            panic!("not an export")
        };
        assert_eq!(args.journal, PathBuf::from("j.jsonl"));
        assert_eq!(args.chrome_trace, PathBuf::from("out.json"));
        assert!(Cli::try_parse_from(["ipcscope", "export", "j.jsonl"]).is_err());
    }

    #[test]
    fn no_command_means_the_panel_and_renderer_is_hidden_from_help() {
        assert!(Cli::try_parse_from(["ipcscope"]).unwrap().command.is_none());
        let help = <Cli as clap::CommandFactory>::command()
            .render_help()
            .to_string();
        assert!(help.contains("run"));
        let commands: Vec<&str> = help
            .lines()
            .filter_map(|l| l.strip_prefix("  ")?.split_whitespace().next())
            .collect();
        assert!(commands.contains(&"replay"), "{help}");
        assert!(!commands.contains(&"renderer"), "{help}");
    }

    #[test]
    fn a_timeout_is_positive_and_small_enough_for_a_clock() {
        assert_eq!(timeout(Some(2.5)), Ok(Some(Duration::from_millis(2500))));
        assert_eq!(timeout(None), Ok(None));
        assert_eq!(
            timeout(Some(-1.0)).unwrap_err(),
            "--timeout takes a positive number of seconds, not -1"
        );
        for huge in [1e19, 9.3e18, 18446744073709551616.0, f64::MAX] {
            let refused = timeout(Some(huge)).unwrap_err();
            assert!(refused.contains("is too long: give at most"), "{refused}");
        }
        let too_long = timeout(Some(1e20)).unwrap_err();
        assert!(
            too_long.starts_with("--timeout 100000000000000000000 is too long"),
            "{too_long}"
        );
    }
}
