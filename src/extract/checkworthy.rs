//! How worth checking a statement is. Checkable statements carry numbers,
//! dates, comparisons, named entities or causal links; opinions, questions
//! and first-person musings carry few.

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "yesterday", "today", "year", "years", "decade", "century",
];
const QUANTITY: &[&str] = &[
    "percent", "per", "million", "billion", "trillion", "thousand", "hundred", "dozen", "half",
    "double", "doubled", "tripled", "twice", "majority", "minority", "average", "rate", "dollars",
    "first", "second", "third", "last", "record", "signed", "voted", "treaty", "law", "passed",
];
const COMPARATIVE: &[&str] = &[
    "more", "less", "fewer", "than", "most", "least", "largest", "biggest", "smallest", "highest",
    "lowest", "increase", "increased", "decrease", "decreased", "rose", "fell", "grew", "dropped",
];
const CAUSAL: &[&str] = &[
    "because", "caused", "causes", "cause", "led", "leads", "due", "result", "resulted", "since",
    "therefore", "blamed", "killed", "died", "injured", "arrested", "charged",
];
const OPINION: &[&str] = &[
    "should", "must", "believe", "think", "feel", "hope", "wish", "great", "terrible",
    "wonderful", "awful", "beautiful", "amazing", "best", "worst", "love", "hate", "maybe",
    "perhaps", "probably", "seems", "seem", "might", "could", "would", "opinion", "i", "we", "you",
    "me", "my", "our", "your",
];

fn has(words: &[String], list: &[&str]) -> bool {
    words.iter().any(|w| list.contains(&w.as_str()))
}

/// A score in [0, 1] for a statement's text.
pub fn score(text: &str) -> f32 {
    let trimmed = text.trim();
    let words: Vec<String> = trimmed
        .split(|c: char| !(c.is_alphanumeric() || c == '%' || c == '$'))
        .filter(|w| !w.is_empty())
        .take(200)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let mut s: f32 = 0.3;
    if trimmed.chars().any(|c| c.is_ascii_digit()) {
        s += 0.2;
    }
    if trimmed.contains(['%', '$', '€', '£']) || has(&words, QUANTITY) {
        s += 0.1;
    }
    if has(&words, MONTHS) {
        s += 0.1;
    }
    if has(&words, COMPARATIVE) {
        s += 0.1;
    }
    if has(&words, CAUSAL) {
        s += 0.1;
    }
    // Capitalised words past the first: names of people, places, bodies.
    let names = trimmed
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    s += (names as f32 * 0.05).min(0.15);
    if has(&words, OPINION) {
        s -= 0.15;
    }
    if trimmed.ends_with('?') || trimmed.ends_with("?”") || trimmed.ends_with("?\"") {
        s -= 0.35;
    }
    if words.len() < 6 {
        s -= 0.2;
    }
    s.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn facts_outscore_opinions_and_questions() {
        let fact = score("The two countries signed a 1961 treaty promising mutual support in an attack.");
        let opinion = score("I think this is a wonderful day for all of us.");
        let question = score("What happens next?");
        assert!(fact >= 0.6, "{fact}");
        assert!(opinion < 0.3, "{opinion}");
        assert!(question < 0.2, "{question}");
    }

    #[test]
    fn scores_stay_in_range() {
        for t in ["", "1 2 3 4 5 6 7 8 9 %$ more than 1961 January because Smith Jones Paris", "?"] {
            let s = score(t);
            assert!((0.0..=1.0).contains(&s));
        }
    }
}
