//! `claimdesk report ARTICLE`: an article's verification report from the
//! shell, in any of the API's formats, to standard output or a file.

use super::database::Database;
use crate::config::Settings;
use crate::report::{Format, Include, Report};
use crate::review::ArticleId;
use crate::store::{self, StoreError, articles};
use anyhow::{Context, bail};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The article's id (the review UI shows it in its address: #article=<id>).
    pub article: ArticleId,
    /// json, csv, markdown (or md), html or claimreview.
    #[arg(long, short, default_value = "json", value_parser = parse_format)]
    pub format: Format,
    /// approved (verdicts only; the default for html, markdown, claimreview),
    /// reviewed (approved and proposed) or all (the default for json, csv).
    #[arg(long, value_parser = parse_include)]
    pub include: Option<Include>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn parse_include(s: &str) -> Result<Include, String> {
    Include::parse(s).ok_or_else(|| format!("use one of {}", Include::NAMES.join(", ")))
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("use one of {}", Format::NAMES.join(", ")))
}

pub async fn run(settings: &Settings, args: ReportArgs) -> anyhow::Result<()> {
    let db = Database::open(settings).await?;
    let result = render(&db.url, settings, &args).await;
    db.close().await;
    let text = result?;
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(())
}

async fn render(url: &str, settings: &Settings, args: &ReportArgs) -> anyhow::Result<String> {
    store::migrate(url).await?;
    let pool = store::pool(url, 1);
    let mut conn = pool.get().await.context("cannot connect to the database")?;
    let (article, claims, evidence) = match articles::report_rows(&mut conn, args.article).await {
        Ok(rows) => rows,
        Err(StoreError::NotFound) => bail!("no article {} (or it was deleted)", args.article),
        Err(e) => return Err(e.into()),
    };
    let include = args.include.unwrap_or(Include::default_for(args.format));
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    let report = Report::configured(
        &article,
        &claims,
        &evidence,
        settings,
        include,
        &format!("{user} (command line)"),
    );
    Ok(report.render(args.format)?)
}
