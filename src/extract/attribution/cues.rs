//! Cue search: which tokens of a sentence report speech or belief, and how
//! reliable each is. The lexicon's phrases come first; the frame, nominal and
//! colon rules catch what it never saw, and `not_reporting` drops a cue word
//! used as something else.

use super::context::Range;
use super::words::{
    CUE_MODIFIERS, DETERMINERS, NOMINAL_CUES, NOT_FRAME_VERBS, OBJECT_PRONOUNS, PSYCH_PARTICIPLES,
    SAY_IDIOM_BEFORE, SHOW_NOUN_BEFORE, SUBJECT_PRONOUNS,
};
use crate::extract::lexicon::{Lexicon, MAX_CUE_TOKENS};
use crate::extract::text::{Doc, Quote, Sentence};

/// Cues whose share of gold-cue occurrences in train is below this are
/// ignored (tuned on train).
const MIN_RELIABILITY: f32 = 0.15;

/// How much more reliable a longer cue phrase must be to beat its prefix.
const LONGER_MARGIN: f32 = -0.15;

/// Reliability a participle right after a common noun needs to count.
const PARTICIPLE_AFTER_NOUN_MIN: f32 = 0.5;

/// A longer phrase that is the gold cue this often where it occurs is more
/// often right than its prefix there, whatever the prefix's own record.
const LONGER_SURE: f32 = 0.5;

#[derive(Debug, Clone, Copy)]
pub(super) struct Cand {
    pub(super) range: Range,
    pub(super) reliability: f32,
}

