//! The words speaker resolution reads: roles, honorifics, organisation and
//! place words, given names by gender, and how a word is normalised.

use crate::extract::claim::SpeakerType;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A word list looked up by hash: speaker resolution asks these lists
/// about every capitalised run and every word around it, and a linear
/// scan of a hundred-odd words each time showed as a fifth of extraction.
pub(super) struct WordSet {
    list: &'static [&'static str],
    set: OnceLock<HashSet<&'static str>>,
}

impl WordSet {
    const fn new(list: &'static [&'static str]) -> WordSet {
        WordSet {
            list,
            set: OnceLock::new(),
        }
    }

    fn set(&self) -> &HashSet<&'static str> {
        self.set.get_or_init(|| self.list.iter().copied().collect())
    }

    pub(super) fn contains(&self, w: &&str) -> bool {
        self.set().contains(*w)
    }

    /// The list's own copy of `w`.
    pub(super) fn get(&self, w: &str) -> Option<&'static str> {
        self.set().get(w).copied()
    }
}

#[rustfmt::skip]
pub(super) const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof",
];

#[rustfmt::skip]
pub(super) const FEMALE_HONORIFICS: &[&str] = &[
    "mrs", "ms", "miss", "dame",
];

/// Words for a person's role, which precede a name ("Sen. Lindsey Graham")
/// or head a description ("the senator").
#[rustfmt::skip]
const ROLES_LIST: &[&str] = &[
    "president", "senator", "governor", "representative", "congressman", "congresswoman",
    "secretary", "minister", "premier", "chancellor", "leader", "chairman", "chairwoman",
    "chair", "spokesman", "spokeswoman", "spokesperson", "director", "mayor", "councilmember",
    "councilman", "councilwoman", "councillor", "alderman", "lawmaker", "assemblyman",
    "assemblywoman", "judge", "justice", "general", "king", "queen", "pope", "ambassador",
    "commissioner", "chief", "candidate", "nominee", "speaker", "attorney", "officer",
    "executive", "ceo", "founder", "professor", "analyst", "official", "sheriff", "adviser",
    "advisor", "manager", "economist", "researcher", "scientist", "author", "reporter",
    "correspondent", "columnist", "editor", "businessman", "businesswoman", "billionaire",
    "host", "anchor", "coach", "player", "lawyer", "prosecutor", "strategist", "pollster",
    "aide", "guard", "doctor", "physician", "nurse", "teacher", "student", "resident", "owner",
    "activist", "businessperson", "frontrunner", "front-runner", "hopeful", "challenger",
    "incumbent", "rival", "opponent", "mogul", "star", "actor", "actress", "singer", "writer",
    "historian", "expert", "partner", "press", "deputy", "vice", "tycoon", "magnate",
    "investor", "donor", "entrepreneur", "banker", "mogul", "surgeon", "chairperson",
    "superintendent", "treasurer", "attorney-general", "lieutenant", "sergeant", "colonel",
    "captain", "commander", "detective", "inspector", "agent", "pastor", "priest", "bishop",
    "rabbi", "imam",
];
pub(super) static ROLES: WordSet = WordSet::new(ROLES_LIST);

/// Roles news gives people it does not name ("a senior official said …
/// The official added"): a description with one of these heads is not
/// taken to be whoever the passage is about.
#[rustfmt::skip]
const ANONYMOUS_ROLES_LIST: &[&str] = &[
    "official", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor",
    "officer", "agent", "analyst", "expert", "resident", "student", "teacher", "doctor",
    "physician", "nurse", "researcher", "scientist", "economist", "lawyer", "attorney",
    "prosecutor", "reporter", "correspondent", "guard", "owner", "player", "partner", "investor",
    "donor", "strategist", "pollster", "activist", "detective", "inspector", "deputy", "manager",
    "executive", "source", "witness", "employee", "worker", "historian", "author", "writer",
    "professor", "surgeon", "priest", "pastor", "sergeant", "captain", "lieutenant", "colonel",
    "commander", "press", "vice", "chief", "director", "editor", "host", "anchor",
];
pub(super) static ANONYMOUS_ROLES: WordSet = WordSet::new(ANONYMOUS_ROLES_LIST);

/// Verbs that follow a sentence's subject, so a phrase's head noun ends
/// before them.
pub(super) const VERBS_AFTER_SUBJECT: &[&str] = &[
    "spoke", "said", "says", "say", "told", "tells", "wrote", "writes", "added", "adds", "noted",
    "notes", "argued", "argues", "claimed", "claims", "insisted", "insists", "warned", "warns",
    "was", "is", "has", "had", "will", "would",
];

