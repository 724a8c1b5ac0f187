//! Claim extraction: article text in, attributed and unattributed assertions out.
//! Pure: no I/O, no network, no model downloads.
//!
//! Pipeline: `text` (tokens, sentences, quotes; `clean` drops page chrome)
//! → `attribution` (cue, source, content) → `coref` (speaker names)
//! → `checkworthy` (scores). `html` turns pages into the text we store.

mod attribution;
mod checkworthy;
mod claim;
mod clean;
mod coref;
pub mod html;
mod lexicon;
mod text;

pub use claim::{Claim, ClaimKind, Pieces, Span, SpeakerType};
pub use html::html_to_text;

use attribution::{Found, Range};
use text::{Doc, Quote};

/// Bumped whenever extraction output can change, so stored articles know
/// which extractor produced their claims (and `reextract` knows when to run).
/// 5: check-worthiness from the learned ranker.
/// 6: speakers typed, appositions by their head, pronouns to persons only,
///    unresolved sources kept as written.
/// 7: descriptions to the person a passage is about, sections respected.
pub const EXTRACTOR_VERSION: i32 = 7;

/// Unattributed sentences shorter than this many words are not claims.
const MIN_ASSERTION_WORDS: usize = 5;

/// How many following all-quote sentences may continue one speaker's quote.
const MAX_QUOTE_CONTINUATION: usize = 8;

fn span(doc: &Doc, (s, e): Range) -> Span {
    let a = &doc.toks[s];
    let b = &doc.toks[e - 1];
    Span {
        start: a.cs,
        end: b.ce,
        text: doc.text[a.bs..b.be].to_string(),
    }
}

/// Words that open a question the article itself asks.
const QUESTION_OPENERS: &[&str] = &[
    "why", "how", "what", "who", "whom", "which", "where", "when", "would", "could", "should",
    "can", "will", "is", "are", "was", "were", "do", "does", "did", "isn", "aren", "doesn", "didn",
    "wouldn", "shouldn",
];

/// The sentence is a question in the article's own words: it opens with a
/// question word and ends with a question mark outside any quotation.
fn asks(doc: &Doc, s: text::Sentence) -> bool {
    let opens = (s.start..s.end)
        .find(|&k| doc.toks[k].word)
        .is_some_and(|k| doc.in_quote[k].is_none() && doc.lower_in(k, QUESTION_OPENERS));
    opens
        && (s.start..s.end)
            .rev()
            .find(|&k| doc.in_quote[k].is_none() && (doc.toks[k].word || doc.tok_str(k) != "."))
            .is_some_and(|k| doc.tok_str(k) == "?")
}

/// True when every token of sentence `si` lies inside quotation marks.
fn all_quote(doc: &Doc, si: usize) -> Option<Range> {
    let s = doc.sents[si];
    let (qs, qe) = doc.quote_at(s.start)?;
    let mut e = qe + 1;
    // The closing mark may sit after the sentence's final period.
    while e < s.end && !doc.toks[e].word && doc.toks[e].quote == Quote::None {
        e += 1;
    }
    (e >= s.end).then_some((qs, qe + 1))
}

/// Where the text's rule lines are ("___", "* * *", "----"): a new
/// section, often a new story in a live page, that a description does not
/// look back across for whom it means. Byte offsets, ascending.
fn section_breaks(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let marks = t
            .chars()
            .filter(|c| matches!(c, '_' | '-' | '*' | '=' | '~'))
            .count();
        if marks >= 3
            && t.chars()
                .all(|c| matches!(c, '_' | '-' | '*' | '=' | '~' | '.') || c.is_whitespace())
        {
            out.push(at);
        }
        at += line.len();
    }
    out
}

