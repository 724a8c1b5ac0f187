//! How worth checking a statement is. Checkable statements carry numbers,
//! dates, comparisons, named entities or causal links; opinions, questions
//! and first-person musings carry few.

use std::collections::HashMap;
use std::sync::OnceLock;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "year",
    "years",
    "decade",
    "century",
];
const QUANTITY: &[&str] = &[
    "percent", "per", "million", "billion", "trillion", "thousand", "hundred", "dozen", "half",
    "double", "doubled", "tripled", "twice", "majority", "minority", "average", "rate", "dollars",
    "first", "second", "third", "last", "record", "signed", "voted", "treaty", "law", "passed",
];
const COMPARATIVE: &[&str] = &[
    "more",
    "less",
    "fewer",
    "than",
    "most",
    "least",
    "largest",
    "biggest",
    "smallest",
    "highest",
    "lowest",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "rose",
    "fell",
    "grew",
    "dropped",
];
const CAUSAL: &[&str] = &[
    "because",
    "caused",
    "causes",
    "cause",
    "led",
    "leads",
    "due",
    "result",
    "resulted",
    "since",
    "therefore",
    "blamed",
    "killed",
    "died",
    "injured",
    "arrested",
    "charged",
];
const OPINION: &[&str] = &[
    "should",
    "must",
    "believe",
    "think",
    "feel",
    "hope",
    "wish",
    "great",
    "terrible",
    "wonderful",
    "awful",
    "beautiful",
    "amazing",
    "best",
    "worst",
    "love",
    "hate",
    "maybe",
    "perhaps",
    "probably",
    "seems",
    "seem",
    "might",
    "could",
    "would",
    "opinion",
    "i",
    "we",
    "you",
    "me",
    "my",
    "our",
    "your",
];

const QUANTITY_BIT: u8 = 1;
const DATE_BIT: u8 = 2;
const COMPARATIVE_BIT: u8 = 4;
const CAUSAL_BIT: u8 = 8;
const OPINION_BIT: u8 = 16;

/// Every listed word with the classes it belongs to, built once.
fn classes() -> &'static HashMap<&'static str, u8> {
    static MAP: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (list, bit) in [
            (QUANTITY, QUANTITY_BIT),
            (MONTHS, DATE_BIT),
            (COMPARATIVE, COMPARATIVE_BIT),
            (CAUSAL, CAUSAL_BIT),
            (OPINION, OPINION_BIT),
        ] {
            for w in list {
                *m.entry(*w).or_insert(0) |= bit;
            }
        }
        m
    })
}

/// A score in [0, 1] for a statement's text. Allocation-free: it runs on
/// every sentence of every article.
pub fn score(text: &str) -> f32 {
    let trimmed = text.trim();
    let mut n_words = 0usize;
    let (mut quantity, mut date, mut comparative, mut causal, mut opinion) =
        (false, false, false, false, false);
    let mut names = 0usize;
    let mut buf = [0u8; 16];
    for (k, w) in trimmed
        .split(|c: char| !(c.is_alphanumeric() || c == '%' || c == '$'))
        .filter(|w| !w.is_empty())
        .take(200)
        .enumerate()
    {
        n_words += 1;
        if k > 0 && w.chars().next().is_some_and(char::is_uppercase) {
            names += 1;
        }
        if w.len() > buf.len() || !w.is_ascii() {
            continue;
        }
        let lw = &mut buf[..w.len()];
        lw.copy_from_slice(w.as_bytes());
        lw.make_ascii_lowercase();
        let lw = std::str::from_utf8(lw).unwrap_or("");
        let c = classes().get(lw).copied().unwrap_or(0);
        quantity |= c & QUANTITY_BIT != 0;
        date |= c & DATE_BIT != 0;
        comparative |= c & COMPARATIVE_BIT != 0;
        causal |= c & CAUSAL_BIT != 0;
        opinion |= c & OPINION_BIT != 0;
    }
    if n_words == 0 {
        return 0.0;
    }
    let mut s: f32 = 0.3;
    if trimmed.bytes().any(|c| c.is_ascii_digit()) {
        s += 0.2;
    }
    if trimmed.contains(['%', '$', '€', '£']) || quantity {
        s += 0.1;
    }
    if date {
        s += 0.1;
    }
    if comparative {
        s += 0.1;
    }
    if causal {
        s += 0.1;
    }
    // Capitalised words past the first: names of people, places, bodies.
    s += (names as f32 * 0.05).min(0.15);
    if opinion {
        s -= 0.15;
    }
    if trimmed.ends_with('?') || trimmed.ends_with("?”") || trimmed.ends_with("?\"") {
        s -= 0.35;
    }
    if n_words < 6 {
        s -= 0.2;
    }
    s.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn facts_outscore_opinions_and_questions() {
        let fact =
            score("The two countries signed a 1961 treaty promising mutual support in an attack.");
        let opinion = score("I think this is a wonderful day for all of us.");
        let question = score("What happens next?");
        assert!(fact >= 0.6, "{fact}");
        assert!(opinion < 0.3, "{opinion}");
        assert!(question < 0.2, "{question}");
    }

    #[test]
    fn scores_stay_in_range() {
        for t in [
            "",
            "1 2 3 4 5 6 7 8 9 %$ more than 1961 January because Smith Jones Paris",
            "?",
        ] {
            let s = score(t);
            assert!((0.0..=1.0).contains(&s));
        }
    }
}
