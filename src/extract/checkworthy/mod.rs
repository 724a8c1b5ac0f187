//! How worth checking a statement is: a logistic-regression ranker over
//! hashed word and character n-grams plus a few dozen cue features
//! (numbers, percentages, money, dates, comparatives and superlatives,
//! capitalised words, tense, modality, negation, first-person opinion
//! markers, questions, length, headline/byline/dateline shapes).
//!
//! The weights are trained by `scripts/train-checkworthy.py` (leave-one-
//! debate-out cross-validation on the CLEF 2019 CheckThat! training
//! debates) and shipped as numbers in `data/checkworthy.bin`. The training
//! script gets its features from [`features`] through the
//! `cw_features` example, so training and run time share this one
//! definition.
//!
//! This file is self-contained (no `crate::` paths) so that example can
//! include it as it stands.

/// Ids below this are the cue features; hashed n-grams fill the rest.
pub const N_CUES: u32 = 64;
/// [`features`]' `ngrams` bit for word unigrams and bigrams.
pub const WORDS: u8 = 2;
/// [`features`]' `ngrams` bit for character 3- to 5-grams.
pub const CHARS: u8 = 4;

// Cue feature ids. Never renumber one without retraining the model.
const DIGIT: u32 = 0;
const NUM1: u32 = 1;
const NUM2: u32 = 2;
const NUM3: u32 = 3;
const PERCENT: u32 = 4;
const MONEY: u32 = 5;
const YEAR: u32 = 6;
const MONTH: u32 = 7;
const RELDATE: u32 = 8;
const QUANTITY: u32 = 9;
const COMPARATIVE: u32 = 10;
const SUPERLATIVE: u32 = 11;
const CAPS1: u32 = 12;
const CAPS2: u32 = 13;
const CAPS4: u32 = 14;
const PAST: u32 = 15;
const FUTURE: u32 = 16;
const PERFECT: u32 = 17;
const MODAL: u32 = 18;
const NEGATION: u32 = 19;
const OPINION_MARKER: u32 = 20;
const FIRST_PERSON: u32 = 21;
const SECOND_PERSON: u32 = 22;
const QUESTION_END: u32 = 23;
const QUESTION_ANY: u32 = 24;
const WH_START: u32 = 25;
const EXCLAIM: u32 = 26;
const LEN_LT5: u32 = 27;
const LEN_5: u32 = 28;
const LEN_10: u32 = 29;
const LEN_20: u32 = 30;
const LEN_40: u32 = 31;
const HEADLINE: u32 = 32;
const BYLINE: u32 = 33;
const DATELINE: u32 = 34;
const CAPTION: u32 = 35;
const SPEAKER_PREFIX: u32 = 36;
const CAUSAL: u32 = 37;
const STATISTIC: u32 = 38;
const RECORD: u32 = 39;
const EVALUATIVE: u32 = 40;
const HEDGE: u32 = 41;

const W_SEED: u64 = 0x5744;
const C_SEED: u64 = 0x4348;

mod words;
use words::*;

/// FNV-1a for the word lists' map: short keys, no untrusted-input
/// concern (the map is fixed), several times faster than SipHash here.
#[derive(Default)]
struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { FNV_OFFSET } else { self.0 };
        for &b in bytes {
            h = fnv_byte(h, b);
        }
        self.0 = h;
    }
}

type Lexicon =
    std::collections::HashMap<&'static str, u32, std::hash::BuildHasherDefault<FnvHasher>>;

fn lexicon() -> &'static Lexicon {
    static MAP: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Lexicon::default();
        for (k, list) in LISTS.iter().enumerate() {
            for w in *list {
                *m.entry(*w).or_insert(0) |= 1 << k;
            }
        }
        m
    })
}

fn lists_of(lw: &str) -> u32 {
    lexicon().get(lw).copied().unwrap_or(0)
}