/// Abbreviations of roles before names.
pub(super) const ROLE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("sen", "senator"),
    ("sens", "senator"),
    ("reps", "representative"),
    ("gov", "governor"),
    ("rep", "representative"),
    ("gen", "general"),
    ("pres", "president"),
    ("atty", "attorney"),
    ("supt", "superintendent"),
    ("lt", "lieutenant"),
    ("sgt", "sergeant"),
    ("col", "colonel"),
    ("capt", "captain"),
];

/// Words that modify a role ("former", "Republican"), kept as descriptors
/// but never taken for a name.
#[rustfmt::skip]
const MODIFIERS_LIST: &[&str] = &[
    "former", "then", "current", "new", "acting", "interim", "senior", "top", "chief", "deputy",
    "vice", "assistant", "state", "foreign", "defense", "defence", "presidential",
    "vice-presidential", "democratic", "democrat", "republican", "gop", "independent",
    "libertarian", "conservative", "liberal", "progressive", "party", "campaign", "white",
    "house", "supreme", "federal", "national", "press", "u.s", "us",
];
pub(super) static MODIFIERS: WordSet = WordSet::new(MODIFIERS_LIST);

/// Words that make a capitalised run an organisation.
#[rustfmt::skip]
const ORG_WORDS_LIST: &[&str] = &[
    // Places: a place may speak as a body ("Moscow said"), never as "he".
    "department", "ministry", "committee", "commission", "council", "center", "centre",
    "institute", "institution", "university", "college", "school", "party", "news", "times",
    "post", "journal", "tribune", "herald", "daily", "magazine", "press", "media", "network",
    "bank", "inc", "corp", "corporation", "co", "company", "group", "association", "board",
    "agency", "office", "court", "house", "senate", "congress", "parliament", "assembly",
    "administration", "foundation", "fund", "union", "coalition", "caucus", "service", "bureau",
    "police", "army", "navy", "force", "forces", "federation", "organization", "organisation",
    "authority", "government", "cabinet", "kremlin", "pentagon", "club", "team", "league",
    "society", "trust", "project", "alliance", "initiative", "program", "programme", "hospital",
    "clinic", "museum", "library", "church", "ltd", "llc", "plc", "systems", "industries",
    "partners", "research", "politico", "reuters", "cnn", "msnbc", "nbc", "abc", "cbs", "fox",
    "bloomberg", "gallup", "breitbart", "politifact", "twitter", "facebook", "google", "state",
    "states", "district", "county", "city", "east", "west", "north", "south", "republic",
    "kingdom", "island", "islands", "valley", "street", "avenue", "square", "park", "river",
    "airport", "station", "hall", "tower", "beach",
];
pub(super) static ORG_WORDS: WordSet = WordSet::new(ORG_WORDS_LIST);

/// Heads of descriptions that name an organisation ("the newspaper").
pub(super) const ORG_HEADS: &[(&str, &[&str])] = &[
    (
        "newspaper",
        &[
            "news", "times", "post", "journal", "tribune", "herald", "daily",
        ],
    ),
    (
        "paper",
        &[
            "news", "times", "post", "journal", "tribune", "herald", "daily",
        ],
    ),
    (
        "network",
        &[
            "news", "network", "cnn", "msnbc", "nbc", "abc", "cbs", "fox",
        ],
    ),
    (
        "company",
        &[
            "inc",
            "corp",
            "corporation",
            "co",
            "company",
            "group",
            "ltd",
            "llc",
            "plc",
        ],
    ),
    (
        "firm",
        &[
            "inc",
            "corp",
            "corporation",
            "co",
            "company",
            "group",
            "ltd",
            "llc",
            "plc",
            "partners",
        ],
    ),
    ("bank", &["bank"]),
    ("agency", &["agency", "bureau", "service", "administration"]),
    ("department", &["department"]),
    ("ministry", &["ministry"]),
    ("committee", &["committee"]),
    ("commission", &["commission"]),
    ("council", &["council"]),
    ("court", &["court"]),
    ("university", &["university", "college"]),
    ("party", &["party"]),
    ("government", &["government", "administration", "kremlin"]),
    ("board", &["board"]),
    ("institute", &["institute", "institution"]),
    ("center", &["center", "centre"]),
    ("group", &["group", "coalition", "association", "alliance"]),
    (
        "organization",
        &["organization", "organisation", "association", "foundation"],
    ),
    ("foundation", &["foundation"]),
    ("union", &["union"]),
    ("coalition", &["coalition"]),
    ("caucus", &["caucus"]),
    ("hospital", &["hospital", "clinic"]),
    ("museum", &["museum"]),
    ("team", &["team", "club"]),
    ("club", &["club"]),
    ("league", &["league"]),
];

