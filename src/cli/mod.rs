//! The `claimdesk` command line: one subcommand per job, each in its own file.

mod database;
pub mod extract;
pub mod import;
mod report;
mod serve;
mod user;

use crate::config::Settings;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Fact-check workbench: find the checkable claims in news articles, review them, publish verification reports"
)]
pub struct Cli {
    /// Settings file to use instead of config/<CLAIMDESK_ENV>.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the workbench: API and review frontend. Without DATABASE_URL it
    /// runs a private PostgreSQL cluster under the data folder (./var).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    User(user::UserArgs),
    /// Extract claims from article files (or `-` for stdin) and print them as JSON lines.
    /// Needs no database and no configuration.
    Extract(extract::ExtractArgs),
    /// Import article files and folders (.txt, .md, .html, .jsonl) into the
    /// database, extracting their claims. Re-running adds nothing twice.
    Import(import::ImportArgs),
    /// Print or save an article's verification report (JSON, CSV, Markdown,
    /// HTML or ClaimReview JSON-LD).
    Report(report::ReportArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Extract(args) = cli.command {
        return extract::run(args);
    }
    init_tracing();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("claimdesk: bad configuration: {e}");
            return ExitCode::from(2);
        }
    };
    if matches!(cli.command, Command::Serve) {
        // Before the runtime starts its worker threads.
        serve::pin_mmap_threshold();
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("claimdesk: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve => serve::run(settings).await,
            Command::Migrate => migrate(&settings).await,
            Command::User(args) => user::run(&settings, args).await,
            Command::Import(args) => import::run(&settings, args).await,
            Command::Report(args) => report::run(&settings, args).await,
            Command::Extract(_) => unreachable!("handled above"),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let db = database::Database::open(settings).await?;
    let result = crate::store::migrate(&db.url).await;
    db.close().await;
    let applied = result?;
    if applied.is_empty() {
        println!("the database schema is up to date");
    } else {
        for m in applied {
            println!("applied {m}");
        }
    }
    Ok(())
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("CLAIMDESK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn,tokio_postgres=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
