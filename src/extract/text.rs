//! The article as the rules see it: tokens with byte and code-point offsets,
//! paragraphs with page chrome marked, sentences, and quotation regions.
//! Everything works on byte offsets; code points are computed once here so
//! spans can be emitted without rescanning the text.

use super::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    None,
    Open,
    Close,
    /// A straight `"` whose role depends on the quotes before it.
    Straight,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub bs: usize,
    pub be: usize,
    pub cs: usize,
    pub ce: usize,
    /// A run of word characters (the scorer's `\w+`).
    pub word: bool,
    /// Starts with an upper-case letter.
    pub upper: bool,
    pub quote: Quote,
    /// Whitespace before this token contains a line break.
    pub newline_before: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// Token range, end exclusive.
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub sents: Vec<Sentence>,
    /// For each token, the quotation region it lies in (token range of the
    /// marks themselves, inclusive of both), if any.
    pub in_quote: Vec<Option<(usize, usize)>>,
}

/// Sentencex is given paragraphs no longer than this; longer runs are cut at
/// whitespace so segmentation stays linear on pathological input.
const MAX_SEGMENT_BYTES: usize = 8 * 1024;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut cs = 0usize;
    let mut it = text.char_indices().peekable();
    let mut newline = true;
    while let Some((b, c)) = it.next() {
        if c.is_whitespace() {
            if c == '\n' || c == '\u{2029}' {
                newline = true;
            }
            cs += 1;
            continue;
        }
        if is_word_char(c) {
            let mut be = b + c.len_utf8();
            let mut ce = cs + 1;
            while let Some(&(b2, c2)) = it.peek() {
                if !is_word_char(c2) {
                    break;
                }
                be = b2 + c2.len_utf8();
                ce += 1;
                it.next();
            }
            toks.push(Tok {
                bs: b,
                be,
                cs,
                ce,
                word: true,
                upper: c.is_uppercase(),
                quote: Quote::None,
                newline_before: newline,
            });
            cs = ce;
        } else {
            // Two apostrophes stand for a double quotation mark in some feeds.
            if c == '\'' && it.peek().is_some_and(|&(_, n)| n == '\'') {
                it.next();
                toks.push(Tok {
                    bs: b,
                    be: b + 2,
                    cs,
                    ce: cs + 2,
                    word: false,
                    upper: false,
                    quote: Quote::Straight,
                    newline_before: newline,
                });
                cs += 2;
                newline = false;
                continue;
            }
            let quote = match c {
                '“' | '«' | '„' => Quote::Open,
                '”' | '»' => Quote::Close,
                '"' => Quote::Straight,
                _ => Quote::None,
            };
            toks.push(Tok {
                bs: b,
                be: b + c.len_utf8(),
                cs,
                ce: cs + 1,
                word: false,
                upper: false,
                quote,
                newline_before: newline,
            });
            cs += 1;
        }
        newline = false;
    }
    orient_straight_quotes(&mut toks);
    toks
}

/// A straight quotation mark that hugs the next word and follows a space
/// opens a quotation; one that hugs the previous token and is followed by a
/// space or the end closes it. Only marks that are neither stay `Straight`
/// and are paired by alternation, so one stray mark cannot flip a paragraph.
/// Spacing also closes an opening curly mark typed after the words it
/// ends ("… for her here,“ said Jim"), which some feeds do. (A closing mark
/// typed before the words it opens is left as typed.)
fn orient_straight_quotes(toks: &mut [Tok]) {
    for i in 0..toks.len() {
        if toks[i].quote == Quote::None {
            continue;
        }
        let t = toks[i];
        let space_before = i == 0 || toks[i - 1].be < t.bs;
        let space_after = i + 1 == toks.len() || toks[i + 1].bs > t.be;
        toks[i].quote = match (space_before, space_after, t.quote) {
            (true, false, Quote::Straight) => Quote::Open,
            (false, true, Quote::Straight | Quote::Open) => Quote::Close,
            (_, _, q) => q,
        };
    }
}