/// Days and months: capitalised, never anyone.
#[rustfmt::skip]
pub(super) const CALENDAR: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december",
];

/// Things that speak but are no one ("the poll", "a new report"): a
/// description with such a head stays as written.
#[rustfmt::skip]
const ARTEFACTS_LIST: &[&str] = &[
    "poll", "polls", "survey", "surveys", "report", "reports", "study", "studies", "ad", "ads",
    "advert", "advertisement", "commercial", "email", "emails", "e-mail", "tweet", "tweets",
    "statement", "statements", "letter", "memo", "document", "documents", "article", "story",
    "video", "book", "post", "headline", "message", "transcript", "complaint", "lawsuit",
    "suit", "filing", "record", "records", "data", "analysis", "editorial", "campaign",
    "administration", "website", "site", "release", "ruling", "order", "bill", "law", "plan",
    "proposal", "decision", "research", "figures", "numbers", "estimate", "estimates",
    "projection", "forecast", "show", "program", "interview", "speech", "press", "media",
    "source", "sources",
];
pub(super) static ARTEFACTS: WordSet = WordSet::new(ARTEFACTS_LIST);

/// People in the plural, who open sentences as sources ("Officials said").
#[rustfmt::skip]
const GROUP_NOUNS_LIST: &[&str] = &[
    "officials", "experts", "critics", "analysts", "residents", "voters", "supporters",
    "opponents", "authorities", "investigators", "scientists", "researchers", "economists",
    "doctors", "lawmakers", "legislators", "witnesses", "activists", "protesters", "protestors",
    "organizers", "organisers", "observers", "prosecutors", "lawyers", "officers", "police",
    "sources", "aides", "advisers", "advisors", "insiders", "leaders", "parents", "teachers",
    "students", "workers", "employees", "executives", "investors", "economists", "historians",
    "diplomats", "donors", "members", "people", "others", "many", "some", "most", "polls",
    "surveys", "reports", "studies", "americans", "democrats", "republicans", "conservatives",
    "liberals", "progressives", "pollsters", "strategists", "environmentalists", "farmers",
    "scholars", "engineers", "regulators", "officers",
];
pub(super) static GROUP_NOUNS: WordSet = WordSet::new(GROUP_NOUNS_LIST);

/// Words that open sentences and clauses, capitalised there but never part
/// of a name.
#[rustfmt::skip]
const FUNCTION_WORDS_LIST: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "so", "yet", "if", "when", "while", "as", "after",
    "before", "since", "though", "although", "because", "then", "now", "still", "also", "even",
    "just", "only", "meanwhile", "however", "instead", "indeed", "later", "earlier", "today",
    "yesterday", "tomorrow", "last", "next", "this", "that", "these", "those", "his", "her",
    "their", "its", "our", "my", "your", "in", "on", "at", "for", "with", "from", "by", "to",
    "of", "about", "under", "over", "during", "without", "according", "asked", "says", "said",
    "here", "there", "where", "why", "how", "what", "who", "which", "both", "all", "some",
    "many", "most", "few", "several", "every", "each", "no", "not", "yes", "well", "like",
    "unlike", "despite", "amid", "among", "between", "through", "until", "once", "again",
    "rather", "perhaps", "maybe", "rival", "fellow", "self-described", "chief", "former",
];
pub(super) static FUNCTION_WORDS: WordSet = WordSet::new(FUNCTION_WORDS_LIST);

#[rustfmt::skip]
pub(super) const MALE: &[&str] = &[
    "he", "him", "his", "himself",
];

#[rustfmt::skip]
pub(super) const FEMALE: &[&str] = &[
    "she", "her", "hers", "herself",
];

#[rustfmt::skip]
pub(super) const PLURAL: &[&str] = &[
    "they", "them", "their", "theirs", "themselves",
];

#[rustfmt::skip]
pub(super) const FIRST_PERSON: &[&str] = &[
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours",
];

#[rustfmt::skip]
pub(super) const RELATIVE: &[&str] = &[
    "who", "whom", "whose", "which", "that",
];

#[rustfmt::skip]
pub(super) const NEUTER: &[&str] = &[
    "it", "its", "itself",
];

