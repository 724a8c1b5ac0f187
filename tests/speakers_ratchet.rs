//! Ratchet: speaker resolution on the hand-made speaker gold set
//! (`tests/data/speakers_gold.tsv`, PolNeAR dev rows), scored by
//! `scripts/eval-speakers.py`, must not fall below the floors in
//! `tests/speakers_floors.json`: per class, the share of the sources the
//! extractor finds whose speaker is right, and the share whose type is
//! right. Raise the floors with every improvement; never lower them. Skips
//! (with the reason printed) when PolNeAR or python3 is absent.

use claimdesk::extract::extract;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    root().join("../shared")
}

#[test]
fn speaker_accuracy_on_polnear_dev_does_not_regress() {
    let dev = shared().join("data/polnear/dev/text");
    if !dev.is_dir() {
        println!("SKIPPED: PolNeAR dev is not at {}", dev.display());
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        println!("SKIPPED: python3 is not available to run the scorer");
        return;
    }
    let gold = std::fs::read_to_string(root().join("tests/data/speakers_gold.tsv"))
        .expect("the gold set is in the repository");
    let docs: BTreeSet<&str> = gold
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            (f.next() == Some("dev")).then(|| f.next()).flatten()
        })
        .collect();
    assert!(
        docs.len() >= 20,
        "the gold set covers {} dev documents",
        docs.len()
    );
    let mut lines = String::new();
    for d in &docs {
        let text = std::fs::read_to_string(dev.join(format!("{d}.txt"))).expect("dev text");
        lines.push_str(&json!({"id": d, "claims": extract(&text)}).to_string());
        lines.push('\n');
    }
    let pred =
        std::env::temp_dir().join(format!("claimdesk-speakers-{}.jsonl", std::process::id()));
    std::fs::write(&pred, lines).expect("write predictions");
    let out = Command::new("python3")
        .arg(root().join("scripts/eval-speakers.py"))
        .args(["--split", "dev", "--pred"])
        .arg(&pred)
        .output()
        .expect("run the scorer");
    let _ = std::fs::remove_file(&pred);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "scorer failed: {}{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
    let floors: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/speakers_floors.json")).expect("floors"),
    )
    .expect("floors are JSON");
    let mut checked = 0;
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        let g: Value = serde_json::from_str(line).expect("scorer JSON line");
        let class = g["class"].as_str().unwrap();
        let Some(floor) = floors.get(class) else {
            continue;
        };
        let found = g["found"].as_f64().unwrap();
        assert!(found > 0.0, "{class}: no source found");
        for (field, what) in [("correct", "speaker"), ("type_correct", "type")] {
            let got = g[field].as_f64().unwrap() / found;
            let want = floor[what].as_f64().unwrap();
            assert!(
                got + 5e-4 >= want,
                "{class}: {what} accuracy {got:.3} fell below the floor {want:.3}"
            );
            if got > want + 0.005 {
                println!("RAISE the {class} {what} floor: {got:.3} > {want:.3}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 12, "every class of the floors was scored");
}