/// Byte ranges of paragraphs: runs of text separated by line breaks.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            if text[start..i].trim().is_empty() {
                start = i + 1;
                continue;
            }
            out.push((start, i));
            start = i + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// Cuts `para` (absolute byte range) into pieces sentencex can take.
fn segments(text: &str, (s, e): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = s;
    while e - a > MAX_SEGMENT_BYTES {
        let mut cut = a + MAX_SEGMENT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Prefer a sentence end, then any whitespace, else cut hard.
        let window = &text[a..cut];
        let at = window
            .rfind(". ")
            .map(|i| a + i + 2)
            .or_else(|| window.rfind(char::is_whitespace).map(|i| a + i + 1))
            .filter(|&c| c > a)
            .unwrap_or(cut);
        out.push((a, at));
        a = at;
    }
    if a < e {
        out.push((a, e));
    }
    out
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Self {
        let toks = tokenize(text);
        let mut sents = Vec::new();
        let mut ti = 0usize;
        for (pi, para) in paragraphs(text).into_iter().enumerate() {
            let chrome = clean::is_chrome(&text[para.0..para.1]);
            for seg in segments(text, para) {
                let piece = &text[seg.0..seg.1];
                let bounds: Vec<(usize, usize)> = if piece.contains(['.', '!', '?', '…']) {
                    sentencex::get_sentence_boundaries("en", piece)
                        .into_iter()
                        .map(|b| (seg.0 + b.start_byte, seg.0 + b.end_byte))
                        .collect()
                } else {
                    vec![seg]
                };
                for (bs, be) in bounds {
                    while ti < toks.len() && toks[ti].bs < bs {
                        ti += 1;
                    }
                    let start = ti;
                    while ti < toks.len() && toks[ti].bs < be {
                        ti += 1;
                    }
                    if start < ti && !chrome {
                        sents.push(Sentence {
                            start,
                            end: ti,
                            paragraph: pi,
                        });
                    }
                }
            }
            // Tokens the segmenter left out belong to no sentence.
            while ti < toks.len() && toks[ti].bs < para.1 {
                ti += 1;
            }
        }
        // Titles and initials do not end sentences: "Ms. Malik", "J. R. Smith".
        let mut merged: Vec<Sentence> = Vec::with_capacity(sents.len());
        for s in sents {
            if let Some(prev) = merged.last_mut()
                && prev.paragraph == s.paragraph
                && prev.end == s.start
                && ends_with_title(text, &toks, *prev)
                && toks[s.start].upper
            {
                prev.end = s.end;
                continue;
            }
            merged.push(s);
        }
        let mut sents = merged;
        // The segmenter may leave an opening quotation mark at the end of the
        // sentence before the quotation; it belongs to the next one.
        for k in 1..sents.len() {
            let (a, b) = (sents[k - 1], sents[k]);
            if a.paragraph == b.paragraph && a.end == b.start && a.end - a.start > 1 {
                // `orient_straight_quotes` has already made a straight mark
                // that hugs the next word an opening one.
                if toks[a.end - 1].quote == Quote::Open {
                    sents[k - 1].end -= 1;
                    sents[k].start -= 1;
                }
            }
        }
        let in_quote = quote_regions(&toks);
        Doc {
            text,
            toks,
            sents,
            in_quote,
        }
    }

    pub fn lower_in(&self, i: usize, ws: &[&str]) -> bool {
        let t = &self.toks[i];
        let s = &self.text[t.bs..t.be];
        ws.iter().any(|w| s.eq_ignore_ascii_case(w))
    }

    pub fn tok_str(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.bs..t.be]
    }

    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        !self.toks[i].word && self.tok_str(i) == c
    }

    /// The quotation region starting at token `i` (an opening mark), if any.
    pub fn quote_at(&self, i: usize) -> Option<(usize, usize)> {
        match self.in_quote.get(i).copied().flatten() {
            Some((s, e)) if s == i => Some((s, e)),
            _ => None,
        }
    }
}

const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof", "rev",
    "hon", "pres", "atty", "supt", "det", "insp", "messrs", "mt", "ft", "vs",
];

