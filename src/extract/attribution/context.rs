//! What the attribution rules share about one sentence: its tokens, which
//! of them already have a role, and the token tests every rule asks.

use super::words::ends_with_ci;
use crate::extract::claim::ClaimKind;
use crate::extract::text::{Doc, Quote, Sentence};

/// Token ranges, end exclusive.
pub type Range = (usize, usize);

#[derive(Debug, Clone)]
pub struct Found {
    pub kind: ClaimKind,
    pub source: Option<Range>,
    pub cue: Range,
    pub content: Vec<Range>,
}

pub(super) struct Ctx<'d, 'a> {
    pub(super) doc: &'d Doc<'a>,
    pub(super) s: Sentence,
    /// Tokens already given a role in this sentence.
    pub(super) used: Vec<bool>,
}

impl<'d, 'a> Ctx<'d, 'a> {
    pub(super) fn new(doc: &'d Doc<'a>, s: Sentence) -> Self {
        Ctx {
            doc,
            s,
            used: vec![false; s.end - s.start],
        }
    }
    pub(super) fn lower_in(&self, i: usize, ws: &[&str]) -> bool {
        self.doc.lower_in(i, ws)
    }
    pub(super) fn punct(&self, i: usize, c: &str) -> bool {
        self.doc.is_punct(i, c)
    }
    pub(super) fn quoted(&self, i: usize) -> bool {
        self.doc.in_quote[i].is_some()
    }
    pub(super) fn is_used(&self, i: usize) -> bool {
        self.used[i - self.s.start]
    }
    pub(super) fn mark(&mut self, r: Range) {
        for i in r.0..r.1 {
            if i >= self.s.start && i < self.s.end {
                self.used[i - self.s.start] = true;
            }
        }
    }
    /// Final punctuation that content leaves out.
    pub(super) fn trailing_punct(&self, i: usize) -> bool {
        let t = &self.doc.toks[i];
        !t.word
            && t.quote == Quote::None
            && matches!(
                self.doc.tok_str(i),
                "." | "," | ";" | ":" | "-" | "—" | "–" | "!" | "?" | "(" | "…"
            )
    }
    pub(super) fn trim(&self, (mut s, mut e): Range) -> Option<Range> {
        while s < e
            && !self.doc.toks[s].word
            && self.doc.toks[s].quote == Quote::None
            && matches!(self.doc.tok_str(s), "," | ":" | ";" | "-" | "—" | "–" | ")")
        {
            s += 1;
        }
        while e > s
            && (self.trailing_punct(e - 1) || self.doc.lower_in(e - 1, &["and", "but", "or"]))
        {
            e -= 1;
        }
        (s < e).then_some((s, e))
    }
}

/// "According to" inverts the usual order: source after the cue, content
/// on either side.
pub(super) fn is_according(cx: &Ctx, c: Range) -> bool {
    cx.lower_in(c.0, &["according"])
}

/// Whether a candidate continues the clause before it with the same source:
/// "… and asserted", "…, adding", "…, saying".
pub(super) fn coordinated(cx: &Ctx, c: Range, lo: usize) -> bool {
    let i = c.0;
    if i <= lo {
        return false;
    }
    let first = cx.doc.tok_str(i);
    if cx.lower_in(i - 1, &["and", "but"]) {
        return true;
    }
    let after_comma = cx.punct(i - 1, ",")
        || (cx.doc.toks[i - 1].quote == Quote::Close && i >= 2 && cx.punct(i - 2, ","));
    after_comma && ends_with_ci(first, "ing")
}
