//! Attribution rules: find cues, then bound each cue's source and content.
//!
//! Cues come from the train-derived lexicon (longest phrase first) and are
//! resolved most-reliable first, so a strong cue ("said") claims its clause
//! before a weak one inside it ("showed") can: PolNeAR gives every token at
//! most one role, and so do we. Span edges follow PolNeAR's conventions:
//! indirect content starts at the complementiser ("that …") and leaves out
//! the final full stop; quoted content keeps its quotation marks and whatever
//! punctuation lies inside them.

use super::claim::ClaimKind;
use super::lexicon::{Lexicon, MAX_CUE_TOKENS};
use super::text::{Doc, Quote, Sentence};

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

fn is_passive_or_hearsay(cx: &Ctx, c: Range) -> bool {
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

/// Participles whose passive subject holds the attitude: in "the allies
/// have been worried by X" the allies are the source, not an unnamed agent.
/// ("encouraged" and "disturbed" are left out: "the move was encouraged by
/// Washington" has an agent.)
const PSYCH_PARTICIPLES: &[&str] = &[
    "worried",
    "concerned",
    "alarmed",
    "angered",
    "troubled",
    "frustrated",
    "disappointed",
    "heartened",
    "pleased",
    "surprised",
    "shocked",
    "outraged",
    "offended",
    "dismayed",
    "convinced",
    "upset",
];

/// Reliability a cue needs to stand without a source.
const SOURCELESS_MIN: f32 = 0.4;

/// Token ranges, end exclusive.
pub type Range = (usize, usize);

#[derive(Debug, Clone)]
pub struct Found {
    pub kind: ClaimKind,
    pub source: Option<Range>,
    pub cue: Range,
    pub content: Vec<Range>,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    range: Range,
    reliability: f32,
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your",
    "some", "many", "most", "several", "both", "all", "other", "another", "each", "every", "no",
    "few", "one", "two", "three", "such", "more",
];
/// Pronouns that are a whole source noun phrase by themselves.
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];
const SUBJECT_PRONOUNS: &[&str] = &[
    "he", "she", "they", "i", "we", "it", "you", "who", "which", "that",
];
/// Words that end a source noun phrase when scanning leftwards from a cue.
const NP_STOP: &[&str] = &[
    "that", "which", "when", "while", "but", "because", "if", "as", "after", "before", "since",
    "although", "though", "so", "where", "whether", "than", "and", "or", "in", "on", "at", "for",
    "with", "by", "from", "to", "during", "into", "about", "over", "under", "what", "how", "why",
    "then", "also", "now", "not", "is", "was", "are", "were", "be", "been", "has", "have", "had",
    "will", "would", "could", "should", "can", "may", "might", "must", "did", "does", "do", "yet",
    "once", "until", "unless", "said", "says", "say", "told", "even", "just", "only",
];
/// Cues whose first object is the addressee, not the content.
const ADDRESSEE_CUES: &[&str] = &[
    "told", "tell", "tells", "telling", "asked", "ask", "asks", "asking", "assured", "informed",
    "reminded",
];
const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "me", "us", "you", "it"];

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    s: Sentence,
    /// Tokens already given a role in this sentence.
    used: Vec<bool>,
}

