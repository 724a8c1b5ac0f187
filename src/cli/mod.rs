//! The `claimdesk` command line: one subcommand per job, each in its own file.

pub mod extract;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Fact-check workbench: find the checkable claims in news articles, review them, publish verification reports"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract claims from article files (or `-` for stdin) and print them as JSON lines.
    /// Needs no database and no configuration.
    Extract(extract::ExtractArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
    }
}
