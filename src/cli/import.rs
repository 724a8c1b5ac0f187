//! `claimdesk import PATH…`: bulk ingest of article files and JSON Lines,
//! through the same normalisation and store code as the API. Extraction runs
//! in parallel; storing is one article at a time on one connection, and
//! dedupe by body hash makes a re-run after an interruption add nothing twice.

use super::database::Database;
use crate::config::Settings;
use crate::extract::{self, Claim};
use crate::ingest::{self, Format, Metadata};
use crate::store::{self, articles};
use anyhow::Context;
use clap::Args;
use diesel_async::AsyncPgConnection;
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files and folders (searched recursively): .txt, .md, .html/.htm, and
    /// .jsonl with one {title, url, outlet, published_at, body} per line.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// One input that could not be imported: `file` or `file:line`, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub origin: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub imported: usize,
    pub already_present: usize,
    /// Claims extracted from the articles imported by this run.
    pub claims: usize,
    /// Files in the folders given that are not articles by their extension.
    pub skipped: usize,
    pub failed: Vec<Failure>,
}

pub struct ImportOptions {
    /// Per-article body limit, as for uploads.
    pub max_bytes: usize,
    /// Per-article claim limit, as for the API.
    pub max_claims: usize,
    pub progress: bool,
}

pub async fn run(settings: &Settings, args: ImportArgs) -> anyhow::Result<()> {
    let db = Database::open(settings).await?;
    let options = ImportOptions {
        max_bytes: settings.server.upload_limit,
        max_claims: settings.server.max_claims_per_article,
        progress: std::io::stderr().is_terminal(),
    };
    let result = async {
        store::migrate(&db.url).await?;
        import(&db.url, &args.paths, &options).await
    }
    .await;
    db.close().await;
    let summary = result?;
    print!("{}", report(&summary));
    anyhow::ensure!(
        summary.failed.is_empty(),
        "{} input(s) could not be imported",
        summary.failed.len()
    );
    Ok(())
}

pub fn report(s: &Summary) -> String {
    let mut out = format!(
        "imported {}, already present {}, failed {} ({} claims extracted",
        s.imported,
        s.already_present,
        s.failed.len(),
        s.claims
    );
    if s.skipped > 0 {
        out.push_str(&format!(
            ", {} files skipped: not .txt, .md, .html or .jsonl",
            s.skipped
        ));
    }
    out.push_str(")\n");
    for f in &s.failed {
        out.push_str(&format!("  failed: {}: {}\n", f.origin, f.reason));
    }
    out
}

/// An article read from disk, not yet stored.
struct Item {
    origin: String,
    input: articles::ArticleInput,
}

/// Articles extracted together: enough to keep both cores busy, few enough
/// that a large corpus never sits in memory whole.
const BATCH: usize = 64;

pub async fn import(
    database_url: &str,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let files = collect(paths, &mut summary);
    let pool = store::pool(database_url, 1);
    let mut conn = pool.get().await.context("cannot connect to the database")?;
    // One commit per article; waiting for each to reach disk would bound the
    // import by fsync latency. A crash can lose only the last few commits,
    // and re-running the import adds exactly those (dedupe by body hash).
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query("SET synchronous_commit TO off"),
        &mut conn,
    )
    .await
    .context("cannot configure the import session")?;
    let bar = if options.progress {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {msg}")
            .expect("the template is valid"),
    );
    let mut batch = Vec::new();
    for file in files {
        read_file(&file, options.max_bytes, &mut batch, &mut summary.failed);
        if batch.len() >= BATCH {
            store_batch(
                &mut conn,
                std::mem::take(&mut batch),
                options.max_claims,
                &mut summary,
            )
            .await?;
            bar.set_message(format!("{} imported", summary.imported));
        }
        bar.inc(1);
    }
    store_batch(&mut conn, batch, options.max_claims, &mut summary).await?;
    bar.finish_and_clear();
    Ok(summary)
}

/// Files to read, in a stable order. Paths named on the command line must
/// be articles; files met inside folders are skipped when they are not.
fn collect(paths: &[PathBuf], summary: &mut Summary) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out, summary);
        } else if !path.exists() {
            summary.failed.push(Failure {
                origin: path.display().to_string(),
                reason: "no such file or folder".into(),
            });
        } else if is_jsonl(path) || Format::from_path(path).is_some() {
            out.push(path.clone());
        } else {
            summary.failed.push(Failure {
                origin: path.display().to_string(),
                reason: format!(
                    "not an article file; expected {} or .jsonl",
                    Format::EXTENSIONS
                ),
            });
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, summary: &mut Summary) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            summary.failed.push(Failure {
                origin: dir.display().to_string(),
                reason: format!("cannot read the folder: {e}"),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out, summary);
        } else if is_jsonl(&p) || Format::from_path(&p).is_some() {
            out.push(p);
        } else {
            summary.skipped += 1;
        }
    }
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// One JSON Lines record.
#[derive(Debug, Deserialize)]
struct Record {
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    published_at: Option<String>,
    #[serde(default)]
    format: Format,
    body: String,
}

