//! The extractor never panics and stays linear on hostile input: arbitrary
//! Unicode, unbalanced quotes, no punctuation, RTL text, emoji, NUL, and
//! very long inputs. Every span it returns lies inside the text and matches it.

use claimdesk::extract::{Claim, extract, html_to_text};
use proptest::prelude::*;

fn check_spans(text: &str, claims: &[Claim]) {
    let chars: Vec<char> = text.chars().collect();
    for c in claims {
        assert!((0.0..=1.0).contains(&c.checkworthiness));
        let spans = c
            .content
            .0
            .iter()
            .chain(c.source.iter())
            .chain(c.cue.iter());
        for s in spans {
            assert!(s.start < s.end && s.end <= chars.len(), "{s:?}");
            let got: String = chars[s.start..s.end].iter().collect();
            assert_eq!(got, s.text);
        }
    }
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("said".to_string()),
        Just(" according to ".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("''".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("He ".to_string()),
        Just("that ".to_string()),
        Just("and asserted ".to_string()),
        Just("مرحبا بالعالم ".to_string()),
        Just("🎉👍🏽 ".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{200f}\u{202e}".to_string()),
        "\\PC{0,12}",
        "[A-Z][a-z]{1,8} ",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        let claims = extract(&text);
        check_spans(&text, &claims);
    }

    #[test]
    fn news_like_fragments_never_panic(parts in proptest::collection::vec(fragment(), 0..80)) {
        let text: String = parts.concat();
        let claims = extract(&text);
        check_spans(&text, &claims);
    }

    #[test]
    fn html_never_panics(text in "(<[a-z]{1,6}( class=\"share\")?>|</[a-z]{1,6}>|\\PC{0,10}){0,40}") {
        let out = html_to_text(&text);
        check_spans(&out, &extract(&out));
    }
}

#[test]
fn degenerate_inputs() {
    let cases = [
        String::new(),
        " ".repeat(1000),
        "\u{0}".repeat(1000),
        "“".repeat(5000),
        "\"".repeat(5001),
        "said ".repeat(5000),
        ", said".repeat(5000),
        "according to ".repeat(3000),
        ".".repeat(10_000),
        "He said “".repeat(2000),
        "שלום עולם אמר ".repeat(2000),
        "🎉".repeat(10_000),
    ];
    for text in &cases {
        check_spans(text, &extract(text));
    }
}

/// 10 MB of one word with no punctuation, and 10 MB of prose in one
/// paragraph: both must finish (linear time; see BENCHMARKS.md for speed).
#[test]
fn ten_megabytes() {
    let one_word = "a".repeat(10 * 1024 * 1024);
    assert!(extract(&one_word).is_empty());
    let words = "word ".repeat(2 * 1024 * 1024);
    check_spans(&words, &extract(&words));
    let prose = "The minister said “prices will rise” after the vote, according to Mr. Smith of the U.S. agency. "
        .repeat(10 * 1024 * 1024 / 100);
    let claims = extract(&prose);
    assert!(claims.len() > 10_000);
}