impl Ctx<'_, '_> {
    fn lower_in(&self, i: usize, ws: &[&str]) -> bool {
        self.doc.lower_in(i, ws)
    }
    fn punct(&self, i: usize, c: &str) -> bool {
        self.doc.is_punct(i, c)
    }
    fn quoted(&self, i: usize) -> bool {
        self.doc.in_quote[i].is_some()
    }
    fn is_used(&self, i: usize) -> bool {
        self.used[i - self.s.start]
    }
    fn mark(&mut self, r: Range) {
        for i in r.0..r.1 {
            if i >= self.s.start && i < self.s.end {
                self.used[i - self.s.start] = true;
            }
        }
    }
    /// Final punctuation that content leaves out.
    fn trailing_punct(&self, i: usize) -> bool {
        let t = &self.doc.toks[i];
        !t.word
            && t.quote == Quote::None
            && matches!(
                self.doc.tok_str(i),
                "." | "," | ";" | ":" | "-" | "—" | "–" | "!" | "?" | "(" | "…"
            )
    }
    fn trim(&self, (mut s, mut e): Range) -> Option<Range> {
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

/// Cue candidates in a sentence, longest lexicon phrase first at each token.
fn candidates(doc: &Doc, s: Sentence, buf: &mut String) -> Vec<Cand> {
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
                .or_else(|| nominal_cue(doc, s, i));
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

/// Words before "show" that make it a programme: "the talk show".
const SHOW_NOUN_BEFORE: &[&str] = &[
    "talk",
    "radio",
    "reality",
    "tv",
    "television",
    "game",
    "news",
    "night",
    "morning",
    "cooking",
    "award",
    "awards",
    "new",
    "scripted",
    "comedy",
    "variety",
    "s",
    "cable",
    "sunday",
    "live",
];

/// Adjectives of "… to say" that make it an idiom: "safe to say", "too
/// soon to say", "suffice it to say".
const SAY_IDIOM_BEFORE: &[&str] = &[
    "safe",
    "soon",
    "hard",
    "fair",
    "needless",
    "it",
    "early",
    "difficult",
    "impossible",
];

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

/// Words that sit between a subject and "that" without reporting anything.
const NOT_FRAME_VERBS: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "does", "did", "do",
    "so", "now", "such", "and", "but", "or", "not", "than", "said", "all", "only", "just", "also",
    "even", "still", "after", "before", "since", "because", "given", "ensure", "ensured",
    "ensures", "means", "meant", "mean", "made", "make", "makes", "got", "get", "gets", "the",
    "that", "this", "who", "which", "one", "way", "time", "day", "year", "part", "fact", "point",
    "reason", "idea", "sense", "like", "much", "more", "less", "far",
];

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

const FRAME_RELIABILITY: f32 = 0.25;

/// Nouns that report what someone holds or said.
const NOMINAL_CUES: &[&str] = &[
    "assertion",
    "claim",
    "claims",
    "belief",
    "view",
    "argument",
    "concern",
    "concerns",
    "fear",
    "fears",
    "hope",
    "insistence",
    "suggestion",
    "warning",
    "promise",
    "accusation",
    "allegation",
    "allegations",
    "contention",
    "position",
    "statement",
    "announcement",
    "conclusion",
    "assessment",
    "prediction",
    "expectation",
    "message",
    "point",
    "complaint",
    "admission",
    "denial",
    "pledge",
    "vow",
    "theory",
    "notion",
    "charge",
];

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

const NOMINAL_RELIABILITY: f32 = 0.3;

const CUE_MODIFIERS: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "could",
    "can",
    "did",
    "does",
    "do",
    "just",
    "often",
    "later",
    "never",
    "not",
    "still",
    "even",
    "already",
    "been",
    "be",
    "being",
    "may",
    "might",
    "should",
    "must",
    "again",
    "first",
    "long",
    "previously",
    "repeatedly",
    "recently",
    "publicly",
    "privately",
    "openly",
    "quickly",
    "frequently",
    "once",
    "then",
];

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

const COLON_VERB_RELIABILITY: f32 = 0.5;

/// The noun phrase that ends right before `end`, not reaching before `lo`.
fn np_back(cx: &Ctx, lo: usize, end: usize) -> Option<Range> {
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

/// Prepositions that can join a noun phrase's head to its complement.
const NP_PREPOSITIONS: &[&str] = &["of", "in", "for", "from", "to", "with", "on", "at", "by"];

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

/// Whether `w` ends in `suffix`, ignoring ASCII case (no allocation: this
/// runs for every token a noun phrase scan looks at).
fn ends_with_ci(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// A verb form or adverb by its ending ("-ed", "-ing", "-ly"): not the head
/// of a noun phrase.
fn inflected(w: &str) -> bool {
    ["ed", "ing", "ly"].iter().any(|s| ends_with_ci(w, s))
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

const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "later",
    "earlier",
    "recently",
    "last",
    "this",
    "on",
    "in",
];

/// The source after an inverted cue: "…," said Jane Roe, the agency's
/// director. Runs to the end of the clause, apposition included.
fn inverted_source(cx: &Ctx, start: usize, hi: usize) -> Option<Range> {
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
fn subject(cx: &Ctx, lo: usize, hi: usize) -> Option<Range> {
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

fn is_according(cx: &Ctx, c: Range) -> bool {
    cx.lower_in(c.0, &["according"])
}

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

/// Whether a candidate continues the clause before it with the same source:
/// "… and asserted", "…, adding", "…, saying".
fn coordinated(cx: &Ctx, c: Range, lo: usize) -> bool {
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

/// The source ending right before a cue: a plain noun phrase, or a name
/// with its apposition ("Smith, the agency's director, said"), skipping a
/// time phrase ("Smith on Sunday said").
fn source_before(cx: &Ctx, lo: usize, cue: usize) -> Option<Range> {
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

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
];

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

pub fn attribute(doc: &Doc, s: Sentence, buf: &mut String) -> Vec<Found> {
    let cands = candidates(doc, s, buf);
    if cands.is_empty() {
        return Vec::new();
    }
    let mut cx = Ctx {
        doc,
        s,
        used: vec![false; s.end - s.start],
    };
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

fn build(cx: &Ctx, c: Range, lo: usize, hi: usize) -> Option<Found> {
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

/// Words opening a phrase that may sit between a cue and its "that".
const PP_STARTS: &[&str] = &[
    "during",
    "in",
    "at",
    "on",
    "after",
    "before",
    "while",
    "to",
    "with",
    "for",
    "from",
    "last",
    "this",
    "earlier",
    "later",
    "again",
    "repeatedly",
    "publicly",
    "privately",
];

const COMPLEMENTISERS: &[&str] = &["that", "if", "whether"];

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