/// A token: a run of letters and digits (with inner apostrophes, and the
/// points and commas inside numbers), or one of `% $ € £ ? !`.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let b = text;
    let mut rest = b.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (i, c) = rest.next()?;
            if matches!(c, '%' | '$' | '€' | '£' | '?' | '!') {
                return Some(&b[i..i + c.len_utf8()]);
            }
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = i + c.len_utf8();
            let mut prev = c;
            while let Some(&(j, d)) = rest.peek() {
                let joins = if d.is_alphanumeric() {
                    true
                } else if matches!(d, '\'' | '’' | '.' | ',') {
                    // Joins only between two word characters: "don't", "4.1", "1,000".
                    let next = b[j + d.len_utf8()..].chars().next();
                    let numeric = matches!(d, '.' | ',');
                    match next {
                        Some(n) if numeric => prev.is_ascii_digit() && n.is_ascii_digit(),
                        Some(n) => prev.is_alphabetic() && n.is_alphabetic(),
                        None => false,
                    }
                } else {
                    false
                };
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                prev = d;
                rest.next();
            }
            return Some(&b[i..end]);
        }
    })
}

/// The normalised characters of a token: lower case, every digit `0`,
/// a curly apostrophe straight.
fn norm_chars(tok: &str) -> impl Iterator<Item = char> + '_ {
    tok.chars().flat_map(char::to_lowercase).map(|c| {
        if c.is_numeric() {
            '0'
        } else if c == '’' {
            '\''
        } else {
            c
        }
    })
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = fnv_byte(h, b);
    }
    h
}

fn fnv_tok(mut h: u64, tok: &str) -> u64 {
    if tok.is_ascii() {
        // The same bytes as `norm_chars` gives, without decoding.
        for &b in tok.as_bytes() {
            let b = if b.is_ascii_digit() {
                b'0'
            } else {
                b.to_ascii_lowercase()
            };
            h = fnv_byte(h, b);
        }
        return h;
    }
    for c in norm_chars(tok) {
        h = fnv_char(h, c);
    }
    h
}

/// A hashed id in `N_CUES..dim`.
fn bucket(h: u64, dim: u32) -> u32 {
    // splitmix64 finaliser: FNV's low bits alone are weak.
    let mut z = h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    N_CUES + (z % u64::from(dim - N_CUES)) as u32
}

/// ASCII lower case of a short token in `buf`; `None` if it is not ASCII
/// or longer than the buffer (no listed word is).
fn lower<'b>(tok: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if tok.len() > buf.len() || !tok.is_ascii() {
        // Curly apostrophes are the one non-ASCII character the lists need.
        if tok.len() <= buf.len() && tok.contains('’') {
            let mut n = 0;
            for c in tok.chars() {
                let c = if c == '’' { '\'' } else { c };
                if !c.is_ascii() || n >= buf.len() {
                    return None;
                }
                buf[n] = (c as u8).to_ascii_lowercase();
                n += 1;
            }
            return std::str::from_utf8(&buf[..n]).ok();
        }
        return None;
    }
    let lw = &mut buf[..tok.len()];
    lw.copy_from_slice(tok.as_bytes());
    lw.make_ascii_lowercase();
    std::str::from_utf8(lw).ok()
}

fn is_word(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_alphanumeric)
}

