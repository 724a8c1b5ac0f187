//! Attribution cues, derived from PolNeAR train by
//! `scripts/derive-cue-lexicon.py` (phrases and counts only), plus the small
//! closed word classes the rules need. Built once per process.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const CUES_TSV: &str = include_str!("data/cues.tsv");

pub const MAX_CUE_TOKENS: usize = 4;

/// Added to every phrase's occurrence count: a phrase seen once, as a cue,
/// is not a certain cue.
const SMOOTHING: f32 = 3.0;

/// Phrases PolNeAR sometimes annotates that report acts rather than
/// statements; a fact-checker wants "X signed a treaty" as a checkable
/// assertion in the article's own voice.
const NOT_CUES: &[&str] = &["signed", "sign", "signs", "signing", "voted", "cast"];

#[derive(Debug, Clone, Copy)]
pub struct CueEntry {
    /// Share of the phrase's occurrences in train that are gold cues.
    pub reliability: f32,
}

/// FNV-1a: the keys are short lowercase words, looked up once per token, and
/// the lexicon is fixed, so a DoS-resistant hash buys nothing here.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

pub struct Lexicon {
    cues: FnvMap<String, CueEntry>,
    /// First words of cue phrases, to skip most tokens with one lookup.
    first_words: FnvMap<String, ()>,
}

impl Lexicon {
    fn load() -> Self {
        let mut cues = FnvMap::default();
        let mut first_words = FnvMap::default();
        for line in CUES_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(p), Some(c), Some(t)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let (Ok(c), Ok(t)) = (c.parse::<u32>(), t.parse::<u32>()) else {
                continue;
            };
            if c == 0 || t == 0 || NOT_CUES.contains(&p) {
                continue;
            }
            if let Some(w) = p.split(' ').next() {
                first_words.insert(w.to_string(), ());
            }
            cues.insert(
                p.to_string(),
                CueEntry {
                    reliability: c as f32 / (t as f32 + SMOOTHING),
                },
            );
        }
        Lexicon { cues, first_words }
    }

    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::load)
    }

    pub fn starts_cue(&self, lower_word: &str) -> bool {
        self.first_words.contains_key(lower_word)
    }

    pub fn cue(&self, lower_phrase: &str) -> Option<CueEntry> {
        self.cues.get(lower_phrase).copied()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.cues.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_holds_common_cues() {
        let lex = Lexicon::get();
        assert!(lex.len() > 300);
        assert!(lex.cue("said").unwrap().reliability > 0.5);
        assert!(lex.cue("according to").unwrap().reliability > 0.5);
        assert!(lex.starts_cue("according"));
        assert!(lex.cue("the").is_none());
    }
}
