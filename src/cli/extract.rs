//! `claimdesk extract`: articles in, scorer-format JSON lines out.

use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files to read; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
}

pub fn run(_args: ExtractArgs) -> ExitCode {
    eprintln!("claimdesk extract: not implemented yet");
    ExitCode::FAILURE
}
