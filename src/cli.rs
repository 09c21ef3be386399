//! The command line, exactly as DESIGN.md gives it (scripts depend on its shape).

use std::path::PathBuf;

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
    /// Stream the journal to FILE as it happens, one JSON object per line
    #[arg(long, value_name = "FILE.jsonl")]
    pub record: Option<PathBuf>,
    /// Stop after SECS seconds; the exit status is then 124
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
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
    fn no_command_means_the_panel_and_renderer_is_hidden_from_help() {
        assert!(Cli::try_parse_from(["ipcscope"]).unwrap().command.is_none());
        let help = <Cli as clap::CommandFactory>::command()
            .render_help()
            .to_string();
        assert!(help.contains("run"));
        assert!(!help.contains("renderer"), "{help}");
    }
}
