//! Source scanning: the noun phrase that speaks, found leftwards from a cue
//! ("The United States and its allies said"), rightwards after an inverted
//! one ("…," said Jane Roe, the director), or as the sentence's subject when
//! the cue continues an earlier clause.

use super::context::{Ctx, Range};
use super::words::{
    DETERMINERS, NP_PREPOSITIONS, NP_STOP, OBJECT_PRONOUNS, PERSONAL_PRONOUNS, PSYCH_PARTICIPLES,
    SUBJECT_PRONOUNS, TIME_WORDS, WEEKDAYS, inflected,
};
use crate::extract::lexicon::Lexicon;
use crate::extract::text::Quote;

pub(super) fn is_passive_or_hearsay(cx: &Ctx, c: Range) -> bool {
    if (c.0..c.1).any(|i| cx.lower_in(i, &["reportedly", "allegedly"])) {
        return true;
    }
    // "X was quoted as saying": X is the speaker.
    if (c.0..c.1).any(|i| cx.lower_in(i, &["saying", "telling", "writing"])) {
        return false;
    }
    let aux = (c.0..c.1)
        .position(|i| cx.lower_in(i, &["is", "was", "are", "were", "been", "be", "being"]));
    let Some(a) = aux else { return false };
    let verb = c.0 + a + 1;
    verb < c.1 && !cx.lower_in(verb, PSYCH_PARTICIPLES) && {
        let w = cx.doc.tok_str(verb);
        w.ends_with("ed")
            || cx.lower_in(
                verb,
                &[
                    "told", "said", "seen", "known", "thought", "shown", "heard", "quoted",
                ],
            )
    }
}

/// The noun phrase that ends right before `end`, not reaching before `lo`.
pub(super) fn np_back(cx: &Ctx, lo: usize, end: usize) -> Option<Range> {
    let doc = cx.doc;
    let mut j = end;
    // Skip adverbs between subject and cue ("Smith, however, later said").
    while j > lo && doc.toks[j - 1].word && !doc.toks[j - 1].upper && {
        let w = doc.tok_str(j - 1);
        w.len() > 4 && w.ends_with("ly")
    } {
        j -= 1;
    }
    if j <= lo {
        return None;
    }
    if cx.lower_in(j - 1, SUBJECT_PRONOUNS) {
        return Some((j - 1, j));
    }
    let mut k = j;
    let mut n = 0;
    let mut extended = 0;
    // "the mayor's claim": a possessive source is whole as it is.
    let possessive =
        j >= 2 && doc.lower_in(j - 1, &["s"]) && matches!(doc.tok_str(j - 2), "'" | "’");
    loop {
        np_back_segment(cx, lo, j, &mut k, &mut n);
        // "Critics of the program", "Aides to Clinton", "Six in 10": a
        // prepositional phrase after a noun belongs to the noun phrase.
        if extended < 2
            && !possessive
            && k > lo + 1
            && k < j
            && cx.lower_in(k - 1, NP_PREPOSITIONS)
            && noun_like(cx, k - 2)
        {
            k -= 1;
            extended += 1;
            continue;
        }
        break;
    }
    // An NP starts with a word, not a possessive mark.
    while k < j && !doc.toks[k].word {
        k += 1;
    }
    (k < j).then_some((k, j))
}

/// A word that can head a noun phrase before a preposition: not a function
/// word, pronoun, verb form or adverb, and not already given a role.
fn noun_like(cx: &Ctx, i: usize) -> bool {
    let t = &cx.doc.toks[i];
    if !t.word || cx.quoted(i) || cx.is_used(i) {
        return false;
    }
    !cx.lower_in(i, NP_STOP)
        && !cx.lower_in(i, PERSONAL_PRONOUNS)
        && !cx.lower_in(i, OBJECT_PRONOUNS)
        && !cx.lower_in(i, DETERMINERS)
        && !inflected(cx.doc.tok_str(i))
}