fn read_file(path: &Path, max_bytes: usize, items: &mut Vec<Item>, failed: &mut Vec<Failure>) {
    let origin = path.display().to_string();
    let fail = |failed: &mut Vec<Failure>, origin: String, reason: String| {
        failed.push(Failure { origin, reason })
    };
    if is_jsonl(path) {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return fail(failed, origin, format!("cannot open: {e}")),
        };
        let mut reader = std::io::BufReader::new(file);
        let mut line = Vec::new();
        let mut number = 0;
        loop {
            line.clear();
            number += 1;
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    return fail(
                        failed,
                        format!("{origin}:{number}"),
                        format!("cannot read: {e}"),
                    );
                }
            }
            match record(&line, max_bytes) {
                Ok(None) => {}
                Ok(Some(input)) => items.push(Item {
                    origin: format!("{origin}:{number}"),
                    input,
                }),
                Err(reason) => fail(failed, format!("{origin}:{number}"), reason),
            }
        }
        return;
    }
    let format = Format::from_path(path).expect("collect() keeps only known formats");
    match std::fs::metadata(path) {
        Ok(m) if m.len() > max_bytes as u64 => {
            return fail(
                failed,
                origin,
                format!("larger than the limit of {max_bytes} bytes"),
            );
        }
        Err(e) => return fail(failed, origin, format!("cannot read: {e}")),
        Ok(_) => {}
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(failed, origin, format!("cannot read: {e}")),
    };
    let raw = match ingest::decode_declared(&bytes, None, format, "the file") {
        Ok(r) => r,
        Err(e) => return fail(failed, origin, e.to_string()),
    };
    match ingest::prepare(Metadata::default(), &raw, format) {
        Ok(mut input) => {
            // A file name is a better title than none.
            if input.title.is_none() {
                input.title = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            }
            items.push(Item { origin, input });
        }
        Err(e) => fail(failed, origin, e.to_string()),
    }
}

/// `Ok(None)` for a blank line.
fn record(line: &[u8], max_bytes: usize) -> Result<Option<articles::ArticleInput>, String> {
    let text = ingest::decode(line, "the line").map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let r: Record =
        serde_json::from_str(text).map_err(|e| format!("not a valid article record: {e}"))?;
    if r.body.len() > max_bytes {
        return Err(format!(
            "the body is larger than the limit of {max_bytes} bytes"
        ));
    }
    let meta = Metadata {
        title: r.title,
        url: r.url,
        outlet: r.outlet,
        published_at: r.published_at,
    };
    ingest::prepare(meta, &r.body, r.format)
        .map(Some)
        .map_err(|e| e.to_string())
}

async fn store_batch(
    conn: &mut AsyncPgConnection,
    batch: Vec<Item>,
    max_claims: usize,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let shas: Vec<String> = batch
        .iter()
        .map(|item| articles::body_sha256(&item.input.body))
        .collect();
    let present = articles::live_shas(conn, &shas).await?;
    let mut fresh = Vec::with_capacity(batch.len());
    for (item, sha) in batch.into_iter().zip(&shas) {
        if present.contains(sha) {
            summary.already_present += 1;
        } else {
            fresh.push(item);
        }
    }
    let extracted: Vec<(Item, std::thread::Result<Vec<Claim>>)> =
        tokio::task::spawn_blocking(move || {
            fresh
                .into_par_iter()
                .map(|item| {
                    let claims = std::panic::catch_unwind(|| extract::extract(&item.input.body));
                    (item, claims)
                })
                .collect()
        })
        .await?;
    for (item, claims) in extracted {
        let Ok(claims) = claims else {
            summary.failed.push(Failure {
                origin: item.origin,
                reason: "the extractor failed on this article (a bug: please report it)".into(),
            });
            continue;
        };
        if let Err(e) = crate::ingest::check_claim_count(claims.len(), max_claims) {
            summary.failed.push(Failure {
                origin: item.origin,
                reason: e.to_string(),
            });
            continue;
        }
        let done = articles::ingest(conn, &item.input, &claims, None)
            .await
            .with_context(|| format!("storing {} failed", item.origin))?;
        if done.created {
            summary.imported += 1;
            summary.claims += claims.len();
        } else {
            summary.already_present += 1;
        }
    }
    Ok(())
}
