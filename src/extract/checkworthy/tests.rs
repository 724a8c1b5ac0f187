//! The shipped model and the features it reads.
use super::*;

#[test]
fn shipped_model_loads() {
    let m = model();
    assert!(m.dim() >= 1 << 12);
    assert!(m.bias.is_finite() && m.scale.is_finite());
}

#[test]
fn checkable_outranks_opinion_and_question() {
    let fact = score("Unemployment fell to 4.1 percent in March, the lowest since 2001.");
    let question = score("What do you think about that?");
    let opinion = score("I think this is a wonderful day for all of us.");
    assert!(fact > question, "{fact} {question}");
    assert!(fact > opinion, "{fact} {opinion}");
    // Calibrated to how often fact-checkers pick a debate sentence (2.7 %).
    assert!(fact > 0.2, "{fact}");
    assert!(question < 0.02 && opinion < 0.02, "{question} {opinion}");
}

#[test]
fn furniture_scores_low() {
    let fact = score("The city council voted 6-1 on Tuesday to close the Riverside plant.");
    for t in [
        "Council Votes To Close Riverside Plant",
        "By Jane Roe and Tom Hale",
        "Photo: Getty Images",
    ] {
        let s = score(t);
        assert!(s < 0.5 && s < fact, "{t}: {s} vs {fact}");
    }
}

#[test]
fn scores_stay_in_range() {
    for t in [
        "",
        "?",
        "1 2 3 4 5 6 7 8 9 %$ more than 1961 January because Smith Jones Paris",
        "ÄÖÜ’s naïve café — “quoted” … 100 000 € ‘x’",
        "TRUMP: My plan will begin with safety at home – which means safe streets",
    ] {
        let s = score(t);
        assert!((0.0..=1.0).contains(&s), "{t}: {s}");
    }
}

#[test]
fn tokens_keep_numbers_and_contractions() {
    let t: Vec<&str> = tokens("Don’t say $4.1 billion, 1,000 (50%)? Yes.").collect();
    assert_eq!(
        t,
        [
            "Don’t", "say", "$", "4.1", "billion", "1,000", "50", "%", "?", "Yes"
        ]
    );
}

#[test]
fn cue_features_fire() {
    let mut ids = Vec::new();
    features(
        "I think unemployment fell to 4.1 percent in March 2001?",
        1 << 16,
        WORDS | CHARS,
        |_, id| {
            if id < N_CUES {
                ids.push(id)
            }
        },
    );
    for id in [
        DIGIT,
        NUM2,
        PERCENT,
        YEAR,
        MONTH,
        COMPARATIVE,
        OPINION_MARKER,
        FIRST_PERSON,
        QUESTION_END,
        LEN_10,
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}
