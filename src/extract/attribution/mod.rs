//! Attribution rules: find cues, then bound each cue's source and content.
//!
//! Cues come from the train-derived lexicon (longest phrase first) and are
//! resolved most-reliable first, so a strong cue ("said") claims its clause
//! before a weak one inside it ("showed") can: PolNeAR gives every token at
//! most one role, and so do we. Span edges follow PolNeAR's conventions:
//! indirect content starts at the complementiser ("that …") and leaves out
//! the final full stop; quoted content keeps its quotation marks and whatever
//! punctuation lies inside them.
//!
//! `cues` finds and weighs cue candidates, `source` scans for who speaks,
//! `content` bounds what is reported, and `words` holds the lists they
//! share; this file orders the cues and keeps each token to one role.

mod content;
mod context;
mod cues;
mod source;
mod words;

use super::text::{Doc, Sentence};
use content::build;
use context::{Ctx, coordinated, is_according};
pub use context::{Found, Range};
use cues::{Cand, candidates};
use source::{is_passive_or_hearsay, source_before};

/// Reliability a cue needs to stand without a source.
const SOURCELESS_MIN: f32 = 0.4;

/// Cue reliability a later clause's cue needs to end an earlier content.
const NEW_CLAUSE_MIN: f32 = 0.3;

/// Where a later cue with a subject of its own starts a new clause inside
/// an earlier content: "… said X, and he added that Y", "…, the Post
/// reported that Y". Returns the subject's first token.
fn new_clause(cx: &Ctx, o: &Cand, lo: usize) -> Option<usize> {
    if o.reliability < NEW_CLAUSE_MIN || o.range.0 <= lo + 1 {
        return None;
    }
    let subj = source_before(cx, lo + 1, o.range.0)?;
    let before = subj.0.checked_sub(1)?;
    if before <= lo {
        return None;
    }
    let joined = cx.punct(before, ",")
        || cx.punct(before, ";")
        || (cx.lower_in(before, &["and", "but", "while", "as"])
            && before > lo
            && (cx.punct(before - 1, ",") || cx.punct(before - 1, ";")));
    joined.then_some(subj.0)
}

/// The attributions in sentence `s`, in cue order. `buf` is scratch space for
/// lower-casing that the caller keeps across sentences.
pub fn attribute(doc: &Doc, s: Sentence, buf: &mut String) -> Vec<Found> {
    let cands = candidates(doc, s, buf);
    if cands.is_empty() {
        return Vec::new();
    }
    let mut cx = Ctx::new(doc, s);
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&a, &b| {
        cands[b]
            .reliability
            .partial_cmp(&cands[a].reliability)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut out: Vec<Found> = Vec::new();
    for &k in &order {
        let c = cands[k].range;
        if (c.0..c.1).any(|i| cx.is_used(i)) {
            continue;
        }
        // Nearest used token on each side bounds this claim.
        let lo = (s.start..c.0)
            .rev()
            .find(|&i| cx.is_used(i))
            .map_or(s.start, |i| i + 1);
        let mut hi = (c.1..s.end).find(|&i| cx.is_used(i)).unwrap_or(s.end);
        // A later coordinated cue or "according to" ends this content.
        for (m, o) in cands.iter().enumerate() {
            if m != k && o.range.0 >= c.1 && o.range.0 < hi {
                let according = is_according(&cx, o.range);
                let clause = if according || coordinated(&cx, o.range, c.1) {
                    Some(o.range.0)
                } else {
                    new_clause(&cx, o, c.1)
                };
                if let Some(mut h) = clause {
                    while h > c.1
                        && (cx.lower_in(h - 1, &["and", "but", "also", "while"])
                            || cx.punct(h - 1, ",")
                            || cx.punct(h - 1, ";"))
                    {
                        h -= 1;
                    }
                    hi = h;
                    break;
                }
            }
        }
        if let Some(mut f) = build(&cx, c, lo, hi) {
            let shared = coordinated(&cx, c, lo);
            // A weak cue with nobody behind it is more often noise.
            if f.source.is_none()
                && cands[k].reliability < SOURCELESS_MIN
                && !shared
                && !is_passive_or_hearsay(&cx, c)
            {
                continue;
            }
            if shared {
                // "Putin accused … and asserted …": one source, two claims.
                if let Some(prev) = out
                    .iter()
                    .filter(|p| p.cue.0 < c.0 && p.source.is_some())
                    .max_by_key(|p| p.cue.0)
                {
                    f.source = prev.source;
                }
            }
            if let (Some(r), false) = (f.source, shared) {
                cx.mark(r);
            }
            cx.mark(f.cue);
            for &r in &f.content {
                cx.mark(r);
            }
            out.push(f);
        }
    }
    out.sort_by_key(|f| f.cue.0);
    out
}

/// Helpers the tests of every part share: spans are named by their words,
/// so a test reads as the sentence it checks.
#[cfg(test)]
mod testing {
    use super::{Doc, Found, Range, attribute};

    pub(super) fn text<'a>(doc: &Doc<'a>, (s, e): Range) -> &'a str {
        &doc.text[doc.toks[s].bs..doc.toks[e - 1].be]
    }

    /// The first token spelled `w`.
    pub(super) fn tok(doc: &Doc, w: &str) -> usize {
        (0..doc.toks.len())
            .find(|&i| doc.tok_str(i) == w)
            .unwrap_or_else(|| panic!("no token {w:?} in {:?}", doc.text))
    }

    pub(super) fn attribute_first(t: &'static str) -> (Doc<'static>, Vec<Found>) {
        let doc = Doc::new(t);
        let found = attribute(&doc, doc.sents[0], &mut String::new());
        (doc, found)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{attribute_first, text};

    #[test]
    fn according_to_puts_the_source_after_the_cue() {
        let (doc, found) = attribute_first("Taxes will rise, according to the mayor.");
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(text(&doc, f.cue), "according to");
        assert_eq!(f.source.map(|r| text(&doc, r)), Some("the mayor"));
        assert_eq!(text(&doc, f.content[0]), "Taxes will rise");
    }

    #[test]
    fn a_coordinated_cue_shares_the_first_source() {
        let (doc, found) =
            attribute_first("Putin accused the West of lying and asserted that Russia would win.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(text(&doc, found[1].cue), "asserted");
        assert_eq!(found[0].source.map(|r| text(&doc, r)), Some("Putin"));
        assert_eq!(found[1].source, found[0].source);
        assert_eq!(text(&doc, found[1].content[0]), "that Russia would win");
    }

    #[test]
    fn a_later_clause_with_its_own_subject_ends_the_earlier_content() {
        let (doc, found) = attribute_first(
            "The mayor said taxes would rise, and the council said they would not.",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(text(&doc, found[0].content[0]), "taxes would rise");
        assert_eq!(found[1].source.map(|r| text(&doc, r)), Some("the council"));
    }

    #[test]
    fn no_token_takes_two_roles() {
        let (doc, found) = attribute_first(
            "Smith said the report, which critics called flawed, showed that costs rose.",
        );
        let mut seen = vec![false; doc.toks.len()];
        for f in &found {
            let ranges = f.content.iter().chain(f.source.iter()).chain([&f.cue]);
            for &(s, e) in ranges {
                for (i, taken) in seen.iter_mut().enumerate().take(e).skip(s) {
                    assert!(!*taken, "token {i} ({}) twice in {found:?}", doc.tok_str(i));
                    *taken = true;
                }
            }
        }
        assert!(!found.is_empty());
    }
}