fn is_number(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_capitalised(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(tok: &str) -> bool {
    tok.chars().any(char::is_alphabetic) && !tok.chars().any(char::is_lowercase)
}

/// Every feature of `text`, in three groups, each handed to `emit` as
/// `(group, id)`, one call per occurrence (equal ids add up), each worth 1
/// times its group's scale, returned: cue features (`id < N_CUES`, at most
/// once each, scale 1); word unigrams and bigrams (with sentence-start and
/// -end marks), scale `1/sqrt(number of word n-grams)`; character 3- to
/// 5-grams of each word padded with spaces, scale `1/sqrt(number of
/// character n-grams)`. `dim` is the model's size. Groups: 0 cues, 1 words,
/// 2 characters; `ngrams` says which n-gram groups to compute (bit 1 words,
/// bit 2 characters); cues always come.
pub fn features(text: &str, dim: u32, ngrams: u8, mut emit: impl FnMut(u8, u32)) -> [f32; 3] {
    let text = text.trim();
    let mut cues = 0u64;
    let mut set = |id: u32| cues |= 1 << id;

    // Pass 1: cue features, and the number of n-grams of each kind.
    let mut buf = [0u8; 24];
    let (mut n_words, mut n_nums, mut caps) = (0usize, 0usize, 0usize);
    let mut n_chargrams = 0usize;
    let mut first_lower: [u8; 24] = [0; 24];
    let mut first_len = 0usize;
    let mut first_tok: &str = "";
    let mut prev_lw: [u8; 24] = [0; 24];
    let mut prev_len = 0usize;
    let mut title_words = 0usize;
    let mut lower_words = 0usize;
    let mut all_caps_run = 0usize;
    let mut all_caps_open = true;
    let mut prev_h = fnv_byte(FNV_OFFSET ^ W_SEED, 2); // sentence start
    for tok in tokens(text) {
        if !is_word(tok) {
            match tok {
                "%" => set(PERCENT),
                "$" | "€" | "£" => set(MONEY),
                "?" => set(QUESTION_ANY),
                "!" => set(EXCLAIM),
                _ => {}
            }
            prev_len = 0;
            continue;
        }
        let k = n_words;
        n_words += 1;
        if ngrams & WORDS != 0 {
            let h = fnv_tok(FNV_OFFSET ^ W_SEED, tok);
            emit(1, bucket(fnv_byte(h, 1), dim));
            emit(1, bucket(fnv_byte(prev_h ^ h.rotate_left(17), 3), dim));
            prev_h = h;
        }
        if ngrams & CHARS != 0 {
            let chars = norm_chars(tok).count().min(20);
            n_chargrams += (3..=5)
                .map(|n| (chars + 2).saturating_sub(n - 1))
                .sum::<usize>();
        }
        if is_number(tok) {
            set(DIGIT);
            n_nums += 1;
            let digits = tok.bytes().filter(u8::is_ascii_digit).count();
            if digits == 4 && (tok.starts_with("19") || tok.starts_with("20")) {
                set(YEAR);
            }
        } else if tok.chars().any(|c| c.is_ascii_digit()) {
            set(DIGIT);
        }
        if is_capitalised(tok) {
            title_words += 1;
            if k > 0 {
                caps += 1;
            }
        } else if tok.chars().next().is_some_and(char::is_lowercase) {
            lower_words += 1;
        }
        if all_caps_open && is_all_caps(tok) {
            all_caps_run += 1;
        } else {
            all_caps_open = false;
        }
        let Some(lw) = lower(tok, &mut buf) else {
            prev_len = 0;
            continue;
        };
        if k == 0 {
            first_len = lw.len();
            first_lower[..first_len].copy_from_slice(lw.as_bytes());
            first_tok = tok;
        }
        let on = lists_of(lw);
        let has = |list: u32| on & list != 0;
        if has(L_MONTHS) || (lw == "may" && k > 0 && is_capitalised(tok)) {
            set(MONTH);
        }
        if has(L_RELDATES) {
            set(RELDATE);
        }
        if has(L_QUANTITIES) {
            set(QUANTITY);
        }
        if lw == "percent" || lw == "percentage" {
            set(PERCENT);
        }
        if has(L_MONEY_WORDS) || matches!(lw, "million" | "billion" | "trillion") {
            set(MONEY);
        }
        if has(L_COMPARATIVES) {
            set(COMPARATIVE);
        }
        if has(L_SUPERLATIVES)
            || (lw.len() >= 6 && lw.ends_with("est") && !has(L_NOT_SUPERLATIVE_EST))
        {
            set(SUPERLATIVE);
        }
        if has(L_PAST_WORDS) || (lw.len() > 4 && lw.ends_with("ed")) {
            set(PAST);
        }
        if has(L_FUTURE_WORDS) || lw.ends_with("'ll") {
            set(FUTURE);
        }
        let prev = std::str::from_utf8(&prev_lw[..prev_len]).unwrap_or("");
        if lists_of(prev) & L_PERFECT_WORDS != 0 && lw.len() > 4 && lw.ends_with("ed") {
            set(PERFECT);
        }
        if prev == "going" && lw == "to" {
            set(FUTURE);
        }
        if has(L_MODALS) {
            set(MODAL);
        }
        if has(L_NEGATIONS) || lw.ends_with("n't") {
            set(NEGATION);
        }
        if has(L_FIRST_PERSON_WORDS) || lw.starts_with("i'") {
            set(FIRST_PERSON);
        }
        if has(L_SECOND_PERSON_WORDS) {
            set(SECOND_PERSON);
        }
        if has(L_OPINION_VERBS) && matches!(prev, "i" | "we" | "don't" | "really" | "personally")
            || (prev == "my" && matches!(lw, "opinion" | "view"))
        {
            set(OPINION_MARKER);
        }
        if has(L_CAUSALS) {
            set(CAUSAL);
        }
        if has(L_STATISTICS) {
            set(STATISTIC);
        }
        if has(L_RECORDS) {
            set(RECORD);
        }
        if has(L_EVALUATIVES) {
            set(EVALUATIVE);
        }
        if has(L_HEDGES) {
            set(HEDGE);
        }
        prev_len = lw.len();
        prev_lw[..prev_len].copy_from_slice(lw.as_bytes());
    }
    let first = std::str::from_utf8(&first_lower[..first_len]).unwrap_or("");
    match n_nums {
        0 => {}
        1 => set(NUM1),
        2 => set(NUM2),
        _ => set(NUM3),
    }
    match caps {
        0 => {}
        1 => set(CAPS1),
        2 | 3 => set(CAPS2),
        _ => set(CAPS4),
    }
    set(match n_words {
        0..5 => LEN_LT5,
        5..10 => LEN_5,
        10..20 => LEN_10,
        20..40 => LEN_20,
        _ => LEN_40,
    });
    let end = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    if end.ends_with('?') {
        set(QUESTION_END);
    }
    if lists_of(first) & L_WH_WORDS != 0 {
        set(WH_START);
    }
    // Page furniture: headlines (no closing stop, mostly title case),
    // bylines, datelines, captions; and a transcript's "SPEAKER:" label.
    let closed = end.ends_with(['.', '!', '?', ':', ';']);
    if !closed && n_words >= 2 && title_words * 10 >= (title_words + lower_words) * 6 {
        set(HEADLINE);
    }
    if first == "by" && is_capitalised(first_tok) && n_words <= 8 {
        set(BYLINE);
    }
    let head = text
        .char_indices()
        .nth(48)
        .map_or(text, |(i, _)| &text[..i]);
    if (1..=4).contains(&all_caps_run)
        && (head.contains(" —") || head.contains(" -") || head.contains(" ("))
        && !head.contains(':')
    {
        set(DATELINE);
    }
    if lists_of(first) & L_CAPTION_STARTS != 0
        || text.contains("Getty Images")
        || text.contains("/AP")
        || text.contains("(AP Photo")
        || text.contains("Photo:")
    {
        set(CAPTION);
    }
    if (1..=3).contains(&all_caps_run) && {
        let upto: usize = text.find(':').unwrap_or(usize::MAX);
        upto < 40 && text[..upto].chars().all(|c| !c.is_lowercase())
    } {
        set(SPEAKER_PREFIX);
    }
    for id in 0..N_CUES {
        if cues & (1 << id) != 0 {
            emit(0, id);
        }
    }

    let mut scales = [1.0, 0.0, 0.0];
    if ngrams & WORDS != 0 {
        // The sentence-end bigram.
        let end_h = fnv_byte(FNV_OFFSET ^ W_SEED, 4);
        emit(1, bucket(fnv_byte(prev_h ^ end_h.rotate_left(17), 3), dim));
        scales[1] = 1.0 / ((n_words * 2 + 1) as f32).sqrt();
    }
    if ngrams & CHARS != 0 && n_chargrams > 0 {
        emit_chars(text, dim, emit);
        scales[2] = 1.0 / (n_chargrams as f32).sqrt();
    }
    scales
}

/// Pass 3 of [`features`]: character 3- to 5-grams within each word, padded.
fn emit_chars(text: &str, dim: u32, mut emit: impl FnMut(u8, u32)) {
    let mut w = [' '; 22];
    for tok in tokens(text).filter(|t| is_word(t)) {
        let mut len = 1;
        for c in norm_chars(tok).take(20) {
            w[len] = c;
            len += 1;
        }
        w[len] = ' ';
        len += 1;
        for n in 3..=5 {
            for s in 0..=len.saturating_sub(n) {
                let mut h = fnv_byte(FNV_OFFSET ^ C_SEED, n as u8);
                for &c in &w[s..s + n] {
                    h = fnv_char(h, c);
                }
                emit(2, bucket(h, dim));
            }
        }
    }
}

/// Cue features that mark page furniture or a question; the debates the
/// model learns from have almost none of the furniture, so their weight is
/// set by hand (a logit penalty), waived when the text carries a number.
const FURNITURE_PENALTY: &[(u32, f32)] = &[
    (HEADLINE, 2.0),
    (BYLINE, 4.0),
    (DATELINE, 2.0),
    (CAPTION, 2.0),
];
const CHECKABLE: &[u32] = &[DIGIT, PERCENT, MONEY, YEAR];

/// The shipped model: `CWM2`, bits (u32), n-gram groups (u32: bit 1 word,
/// bit 2 character n-grams), bias (f32), scale (f32), then `2^bits`
/// weights as i16 (weight = value × scale), all little-endian.
static MODEL: &[u8] = include_bytes!("../data/checkworthy.bin");

pub struct Model {
    bits: u32,
    ngrams: u8,
    bias: f32,
    scale: f32,
    weights: &'static [u8],
}

impl Model {
    pub fn parse(bytes: &'static [u8]) -> Result<Model, String> {
        if bytes.len() < 20 || &bytes[..4] != b"CWM2" {
            return Err("not a CWM2 model".into());
        }
        let word = |i: usize| [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
        let bits = u32::from_le_bytes(word(4));
        let ngrams = u32::from_le_bytes(word(8));
        let bias = f32::from_le_bytes(word(12));
        let scale = f32::from_le_bytes(word(16));
        if !(8..=24).contains(&bits) || bytes.len() != 20 + (2usize << bits) {
            return Err(format!("bad model size for {bits} bits"));
        }
        if ngrams & !u32::from(WORDS | CHARS) != 0 {
            return Err(format!("unknown n-gram groups {ngrams}"));
        }
        Ok(Model {
            bits,
            ngrams: ngrams as u8,
            bias,
            scale,
            weights: &bytes[20..],
        })
    }

    pub fn dim(&self) -> u32 {
        1 << self.bits
    }

    fn weight(&self, id: u32) -> f32 {
        let i = id as usize * 2;
        f32::from(i16::from_le_bytes([self.weights[i], self.weights[i + 1]])) * self.scale
    }

    /// The model's log-odds for `text`, hand-set penalties included.
    pub fn logit(&self, text: &str) -> f32 {
        let mut cues = 0u64;
        let mut sums = [0.0f32; 3];
        let scales = features(text, self.dim(), self.ngrams, |g, id| {
            if id < N_CUES {
                cues |= 1 << id;
            }
            sums[usize::from(g)] += self.weight(id);
        });
        let mut z = self.bias;
        for (s, k) in sums.iter().zip(scales) {
            z += s * k;
        }
        let has = |id: u32| cues & (1 << id) != 0;
        if !CHECKABLE.iter().any(|&c| has(c)) {
            for &(id, p) in FURNITURE_PENALTY {
                if has(id) {
                    z -= p;
                }
            }
        }
        z
    }

    /// Probability-like score in [0, 1].
    pub fn score(&self, text: &str) -> f32 {
        let z = self.logit(text);
        if z.is_finite() {
            1.0 / (1.0 + (-z).exp())
        } else {
            0.0
        }
    }
}

/// The shipped model, parsed once.
pub fn model() -> &'static Model {
    static M: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    M.get_or_init(|| Model::parse(MODEL).expect("the shipped check-worthiness model is valid"))
}

/// A score in [0, 1] for a statement's text: the learned ranker's
/// probability that a fact-checker would pick it. Allocation-free apart
/// from the model's one-time parse (which copies nothing).
pub fn score(text: &str) -> f32 {
    if !text.chars().any(char::is_alphanumeric) {
        return 0.0;
    }
    model().score(text)
}

#[cfg(test)]
mod tests;
