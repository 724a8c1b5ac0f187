//! Content bounding: once a cue is chosen, which tokens it reports. Edges
//! follow PolNeAR: indirect content starts at the complementiser and leaves
//! out the final full stop, quoted content keeps its marks, and asides,
//! addressees and clause breaks are neither source nor content.

use super::context::{Ctx, Found, Range, coordinated, is_according};
use super::source::{inverted_source, is_passive_or_hearsay, np_back, source_before, subject};
use super::words::{
    ADDRESSEE_CUES, COMPLEMENTISERS, DETERMINERS, NOMINAL_CUES, OBJECT_PRONOUNS, PP_STARTS,
    WEEKDAYS,
};
use crate::extract::claim::ClaimKind;
use crate::extract::text::Quote;

/// A quotation closing right before the cue or its source:
/// "“…,” she said", "“…,” said Smith", "“…” – Smith said".
fn quote_before(cx: &Ctx, lo: usize, c: Range, hi: usize) -> Option<Range> {
    let doc = cx.doc;
    let cue = c.0;
    // Only a cue with nothing to report after it looks back past its sentence.
    let cue_ends_clause = || {
        (c.1..hi).all(|i| !doc.toks[i].word)
            || inverted_source(cx, c.1, hi).is_some_and(|r| (r.1..hi).all(|i| !doc.toks[i].word))
    };
    let mut j = cue;
    if let Some(np) = source_before(cx, lo, j) {
        j = np.0;
    }
    while j > lo && !doc.toks[j - 1].word && doc.toks[j - 1].quote == Quote::None {
        j -= 1;
    }
    let same_paragraph = lo > 0 && !doc.toks[lo].newline_before;
    if j == lo && !(lo == cx.s.start && same_paragraph && cue_ends_clause()) {
        return None;
    }
    // "“…?” Priebus said." may be split after the question mark.
    if j == lo {
        let (qs, qe) = doc.in_quote[j - 1]?;
        return (qe == j - 1 && doc.toks[qe].quote != Quote::Open).then_some((qs, qe + 1));
    }
    let (qs, qe) = doc.in_quote[j - 1]?;
    // A quote may open in an earlier sentence when nothing precedes it here.
    let starts_ok = qs >= lo || (lo == cx.s.start && (lo..qe).all(|i| doc.in_quote[i].is_some()));
    (qe == j - 1 && starts_ok && doc.toks[qe].quote != Quote::Open).then_some((qs, qe + 1))
}

/// Direct when every content word is quoted, indirect when none is.
fn kind_of(cx: &Ctx, content: &[Range]) -> ClaimKind {
    let mut quoted = 0;
    let mut total = 0;
    for &(s, e) in content {
        for i in s..e {
            if cx.doc.toks[i].word {
                total += 1;
                if cx.quoted(i) {
                    quoted += 1;
                }
            }
        }
    }
    if quoted == 0 {
        ClaimKind::Indirect
    } else if quoted == total {
        ClaimKind::Direct
    } else {
        ClaimKind::Mixed
    }
}

