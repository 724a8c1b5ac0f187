//! Word lists the cue, source and content rules consult, and the word-shape
//! tests they share. Lists are lower case: `Doc::lower_in` compares ignoring
//! ASCII case. Most were read off the commonest errors on PolNeAR train, so
//! an entry added or dropped moves the scores; re-run the evaluation.

/// Participles whose passive subject holds the attitude: in "the allies
/// have been worried by X" the allies are the source, not an unnamed agent.
/// ("encouraged" and "disturbed" are left out: "the move was encouraged by
/// Washington" has an agent.)
pub(super) const PSYCH_PARTICIPLES: &[&str] = &[
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

/// Words that open a noun phrase: a leftward source scan ends on one, and a
/// cue word right after one is a noun ("the show", "their say").
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your",
    "some", "many", "most", "several", "both", "all", "other", "another", "each", "every", "no",
    "few", "one", "two", "three", "such", "more",
];

/// Pronouns that are a whole source noun phrase by themselves.
pub(super) const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

/// Pronouns that can be a cue's whole subject, relatives included ("who
/// said"): a participle after one is a verb, not a noun modifier.
pub(super) const SUBJECT_PRONOUNS: &[&str] = &[
    "he", "she", "they", "i", "we", "it", "you", "who", "which", "that",
];

/// Words that end a source noun phrase when scanning leftwards from a cue.
pub(super) const NP_STOP: &[&str] = &[
    "that", "which", "when", "while", "but", "because", "if", "as", "after", "before", "since",
    "although", "though", "so", "where", "whether", "than", "and", "or", "in", "on", "at", "for",
    "with", "by", "from", "to", "during", "into", "about", "over", "under", "what", "how", "why",
    "then", "also", "now", "not", "is", "was", "are", "were", "be", "been", "has", "have", "had",
    "will", "would", "could", "should", "can", "may", "might", "must", "did", "does", "do", "yet",
    "once", "until", "unless", "said", "says", "say", "told", "even", "just", "only",
];

/// Cues whose first object is the addressee, not the content.
pub(super) const ADDRESSEE_CUES: &[&str] = &[
    "told", "tell", "tells", "telling", "asked", "ask", "asks", "asking", "assured", "informed",
    "reminded",
];

/// Object-form pronouns: an addressee by themselves ("told him"), and no
/// head for a noun phrase that a preposition extends.
pub(super) const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "me", "us", "you", "it"];

/// Words before "show" that make it a programme: "the talk show".
pub(super) const SHOW_NOUN_BEFORE: &[&str] = &[
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
pub(super) const SAY_IDIOM_BEFORE: &[&str] = &[
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

/// Words that sit between a subject and "that" without reporting anything.
pub(super) const NOT_FRAME_VERBS: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "does", "did", "do",
    "so", "now", "such", "and", "but", "or", "not", "than", "said", "all", "only", "just", "also",
    "even", "still", "after", "before", "since", "because", "given", "ensure", "ensured",
    "ensures", "means", "meant", "mean", "made", "make", "makes", "got", "get", "gets", "the",
    "that", "this", "who", "which", "one", "way", "time", "day", "year", "part", "fact", "point",
    "reason", "idea", "sense", "like", "much", "more", "less", "far",
];

/// Nouns that report what someone holds or said.
pub(super) const NOMINAL_CUES: &[&str] = &[
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

/// Auxiliaries and adverbs before a cue verb that PolNeAR annotates as part
/// of the cue ("has also said", "had previously denied").
pub(super) const CUE_MODIFIERS: &[&str] = &[
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

/// Prepositions that can join a noun phrase's head to its complement.
pub(super) const NP_PREPOSITIONS: &[&str] =
    &["of", "in", "for", "from", "to", "with", "on", "at", "by"];

/// Whether `w` ends in `suffix`, ignoring ASCII case (no allocation: this
/// runs for every token a noun phrase scan looks at).
pub(super) fn ends_with_ci(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// A verb form or adverb by its ending ("-ed", "-ing", "-ly"): not the head
/// of a noun phrase.
pub(super) fn inflected(w: &str) -> bool {
    ["ed", "ing", "ly"].iter().any(|s| ends_with_ci(w, s))
}

/// Words that open a time phrase after an inverted cue ("said Monday",
/// "said last week"): what follows is not the source.
pub(super) const TIME_WORDS: &[&str] = &[
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

/// Day words that may sit between a source and its cue ("Smith on Sunday
/// said") or between a cue and its "that" without belonging to either.
pub(super) const WEEKDAYS: &[&str] = &[
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

/// Words opening a phrase that may sit between a cue and its "that".
pub(super) const PP_STARTS: &[&str] = &[
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

/// Where indirect content starts: PolNeAR includes the complementiser.
pub(super) const COMPLEMENTISERS: &[&str] = &["that", "if", "whether"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_test_ignores_ascii_case_only() {
        assert!(ends_with_ci("SAYING", "ing"));
        assert!(!ends_with_ci("ng", "ing"));
        // Non-ASCII letters are compared byte for byte, never case-folded.
        assert!(!ends_with_ci("CAFÉ", "é"));
        assert!(ends_with_ci("café", "é"));
    }

    #[test]
    fn inflected_words_are_verbs_or_adverbs_by_their_ending() {
        assert!(inflected("Reportedly"));
        assert!(inflected("warned"));
        assert!(inflected("SAYING"));
        assert!(!inflected("Smith"));
        assert!(!inflected("officials"));
    }
}