/// Every run of capitalised words (up to six) inside sentences, with the
/// words just before it as written (back to a determiner or punctuation,
/// at most four, nearest first) and, after "Name, the role,", the role's
/// words; plus every word the article writes in lower case.
fn mentions<'a>(doc: &Doc<'a>) -> (Vec<coref::Mention<'a>>, std::collections::HashSet<String>) {
    const AROUND: usize = 4;
    let mut out = Vec::new();
    let mut lower = std::collections::HashSet::new();
    let word = |i: usize| doc.tok_str(i).to_lowercase();
    for s in &doc.sents {
        let mut i = s.start;
        while i < s.end {
            let t = &doc.toks[i];
            if t.word && !t.upper && i > s.start {
                // Most words recur: look before allocating.
                let w = doc.tok_str(i);
                if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
                    if !lower.contains(w) {
                        lower.insert(w.to_owned());
                    }
                } else {
                    lower.insert(word(i));
                }
            }
            // Initials and abbreviations ("G.K.", "Sen.") keep a run going.
            let pronoun = |j: usize| {
                matches!(
                    doc.tok_str(j),
                    "He" | "She" | "They" | "It" | "I" | "We" | "His" | "Her" | "Their" | "Its"
                )
            };
            let joins = |j: usize| {
                doc.toks[j].upper && (j == i || !pronoun(j))
                    || (!doc.toks[j].word
                        && matches!(doc.tok_str(j), "." | "-" | "’" | "'")
                        && j + 1 < s.end
                        && (doc.toks[j + 1].upper
                            || doc.toks[j + 1].word && doc.tok_str(j + 1) == "s"))
            };
            if !t.upper {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut words = 0;
            while j < s.end && joins(j) && words < 6 {
                words += usize::from(doc.toks[j].word);
                j += 1;
            }
            // "Commission on Presidential Debates", "Bank of America".
            while j + 1 < s.end
                && words < 8
                && matches!(doc.tok_str(j), "of" | "for" | "on")
                && doc.toks[j + 1].upper
            {
                j += 1;
                while j < s.end && joins(j) && words < 8 {
                    words += usize::from(doc.toks[j].word);
                    j += 1;
                }
            }
            let mut before = Vec::new();
            let mut k = i;
            while k > s.start && before.len() < AROUND {
                k -= 1;
                let tk = &doc.toks[k];
                if !tk.word {
                    if doc.tok_str(k) == "." || doc.tok_str(k) == "-" {
                        continue;
                    }
                    break;
                }
                let w = doc.tok_str(k);
                if ["the", "a", "an", "and", "said", "says", "to", "by", "with"]
                    .iter()
                    .any(|s| w.eq_ignore_ascii_case(s))
                {
                    break;
                }
                before.push(w);
            }
            let mut after = Vec::new();
            if j < s.end && doc.tok_str(j) == "," {
                let mut k = j + 1;
                while k < s.end && after.len() < 2 * AROUND {
                    let tk = &doc.toks[k];
                    if !tk.word {
                        if matches!(doc.tok_str(k), "," | ";" | "(" | ")" | "—") {
                            break;
                        }
                        k += 1;
                        continue;
                    }
                    after.push(doc.tok_str(k));
                    k += 1;
                }
            }
            out.push(coref::Mention {
                text: &doc.text[doc.toks[i].bs..doc.toks[j - 1].be],
                at: doc.toks[i].bs,
                before,
                after,
                sentence_start: i == s.start,
                and_next: j + 1 < s.end && doc.tok_str(j) == "and" && doc.toks[j + 1].upper,
            });
            i = j.max(i + 1);
        }
    }
    (out, lower)
}