/// Given names common in news, by gender: a pronoun agrees with them.
#[rustfmt::skip]
const MALE_NAMES_LIST: &[&str] = &[
    "donald", "barack", "bill", "joe", "mike", "michael", "john", "james", "robert", "david",
    "richard", "thomas", "charles", "george", "paul", "mark", "steven", "steve", "kevin",
    "brian", "jeb", "ted", "marco", "rand", "ben", "chris", "christopher", "bernie", "tim",
    "harry", "mitch", "lindsey", "jim", "jeff", "josh", "eric", "jeh", "gary", "vladimir",
    "kim", "xi", "boris", "emmanuel", "justin", "rudy", "newt", "reince", "sean", "corey",
    "kellyanne", "jared", "martin", "scott", "sherrod", "chuck", "nancy", "dick", "al",
    "andrew", "anthony", "daniel", "matthew", "peter", "william", "frank", "jack", "ronald",
    "jimmy", "lyndon", "franklin", "abraham", "roger", "rush", "glenn", "tucker", "bret",
    "lester", "chris", "jake", "wolf", "anderson", "dana", "brad", "greg", "gregory", "larry",
    "henry", "edward", "jonathan", "stephen", "patrick", "sam", "samuel", "adam", "alex",
    "alexander", "nicholas", "ryan", "jason", "matt", "tom", "tony", "dan", "ken", "kenneth",
    "raheem", "brandon", "dinesh", "phil", "john", "keith", "carl", "ron", "rick", "mitt",
    "marco", "jon", "pete", "stuart", "howard", "ralph", "roy", "fred", "walter", "louis",
    "arthur", "philip", "ross", "rex", "ivan", "igor", "sergei", "dmitry", "ali", "mohammed",
    "muhammad", "ahmed", "hassan", "omar", "benjamin", "shinzo", "narendra", "recep", "hugo",
    "nicolas", "luis", "carlos", "jose", "juan", "pedro", "miguel",
];
pub(super) static MALE_NAMES: WordSet = WordSet::new(MALE_NAMES_LIST);

#[rustfmt::skip]
const FEMALE_NAMES_LIST: &[&str] = &[
    "hillary", "melania", "ivanka", "michelle", "elizabeth", "claire", "jennifer", "nancy",
    "sarah", "carly", "kellyanne", "hope", "huma", "donna", "debbie", "jill", "tulsi", "kamala",
    "maria", "mary", "patricia", "linda", "barbara", "susan", "jessica", "karen", "lisa",
    "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michele", "carol",
    "amanda", "melissa", "deborah", "stephanie", "rebecca", "laura", "sharon", "cynthia",
    "kathleen", "amy", "angela", "anna", "ann", "anne", "julia", "julie", "megyn", "rachel",
    "katy", "katie", "kate", "catherine", "christine", "theresa", "angela", "marine", "gwen",
    "adelle", "jomana", "melanie", "gennifer", "juanita", "kathleen", "paula", "monica",
    "condoleezza", "condi", "madeleine", "samantha", "susana", "sonia", "ruth", "elena",
    "diane", "dianne", "barbara", "janet", "valerie", "loretta", "sally", "lena", "ana", "dana",
    "mia", "nikki", "kirsten", "tammy", "heidi", "maxine", "sheila", "yvette", "cheryl", "rosa",
    "teresa", "helen", "joan", "judy", "olivia", "sophia", "emma", "grace", "marie", "jane",
];
pub(super) static FEMALE_NAMES: WordSet = WordSet::new(FEMALE_NAMES_LIST);

/// Borrowed when the word is already its own key (most words are), so
/// the many lookups per word allocate nothing.
pub(super) fn key(w: &str) -> Cow<'_, str> {
    let t = trimmed(w);
    if t.is_ascii() {
        if t.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(t.to_ascii_lowercase())
        } else {
            Cow::Borrowed(t)
        }
    } else if t.chars().any(char::is_uppercase) {
        Cow::Owned(t.to_lowercase())
    } else {
        Cow::Borrowed(t)
    }
}

/// The word without the punctuation around it and a possessive "'s".
fn trimmed(w: &str) -> &str {
    let t = w
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
        .trim_end_matches('.');
    strip_s(t).trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// Without a trailing "'s" or "’s" (any number). `strip_suffix` rather
/// than `trim_end_matches` with a string pattern, which builds a substring
/// searcher on every call: this runs for every word speaker resolution
/// reads.
fn strip_s(mut t: &str) -> &str {
    while let Some(rest) = t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")) {
        t = rest;
    }
    t
}

pub(super) fn role_of(word: &str) -> Option<&'static str> {
    with_key(word, |k| {
        if let Some(&(_, r)) = ROLE_ABBREVIATIONS.iter().find(|(a, _)| *a == k) {
            return Some(r);
        }
        ROLES.get(k)
    })
}

