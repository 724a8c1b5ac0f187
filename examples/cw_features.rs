//! Prints the check-worthiness features of texts, for the training script
//! (`scripts/train-checkworthy.py`): the features are defined once, in
//! `src/extract/checkworthy/`, and this example includes that module as is.
//!
//! Input: one JSON string a line on stdin. Output: one line per input,
//! `group:id:value` triples separated by spaces (equal ids summed), in
//! group then id order (groups: 0 cues, 1 words, 2 characters).
//! Usage: `cargo run --release --example cw_features -- BITS < texts.jsonl`

#[allow(dead_code)]
#[path = "../src/extract/checkworthy/mod.rs"]
mod checkworthy;

use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};

fn main() {
    let bits: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .filter(|b| (8..=24).contains(b))
        .unwrap_or_else(|| {
            eprintln!("usage: cw_features BITS < texts.jsonl (BITS in 8..=24)");
            std::process::exit(2)
        });
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut row: BTreeMap<(u8, u32), u32> = BTreeMap::new();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.expect("stdin is UTF-8");
        let text: String = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("line {}: not a JSON string: {e}", n + 1));
        row.clear();
        let scales = checkworthy::features(
            &text,
            1 << bits,
            checkworthy::WORDS | checkworthy::CHARS,
            |g, id| *row.entry((g, id)).or_insert(0) += 1,
        );
        let cells: Vec<String> = row
            .iter()
            .map(|(&(g, id), &n)| format!("{g}:{id}:{}", n as f32 * scales[usize::from(g)]))
            .collect();
        writeln!(out, "{}", cells.join(" ")).expect("write stdout");
    }
}