/// Extracts every claim from `text`, in order of their content's start.
pub fn extract(text: &str) -> Vec<Claim> {
    let doc = Doc::new(text);
    let mut buf = String::new();
    let mut found: Vec<Found> = Vec::new();
    let mut si = 0;
    while si < doc.sents.len() {
        let s = doc.sents[si];
        let mut fs = attribution::attribute(&doc, s, &mut buf);
        // A question asserts nothing ("Why then would someone like Mr.
        // Clarke want to sell?"): its cues report no claim, unless what is
        // reported is a quotation.
        if asks(&doc, s) {
            fs.retain(|f| {
                f.content
                    .iter()
                    .all(|&(a, b)| (a..b).all(|k| doc.in_quote[k].is_some() || !doc.toks[k].word))
            });
        }
        let n_before = found.len();
        found.extend(fs);
        // A quotation that ends its sentence continues through following
        // sentences that are nothing but quotation: same speaker.
        if let Some(last) = found[n_before..].last_mut() {
            // The claim's last content piece is a quotation.
            let quoted_tail = matches!(last.kind, ClaimKind::Direct | ClaimKind::Mixed)
                && last
                    .content
                    .last()
                    .is_some_and(|&(_, e)| e > 0 && doc.in_quote[e - 1].is_some());
            let reach = last
                .cue
                .1
                .max(last.content.last().map_or(0, |r| r.1))
                .max(last.source.map_or(0, |r| r.1));
            let ends_sentence = (reach..s.end).all(|i| !doc.toks[i].word);
            if quoted_tail && ends_sentence {
                let mut k = si + 1;
                while k < doc.sents.len() && k - si <= MAX_QUOTE_CONTINUATION {
                    match all_quote(&doc, k) {
                        Some(r) if doc.sents[k].paragraph <= doc.sents[si].paragraph + 1 => {
                            last.content.push(r);
                            k += 1;
                        }
                        _ => break,
                    }
                }
                si = k;
                continue;
            }
        }
        si += 1;
    }

    // A source inside another attribution's quotation ("I" in "'I was
    // there,' she said") speaks for that attribution's source. Both lists
    // are in text order, so one forward walk finds each enclosing quote.
    let mut quotes: Vec<(usize, usize, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.source.is_some())
        .flat_map(|(i, f)| f.content.iter().map(move |&(a, b)| (a, b, i)))
        .collect();
    quotes.sort_unstable();
    let sources: Vec<Option<coref::Source>> = found
        .iter()
        .enumerate()
        .map(|(i, f)| {
            f.source.map(|(s, e)| {
                let upto = quotes.partition_point(|&(a, _, _)| a <= s);
                let quoted_by = quotes[..upto]
                    .iter()
                    .rev()
                    .take(8)
                    .find(|&&(_, b, j)| j != i && e <= b)
                    .map(|&(_, _, j)| j);
                let sentence =
                    doc.sents[doc.sents.partition_point(|x| x.start <= s).max(1) - 1].start;
                coref::Source {
                    text: &text[doc.toks[s].bs..doc.toks[e - 1].be],
                    at: doc.toks[s].bs,
                    quoted_by,
                    opens_sentence: (sentence..s).all(|k| !doc.toks[k].word),
                }
            })
        })
        .collect();
    let (names, lower) = mentions(&doc);
    let sentence_starts: Vec<usize> = doc.sents.iter().map(|s| doc.toks[s.start].bs).collect();
    let speakers = coref::resolve(
        &sources,
        &names,
        &lower,
        coref::Layout {
            sections: section_breaks(text),
            sentences: sentence_starts,
        },
    );

    let mut claims: Vec<Claim> = found
        .iter()
        .zip(speakers)
        .map(|(f, speaker)| {
            let content = Pieces(f.content.iter().map(|&r| span(&doc, r)).collect());
            let checkworthiness = checkworthy::score(&content.text());
            Claim {
                kind: f.kind,
                source: f.source.map(|r| span(&doc, r)),
                speaker_type: speaker.as_ref().map(|s| s.kind),
                speaker_resolved: speaker.as_ref().is_none_or(|s| s.resolved),
                speaker: speaker.map(|s| s.name),
                cue: Some(span(&doc, f.cue)),
                content,
                checkworthiness,
            }
        })
        .collect();

    // Sentences whose tokens an attribution took (its cue always lies in
    // the sentence it was found in) are not assertions of the article's own
    // (a quote may end in the sentence before its cue).
    let mut claimed = vec![false; doc.toks.len()];
    for f in &found {
        for &(a, b) in f
            .content
            .iter()
            .chain(f.source.iter())
            .chain(std::iter::once(&f.cue))
        {
            for slot in &mut claimed[a..b] {
                *slot = true;
            }
        }
    }
    for s in &doc.sents {
        if doc.in_quote[s.start].is_some() || claimed[s.start..s.end].iter().any(|&c| c) {
            continue;
        }
        let words = (s.start..s.end).filter(|&i| doc.toks[i].word).count();
        if words < MIN_ASSERTION_WORDS {
            continue;
        }
        let mut e = s.end;
        while e > s.start && !doc.toks[e - 1].word && doc.toks[e - 1].quote == Quote::None {
            e -= 1;
        }
        let last = doc.tok_str(s.end - 1);
        if e <= s.start || last == "?" || last == ":" {
            continue;
        }
        let content = span(&doc, (s.start, e));
        let checkworthiness = checkworthy::score(&content.text);
        claims.push(Claim {
            kind: ClaimKind::Unattributed,
            source: None,
            speaker: None,
            speaker_type: None,
            speaker_resolved: true,
            cue: None,
            content: Pieces::single(content),
            checkworthiness,
        });
    }
    claims.sort_by_key(|c| (c.content.start(), c.content.end()));
    claims
}
