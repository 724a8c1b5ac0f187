//! Ratchet: the article text `POST /articles` keeps from the pages of the
//! article-extraction dev half, scored by the shared scorer, must not fall
//! below the floors in `tests/article_text_floors.json`; nor may the number
//! of pages whose title and publication date are read from their markup.
//! Raise the floors with every improvement; never lower them. Skips (with
//! the reason printed) when the data, the scorer, gzip or python3 is absent.

use claimdesk::ingest::{self, Format};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

#[test]
fn article_text_dev_does_not_regress() {
    let dev = shared().join("data/article-extraction/dev");
    let scorer = shared().join("eval/article-text/score_text.py");
    if !dev.join("html").is_dir() || !scorer.is_file() {
        println!(
            "SKIPPED: the article-extraction dev half or its scorer is not at {}",
            shared().display()
        );
        return;
    }
    for tool in ["python3", "gzip"] {
        if Command::new(tool).arg("--version").output().is_err() {
            println!("SKIPPED: {tool} is not available");
            return;
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dev.join("html"))
        .expect("read dev/html")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no dev pages");

    let (mut pred, mut titles, mut dates) = (Map::new(), 0, 0);
    for f in &files {
        let out = Command::new("gzip")
            .arg("-dc")
            .arg(f)
            .output()
            .expect("gzip");
        assert!(out.status.success(), "gzip {}", f.display());
        let html = ingest::decode_declared(&out.stdout, None, Format::Html, "the page")
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let (text, meta) = ingest::body_text(&html, Format::Html);
        titles += usize::from(meta.title.is_some());
        dates += usize::from(meta.published_at.is_some());
        let name = f.file_name().unwrap().to_string_lossy();
        let id = name.trim_end_matches(".html.gz");
        pred.insert(id.to_owned(), json!({ "articleBody": text }));
    }
    let tmp = std::env::temp_dir();
    let pid = std::process::id();
    let pred_path = tmp.join(format!("claimdesk-article-text-{pid}.json"));
    let scores_path = tmp.join(format!("claimdesk-article-text-scores-{pid}.json"));
    std::fs::write(&pred_path, Value::Object(pred).to_string()).expect("write predictions");
    let out = Command::new("python3")
        .arg(&scorer)
        .arg(dev.join("ground-truth.json"))
        .arg(&pred_path)
        .arg("--json")
        .arg(&scores_path)
        .output()
        .expect("run scorer");
    let _ = std::fs::remove_file(&pred_path);
    assert!(
        out.status.success(),
        "scorer failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scores: Value =
        serde_json::from_str(&std::fs::read_to_string(&scores_path).expect("scores file"))
            .expect("scores JSON");
    let _ = std::fs::remove_file(&scores_path);

    let floors_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/article_text_floors.json");
    let floors: Value =
        serde_json::from_str(&std::fs::read_to_string(&floors_path).expect("floors file"))
            .expect("floors JSON");
    let got = |k: &str| match k {
        "titles" => titles as f64,
        "dates" => dates as f64,
        _ => scores[k].as_f64().expect("score present"),
    };
    let mut failures = Vec::new();
    for (k, floor) in floors.as_object().expect("floors object") {
        let floor = floor.as_f64().expect("floor number");
        println!("{k:10} {:.3} (floor {floor})", got(k));
        if got(k) + 1e-9 < floor {
            failures.push(format!("{k} {:.3} < floor {floor}", got(k)));
        }
    }
    assert!(
        failures.is_empty(),
        "article text dev regressed: {failures:?}"
    );
}
