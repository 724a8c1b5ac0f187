//! Ratchet: the extractor's PolNeAR dev figures, scored by the shared scorer,
//! must not fall below the floors recorded in `tests/extract_floors.json`.
//! Raise the floors with every improvement; never lower them. Skips (with
//! the reason printed) when the data, the scorer or python3 is absent.

use claimdesk::extract::extract;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

#[test]
fn polnear_dev_does_not_regress() {
    let dev = shared().join("data/polnear/dev");
    let scorer = shared().join("eval/score_attributions.py");
    if !dev.join("text").is_dir() || !scorer.is_file() {
        println!(
            "SKIPPED: PolNeAR dev or the scorer is not at {}",
            shared().display()
        );
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        println!("SKIPPED: python3 is not available to run the scorer");
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dev.join("text"))
        .expect("read dev/text")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no dev texts");
    let mut lines = String::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("dev text is UTF-8");
        let claims = extract(&text);
        let id = f.file_stem().unwrap().to_string_lossy();
        lines.push_str(&json!({"id": id, "claims": claims}).to_string());
        lines.push('\n');
    }
    let pred = std::env::temp_dir().join(format!(
        "claimdesk-polnear-dev-{}.jsonl",
        std::process::id()
    ));
    std::fs::write(&pred, lines).expect("write predictions");
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--gold")
        .arg(&dev)
        .arg("--pred")
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("run scorer");
    let _ = std::fs::remove_file(&pred);
    assert!(
        out.status.success(),
        "scorer failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scores: Value = serde_json::from_slice(&out.stdout).expect("scorer JSON");

    let floors_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extract_floors.json");
    let floors: Value =
        serde_json::from_str(&std::fs::read_to_string(&floors_path).expect("floors file"))
            .expect("floors JSON");
    let mut failures = Vec::new();
    for (metric, roles) in floors.as_object().expect("floors object") {
        for (role, floor) in roles.as_object().expect("roles object") {
            let floor = floor.as_f64().expect("floor number");
            let got = 100.0 * scores[metric][role]["f1"].as_f64().expect("score present");
            println!("{metric:8} {role:8} F1 {got:5.1} (floor {floor:.1})");
            if got + 1e-9 < floor {
                failures.push(format!("{metric} {role} F1 {got:.2} < floor {floor:.1}"));
            }
        }
    }
    assert!(failures.is_empty(), "PolNeAR dev regressed: {failures:?}");
}