/// One stretch of `np_back`: moves `k` left over the words of a noun phrase
/// ending before `j`, counting them in `n`.
fn np_back_segment(cx: &Ctx, lo: usize, j: usize, k: &mut usize, n: &mut usize) {
    let doc = cx.doc;
    while *k > lo && *n < 14 {
        let i = *k - 1;
        let t = &doc.toks[i];
        if cx.quoted(i) || cx.is_used(i) {
            break;
        }
        if t.word {
            // "The United States and its allies": coordinated names.
            let joins_names = cx.lower_in(i, &["and"])
                && *k < j
                && i > lo
                && doc.toks[i - 1].upper
                && (doc.toks[*k].upper || cx.lower_in(*k, DETERMINERS));
            if cx.lower_in(i, NP_STOP) && !joins_names {
                break;
            }
            if joins_names {
                *k = i;
                continue;
            }
            if cx.lower_in(i, PERSONAL_PRONOUNS) && *k != j {
                break;
            }
            *k = i;
            *n += 1;
            if cx.lower_in(i, DETERMINERS) {
                // "The United States and its allies"
                if i > lo + 1 && cx.lower_in(i - 1, &["and"]) && doc.toks[i - 2].upper {
                    *k = i - 1;
                    continue;
                }
                break;
            }
        } else {
            let p = doc.tok_str(i);
            // "Rep. Elijah Cummings (D-Md.)"
            if p == ")"
                && let Some(open) = (lo..i).rev().take(8).find(|&m| cx.punct(m, "("))
            {
                *k = open;
                continue;
            }
            // "James B. Comey Jr." ends in an abbreviation's full stop.
            let abbrev_end = p == "."
                && *k == j
                && i > lo
                && doc.toks[i - 1].be == t.bs
                && cx.lower_in(i - 1, &["jr", "sr", "inc", "co", "corp", "ltd", "st"]);
            if abbrev_end {
                *k = i;
                continue;
            }
            let joins = matches!(p, "'" | "’" | "." | "-" | "&" | "/")
                && *k < j
                && i > lo
                && doc.toks[i - 1].word
                && doc.toks[i - 1].be == t.bs;
            if !joins {
                break;
            }
            *k = i;
        }
    }
}

/// The noun phrase that starts at `start`, up to a comma, quote or `hi`.
fn np_fwd(cx: &Ctx, start: usize, hi: usize) -> Option<Range> {
    let doc = cx.doc;
    let mut k = start;
    if k < hi && cx.lower_in(k, PERSONAL_PRONOUNS) {
        return Some((k, k + 1));
    }
    let name = doc.toks[start].upper && !cx.lower_in(start, DETERMINERS);
    while k < hi && k - start < 10 {
        let t = &doc.toks[k];
        if cx.quoted(k) || cx.is_used(k) {
            break;
        }
        if t.word {
            if cx.lower_in(k, NP_STOP) {
                break;
            }
            let possessive_s = cx.lower_in(k, &["s"])
                && k > start
                && !doc.toks[k - 1].word
                && doc.toks[k - 1].be == t.bs;
            // After a name, a lower-case word is the verb: "Mook refused".
            if name
                && !possessive_s
                && !t.upper
                && !cx.lower_in(k, &["of", "de", "al", "van", "von", "bin"])
                && !doc.tok_str(k).chars().all(|c| c.is_ascii_digit())
            {
                break;
            }
            if !name && k > start + 1 && !t.upper && {
                let w = doc.tok_str(k);
                w.ends_with("ed") || Lexicon::get().starts_cue(&w.to_lowercase())
            } {
                break;
            }
            k += 1;
        } else {
            let p = doc.tok_str(k);
            if matches!(p, "'" | "’" | "." | "-" | "&") && k > start && doc.toks[k - 1].be == t.bs
            {
                k += 1;
            } else {
                break;
            }
        }
    }
    while k > start && !doc.toks[k - 1].word {
        k -= 1;
    }
    (k > start).then_some((start, k))
}

