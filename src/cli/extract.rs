//! `claimdesk extract`: articles in, scorer-format JSON lines out.

use crate::extract::{Claim, extract};
use crate::ingest;
use clap::Args;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files to read; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Indented, multi-line JSON for humans (default: one line per file).
    #[arg(long)]
    pub pretty: bool,
    /// Treat every input as HTML (files ending in .html/.htm always are).
    #[arg(long)]
    pub html: bool,
    /// Print only the cleaned article text of each input (`{"id", "text"}`
    /// lines), without extracting claims: what `POST /articles` would store.
    #[arg(long)]
    pub text: bool,
    /// Files processed in parallel (default: one per core).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    claims: Option<&'a [Claim]>,
    /// For HTML input: the extracted text the offsets point into.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("<stdin>: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
    }
}

fn stem(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn process(path: &Path, args: &ExtractArgs) -> Result<String, String> {
    let bytes = read_input(path)?;
    let is_html = args.html
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let body = if is_html {
        // Offsets point into the extracted text, so a page may be in any
        // encoding its <meta charset> (or BOM) declares.
        let html = ingest::decode_declared(&bytes, None, ingest::Format::Html, "the page")
            .map_err(|e| format!("{}: {e}, skipped", path.display()))?;
        ingest::body_text(&html, ingest::Format::Html).0
    } else {
        // Offsets point into the file as the scorer reads it: UTF-8, BOM kept.
        if bytes.contains(&0) {
            return Err(format!(
                "{}: binary input (contains NUL bytes), skipped",
                path.display()
            ));
        }
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "{}: not valid UTF-8 (first bad byte at offset {}), skipped",
                path.display(),
                e.utf8_error().valid_up_to()
            )
        })?
    };
    let claims = (!args.text).then(|| extract(&body));
    let out = Output {
        id: stem(path),
        claims: claims.as_deref(),
        text: (is_html || args.text).then_some(body.as_str()),
    };
    let json = if args.pretty {
        serde_json::to_string_pretty(&out)
    } else {
        serde_json::to_string(&out)
    };
    json.map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run(args: ExtractArgs) -> ExitCode {
    let work = || -> Vec<Result<String, String>> {
        args.files.par_iter().map(|p| process(p, &args)).collect()
    };
    let results = match args.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(e) => {
                eprintln!("claimdesk extract: cannot start {n} workers: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => work(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for r in results {
        match r {
            Ok(line) => {
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::FAILURE;
                }
            }
            Err(msg) => {
                eprintln!("claimdesk extract: {msg}");
                failed = true;
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