pub(super) fn is_upper(w: &str) -> bool {
    w.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
        || w.starts_with('@')
}

pub(super) fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Words of a phrase with their byte ranges; commas, parentheses and
/// dashes are their own words so clauses can be cut at them.
pub(super) fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let sep = c.is_whitespace() || c == '\u{a0}';
        let punct = matches!(c, ',' | '(' | ')' | ';' | ':' | '—' | '–');
        if sep || punct {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            if punct {
                out.push(&s[i..i + c.len_utf8()]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

pub(super) fn strip_possessive(w: &str) -> &str {
    strip_s(w).trim_end_matches(['’', '\''])
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Gender {
    Unknown,
    Male,
    Female,
}

pub(super) fn gender_of_words<S: AsRef<str>>(ws: &[S]) -> Gender {
    for w in ws {
        let k = key(w.as_ref());
        if FEMALE_HONORIFICS.contains(&&*k)
            || k.ends_with("woman")
            || matches!(&*k, "queen" | "actress" | "businesswoman")
        {
            return Gender::Female;
        }
        if matches!(&*k, "mr" | "sir" | "king" | "man" | "gentleman")
            || ["sman", "rman", "lman", "yman"]
                .iter()
                .any(|e| k.ends_with(e))
                && !matches!(&*k, "german" | "norman")
        {
            return Gender::Male;
        }
    }
    Gender::Unknown
}

pub(super) fn gender_of_name(name: &str) -> Gender {
    with_key(name.split(' ').next().unwrap_or_default(), |first| {
        if FEMALE_NAMES.contains(&first) {
            Gender::Female
        } else if MALE_NAMES.contains(&first) {
            Gender::Male
        } else {
            Gender::Unknown
        }
    })
}

/// `f` of `key(w)`, lower-casing a short ASCII word on the stack: these
/// lookups run on every capitalised word, which `key` would copy.
pub(super) fn with_key<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let t = trimmed(w);
    let mut buf = [0u8; 32];
    if t.is_ascii() && t.len() <= buf.len() {
        let b = &mut buf[..t.len()];
        b.copy_from_slice(t.as_bytes());
        b.make_ascii_lowercase();
        // ASCII in, ASCII out.
        f(std::str::from_utf8(b).unwrap_or_default())
    } else {
        f(&key(t))
    }
}

/// The kind of speaker a common noun heads: people in the plural are a
/// group ("officials", "56 percent"), a poll or an ad speaks for its
/// makers, a role is a person.
pub(super) fn common_kind(head: &str) -> SpeakerType {
    let plural = (head.ends_with('s') && !head.ends_with("ss") && role_of(head).is_none())
        || matches!(
            head,
            "people"
                | "percent"
                | "media"
                | "public"
                | "majority"
                | "minority"
                | "crowd"
                | "staff"
                | "you"
                | "we"
                | "they"
        );
    if ORG_HEADS.iter().any(|(h, _)| *h == head)
        || matches!(
            head,
            "police" | "camp" | "government" | "administration" | "campaign"
        )
    {
        SpeakerType::Organisation
    } else if matches!(head, "source" | "sources") {
        if head == "source" {
            SpeakerType::Person
        } else {
            SpeakerType::Group
        }
    } else if ARTEFACTS.contains(&head)
        || matches!(
            head,
            "clip" | "clips" | "records" | "polls" | "surveys" | "reports" | "ads"
        )
    {
        SpeakerType::Organisation
    } else if plural {
        SpeakerType::Group
    } else {
        SpeakerType::Person
    }
}

pub(super) fn is_number_word(k: &str) -> bool {
    matches!(
        k,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "sixty"
            | "seventy"
            | "eighty"
            | "ninety"
            | "hundred"
            | "hundreds"
            | "thousands"
            | "half"
            | "most"
            | "many"
            | "some"
            | "all"
            | "none"
            | "few"
    ) || k.chars().all(|c| c.is_ascii_digit())
}

/// One spelling for each party word, so "the GOP nominee" finds the
/// "Republican nominee".
pub(super) fn party(w: &str) -> &str {
    match w {
        "gop" => "republican",
        "democrat" => "democratic",
        w => w,
    }
}

pub(super) fn is_demonym(k: &str) -> bool {
    // "Russian", "Republican", "Chinese": adjectives before a name. Given
    // names ending so ("Brian", "Susan") are not.
    !MALE_NAMES.contains(&k) && !FEMALE_NAMES.contains(&k) && k.len() > 5
}