/// Cue candidates in a sentence, longest lexicon phrase first at each token.
pub(super) fn candidates(doc: &Doc, s: Sentence, buf: &mut String) -> Vec<Cand> {
    let lex = Lexicon::get();
    let mut out = Vec::new();
    let mut i = s.start;
    let lower = |i: usize, buf: &mut String| {
        buf.clear();
        let w = doc.tok_str(i);
        if w.is_ascii() {
            buf.push_str(w);
            buf.make_ascii_lowercase();
        } else {
            for c in w.chars() {
                buf.extend(c.to_lowercase());
            }
        }
    };
    let mut phrase = String::new();
    while i < s.end {
        if doc.in_quote[i].is_some() || !doc.toks[i].word {
            if doc.is_punct(i, ":")
                && doc.in_quote[i].is_none()
                && let Some(c) = colon_cue(doc, s, i)
            {
                out.push(c);
            }
            i += 1;
            continue;
        }
        lower(i, buf);
        if !lex.starts_cue(buf) {
            i += 1;
            continue;
        }
        phrase.clear();
        phrase.push_str(buf);
        let mut best: Option<(usize, f32)> = None;
        let mut n = 1;
        loop {
            if let Some(e) = lex.cue(&phrase) {
                // A longer phrase wins only if it is the more reliable cue:
                // "said in a statement" is mostly annotated as just "said".
                if e.reliability >= MIN_RELIABILITY
                    && best.is_none_or(|(_, r)| {
                        e.reliability > r + LONGER_MARGIN || e.reliability >= LONGER_SURE
                    })
                {
                    best = Some((n, e.reliability));
                }
            }
            let j = i + n;
            if n >= MAX_CUE_TOKENS || j >= s.end || doc.in_quote[j].is_some() {
                break;
            }
            lower(j, buf);
            phrase.push(' ');
            phrase.push_str(buf);
            n += 1;
        }
        if best.is_none() {
            best = frame_cue(doc, s, i)
                .map(|r| (1, r))
                .or_else(|| nominal_cue(doc, s, i))
                .or_else(|| negated_denial(doc, s, i));
        }
        // PolNeAR keeps the preposition a verb selects in the cue ("joked
        // about", "agreed with", "declared:"); the lexicon decides where it
        // knows the pair, this rule where it does not.
        if let Some((n, r)) = best {
            let j = i + n;
            let say = doc.lower_in(j - 1, &["according", "said", "says", "say", "saying"]);
            if j < s.end
                && doc.in_quote[j].is_none()
                && ((!say && doc.lower_in(j, &["about", "for", "of", "with"]))
                    || doc.is_punct(j, ":")
                    || (doc.lower_in(j, &["by"]) && doc.lower_in(j - 1, PSYCH_PARTICIPLES)))
            {
                phrase.clear();
                for k in i..=j {
                    if k > i {
                        phrase.push(' ');
                    }
                    lower(k, buf);
                    phrase.push_str(buf);
                }
                if lex.cue(&phrase).is_none() {
                    best = Some((n + 1, r));
                }
            }
        }
        // "said in a brief statement: “…”": where the words were said belongs
        // to the cue when a colon or a quotation follows it (before "that",
        // PolNeAR keeps just "said").
        if let Some((n, r)) = best {
            let j = i + n;
            if doc.lower_in(j - 1, &["said", "says", "told", "wrote", "added"])
                && j < s.end
                && doc.lower_in(j, &["in", "on"])
                && let Some(k) = (j + 1..(j + 5).min(s.end)).find(|&k| {
                    doc.lower_in(
                        k,
                        &[
                            "statement",
                            "interview",
                            "email",
                            "post",
                            "letter",
                            "tweet",
                            "release",
                        ],
                    )
                })
                && k + 1 < s.end
                && (doc.is_punct(k + 1, ":") || doc.in_quote[k + 1].is_some())
                && (j + 1..k).all(|m| doc.toks[m].word && doc.in_quote[m].is_none())
            {
                best = Some((k + 1 + usize::from(doc.is_punct(k + 1, ":")) - i, r));
            }
        }
        // "was quoted as saying": the whole frame is the cue.
        if let Some((n, r)) = best {
            let j = i + n;
            if j + 1 < s.end
                && doc.lower_in(j, &["as"])
                && doc.lower_in(j + 1, &["saying", "telling", "writing"])
            {
                best = Some((n + 2, r));
            }
        }
        // "a treaty promising mutual aid": a participle after a common noun
        // describes the thing, unless the lexicon is sure of it.
        if let Some((_, r)) = best {
            let w = doc.tok_str(i);
            if r < PARTICIPLE_AFTER_NOUN_MIN
                && w.ends_with("ing")
                && i > s.start
                && doc.toks[i - 1].word
                && !doc.toks[i - 1].upper
                && !doc.lower_in(i - 1, SUBJECT_PRONOUNS)
                && !doc.lower_in(
                    i - 1,
                    &[
                        "and", "but", "also", "is", "was", "are", "were", "been", "be",
                    ],
                )
            {
                best = None;
            }
        }
        if best.is_some() && not_reporting(doc, s, i) {
            best = None;
        }
        if let Some((n, r)) = best {
            // Auxiliaries and adverbs belong to the cue: "has also said".
            let mut st = i;
            while st > s.start && doc.in_quote[st - 1].is_none() && is_cue_modifier(doc, st - 1) {
                st -= 1;
            }
            if let Some(prev) = out.last() {
                st = st.max(prev.range.1);
            }
            out.push(Cand {
                range: (st, i + n),
                reliability: r,
            });
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

/// "did not deny that …", "never disputed": a denial denied reports the
/// claim as much as "confirmed" would. Rare in the lexicon (a bare "deny" is
/// mostly not a cue), so only after a negation.
fn negated_denial(doc: &Doc, s: Sentence, i: usize) -> Option<(usize, f32)> {
    let negated = (s.start..i)
        .rev()
        .take(2)
        .any(|k| doc.lower_in(k, &["not", "never", "t"]) || doc.tok_str(k).ends_with("n't"));
    (negated
        && doc.lower_in(
            i,
            &[
                "deny",
                "denied",
                "dispute",
                "disputed",
                "contest",
                "contested",
            ],
        ))
    .then_some((1, 0.5))
}

/// A cue word used as something else (measured on train as the commonest
/// false cues): "show" the programme, "their say", "safe to say",
/// ", say, " meaning "for instance", "helped found", "found itself".
fn not_reporting(doc: &Doc, s: Sentence, i: usize) -> bool {
    let prev = |k: usize, ws: &[&str]| i >= s.start + k && doc.lower_in(i - k, ws);
    let w = doc.tok_str(i);
    if w.eq_ignore_ascii_case("show") || w.eq_ignore_ascii_case("shows") {
        (doc.toks[i].upper && i > s.start)
            || prev(1, DETERMINERS)
            || prev(1, SHOW_NOUN_BEFORE)
            || (i > s.start
                && doc.toks[i - 1].word
                && doc.toks[i - 1].upper
                && prev(2, DETERMINERS))
    } else if w.eq_ignore_ascii_case("say") {
        prev(1, DETERMINERS)
            || (prev(1, &["to"]) && prev(2, SAY_IDIOM_BEFORE))
            || (i > s.start
                && doc.is_punct(i - 1, ",")
                && i + 1 < s.end
                && doc.is_punct(i + 1, ","))
    } else if doc.lower_in(
        i,
        &[
            "welcomed", "welcome", "welcomes", "greeted", "greet", "greets",
        ],
    ) {
        // "Kim welcomed Putin at the airport": a greeting, not a stance.
        let mut k = i + 1;
        while k < s.end
            && (doc.toks[k].upper
                || doc.lower_in(k, OBJECT_PRONOUNS)
                || (doc.is_punct(k, ".") && doc.toks[k - 1].upper))
        {
            k += 1;
        }
        k > i + 1
            && k + 1 < s.end
            && doc.lower_in(k, &["at", "in", "into", "to", "on"])
            && (doc.toks[k + 1].upper || doc.lower_in(k + 1, DETERMINERS))
    } else if w.eq_ignore_ascii_case("found") {
        prev(1, &["helped", "help", "helps"])
            || (i + 1 < s.end
                && doc.lower_in(i + 1, &["itself", "themselves", "himself", "herself"]))
    } else {
        false
    }
}

/// A reporting verb the lexicon never saw, recognised by its frame:
/// subject, the verb, then "that" or a quotation ("She figures that …").
fn frame_cue(doc: &Doc, s: Sentence, i: usize) -> Option<f32> {
    let t = &doc.toks[i];
    if !t.word || t.upper || i == s.start || i + 1 >= s.end {
        return None;
    }
    let w = doc.tok_str(i);
    if w.len() < 3 || !w.chars().all(|c| c.is_ascii_lowercase()) || doc.lower_in(i, NOT_FRAME_VERBS)
    {
        return None;
    }
    let prev = i - 1;
    let subject = doc.toks[prev].word
        && (doc.toks[prev].upper
            || doc.lower_in(
                prev,
                &[
                    "he",
                    "she",
                    "they",
                    "we",
                    "i",
                    "who",
                    "officials",
                    "critics",
                    "experts",
                    "analysts",
                ],
            ))
        && doc.in_quote[prev].is_none();
    if !subject {
        return None;
    }
    let next = i + 1;
    let frame = doc.lower_in(next, &["that"])
        || doc.quote_at(next).is_some()
        || (doc.is_punct(next, ",") || doc.is_punct(next, ":"))
            && next + 1 < s.end
            && doc.quote_at(next + 1).is_some();
    frame.then_some(FRAME_RELIABILITY)
}

/// Below `SOURCELESS_MIN`: a verb known only by its frame needs a source
/// (or an earlier clause to continue) to count.
const FRAME_RELIABILITY: f32 = 0.25;

/// "His assertion was that …", "the claim that …".
fn nominal_cue(doc: &Doc, s: Sentence, i: usize) -> Option<(usize, f32)> {
    if !doc.lower_in(i, NOMINAL_CUES) || i + 1 >= s.end {
        return None;
    }
    if doc.lower_in(i + 1, &["that"]) {
        return Some((1, NOMINAL_RELIABILITY));
    }
    if i + 2 < s.end && doc.lower_in(i + 1, &["is", "was"]) && doc.lower_in(i + 2, &["that"]) {
        return Some((2, NOMINAL_RELIABILITY));
    }
    None
}

/// Below `SOURCELESS_MIN`, like a frame cue: a noun alone is weak evidence.
const NOMINAL_RELIABILITY: f32 = 0.3;

fn is_cue_modifier(doc: &Doc, i: usize) -> bool {
    let t = &doc.toks[i];
    let next = &doc.toks[i + 1];
    let attached = t.be == next.bs;
    if !t.word {
        // "de-emphasized", "they’ve suggested", "don’t like"
        return attached
            && matches!(doc.tok_str(i), "-" | "’" | "'")
            && i > 0
            && doc.toks[i - 1].be == t.bs;
    }
    if t.upper {
        return false;
    }
    if attached {
        return true;
    }
    let w = doc.tok_str(i);
    doc.lower_in(i, CUE_MODIFIERS)
        || (w.len() > 4
            && w.ends_with("ly")
            && !doc.lower_in(
                i,
                &[
                    "only", "early", "likely", "family", "rally", "daily", "italy",
                ],
            ))
        || (doc.lower_in(i, &["t", "ve", "re", "ll", "d"]) && i > 0 && doc.toks[i - 1].be == t.bs)
}

/// "Putin: Moscow will help" — a short name before a colon in a headline or
/// lead is a source.
fn colon_cue(doc: &Doc, s: Sentence, i: usize) -> Option<Cand> {
    let left = i - s.start;
    if left == 0 || i + 1 >= s.end {
        return None;
    }
    if left > 5 {
        return colon_verb_cue(doc, s, i);
    }
    if !doc.toks[s.start].upper {
        return None;
    }
    // Outside the headline, only a colon opening a quotation attributes.
    let quote_follows = doc.toks[i + 1].quote != Quote::None;
    if s.paragraph > 0 && !quote_follows {
        return None;
    }
    if (s.start..i).any(|k| !doc.toks[k].word && !doc.is_punct(k, ".") && !doc.is_punct(k, "'")) {
        return None;
    }
    Some(Cand {
        range: (i, i + 1),
        reliability: 0.3,
    })
}

/// "Mr. Smith shot back: “…”": the verb phrase up to a colon that opens a
/// quotation is the cue, whatever the verb.
fn colon_verb_cue(doc: &Doc, s: Sentence, i: usize) -> Option<Cand> {
    doc.quote_at(i + 1)?;
    let clause = (s.start..i)
        .rev()
        .find(|&k| doc.is_punct(k, ",") || doc.in_quote[k].is_some())
        .map_or(s.start, |k| k + 1);
    let mut v = clause;
    while v < i {
        let t = &doc.toks[v];
        let joiner = !t.word && matches!(doc.tok_str(v), "." | "'" | "’" | "-");
        if t.upper || joiner || doc.lower_in(v, DETERMINERS) || doc.lower_in(v, &["s"]) {
            v += 1;
        } else {
            break;
        }
    }
    if v == clause || v >= i || i + 1 - v > 8 || !doc.toks[v].word {
        return None;
    }
    Some(Cand {
        range: (v, i + 1),
        reliability: COLON_VERB_RELIABILITY,
    })
}

/// Surer than a frame cue: the colon and the quotation after it both mark
/// reported speech.
const COLON_VERB_RELIABILITY: f32 = 0.5;

#[cfg(test)]
mod tests {
    use super::super::testing::{text, tok};
    use super::*;

    fn cands(t: &'static str) -> (Doc<'static>, Vec<Cand>) {
        let doc = Doc::new(t);
        let c = candidates(&doc, doc.sents[0], &mut String::new());
        (doc, c)
    }

    #[test]
    fn auxiliaries_and_adverbs_join_the_cue() {
        let (doc, c) = cands("The mayor has also said that taxes will rise.");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(text(&doc, c[0].range), "has also said");
        assert!(c[0].reliability >= MIN_RELIABILITY);
    }

    #[test]
    fn cue_words_inside_a_quotation_are_not_cues() {
        let (doc, c) = cands("“He said nothing,” she noted.");
        assert!(c.iter().all(|c| doc.in_quote[c.range.0].is_none()), "{c:?}");
        assert!(c.iter().any(|c| text(&doc, c.range) == "noted"), "{c:?}");
    }

    #[test]
    fn a_name_before_a_colon_is_a_source_only_in_the_headline() {
        let (doc, c) = cands("Putin: Moscow will help");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(text(&doc, c[0].range), ":");

        let doc = Doc::new("Talks went on.\n\nPutin: Moscow will help");
        let s = doc.sents[1];
        assert!(s.paragraph > 0);
        assert!(colon_cue(&doc, s, tok(&doc, ":")).is_none());
    }

    #[test]
    fn a_verb_phrase_before_a_colon_and_quotation_is_the_cue() {
        let doc = Doc::new("In Ohio, Mr. Smith shot back: “We will win.”");
        let c = colon_cue(&doc, doc.sents[0], tok(&doc, ":")).expect("colon cue");
        assert_eq!(text(&doc, c.range), "shot back:");
        assert_eq!(c.reliability, COLON_VERB_RELIABILITY);
    }

    #[test]
    fn show_and_say_used_as_nouns_or_idioms_do_not_report() {
        let doc = Doc::new("She hosts a talk show every week.");
        assert!(not_reporting(&doc, doc.sents[0], tok(&doc, "show")));
        let doc = Doc::new("It is safe to say that prices rose.");
        assert!(not_reporting(&doc, doc.sents[0], tok(&doc, "say")));
        let doc = Doc::new("The figures show that prices rose.");
        assert!(!not_reporting(&doc, doc.sents[0], tok(&doc, "show")));
    }

    #[test]
    fn a_greeting_is_not_a_stance() {
        let doc = Doc::new("Kim welcomed Putin at the airport.");
        assert!(not_reporting(&doc, doc.sents[0], tok(&doc, "welcomed")));
        let doc = Doc::new("Kim welcomed the decision to build.");
        assert!(!not_reporting(&doc, doc.sents[0], tok(&doc, "welcomed")));
    }

    #[test]
    fn an_unknown_verb_between_subject_and_that_is_a_frame_cue() {
        let doc = Doc::new("She figures that the plan will fail.");
        let s = doc.sents[0];
        assert_eq!(
            frame_cue(&doc, s, tok(&doc, "figures")),
            Some(FRAME_RELIABILITY)
        );
        let doc = Doc::new("She means that the plan will fail.");
        assert_eq!(frame_cue(&doc, doc.sents[0], tok(&doc, "means")), None);
    }

    #[test]
    fn a_reporting_noun_before_that_is_a_cue_with_its_copula() {
        let doc = Doc::new("His assertion was that taxes rise.");
        let s = doc.sents[0];
        let i = tok(&doc, "assertion");
        assert_eq!(nominal_cue(&doc, s, i), Some((2, NOMINAL_RELIABILITY)));
        let doc = Doc::new("His assertion surprised everyone.");
        assert_eq!(nominal_cue(&doc, doc.sents[0], i), None);
    }
}