fn ends_with_title(text: &str, toks: &[Tok], s: Sentence) -> bool {
    if s.end - s.start < 2 {
        return false;
    }
    let (w, dot) = (&toks[s.end - 2], &toks[s.end - 1]);
    if &text[dot.bs..dot.be] != "." || !w.word || w.be != dot.bs {
        return false;
    }
    let word = &text[w.bs..w.be];
    let initial = word.chars().count() == 1 && w.upper;
    initial || TITLES.iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// Pairs quotation marks within each paragraph. Curly marks say which way
/// they face; straight ones alternate. An opening mark left unclosed at the
/// end of its paragraph runs to that end (a quote continued in the next
/// paragraph reopens there, by newspaper convention).
fn quote_regions(toks: &[Tok]) -> Vec<Option<(usize, usize)>> {
    let mut out = vec![None; toks.len()];
    let mut open: Option<usize> = None;
    let mut last_in_para = 0usize;
    let close_region = |out: &mut Vec<Option<(usize, usize)>>, s: usize, e: usize| {
        for slot in out.iter_mut().take(e + 1).skip(s) {
            *slot = Some((s, e));
        }
    };
    for (i, t) in toks.iter().enumerate() {
        if t.newline_before
            && i > 0
            && let Some(s) = open.take()
        {
            close_region(&mut out, s, last_in_para);
        }
        last_in_para = i;
        match (t.quote, open) {
            (Quote::Open, None) => open = Some(i),
            (Quote::Open, Some(s)) => {
                // Two openers in a row: the first was never closed.
                if i > s + 1 {
                    close_region(&mut out, s, i - 1);
                }
                open = Some(i);
            }
            (Quote::Close, Some(s)) | (Quote::Straight, Some(s)) => {
                close_region(&mut out, s, i);
                open = None;
            }
            (Quote::Straight, None) => open = Some(i),
            _ => {}
        }
    }
    if let Some(s) = open
        && !toks.is_empty()
    {
        close_region(&mut out, s, toks.len() - 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_point_offsets_follow_multibyte_text() {
        let toks = tokenize("é “Ça” 1");
        let spans: Vec<(usize, usize)> = toks.iter().map(|t| (t.cs, t.ce)).collect();
        assert_eq!(spans, vec![(0, 1), (2, 3), (3, 5), (5, 6), (7, 8)]);
    }

    #[test]
    fn sentences_survive_abbreviations() {
        let text = "Mr. Smith met U.S. officials at 7 p.m. on Jan. 5 in Washington. He left.";
        let doc = Doc::new(text);
        assert_eq!(doc.sents.len(), 2, "{:?}", doc.sents);
    }

    #[test]
    fn curly_marks_typed_backwards_follow_their_spacing() {
        let doc = Doc::new("“It is unusual,“ said Larry Noble. He left.");
        assert_eq!(doc.toks[5].quote, Quote::Close);
        assert_eq!(doc.in_quote[1], Some((0, 5)));
        assert!(doc.in_quote[6].is_none());
    }

    #[test]
    fn no_ends_a_sentence_before_a_capital() {
        let doc = Doc::new("Asked if he was bullied, he said no. But he said it happens.");
        assert_eq!(doc.sents.len(), 2, "{:?}", doc.sents);
        let doc = Doc::new("The team is ranked No. 5 in the state.");
        assert_eq!(doc.sents.len(), 1, "{:?}", doc.sents);
    }

    #[test]
    fn opening_quote_starts_the_next_sentence() {
        let doc = Doc::new("“We lost the roof,” Berg said. “We lost the library.”");
        assert_eq!(doc.sents.len(), 2);
        assert_eq!(doc.toks[doc.sents[1].start].quote, Quote::Open);
    }

    #[test]
    fn unclosed_quote_ends_with_paragraph() {
        let doc = Doc::new("He said “one two\n\nThree four.");
        let q = doc.in_quote[2].unwrap();
        assert_eq!(q, (2, 4));
        assert!(doc.in_quote[5].is_none());
    }
}
