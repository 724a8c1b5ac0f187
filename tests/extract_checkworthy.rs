//! Floor: the shipped check-worthiness ranker, run through `extract` on the
//! 19 CLEF 2019 CheckThat! training debates laid out as the shared scorer's
//! `make_inputs.py` does (one line a paragraph, `SPEAKER: sentence`), must
//! keep its mean average precision. The model was trained on these debates,
//! so this is an in-sample figure: it guards the feature code and the shipped
//! weights against breaking, it says nothing about unseen debates (the
//! cross-validated figures are in BENCHMARKS.md). Skips, with the reason
//! printed, when the data is absent.

use claimdesk::extract::extract;
use std::path::{Path, PathBuf};

/// In-sample MAP measured 0.73 when the model shipped; today's hand-set
/// score had 0.19.
const MAP_FLOOR: f64 = 0.65;

fn training() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/clef2019-checkworthy/training")
}

/// (text, [(start, end, label)]) with code-point ranges of each sentence.
fn render(tsv: &str) -> (String, Vec<(usize, usize, u8)>) {
    let mut text = String::new();
    let mut pos = 0usize;
    let mut lines = Vec::new();
    let push = |text: &mut String, pos: &mut usize, s: &str| {
        text.push_str(s);
        *pos += s.chars().count();
    };
    for raw in tsv.lines() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = raw.split('\t').collect();
        assert_eq!(f.len(), 4, "want 4 fields: {raw}");
        let (speaker, sentence) = (f[1].trim(), f[2].trim());
        let label: u8 = f[3].trim().parse().expect("label 0 or 1");
        if !text.is_empty() {
            push(&mut text, &mut pos, "\n\n");
        }
        let fragment = speaker.chars().any(char::is_lowercase);
        let labelled = !speaker.is_empty() && speaker != "SYSTEM" && !fragment;
        if labelled {
            push(&mut text, &mut pos, &format!("{speaker}: "));
        }
        let start = pos;
        if fragment {
            push(&mut text, &mut pos, &format!("{speaker}: "));
        }
        push(&mut text, &mut pos, sentence);
        lines.push((start, pos, label));
    }
    text.push('\n');
    (text, lines)
}

/// Average precision of the lines ranked by score, ties in line order.
fn average_precision(scores: &[f32], labels: &[u8]) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let n_pos = labels.iter().filter(|&&l| l == 1).count();
    let (mut hits, mut sum) = (0usize, 0.0);
    for (rank, &i) in order.iter().enumerate() {
        if labels[i] == 1 {
            hits += 1;
            sum += hits as f64 / (rank + 1) as f64;
        }
    }
    if n_pos == 0 { 0.0 } else { sum / n_pos as f64 }
}

#[test]
fn training_debates_keep_their_ranking() {
    let Ok(dir) = std::fs::read_dir(training()) else {
        println!(
            "SKIPPED: the CLEF 2019 training debates are not at {}",
            training().display()
        );
        return;
    };
    let mut paths: Vec<PathBuf> = dir
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        println!("SKIPPED: no debates in {}", training().display());
        return;
    }
    let mut aps = Vec::new();
    for p in &paths {
        let (text, lines) = render(&std::fs::read_to_string(p).expect("debate is UTF-8"));
        let mut best = vec![0.0f32; lines.len()];
        for c in extract(&text) {
            assert!((0.0..=1.0).contains(&c.checkworthiness));
            for piece in &c.content.0 {
                for (i, &(s, e, _)) in lines.iter().enumerate() {
                    if s < piece.end && piece.start < e {
                        best[i] = best[i].max(c.checkworthiness);
                    }
                }
            }
        }
        let labels: Vec<u8> = lines.iter().map(|l| l.2).collect();
        aps.push(average_precision(&best, &labels));
    }
    let map = aps.iter().sum::<f64>() / aps.len() as f64;
    println!("in-sample MAP over {} debates: {map:.4}", aps.len());
    assert!(map >= MAP_FLOOR, "MAP {map:.4} < floor {MAP_FLOOR}");
}