/// The claim cue `c` makes between the nearest tokens already taken, `lo`
/// and `hi`. The cue's shape ("according to", a colon, a quotation before
/// it, a source before it) decides on which side source and content lie.
pub(super) fn build(cx: &Ctx, c: Range, lo: usize, hi: usize) -> Option<Found> {
    let doc = cx.doc;
    let s = cx.s;
    let mut content: Vec<Range> = Vec::new();
    let source: Option<Range>;

    if is_according(cx, c) {
        // "according to X, Y" / "Y, according to X"
        let src_end = (c.1..hi)
            .find(|&i| cx.punct(i, ",") || cx.quoted(i))
            .unwrap_or(hi);
        source = cx.trim((c.1, src_end));
        let before = cx.trim((lo, c.0));
        let after = cx.trim((src_end, hi));
        match (before, after) {
            (Some(b), _) => content.push(b),
            (None, Some(a)) => content.push(a),
            _ => return None,
        }
        let kind = kind_of(cx, &content);
        return Some(Found {
            kind,
            source,
            cue: c,
            content,
        });
    }

    if cx.punct(c.1 - 1, ":") {
        let src = if c.1 - c.0 == 1 {
            cx.trim((lo, c.0))?
        } else {
            np_back(cx, lo, c.0)?
        };
        let body = cx.trim((c.1, hi))?;
        let content = vec![body];
        return Some(Found {
            kind: kind_of(cx, &content),
            source: Some(src),
            cue: c,
            content,
        });
    }

    // A quotation before the cue: "“…,” she said" / "“…,” said Smith".
    if let Some(q) = quote_before(cx, lo, c, hi) {
        let between = (q.1, c.0);
        let before_src = cx.trim(between).and_then(|_| source_before(cx, q.1, c.0));
        let mut after = c.1;
        let src = match before_src {
            Some(r) => Some(r),
            None => {
                let r = inverted_source(cx, c.1, hi);
                if let Some(r) = r {
                    after = r.1;
                }
                r
            }
        };
        content.push(q);
        // Split quote: "…," she said, "…"
        let mut j = after;
        while j < hi && (cx.punct(j, ",") || cx.punct(j, ":")) {
            j += 1;
        }
        if j < hi
            && let Some(q2) = doc.quote_at(j).map(|(a, b)| (a, b + 1))
        {
            content.push(q2);
            j = q2.1;
        }
        // The speaker goes on in the same sentence: "…,” Berg said. “…"
        loop {
            while j < hi && cx.trailing_punct(j) {
                j += 1;
            }
            match (j < hi).then(|| doc.quote_at(j)).flatten() {
                Some((a, b)) => {
                    content.push((a, b + 1));
                    j = b + 1;
                }
                None => break,
            }
        }
        let kind = kind_of(cx, &content);
        return Some(Found {
            kind,
            source: src,
            cue: c,
            content,
        });
    }

    // Source before the cue, content after it.
    let participial = coordinated(cx, c, lo);
    let left_open = c.0 > lo
        && (cx.punct(c.0 - 1, ",")
            || doc.toks[c.0 - 1].quote == Quote::Close
            || doc.toks[c.0 - 1].quote == Quote::Straight);

    // Inverted: "…, said Jane Roe, the agency's director."
    if left_open
        && !participial
        && let Some(r) = inverted_source(cx, c.1, hi)
        && let Some(b) = cx.trim((lo, c.0))
    {
        let content = vec![b];
        return Some(Found {
            kind: kind_of(cx, &content),
            source: Some(r),
            cue: c,
            content,
        });
    }

    let mut src = if participial {
        subject(cx, s.start, c.0)
    } else {
        source_before(cx, lo, c.0)
    };

    let mut p = c.1;
    while p < hi && (cx.punct(p, ",") || cx.punct(p, ":")) {
        p += 1;
    }
    // "said — on Twitter, as it happens — that …": an aside between dashes
    // or brackets is neither source nor content.
    if p < hi && (cx.punct(p, "—") || cx.punct(p, "–") || cx.punct(p, "(")) {
        let close: &[&str] = if cx.punct(p, "(") {
            &[")"]
        } else {
            &["—", "–"]
        };
        if let Some(e) = (p + 1..hi.min(p + 16))
            .take_while(|&i| !cx.quoted(i))
            .find(|&i| close.iter().any(|d| cx.punct(i, d)))
        {
            p = e + 1;
            while p < hi && cx.punct(p, ",") {
                p += 1;
            }
        }
    }
    if p < hi && cx.lower_in(c.1 - 1, ADDRESSEE_CUES) {
        p = skip_addressee(cx, p, hi);
    } else if p < hi && (cx.lower_in(p, PP_STARTS) || cx.lower_in(p, WEEKDAYS) || doc.toks[p].upper)
    {
        // "said Monday that …", "said in a statement that …": the phrase
        // before the complementiser is neither source nor content.
        let window = if cx.lower_in(p, PP_STARTS) { 16 } else { 7 };
        if let Some(t) = (p..hi.min(p + window))
            .take_while(|&i| (doc.toks[i].word || abbreviation_dot(cx, i)) && !cx.quoted(i))
            .find(|&i| cx.lower_in(i, COMPLEMENTISERS))
        {
            p = t;
        }
    }
    let mut hi = hi;
    if let Some(stop) = (p..hi).find(|&i| !cx.quoted(i) && clause_break(cx, i)) {
        hi = stop;
    }
    // A non-restrictive relative clause after the content is the writer's
    // aside: "… helped Clinton, who does not need …".
    if let Some(stop) = (p + 2..hi).find(|&i| {
        !cx.quoted(i)
            && cx.punct(i, ",")
            && i + 1 < hi
            && cx.lower_in(i + 1, &["who", "which", "whom", "whose"])
    }) {
        hi = stop;
    }
    // A relative clause's content ends at its comma: "Roe, who said X, left".
    if src.is_some_and(|r| cx.lower_in(r.0, &["who", "which"]))
        && let Some(stop) = (p..hi).find(|&i| !cx.quoted(i) && cx.punct(i, ","))
    {
        hi = stop;
    }
    let after = cx.trim((p, hi));

    match after {
        Some(a) => {
            // Quoted content right after the cue.
            if let Some(q) = doc.quote_at(a.0).map(|(x, y)| (x, y + 1)) {
                if q.1 >= a.1 || (q.1..hi).all(|i| cx.trailing_punct(i)) {
                    content.push((q.0, q.1.min(hi.max(q.1))));
                } else {
                    content.push(a);
                }
            } else {
                content.push(a);
            }
        }
        None => {
            // Cue at the end: "Sales were great, he said."
            let end = src.map_or(c.0, |r| r.0);
            let mut b = cx.trim((lo, end))?;
            // "…programs, a concern that the allies have expressed."
            if cx.lower_in(b.1 - 1, &["that", "which"])
                && let Some(comma) = (b.0..b.1).rev().take(5).find(|&i| cx.punct(i, ","))
                && (comma..b.1).any(|i| cx.lower_in(i, NOMINAL_CUES))
            {
                b = cx.trim((b.0, comma))?;
            }
            content.push(b);
        }
    }
    if src.is_some_and(|r| r.1 - r.0 == 1 && cx.lower_in(r.0, &["it", "there"])) {
        src = None;
    }
    // "Sanders was asked about …", "she reportedly said": the subject is not
    // the one who speaks (PolNeAR leaves such sources empty).
    if is_passive_or_hearsay(cx, c) {
        src = None;
    }
    let kind = kind_of(cx, &content);
    Some(Found {
        kind,
        source: src,
        cue: c,
        content,
    })
}

