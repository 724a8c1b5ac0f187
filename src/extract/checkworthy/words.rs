//! The word lists the cue features test, and their bits in a token's
//! list mask.

pub(super) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub(super) const RELDATES: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "ago",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "month",
    "months",
    "week",
    "weeks",
    "since",
    "annually",
    "quarter",
];
pub(super) const QUANTITIES: &[&str] = &[
    "percent",
    "percentage",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "thousand",
    "thousands",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "half",
    "double",
    "doubled",
    "tripled",
    "twice",
    "majority",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twenty",
    "fifty",
    "number",
    "numbers",
];
pub(super) const MONEY_WORDS: &[&str] = &[
    "dollar", "dollars", "cents", "euros", "pounds", "tax", "taxes", "budget", "deficit", "debt",
    "spending", "cost", "costs", "paid", "pay", "wages", "salary",
];
pub(super) const COMPARATIVES: &[&str] = &[
    "more",
    "less",
    "fewer",
    "than",
    "higher",
    "lower",
    "bigger",
    "larger",
    "smaller",
    "greater",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "rose",
    "risen",
    "fell",
    "fallen",
    "grew",
    "grown",
    "dropped",
    "doubled",
    "cut",
    "up",
    "down",
];
pub(super) const SUPERLATIVES: &[&str] = &[
    "most", "least", "largest", "biggest", "smallest", "highest", "lowest", "best", "worst",
    "greatest", "fastest", "first", "last", "ever", "record", "only", "never",
];
pub(super) const NOT_SUPERLATIVE_EST: &[&str] = &[
    "interest",
    "interests",
    "honest",
    "request",
    "protest",
    "suggest",
    "forest",
    "modest",
    "harvest",
    "contest",
    "arrest",
    "invest",
    "digest",
    "manifest",
    "conquest",
    "guest",
    "west",
    "rest",
    "test",
    "best",
];
pub(super) const PAST_WORDS: &[&str] = &[
    "was", "were", "did", "had", "said", "made", "went", "took", "gave", "got", "came", "lost",
    "won", "left", "began", "built", "sent", "sold", "spent", "told",
];
pub(super) const FUTURE_WORDS: &[&str] = &["will", "'ll", "gonna", "shall"];
pub(super) const PERFECT_WORDS: &[&str] = &["has", "have", "'ve", "'s", "hasn't", "haven't"];
pub(super) const MODALS: &[&str] = &[
    "should", "must", "could", "might", "would", "may", "can", "ought", "need", "needs",
];
pub(super) const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nobody", "nothing", "neither", "nor", "none", "cannot",
];
pub(super) const FIRST_PERSON_WORDS: &[&str] =
    &["i", "me", "my", "mine", "we", "us", "our", "ours", "i'm"];
pub(super) const SECOND_PERSON_WORDS: &[&str] = &["you", "your", "yours", "you're"];
pub(super) const OPINION_VERBS: &[&str] = &[
    "think", "believe", "feel", "hope", "guess", "suppose", "wish", "want", "love", "like",
];
pub(super) const WH_WORDS: &[&str] = &[
    "what", "who", "whom", "whose", "why", "how", "when", "where", "which", "do", "does", "did",
    "is", "are", "was", "were", "can", "could", "will", "would", "should", "have", "has", "isn't",
    "aren't", "don't", "doesn't", "didn't", "wouldn't",
];
pub(super) const CAUSALS: &[&str] = &[
    "because",
    "caused",
    "causes",
    "cause",
    "led",
    "leads",
    "due",
    "result",
    "resulted",
    "therefore",
    "blamed",
    "killed",
    "died",
    "injured",
    "arrested",
    "charged",
];
pub(super) const STATISTICS: &[&str] = &[
    "rate",
    "rates",
    "average",
    "median",
    "poll",
    "polls",
    "survey",
    "data",
    "statistics",
    "unemployment",
    "jobs",
    "gdp",
    "economy",
    "growth",
    "inflation",
    "per",
];
pub(super) const RECORDS: &[&str] = &[
    "voted",
    "vote",
    "votes",
    "passed",
    "signed",
    "law",
    "laws",
    "bill",
    "treaty",
    "deal",
    "approved",
    "supported",
    "opposed",
    "created",
    "lost",
    "report",
    "percent",
];
pub(super) const EVALUATIVES: &[&str] = &[
    "great",
    "terrible",
    "wonderful",
    "awful",
    "beautiful",
    "amazing",
    "tremendous",
    "incredible",
    "horrible",
    "disaster",
    "good",
    "bad",
    "nice",
    "sad",
    "happy",
    "proud",
    "thank",
    "thanks",
    "welcome",
    "lovely",
];
pub(super) const HEDGES: &[&str] = &[
    "maybe", "perhaps", "probably", "seems", "seem", "possibly", "somehow", "kind", "sort",
];
pub(super) const CAPTION_STARTS: &[&str] =
    &["photo", "image", "picture", "caption", "credit", "video"];

/// Every listed word with the lists it is on (bit `k` = `LISTS[k]`), built once.
pub(super) const LISTS: &[&[&str]] = &[
    MONTHS,
    RELDATES,
    QUANTITIES,
    MONEY_WORDS,
    COMPARATIVES,
    SUPERLATIVES,
    NOT_SUPERLATIVE_EST,
    PAST_WORDS,
    FUTURE_WORDS,
    PERFECT_WORDS,
    MODALS,
    NEGATIONS,
    FIRST_PERSON_WORDS,
    SECOND_PERSON_WORDS,
    OPINION_VERBS,
    WH_WORDS,
    CAUSALS,
    STATISTICS,
    RECORDS,
    EVALUATIVES,
    HEDGES,
    CAPTION_STARTS,
];
pub(super) const L_MONTHS: u32 = 1 << 0;
pub(super) const L_RELDATES: u32 = 1 << 1;
pub(super) const L_QUANTITIES: u32 = 1 << 2;
pub(super) const L_MONEY_WORDS: u32 = 1 << 3;
pub(super) const L_COMPARATIVES: u32 = 1 << 4;
pub(super) const L_SUPERLATIVES: u32 = 1 << 5;
pub(super) const L_NOT_SUPERLATIVE_EST: u32 = 1 << 6;
pub(super) const L_PAST_WORDS: u32 = 1 << 7;
pub(super) const L_FUTURE_WORDS: u32 = 1 << 8;
pub(super) const L_PERFECT_WORDS: u32 = 1 << 9;
pub(super) const L_MODALS: u32 = 1 << 10;
pub(super) const L_NEGATIONS: u32 = 1 << 11;
pub(super) const L_FIRST_PERSON_WORDS: u32 = 1 << 12;
pub(super) const L_SECOND_PERSON_WORDS: u32 = 1 << 13;
pub(super) const L_OPINION_VERBS: u32 = 1 << 14;
pub(super) const L_WH_WORDS: u32 = 1 << 15;
pub(super) const L_CAUSALS: u32 = 1 << 16;
pub(super) const L_STATISTICS: u32 = 1 << 17;
pub(super) const L_RECORDS: u32 = 1 << 18;
pub(super) const L_EVALUATIVES: u32 = 1 << 19;
pub(super) const L_HEDGES: u32 = 1 << 20;
pub(super) const L_CAPTION_STARTS: u32 = 1 << 21;