/// The source after an inverted cue: "…," said Jane Roe, the agency's
/// director. Runs to the end of the clause, apposition included.
pub(super) fn inverted_source(cx: &Ctx, start: usize, hi: usize) -> Option<Range> {
    let doc = cx.doc;
    if start >= hi
        || !doc.toks[start].word
        || cx.lower_in(start, TIME_WORDS)
        || cx.lower_in(start, &["that"])
    {
        return None;
    }
    let mut np = np_fwd(cx, start, hi)?;
    // "said Virginia delegate Beau Correll", "said party boss Reince
    // Priebus": a role word between capitalised words is still the source.
    while np.1 < hi && np.1 - start < 12 {
        let role_then_name = (np.1..hi.min(np.1 + 3))
            .take_while(|&i| {
                let t = &doc.toks[i];
                t.word
                    && !t.upper
                    && !cx.quoted(i)
                    && !cx.lower_in(i, NP_STOP)
                    && !inflected(doc.tok_str(i))
            })
            .last()
            .filter(|&i| i + 1 < hi && doc.toks[i + 1].upper && !cx.quoted(i + 1));
        match role_then_name.and_then(|i| np_fwd(cx, i + 1, hi)) {
            Some(name) => np.1 = name.1,
            None => break,
        }
    }
    let next_ok = np.1 >= hi
        || cx.punct(np.1, ",")
        || cx.trailing_punct(np.1)
        || doc.toks[np.1].quote != Quote::None
        || cx.lower_in(np.1, &["who", "of", "in", "at"]);
    if !next_ok {
        return None;
    }
    let end = (np.1..hi)
        .find(|&i| {
            doc.toks[i].quote != Quote::None
                || (cx.punct(i, ",") && i + 1 < hi && doc.toks[i + 1].quote != Quote::None)
        })
        .unwrap_or(hi);
    cx.trim((start, end))
}

/// "Smith, the agency's director, said": the source is the name with its
/// apposition (PolNeAR keeps both).
fn apposed_source(cx: &Ctx, lo: usize, comma: usize) -> Option<Range> {
    let mut k = comma;
    for _ in 0..3 {
        let pc = (lo..k).rev().take(30).find(|&i| cx.punct(i, ","))?;
        if let Some(np) = np_back(cx, lo, pc)
            && (cx.doc.toks[np.0].upper || cx.lower_in(np.0, DETERMINERS))
        {
            // "Forbes, however, says": a parenthetical, not an apposition.
            let inner = (pc + 1..comma).filter(|&i| cx.doc.toks[i].word).count();
            let parenthetical = inner <= 3
                && (pc + 1..comma).all(|i| !cx.doc.toks[i].upper && !cx.lower_in(i, DETERMINERS));
            if parenthetical && k == comma {
                return Some(np);
            }
            return Some((np.0, comma + 1));
        }
        k = pc;
    }
    None
}

/// The sentence's grammatical subject, for participial and coordinated cues.
pub(super) fn subject(cx: &Ctx, lo: usize, hi: usize) -> Option<Range> {
    let doc = cx.doc;
    let mut k = lo;
    while k < hi && !doc.toks[k].word {
        k += 1;
    }
    // Skip a fronted adverbial: "On Monday, Smith ..."
    if let Some(c) = (k..hi.min(k + 8)).find(|&i| cx.punct(i, ","))
        && cx.lower_in(
            k,
            &[
                "on",
                "in",
                "at",
                "after",
                "before",
                "during",
                "last",
                "earlier",
                "later",
                "but",
                "and",
                "yet",
                "still",
                "meanwhile",
                "however",
            ],
        )
    {
        k = c + 1;
    }
    np_fwd(cx, k, hi)
}