/// The full stop of "Jan." or "p.m.", which does not end the phrase.
fn abbreviation_dot(cx: &Ctx, i: usize) -> bool {
    cx.punct(i, ".")
        && i > 0
        && cx.doc.toks[i - 1].word
        && cx.doc.toks[i - 1].be == cx.doc.toks[i].bs
}

/// Punctuation that ends a reported clause: ";" and a spaced dash.
fn clause_break(cx: &Ctx, i: usize) -> bool {
    let doc = cx.doc;
    let t = &doc.toks[i];
    if t.word {
        return false;
    }
    match doc.tok_str(i) {
        ";" => true,
        "-" | "—" | "–" => {
            i > 0
                && i + 1 < doc.toks.len()
                && doc.toks[i - 1].be < t.bs
                && doc.toks[i + 1].bs > t.be
        }
        _ => false,
    }
}

/// "told reporters that …", "told the New York Times he …": the addressee is
/// neither source nor content.
fn skip_addressee(cx: &Ctx, p: usize, hi: usize) -> usize {
    let doc = cx.doc;
    // "told the Associated Press (AP), “…”"
    if let Some(q) = (p + 1..hi.min(p + 12))
        .take_while(|&i| doc.toks[i].quote == Quote::None || doc.quote_at(i).is_some())
        .find(|&i| doc.quote_at(i).is_some() && (cx.punct(i - 1, ",") || cx.punct(i - 1, ":")))
    {
        return q;
    }
    if let Some(t) = (p..hi.min(p + 10))
        .take_while(|&i| !cx.punct(i, ",") && !cx.quoted(i))
        .find(|&i| cx.lower_in(i, COMPLEMENTISERS))
    {
        return t;
    }
    if cx.lower_in(p, OBJECT_PRONOUNS) {
        return p + 1;
    }
    let mut k = p;
    let mut n = 0;
    while k < hi && n < 6 {
        let t = &doc.toks[k];
        if cx.quoted(k) {
            break;
        }
        if t.word
            && (t.upper
                || cx.lower_in(k, DETERMINERS)
                || cx.lower_in(
                    k,
                    &[
                        "reporters",
                        "supporters",
                        "audience",
                        "crowd",
                        "voters",
                        "journalists",
                    ],
                ))
        {
            k += 1;
            n += 1;
        } else if !t.word && matches!(doc.tok_str(k), "’" | "'" | ".") && k > p {
            k += 1;
        } else {
            break;
        }
    }
    if k > p
        && k < hi
        && (doc.toks[k].word
            || doc.toks[k].quote != Quote::None
            || cx.punct(k, ",")
            || cx.punct(k, ":"))
    {
        let mut k2 = k;
        while k2 < hi && (cx.punct(k2, ",") || cx.punct(k2, ":")) {
            k2 += 1;
        }
        return k2;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::super::testing::{text, tok};
    use super::*;
    use crate::extract::text::Doc;

    /// What `build` makes of the cue spelled `cue` (one token) in the whole
    /// first sentence of `t`: kind, source text and content texts.
    fn bound(t: &'static str, cue: &str) -> (ClaimKind, Option<String>, Vec<String>) {
        let doc = Doc::new(t);
        let s = doc.sents[0];
        let cx = Ctx::new(&doc, s);
        let c = tok(&doc, cue);
        let f = build(&cx, (c, c + 1), s.start, s.end).expect("a claim");
        let src = f.source.map(|r| text(&doc, r).to_string());
        let content = f.content.iter().map(|&r| text(&doc, r).to_string());
        (f.kind, src, content.collect())
    }

    #[test]
    fn indirect_content_starts_at_that_and_ends_before_the_full_stop() {
        let (kind, src, content) = bound("The mayor said that taxes will rise.", "said");
        assert_eq!(kind, ClaimKind::Indirect);
        assert_eq!(src.as_deref(), Some("The mayor"));
        assert_eq!(content, ["that taxes will rise"]);
    }

    #[test]
    fn a_phrase_between_cue_and_that_is_left_out() {
        let (_, _, content) = bound("The mayor said on Monday that taxes will rise.", "said");
        assert_eq!(content, ["that taxes will rise"]);
    }

    #[test]
    fn the_addressee_is_neither_source_nor_content() {
        let (_, src, content) = bound("He told reporters that the deal was dead.", "told");
        assert_eq!(src.as_deref(), Some("He"));
        assert_eq!(content, ["that the deal was dead"]);
    }

    #[test]
    fn a_semicolon_ends_the_content() {
        let (_, _, content) = bound("He said taxes will rise; others disagree.", "said");
        assert_eq!(content, ["taxes will rise"]);
    }

    #[test]
    fn a_quotation_before_the_cue_keeps_its_marks() {
        let (kind, src, content) = bound("“We lost the roof,” Berg said.", "said");
        assert_eq!(kind, ClaimKind::Direct);
        assert_eq!(src.as_deref(), Some("Berg"));
        assert_eq!(content, ["“We lost the roof,”"]);
    }

    #[test]
    fn a_split_quotation_gives_two_pieces() {
        let (_, src, content) = bound("“We lost,” she said, “but we will build.”", "said");
        assert_eq!(src.as_deref(), Some("she"));
        assert_eq!(content, ["“We lost,”", "“but we will build.”"]);
    }

    #[test]
    fn a_cue_at_the_end_reports_what_came_before() {
        let (_, src, content) = bound("Sales were great, he said.", "said");
        assert_eq!(src.as_deref(), Some("he"));
        assert_eq!(content, ["Sales were great"]);
    }

    #[test]
    fn partly_quoted_content_is_mixed() {
        let (kind, _, content) = bound("He said the plan was “a disaster” for farmers.", "said");
        assert_eq!(kind, ClaimKind::Mixed);
        assert_eq!(content, ["the plan was “a disaster” for farmers"]);
    }

    #[test]
    fn a_spaced_dash_breaks_a_clause_but_a_hyphen_does_not() {
        let doc = Doc::new("He said a long-term plan - not this one.");
        let cx = Ctx::new(&doc, doc.sents[0]);
        let dashes: Vec<usize> = (0..doc.toks.len())
            .filter(|&i| doc.tok_str(i) == "-")
            .collect();
        assert_eq!(dashes.len(), 2);
        assert!(!clause_break(&cx, dashes[0]));
        assert!(clause_break(&cx, dashes[1]));
    }
}