/// The source ending right before a cue: a plain noun phrase, or a name
/// with its apposition ("Smith, the agency's director, said"), skipping a
/// time phrase ("Smith on Sunday said").
pub(super) fn source_before(cx: &Ctx, lo: usize, cue: usize) -> Option<Range> {
    let mut j = cue;
    while j > lo && cx.lower_in(j - 1, WEEKDAYS) {
        j -= 1;
        if j > lo && cx.lower_in(j - 1, &["on", "last", "this"]) {
            j -= 1;
        }
    }
    if j > lo && cx.punct(j - 1, ",") {
        apposed_source(cx, lo, j - 1)
    } else {
        np_back(cx, lo, j)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{text, tok};
    use super::*;
    use crate::extract::text::Doc;

    /// `f` applied to the first sentence of `t`, its result read as text.
    fn scan(t: &'static str, f: impl Fn(&Ctx, &Doc) -> Option<Range>) -> Option<String> {
        let doc = Doc::new(t);
        let cx = Ctx::new(&doc, doc.sents[0]);
        f(&cx, &doc).map(|r| text(&doc, r).to_string())
    }

    #[test]
    fn coordinated_names_scan_back_to_their_head() {
        let got = scan(
            "The United States and its allies said the deal failed.",
            |cx, d| np_back(cx, cx.s.start, tok(d, "said")),
        );
        assert_eq!(got.as_deref(), Some("The United States and its allies"));
    }

    #[test]
    fn a_prepositional_phrase_belongs_to_the_source() {
        let got = scan("Critics of the program said it failed.", |cx, d| {
            np_back(cx, cx.s.start, tok(d, "said"))
        });
        assert_eq!(got.as_deref(), Some("Critics of the program"));
    }

    #[test]
    fn the_scan_stops_at_a_clause_word() {
        let got = scan("Prices rose because officials said so.", |cx, d| {
            np_back(cx, cx.s.start, tok(d, "said"))
        });
        assert_eq!(got.as_deref(), Some("officials"));
    }

    #[test]
    fn a_time_phrase_between_source_and_cue_is_skipped() {
        let got = scan("Smith on Sunday said the plan failed.", |cx, d| {
            source_before(cx, cx.s.start, tok(d, "said"))
        });
        assert_eq!(got.as_deref(), Some("Smith"));
    }

    #[test]
    fn an_inverted_source_keeps_its_apposition() {
        let got = scan(
            "“We will win,” said Jane Roe, the agency’s director.",
            |cx, d| inverted_source(cx, tok(d, "said") + 1, cx.s.end),
        );
        assert_eq!(got.as_deref(), Some("Jane Roe, the agency’s director"));
    }

    #[test]
    fn an_inverted_cue_followed_by_a_time_word_has_no_source_there() {
        let got = scan("Taxes will rise, he said Monday.", |cx, d| {
            inverted_source(cx, tok(d, "said") + 1, cx.s.end)
        });
        assert_eq!(got, None);
    }

    #[test]
    fn a_participial_cue_takes_the_sentence_subject() {
        let got = scan(
            "On Monday, Senator Warren spoke, saying that costs rose.",
            |cx, d| subject(cx, cx.s.start, tok(d, "saying")),
        );
        assert_eq!(got.as_deref(), Some("Senator Warren"));
    }

    #[test]
    fn a_passive_or_hearsay_cue_has_no_speaking_subject() {
        let cue = |t: &'static str, from: &str, to: &str| {
            let doc = Doc::new(t);
            let cx = Ctx::new(&doc, doc.sents[0]);
            is_passive_or_hearsay(&cx, (tok(&doc, from), tok(&doc, to) + 1))
        };
        assert!(cue(
            "She reportedly said the plan failed.",
            "reportedly",
            "said"
        ));
        assert!(cue("Sanders was asked about the plan.", "was", "asked"));
        assert!(!cue("He was quoted as saying it failed.", "was", "saying"));
        assert!(!cue(
            "The allies were worried by the test.",
            "were",
            "worried"
        ));
    }
}
