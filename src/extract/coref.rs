//! Speakers: the person, organisation or group a source refers to. A name
//! keeps its fullest form in the article ("Putin" is "Vladimir Putin"), an
//! apposition its head ("Lena Brandt, an economist at Northway Bank" is Lena
//! Brandt), a pronoun the nearest earlier entity it can refer to (a person
//! for he/she, never a place), a description ("the Republican nominee") the
//! entity the article gave that role. What cannot be resolved with
//! confidence stays as written and is marked unresolved: a wrong name in a
//! published report is worse than none.
//!
//! Names come from the sources and from every run of capitalised words in
//! the text (`Mention`), with the words around them, which carry the roles
//! ("Republican presidential nominee Donald Trump", "Mike Pence, the Indiana
//! governor,"). Everything is linear in the article: each mention and each
//! source is looked at once, and searches go back over a bounded window.

pub use super::claim::SpeakerType;
use std::collections::{HashMap, HashSet};

/// A source's speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    pub name: String,
    pub kind: SpeakerType,
    /// False when the name is the source as written, for want of an
    /// antecedent found with confidence.
    pub resolved: bool,
}

/// A source phrase and where it starts in the text (bytes).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub text: &'a str,
    pub at: usize,
    /// The source lies inside the quotation of the source with this index:
    /// "I" and "we" there are that speaker.
    pub quoted_by: Option<usize>,
}

/// A run of capitalised words in the text, with the lower-cased words just
/// before it (nearest first) and, for "Name, the role,", the role's words.
#[derive(Debug, Clone)]
pub struct Mention<'a> {
    pub text: &'a str,
    pub at: usize,
    pub before: Vec<String>,
    pub after: Vec<String>,
    /// The run opens its sentence, so its first word may be any word.
    pub sentence_start: bool,
}

const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"];
const FEMALE_HONORIFICS: &[&str] = &["mrs", "ms", "miss", "dame"];
/// Words for a person's role, which precede a name ("Sen. Lindsey Graham")
/// or head a description ("the senator").
const ROLES: &[&str] = &[
    "president",
    "senator",
    "governor",
    "representative",
    "congressman",
    "congresswoman",
    "secretary",
    "minister",
    "premier",
    "chancellor",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "mayor",
    "councilmember",
    "councilman",
    "councilwoman",
    "councillor",
    "alderman",
    "lawmaker",
    "assemblyman",
    "assemblywoman",
    "judge",
    "justice",
    "general",
    "king",
    "queen",
    "pope",
    "ambassador",
    "commissioner",
    "chief",
    "candidate",
    "nominee",
    "speaker",
    "attorney",
    "officer",
    "executive",
    "ceo",
    "founder",
    "professor",
    "analyst",
    "official",
    "sheriff",
    "adviser",
    "advisor",
    "manager",
    "economist",
    "researcher",
    "scientist",
    "author",
    "reporter",
    "correspondent",
    "columnist",
    "editor",
    "businessman",
    "businesswoman",
    "billionaire",
    "host",
    "anchor",
    "coach",
    "player",
    "lawyer",
    "prosecutor",
    "strategist",
    "pollster",
    "aide",
    "guard",
    "doctor",
    "physician",
    "nurse",
    "teacher",
    "student",
    "resident",
    "owner",
    "activist",
    "businessperson",
    "frontrunner",
    "front-runner",
    "hopeful",
    "challenger",
    "incumbent",
    "rival",
    "opponent",
    "mogul",
    "star",
    "actor",
    "actress",
    "singer",
    "writer",
    "historian",
    "expert",
    "partner",
    "press",
    "deputy",
    "vice",
    "tycoon",
    "magnate",
    "investor",
    "donor",
    "entrepreneur",
    "banker",
    "mogul",
    "surgeon",
    "chairperson",
    "superintendent",
    "treasurer",
    "attorney-general",
    "lieutenant",
    "sergeant",
    "colonel",
    "captain",
    "commander",
    "detective",
    "inspector",
    "agent",
    "pastor",
    "priest",
    "bishop",
    "rabbi",
    "imam",
];
/// Abbreviations of roles before names.
const ROLE_ABBREVIATIONS: &[(&str, &str)] = &[
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
const MODIFIERS: &[&str] = &[
    "former",
    "then",
    "current",
    "new",
    "acting",
    "interim",
    "senior",
    "top",
    "chief",
    "deputy",
    "vice",
    "assistant",
    "state",
    "foreign",
    "defense",
    "defence",
    "presidential",
    "vice-presidential",
    "democratic",
    "democrat",
    "republican",
    "gop",
    "independent",
    "libertarian",
    "conservative",
    "liberal",
    "progressive",
    "party",
    "campaign",
    "white",
    "house",
    "supreme",
    "federal",
    "national",
    "press",
    "u.s",
    "us",
];
/// Words that make a capitalised run an organisation.
const ORG_WORDS: &[&str] = &[
    "department",
    "ministry",
    "committee",
    "commission",
    "council",
    "center",
    "centre",
    "institute",
    "institution",
    "university",
    "college",
    "school",
    "party",
    "news",
    "times",
    "post",
    "journal",
    "tribune",
    "herald",
    "daily",
    "magazine",
    "press",
    "media",
    "network",
    "bank",
    "inc",
    "corp",
    "corporation",
    "co",
    "company",
    "group",
    "association",
    "board",
    "agency",
    "office",
    "court",
    "house",
    "senate",
    "congress",
    "parliament",
    "assembly",
    "administration",
    "foundation",
    "fund",
    "union",
    "coalition",
    "caucus",
    "service",
    "bureau",
    "police",
    "army",
    "navy",
    "force",
    "forces",
    "federation",
    "organization",
    "organisation",
    "authority",
    "government",
    "cabinet",
    "kremlin",
    "pentagon",
    "club",
    "team",
    "league",
    "society",
    "trust",
    "project",
    "alliance",
    "initiative",
    "program",
    "programme",
    "hospital",
    "clinic",
    "museum",
    "library",
    "church",
    "ltd",
    "llc",
    "plc",
    "systems",
    "industries",
    "partners",
    "research",
    "politico",
    "reuters",
    "cnn",
    "msnbc",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "bloomberg",
    "gallup",
    "breitbart",
    "politifact",
    "twitter",
    "facebook",
    "google",
    // Places: a place may speak as a body ("Moscow said"), never as "he".
    "state",
    "states",
    "district",
    "county",
    "city",
    "east",
    "west",
    "north",
    "south",
    "republic",
    "kingdom",
    "island",
    "islands",
    "valley",
    "street",
    "avenue",
    "square",
    "park",
    "river",
    "airport",
    "station",
    "hall",
    "tower",
    "beach",
];
/// Heads of descriptions that name an organisation ("the newspaper").
const ORG_HEADS: &[(&str, &[&str])] = &[
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
/// Things that speak but are no one ("the poll", "a new report"): a
/// description with such a head stays as written.
const ARTEFACTS: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "report",
    "reports",
    "study",
    "studies",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "commercial",
    "email",
    "emails",
    "e-mail",
    "tweet",
    "tweets",
    "statement",
    "statements",
    "letter",
    "memo",
    "document",
    "documents",
    "article",
    "story",
    "video",
    "book",
    "post",
    "headline",
    "message",
    "transcript",
    "complaint",
    "lawsuit",
    "suit",
    "filing",
    "record",
    "records",
    "data",
    "analysis",
    "editorial",
    "campaign",
    "administration",
    "website",
    "site",
    "release",
    "ruling",
    "order",
    "bill",
    "law",
    "plan",
    "proposal",
    "decision",
    "research",
    "figures",
    "numbers",
    "estimate",
    "estimates",
    "projection",
    "forecast",
    "show",
    "program",
    "interview",
    "speech",
    "press",
    "media",
    "source",
    "sources",
];
/// People in the plural, who open sentences as sources ("Officials said").
const GROUP_NOUNS: &[&str] = &[
    "officials",
    "experts",
    "critics",
    "analysts",
    "residents",
    "voters",
    "supporters",
    "opponents",
    "authorities",
    "investigators",
    "scientists",
    "researchers",
    "economists",
    "doctors",
    "lawmakers",
    "legislators",
    "witnesses",
    "activists",
    "protesters",
    "protestors",
    "organizers",
    "organisers",
    "observers",
    "prosecutors",
    "lawyers",
    "officers",
    "police",
    "sources",
    "aides",
    "advisers",
    "advisors",
    "insiders",
    "leaders",
    "parents",
    "teachers",
    "students",
    "workers",
    "employees",
    "executives",
    "investors",
    "economists",
    "historians",
    "diplomats",
    "donors",
    "members",
    "people",
    "others",
    "many",
    "some",
    "most",
    "polls",
    "surveys",
    "reports",
    "studies",
    "americans",
    "democrats",
    "republicans",
    "conservatives",
    "liberals",
    "progressives",
    "pollsters",
    "strategists",
    "environmentalists",
    "farmers",
    "scholars",
    "engineers",
    "regulators",
    "officers",
];
/// Words that open sentences and clauses, capitalised there but never part
/// of a name.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "so",
    "yet",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "since",
    "though",
    "although",
    "because",
    "then",
    "now",
    "still",
    "also",
    "even",
    "just",
    "only",
    "meanwhile",
    "however",
    "instead",
    "indeed",
    "later",
    "earlier",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "to",
    "of",
    "about",
    "under",
    "over",
    "during",
    "without",
    "according",
    "asked",
    "says",
    "said",
    "here",
    "there",
    "where",
    "why",
    "how",
    "what",
    "who",
    "which",
    "both",
    "all",
    "some",
    "many",
    "most",
    "few",
    "several",
    "every",
    "each",
    "no",
    "not",
    "yes",
    "well",
    "like",
    "unlike",
    "despite",
    "amid",
    "among",
    "between",
    "through",
    "until",
    "once",
    "again",
    "rather",
    "perhaps",
    "maybe",
    "rival",
    "fellow",
    "self-described",
    "chief",
    "former",
];
const MALE: &[&str] = &["he", "him", "his", "himself"];
const FEMALE: &[&str] = &["she", "her", "hers", "herself"];
const PLURAL: &[&str] = &["they", "them", "their", "theirs", "themselves"];
const FIRST_PERSON: &[&str] = &["i", "me", "my", "mine", "myself", "we", "us", "our", "ours"];
const RELATIVE: &[&str] = &["who", "whom", "whose", "which", "that"];
const NEUTER: &[&str] = &["it", "its", "itself"];
/// Given names common in news, by gender: a pronoun agrees with them.
const MALE_NAMES: &[&str] = &[
    "donald",
    "barack",
    "bill",
    "joe",
    "mike",
    "michael",
    "john",
    "james",
    "robert",
    "david",
    "richard",
    "thomas",
    "charles",
    "george",
    "paul",
    "mark",
    "steven",
    "steve",
    "kevin",
    "brian",
    "jeb",
    "ted",
    "marco",
    "rand",
    "ben",
    "chris",
    "christopher",
    "bernie",
    "tim",
    "harry",
    "mitch",
    "lindsey",
    "jim",
    "jeff",
    "josh",
    "eric",
    "jeh",
    "gary",
    "vladimir",
    "kim",
    "xi",
    "boris",
    "emmanuel",
    "justin",
    "rudy",
    "newt",
    "reince",
    "sean",
    "corey",
    "kellyanne",
    "jared",
    "martin",
    "scott",
    "sherrod",
    "chuck",
    "nancy",
    "dick",
    "al",
    "andrew",
    "anthony",
    "daniel",
    "matthew",
    "peter",
    "william",
    "frank",
    "jack",
    "ronald",
    "jimmy",
    "lyndon",
    "franklin",
    "abraham",
    "roger",
    "rush",
    "glenn",
    "tucker",
    "bret",
    "lester",
    "chris",
    "jake",
    "wolf",
    "anderson",
    "dana",
    "brad",
    "greg",
    "gregory",
    "larry",
    "henry",
    "edward",
    "jonathan",
    "stephen",
    "patrick",
    "sam",
    "samuel",
    "adam",
    "alex",
    "alexander",
    "nicholas",
    "ryan",
    "jason",
    "matt",
    "tom",
    "tony",
    "dan",
    "ken",
    "kenneth",
    "raheem",
    "brandon",
    "dinesh",
    "phil",
    "john",
    "keith",
    "carl",
    "ron",
    "rick",
    "mitt",
    "marco",
    "jon",
    "pete",
    "stuart",
    "howard",
    "ralph",
    "roy",
    "fred",
    "walter",
    "louis",
    "arthur",
    "philip",
    "ross",
    "rex",
    "ivan",
    "igor",
    "sergei",
    "dmitry",
    "ali",
    "mohammed",
    "muhammad",
    "ahmed",
    "hassan",
    "omar",
    "benjamin",
    "shinzo",
    "narendra",
    "recep",
    "hugo",
    "nicolas",
    "luis",
    "carlos",
    "jose",
    "juan",
    "pedro",
    "miguel",
];
const FEMALE_NAMES: &[&str] = &[
    "hillary",
    "melania",
    "ivanka",
    "michelle",
    "elizabeth",
    "claire",
    "jennifer",
    "nancy",
    "sarah",
    "carly",
    "kellyanne",
    "hope",
    "huma",
    "donna",
    "debbie",
    "jill",
    "tulsi",
    "kamala",
    "maria",
    "mary",
    "patricia",
    "linda",
    "barbara",
    "susan",
    "jessica",
    "karen",
    "lisa",
    "betty",
    "margaret",
    "sandra",
    "ashley",
    "kimberly",
    "emily",
    "donna",
    "michele",
    "carol",
    "amanda",
    "melissa",
    "deborah",
    "stephanie",
    "rebecca",
    "laura",
    "sharon",
    "cynthia",
    "kathleen",
    "amy",
    "angela",
    "anna",
    "ann",
    "anne",
    "julia",
    "julie",
    "megyn",
    "rachel",
    "katy",
    "katie",
    "kate",
    "catherine",
    "christine",
    "theresa",
    "angela",
    "marine",
    "gwen",
    "adelle",
    "jomana",
    "melanie",
    "gennifer",
    "juanita",
    "kathleen",
    "paula",
    "monica",
    "condoleezza",
    "condi",
    "madeleine",
    "samantha",
    "susana",
    "sonia",
    "ruth",
    "elena",
    "diane",
    "dianne",
    "barbara",
    "janet",
    "valerie",
    "loretta",
    "sally",
    "lena",
    "ana",
    "dana",
    "mia",
    "nikki",
    "kirsten",
    "tammy",
    "heidi",
    "maxine",
    "sheila",
    "yvette",
    "cheryl",
    "rosa",
    "teresa",
    "helen",
    "joan",
    "judy",
    "olivia",
    "sophia",
    "emma",
    "grace",
    "marie",
    "jane",
];

/// How far back pronouns and descriptions look, in mentions.
const WINDOW: usize = 200;
/// How far back (bytes) a prominent entity is preferred for a pronoun.
const SALIENT_BYTES: usize = 1200;

fn key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
        .trim_end_matches('.')
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

fn role_of(word: &str) -> Option<&'static str> {
    let k = key(word);
    if let Some(&(_, r)) = ROLE_ABBREVIATIONS.iter().find(|(a, _)| *a == k) {
        return Some(r);
    }
    ROLES.iter().find(|r| **r == k).copied()
}

fn is_upper(w: &str) -> bool {
    w.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
        || w.starts_with('@')
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Words of a phrase with their byte ranges; commas, parentheses and
/// dashes are their own words so clauses can be cut at them.
fn words(s: &str) -> Vec<&str> {
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

fn strip_possessive(w: &str) -> &str {
    w.trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['’', '\''])
}

/// What a source phrase is, before the article is consulted.
#[derive(Debug, Clone, PartialEq)]
enum Head {
    /// A proper name, with the roles and gender its phrase gives.
    Name {
        name: String,
        roles: Vec<String>,
        gender: Gender,
        org: bool,
    },
    /// Several names or phrases joined by "and".
    Several(Vec<Head>),
    Pronoun(String),
    /// A common-noun phrase: its words (lower case, no determiner), head
    /// last, and whether it opened with an indefinite article.
    Common {
        words: Vec<String>,
        indefinite: bool,
        possessed: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gender {
    Unknown,
    Male,
    Female,
}

/// Cuts `ws` to the phrase's head part: parentheticals go, and of a phrase
/// with an apposition ("X, the Y of Z," or "the Y, X,") the part holding a
/// name, else the first.
fn head_part<'a>(ws: &[&'a str]) -> Vec<&'a str> {
    let mut flat = Vec::new();
    let mut depth = 0;
    for &w in ws {
        match w {
            "(" => depth += 1,
            ")" => depth = (depth - 1).max(0),
            _ if depth == 0 => flat.push(w),
            _ => {}
        }
    }
    let parts: Vec<Vec<&str>> = flat
        .split(|w| matches!(*w, "," | ";" | ":" | "—" | "–"))
        .map(|p| p.to_vec())
        .filter(|p| !p.is_empty())
        .collect();
    let Some(first) = parts.first() else {
        return flat;
    };
    let first = cut_relative(first);
    if has_name(&first) || parts.len() == 1 {
        return first;
    }
    // "The state’s campaign chairman, Phil Lovas": the name that follows.
    match parts.get(1).map(|p| cut_relative(p)) {
        Some(second) if has_name(&second) && second.len() <= 4 => second,
        _ => first,
    }
}

/// "Kenneth Baer who runs Crosscut": the relative clause is not the head.
fn cut_relative<'a>(ws: &[&'a str]) -> Vec<&'a str> {
    let end = ws
        .iter()
        .position(|w| matches!(key(w).as_str(), "who" | "which" | "whose" | "whom"))
        .filter(|&i| i > 0)
        .unwrap_or(ws.len());
    ws[..end].to_vec()
}

/// The phrase ends in a capitalised run that a role or a modifier (not a
/// preposition, article or "and") leads into.
fn ends_in_titled_name(ws: &[&str]) -> bool {
    let mut start = ws.len();
    while start > 0 && is_upper(ws[start - 1]) && role_of(ws[start - 1]).is_none() {
        start -= 1;
    }
    if start == ws.len() || start == 0 {
        return false;
    }
    let before = ws[start - 1];
    let k = key(before);
    (role_of(before).is_some() || !is_upper(before) && !FUNCTION_WORDS.contains(&k.as_str()))
        && !matches!(
            k.as_str(),
            "of" | "for" | "at" | "from" | "with" | "in" | "on" | "to" | "by" | "and"
        )
        && !before.ends_with("’s")
        && !before.ends_with("'s")
}

fn has_name(ws: &[&str]) -> bool {
    ws.iter().enumerate().any(|(i, w)| {
        is_upper(w)
            && !w.ends_with("’s")
            && !w.ends_with("'s")
            && (i > 0 || !FUNCTION_WORDS.contains(&key(w).as_str()))
            && role_of(w).is_none()
            && !MODIFIERS.contains(&key(w).as_str())
    })
}

fn gender_of_words(ws: &[&str]) -> Gender {
    for w in ws {
        let k = key(w);
        if FEMALE_HONORIFICS.contains(&k.as_str())
            || k.ends_with("woman")
            || matches!(k.as_str(), "queen" | "actress" | "businesswoman")
        {
            return Gender::Female;
        }
        if matches!(k.as_str(), "mr" | "sir" | "king" | "man" | "gentleman")
            || ["sman", "rman", "lman", "yman"]
                .iter()
                .any(|e| k.ends_with(e))
                && !matches!(k.as_str(), "german" | "norman")
        {
            return Gender::Male;
        }
    }
    Gender::Unknown
}

fn gender_of_name(name: &str) -> Gender {
    let first = name.split(' ').next().map(key).unwrap_or_default();
    if FEMALE_NAMES.contains(&first.as_str()) {
        Gender::Female
    } else if MALE_NAMES.contains(&first.as_str()) {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

/// Reads a source phrase. `lower` holds the words the article uses in lower
/// case: a capitalised word among them that opens a run ("Rival Hillary
/// Clinton", "When Clinton") is a sentence word, not part of the name.
fn parse(source: &str, lower: &HashSet<String>) -> Head {
    let all = words(source);
    let ws = head_part(&all);
    if ws.is_empty() {
        return Head::Common {
            words: Vec::new(),
            indefinite: false,
            possessed: false,
        };
    }
    // "Brafman and Berman", "The United States and South Korea".
    if let Some(i) = ws.iter().position(|w| key(w) == "and" || *w == "&")
        && !ends_in_titled_name(&ws)
        && i > 0
        && i + 1 < ws.len()
    {
        let (a, b) = (&ws[..i], &ws[i + 1..]);
        let left = parse(&a.join(" "), lower);
        let right = parse(&b.join(" "), lower);
        let named = |h: &Head| matches!(h, Head::Name { org: false, .. } | Head::Pronoun(_));
        // "Johnson & Johnson" or "the Commission on Presidential Debates and
        // Research": an organisation's own "and" keeps it whole.
        if named(&left) && named(&right) || matches!(right, Head::Name { .. }) && named(&left) {
            let mut parts = Vec::new();
            for h in [left, right] {
                match h {
                    Head::Several(v) => parts.extend(v),
                    h => parts.push(h),
                }
            }
            return Head::Several(parts);
        }
    }
    if ws.len() == 1 {
        let k = key(ws[0]);
        if MALE.contains(&k.as_str())
            || FEMALE.contains(&k.as_str())
            || PLURAL.contains(&k.as_str())
            || FIRST_PERSON.contains(&k.as_str())
            || RELATIVE.contains(&k.as_str())
            || NEUTER.contains(&k.as_str())
            || matches!(
                k.as_str(),
                "you" | "your" | "one" | "another" | "someone" | "everyone"
            )
        {
            return Head::Pronoun(k);
        }
    }
    // "Joel Pollak of Breitbart California" names Joel Pollak; "the Roper
    // Center for Public Opinion Research" is one name; "a reporter for USA
    // Today" names no one. But a name that ends the phrase after a role
    // ("Former Secretary of State and Democratic presidential frontrunner
    // Hillary Clinton") is the name.
    let prep = ws.iter().position(|w| {
        matches!(
            key(w).as_str(),
            "of" | "for" | "at" | "from" | "with" | "in" | "on" | "to" | "by"
        )
    });
    let (left, right): (&[&str], &[&str]) = match prep {
        _ if ends_in_titled_name(&ws) => (&ws[..], &[]),
        Some(i) if i > 0 => (&ws[..i], &ws[i..]),
        _ => (&ws[..], &[]),
    };
    let gender = gender_of_words(&ws);
    let mut roles: Vec<String> = Vec::new();
    let mut modifiers: Vec<String> = Vec::new();
    // Leading determiners and possessors.
    let mut i = 0;
    let mut indefinite = false;
    let mut possessed = false;
    while i < left.len() {
        let k = key(left[i]);
        if matches!(k.as_str(), "the" | "this" | "that") {
            i += 1;
        } else if matches!(k.as_str(), "a" | "an" | "one" | "another" | "some") {
            indefinite = true;
            i += 1;
        } else if matches!(k.as_str(), "his" | "her" | "their" | "its" | "our" | "my") {
            possessed = true;
            i += 1;
        } else {
            break;
        }
    }
    // The name is the last capitalised run of the left part; before it,
    // roles, modifiers and possessors ("Breitbart’s Joel Pollak").
    let mut end = left.len();
    while end > i && !is_upper(left[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > i && is_upper(left[start - 1]) {
        let w = left[start - 1];
        if start < end && (w.ends_with("’s") || w.ends_with("'s")) {
            break;
        }
        start -= 1;
    }
    // "Vermont Sen. Bernie Sanders", "Senate Minority Leader Harry Reid":
    // the name follows the run's last role.
    if let Some(r) = (start..end.saturating_sub(1))
        .rev()
        .find(|&r| role_of(left[r]).is_some() || HONORIFICS.contains(&key(left[r]).as_str()))
        .filter(|&r| {
            !left[r + 1..end]
                .iter()
                .any(|w| ORG_WORDS.contains(&key(w).as_str()))
        })
    {
        for w in &left[start..=r] {
            match role_of(w) {
                Some(role) => roles.push(role.to_owned()),
                None => modifiers.push(key(w)),
            }
        }
        start = r + 1;
    }
    let run_is_org = left[start..end]
        .iter()
        .any(|w| ORG_WORDS.contains(&key(w).as_str()));
    // "Crooked Hillary Clinton", "Miss Universe Alicia Machado": a person's
    // name starts at its given name.
    if !run_is_org
        && end - start >= 3
        && gender_of_name(left[start]) == Gender::Unknown
        && let Some(k) = (start + 1..end - 1).find(|&k| gender_of_name(left[k]) != Gender::Unknown)
    {
        for w in &left[start..k] {
            modifiers.push(key(w));
        }
        start = k;
    }
    // Roles and modifiers inside the run come off its front.
    while start < end {
        let w = left[start];
        let k = key(w);
        if let Some(r) = role_of(w) {
            roles.push(r.to_owned());
        } else if HONORIFICS.contains(&k.as_str())
            || FUNCTION_WORDS.contains(&k.as_str())
            || !run_is_org
                && (MODIFIERS.contains(&k.as_str())
                    || (end - start > 1 && start == i && lower.contains(&k))
                    || (end - start > 1
                        && (k.ends_with("an") || k.ends_with("ese"))
                        && is_demonym(&k)))
        {
            modifiers.push(k);
        } else {
            break;
        }
        start += 1;
    }
    for w in &left[i..start.min(left.len())] {
        if let Some(r) = role_of(w) {
            roles.push(r.to_owned());
        } else {
            modifiers.push(key(w));
        }
    }
    // "The city of Phoenix" is Phoenix.
    if start >= end
        && left[i..].len() == 1
        && matches!(
            key(left[i]).as_str(),
            "city" | "state" | "town" | "county" | "country" | "village" | "province" | "republic"
        )
        && right.len() >= 2
        && key(right[0]) == "of"
        && right[1..].iter().all(|w| is_upper(w))
    {
        return Head::Name {
            name: right[1..]
                .iter()
                .map(|w| strip_possessive(w))
                .collect::<Vec<_>>()
                .join(" "),
            roles: Vec::new(),
            gender: Gender::Unknown,
            org: true,
        };
    }
    // "Officials", "Experts": a sentence's first word, not a name.
    if end - start == 1
        && start == i
        && end == left.len()
        && right.is_empty()
        && (GROUP_NOUNS.contains(&key(left[start]).as_str())
            || lower.contains(&key(left[start])) && key(left[start]).ends_with('s'))
    {
        return Head::Common {
            words: vec![key(left[start])],
            indefinite,
            possessed,
        };
    }
    // "Critics of the plan": a lone capitalised word opening the phrase
    // before a preposition is a sentence's first word, when the article
    // writes it in lower case or it is a plural.
    if end - start == 1
        && start == i
        && !right.is_empty()
        && !is_acronym(left[start])
        && (lower.contains(&key(left[start]))
            || key(left[start]).ends_with('s')
            || is_number_word(&key(left[start])))
    {
        return Head::Common {
            words: ws[i..]
                .iter()
                .map(|w| key(w))
                .filter(|w| !w.is_empty())
                .collect(),
            indefinite,
            possessed,
        };
    }
    let head_is_common = end < left.len() || start >= end;
    if head_is_common || end < left.len() {
        // "Trump supporters", "Clinton’s campaign", "the senator": no name
        // heads the phrase.
        let words: Vec<String> = ws[i..]
            .iter()
            .map(|w| key(w))
            .filter(|w| !w.is_empty())
            .collect();
        return Head::Common {
            words,
            indefinite,
            possessed: possessed
                || left[i..]
                    .iter()
                    .any(|w| w.ends_with("’s") || w.ends_with("'s")),
        };
    }
    let mut name_words: Vec<&str> = left[start..end]
        .iter()
        .map(|w| strip_possessive(w))
        .collect();
    let mut org = name_words
        .iter()
        .any(|w| ORG_WORDS.contains(&key(w).as_str()))
        || (name_words.len() == 1 && is_acronym(name_words[0]));
    // An organisation's name goes on through "of"/"for"/"on" and capitalised
    // words: "Commission on Presidential Debates".
    if org && !right.is_empty() {
        let mut j = 1;
        while j < right.len() && (is_upper(right[j]) || key(right[j]) == "the" && j == 1) {
            j += 1;
        }
        let tail: Vec<&str> = right[1..j]
            .iter()
            .filter(|w| key(w) != "the")
            .map(|w| strip_possessive(w))
            .collect();
        if !tail.is_empty() && j >= 2 {
            name_words.push(right[0]);
            name_words.extend(tail);
        }
    } else if !org
        && !right.is_empty()
        && name_words.len() == 1
        && ORG_WORDS.contains(&key(name_words[0]).as_str())
    {
        org = true;
    }
    let name = name_words.join(" ");
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '@')
        .to_owned();
    if name.is_empty() {
        return Head::Common {
            words: ws.iter().map(|w| key(w)).collect(),
            indefinite,
            possessed,
        };
    }
    roles.extend(
        modifiers
            .into_iter()
            .filter(|m| !FUNCTION_WORDS.contains(&m.as_str())),
    );
    let gender = if gender == Gender::Unknown {
        gender_of_name(&name)
    } else {
        gender
    };
    Head::Name {
        name,
        roles,
        gender,
        org,
    }
}

/// The kind of speaker a common noun heads: people in the plural are a
/// group ("officials", "56 percent"), a poll or an ad speaks for its
/// makers, a role is a person.
fn common_kind(head: &str) -> SpeakerType {
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

fn is_number_word(k: &str) -> bool {
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
fn party(w: &str) -> &str {
    match w {
        "gop" => "republican",
        "democrat" => "democratic",
        w => w,
    }
}

fn is_demonym(k: &str) -> bool {
    // "Russian", "Republican", "Chinese": adjectives before a name. Given
    // names ending so ("Brian", "Susan") are not.
    !MALE_NAMES.contains(&k) && !FEMALE_NAMES.contains(&k) && k.len() > 5
}

/// One entity the article names.
#[derive(Debug, Clone)]
struct Entity {
    name: String,
    kind: SpeakerType,
    gender: Gender,
    /// Role words and modifiers the article gives it.
    roles: Vec<String>,
}

#[derive(Default)]
struct Registry {
    entities: Vec<Entity>,
    by_name: HashMap<String, usize>,
    /// Multi-word names by their last word (and a family name first, "Kim").
    by_surname: HashMap<String, Vec<usize>>,
    /// Every name by its last word, for "Daily News" in "New York Daily News".
    by_last: HashMap<String, Vec<usize>>,
    /// Entity mentions in text order: (byte position, entity, prominent:
    /// a source or a sentence's subject, which a pronoun most often means).
    seen: Vec<(usize, usize, bool)>,
}

const MAX_ROLES: usize = 24;
const MAX_SAME_WORD: usize = 16;

impl Registry {
    fn add(&mut self, name: &str, kind: SpeakerType, gender: Gender) -> usize {
        if let Some(&i) = self.by_name.get(name) {
            let e = &mut self.entities[i];
            if e.gender == Gender::Unknown {
                e.gender = gender;
            }
            // A person's name seen once as an organisation's is still theirs.
            if kind == SpeakerType::Person && e.kind != SpeakerType::Group {
                e.kind = kind;
            }
            return i;
        }
        let i = self.entities.len();
        self.entities.push(Entity {
            name: name.to_owned(),
            kind,
            gender,
            roles: Vec::new(),
        });
        self.by_name.insert(name.to_owned(), i);
        // Bounded, so a word shared by thousands of names costs no more.
        let last = self
            .by_last
            .entry(key(name.rsplit(' ').next().unwrap_or(name)))
            .or_default();
        if last.len() < MAX_SAME_WORD {
            last.push(i);
        }
        let mut parts: Vec<&str> = name.split(' ').collect();
        while parts.len() > 2
            && matches!(
                key(parts[parts.len() - 1]).as_str(),
                "jr" | "sr" | "ii" | "iii" | "iv"
            )
        {
            parts.pop();
        }
        if parts.len() > 1 && kind == SpeakerType::Person {
            let mut index = |word: &str| {
                let v = self.by_surname.entry(key(word)).or_default();
                if v.len() < MAX_SAME_WORD {
                    v.push(i);
                }
            };
            index(parts[parts.len() - 1]);
            if parts.len() > 2 {
                index(parts[0]);
            }
        }
        i
    }

    fn give_roles(&mut self, i: usize, roles: &[String]) {
        let e = &mut self.entities[i];
        for r in roles {
            let r = &party(r).to_owned();
            if e.roles.len() < MAX_ROLES && !e.roles.contains(r) {
                e.roles.push(r.clone());
            }
        }
    }

    /// The entity a one-word name ("Clinton") means at `at`: the full name
    /// with that last word mentioned last before it, else first after it.
    fn full_name(&self, word: &str, at: usize) -> Option<usize> {
        let cands = self.by_surname.get(&key(word))?;
        if cands.len() == 1 {
            return Some(cands[0]);
        }
        let before = self
            .seen
            .iter()
            .rev()
            .filter(|(p, _, _)| *p <= at)
            .take(WINDOW * 4)
            .find(|(_, e, _)| cands.contains(e))
            .map(|&(_, e, _)| e);
        before
            .or_else(|| {
                self.seen
                    .iter()
                    .find(|(p, e, _)| *p > at && cands.contains(e))
                    .map(|&(_, e, _)| e)
            })
            .or(Some(cands[0]))
    }

    fn recent(&self, at: usize, f: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .rev()
            .filter(|(p, _, _)| *p < at)
            .take(WINDOW)
            .map(|&(_, e, _)| e)
            .find(|&e| f(&self.entities[e]))
    }

    /// The entity a pronoun at `at` most likely means: the latest prominent
    /// one that fits (a source, a sentence's subject) when it is near, else
    /// the latest that fits.
    fn salient(&self, at: usize, f: impl Fn(&Entity) -> bool) -> Option<usize> {
        let mut latest = None;
        for &(p, e, prominent) in self
            .seen
            .iter()
            .rev()
            .filter(|(p, _, _)| *p < at)
            .take(WINDOW)
        {
            if !f(&self.entities[e]) {
                continue;
            }
            if prominent && at - p <= SALIENT_BYTES {
                return Some(e);
            }
            latest.get_or_insert(e);
        }
        latest
    }
}

/// The entity a name denotes: known forms first, then a new one.
fn entity_for(
    reg: &mut Registry,
    name: &str,
    org: bool,
    gender: Gender,
    roles: &[String],
    at: usize,
    person_hint: bool,
) -> usize {
    let single = !name.contains(' ');
    if let Some(&i) = reg.by_name.get(name)
        && !(single && reg.by_surname.contains_key(&key(name)))
    {
        return i;
    }
    if single
        && !org
        && let Some(i) = reg.full_name(name, at)
    {
        return i;
    }
    // "Daily News" inside "New York Daily News".
    if org
        && let Some(i) = reg
            .by_last
            .get(&key(name.rsplit(' ').next().unwrap_or(name)))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                let e = &reg.entities[i];
                e.kind == SpeakerType::Organisation
                    && e.name.len() > name.len()
                    && e.name.ends_with(&format!(" {name}"))
            })
            .max_by_key(|&i| reg.entities[i].name.len())
    {
        return i;
    }
    // A person needs evidence: a source (someone said something), a title
    // or role, a gendered word, a given name. "Florida Friday" or "Pell
    // Grants" in the text are no one a pronoun can mean.
    let last = key(name.rsplit(' ').next().unwrap_or(name));
    let plural_people = ["ans", "ats", "ists"].iter().any(|e| last.ends_with(e))
        && gender_of_name(name) == Gender::Unknown;
    let kind = if org {
        SpeakerType::Organisation
    } else if plural_people {
        SpeakerType::Group
    } else if person_hint
        || gender != Gender::Unknown
        || !roles.is_empty()
        || gender_of_name(name) != Gender::Unknown
    {
        SpeakerType::Person
    } else {
        SpeakerType::Organisation
    };
    let _ = single;
    reg.add(name, kind, gender)
}

/// Names in the text: each capitalised run that reads as a person or an
/// organisation, with its roles.
fn learn(reg: &mut Registry, mentions: &[Mention], lower: &HashSet<String>) {
    for m in mentions {
        let Head::Name {
            name,
            mut roles,
            gender,
            org,
        } = parse(m.text, lower)
        else {
            continue;
        };
        for w in m.before.iter().chain(&m.after) {
            if let Some(r) = role_of(w) {
                roles.push(r.to_owned());
            } else if MODIFIERS.contains(&w.as_str()) || w.ends_with("an") && w.len() > 5 {
                roles.push(w.clone());
            }
        }
        let titled = m
            .before
            .first()
            .is_some_and(|w| role_of(w).is_some() || HONORIFICS.contains(&w.as_str()));
        let single = !name.contains(' ');
        // A lone capitalised word in the text (a place, a month) is only
        // someone when a title says so or a full name ends with it.
        if single && !org && !titled && !reg.by_surname.contains_key(&key(&name)) {
            continue;
        }
        if m.sentence_start && single && !titled && !org {
            // "Then" or a surname alone at a sentence's start is ambiguous;
            // full names are learnt, bare words only as mentions below.
        }
        let gender = if gender == Gender::Unknown {
            gender_of_words(&m.before.iter().map(String::as_str).collect::<Vec<_>>())
        } else {
            gender
        };
        let i = entity_for(reg, &name, org, gender, &roles, m.at, titled);
        reg.give_roles(i, &roles);
        reg.seen.push((m.at, i, m.sentence_start));
    }
}

/// Resolves each source (None for no source) to its speaker.
pub fn resolve(
    sources: &[Option<Source>],
    mentions: &[Mention],
    lower: &HashSet<String>,
) -> Vec<Option<Speaker>> {
    let mut reg = Registry::default();
    // Full names first, from the whole article, so a surname quoted before
    // the full name appears still finds it; then every mention in order.
    // A given name and the capitalised word after it are a person's name
    // wherever they stand, a title-case headline included ("Hillary
    // Clinton Goes After Donald Trump").
    for m in mentions {
        let ws = words(m.text);
        for (k, w) in ws.iter().enumerate() {
            let g = gender_of_name(w);
            if g == Gender::Unknown || k + 1 >= ws.len() {
                continue;
            }
            let next = ws[k + 1];
            let nk = key(next);
            if is_upper(next)
                && next.chars().count() > 1
                && gender_of_name(next) == Gender::Unknown
                && !FUNCTION_WORDS.contains(&nk.as_str())
                && !ORG_WORDS.contains(&nk.as_str())
                && role_of(next).is_none()
                && !is_acronym(next)
            {
                reg.add(
                    &format!("{} {}", strip_possessive(w), strip_possessive(next)),
                    SpeakerType::Person,
                    g,
                );
            }
        }
    }
    for m in mentions {
        if let Head::Name {
            name,
            gender,
            org: false,
            roles,
        } = parse(m.text, lower)
            && name.contains(' ')
            && !name
                .split(' ')
                .any(|w| ORG_WORDS.contains(&key(w).as_str()))
            && name.split(' ').count() <= 4
        {
            let g = if gender == Gender::Unknown {
                gender_of_words(&m.before.iter().map(String::as_str).collect::<Vec<_>>())
            } else {
                gender
            };
            let titled = !roles.is_empty()
                || m.before
                    .first()
                    .is_some_and(|w| role_of(w).is_some() || HONORIFICS.contains(&w.as_str()));
            if titled || g != Gender::Unknown {
                reg.add(&name, SpeakerType::Person, g);
            }
        }
    }
    let parsed: Vec<Option<Head>> = sources
        .iter()
        .map(|s| s.map(|s| parse(s.text, lower)))
        .collect();
    for (s, h) in sources.iter().zip(&parsed) {
        if let (
            Some(s),
            Some(Head::Name {
                name,
                gender,
                org: false,
                ..
            }),
        ) = (s, h)
            && name.contains(' ')
            && name.split(' ').count() <= 4
        {
            let _ = s;
            reg.add(name, SpeakerType::Person, *gender);
        }
    }
    // Mentions and sources in text order.
    let mut order: Vec<(usize, bool, usize)> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| (m.at, false, i))
        .chain(
            sources
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.map(|s| (s.at, true, i))),
        )
        .collect();
    order.sort();
    let mut out: Vec<Option<Speaker>> = vec![None; sources.len()];
    let mut quoted: Vec<usize> = Vec::new();
    for (at, is_source, i) in order {
        if !is_source {
            learn(&mut reg, std::slice::from_ref(&mentions[i]), lower);
            continue;
        }
        let (Some(src), Some(head)) = (sources[i], parsed[i].as_ref()) else {
            continue;
        };
        if let Head::Pronoun(p) = head
            && FIRST_PERSON.contains(&p.as_str())
            && src.quoted_by.is_some()
        {
            quoted.push(i);
            continue;
        }
        out[i] = Some(speaker_of(&mut reg, head, src, at));
    }
    // "I" inside a quotation: the quoted speaker (resolved above, or itself
    // quoted: followed up to a bounded depth).
    for i in quoted {
        let mut j = sources[i].and_then(|s| s.quoted_by);
        let mut depth = 0;
        while let Some(k) = j {
            if let Some(Some(sp)) = out.get(k).filter(|_| k != i)
                && sp.resolved
            {
                out[i] = Some(sp.clone());
                break;
            }
            depth += 1;
            j = sources.get(k).copied().flatten().and_then(|s| s.quoted_by);
            if depth > 4 {
                break;
            }
        }
        if out[i].is_none()
            && let Some(s) = sources[i]
        {
            out[i] = Some(as_written(s.text, SpeakerType::Person));
        }
    }
    out
}

fn as_written(text: &str, kind: SpeakerType) -> Speaker {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '—' | '–') || c.is_whitespace())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Speaker {
        name: t,
        kind,
        resolved: false,
    }
}

fn resolved(reg: &mut Registry, e: usize, at: usize) -> Speaker {
    reg.seen.push((at, e, true));
    let en = &reg.entities[e];
    Speaker {
        name: en.name.clone(),
        kind: en.kind,
        resolved: true,
    }
}

fn speaker_of(reg: &mut Registry, head: &Head, src: Source, at: usize) -> Speaker {
    match head {
        Head::Name {
            name,
            roles,
            gender,
            org,
        } => {
            let e = entity_for(reg, name, *org, *gender, roles, at, true);
            reg.give_roles(e, roles);
            if reg.entities[e].gender == Gender::Unknown {
                reg.entities[e].gender = *gender;
            }
            resolved(reg, e, at)
        }
        Head::Several(parts) => {
            let mut names = Vec::new();
            for h in parts {
                let s = speaker_of(reg, h, src, at);
                if !s.resolved {
                    return as_written(src.text, SpeakerType::Group);
                }
                names.push(s.name);
            }
            let name = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => names.join(""),
            };
            Speaker {
                name,
                kind: SpeakerType::Group,
                resolved: true,
            }
        }
        Head::Pronoun(p) => {
            let p = p.as_str();
            let found = if MALE.contains(&p) || FEMALE.contains(&p) {
                let g = if MALE.contains(&p) {
                    Gender::Male
                } else {
                    Gender::Female
                };
                let e = reg.salient(at, |e| {
                    e.kind == SpeakerType::Person && (e.gender == g || e.gender == Gender::Unknown)
                });
                if let Some(e) = e
                    && reg.entities[e].gender == Gender::Unknown
                {
                    reg.entities[e].gender = g;
                }
                e
            } else if RELATIVE.contains(&p) {
                // "Anna Berg, who": the name just before, if it is one.
                reg.seen
                    .last()
                    .filter(|(pos, _, _)| at.saturating_sub(*pos) < 64 && *pos < at)
                    .map(|&(_, e, _)| e)
                    .filter(|&e| reg.entities[e].kind != SpeakerType::Group)
            } else {
                None
            };
            match found {
                Some(e) => resolved(reg, e, at),
                None => as_written(
                    src.text,
                    if PLURAL.contains(&p) || matches!(p, "we" | "us" | "our" | "you" | "your") {
                        SpeakerType::Group
                    } else if NEUTER.contains(&p) || matches!(p, "which") {
                        SpeakerType::Organisation
                    } else {
                        SpeakerType::Person
                    },
                ),
            }
        }
        Head::Common {
            words,
            indefinite,
            possessed,
        } => {
            // The head noun ends the words before any preposition: "a
            // producer for Yahoo Studios" is a producer.
            let cut = words
                .iter()
                .position(|w| {
                    matches!(
                        w.as_str(),
                        "of" | "for"
                            | "at"
                            | "from"
                            | "with"
                            | "in"
                            | "on"
                            | "to"
                            | "by"
                            | "who"
                            | "which"
                            | "that"
                    )
                })
                .filter(|&c| c > 0)
                .unwrap_or(words.len());
            let words = &words[..cut];
            let head = words.last().map(String::as_str).unwrap_or("");
            let kind = common_kind(head);
            let plural = kind == SpeakerType::Group;
            if *indefinite || *possessed || plural || ARTEFACTS.contains(&head) {
                return as_written(src.text, kind);
            }
            // A person's role: the entity the article gave it, the one
            // sharing most of the description's words, the most recent of
            // those.
            if let Some(role) = role_of(head) {
                let mods: Vec<&str> = words[..words.len() - 1]
                    .iter()
                    .map(String::as_str)
                    .map(party)
                    .collect();
                let mut best: Option<(usize, usize)> = None;
                for &(_, e, _) in reg
                    .seen
                    .iter()
                    .rev()
                    .filter(|(p, _, _)| *p < at)
                    .take(WINDOW * 2)
                {
                    let en = &reg.entities[e];
                    if en.kind != SpeakerType::Person || !en.roles.iter().any(|r| r == role) {
                        continue;
                    }
                    let has = |w: &str| en.roles.iter().any(|r| r == w);
                    let score = mods.iter().filter(|m| has(m)).count();
                    let clash = mods.contains(&"republican") && has("democratic")
                        || mods.contains(&"democratic") && has("republican");
                    if clash {
                        continue;
                    }
                    if best.is_none_or(|(_, s)| score > s) {
                        best = Some((e, score));
                    }
                }
                return match best {
                    Some((e, _)) => resolved(reg, e, at),
                    None => as_written(src.text, SpeakerType::Person),
                };
            }
            // An organisation's kind: the latest organisation of that kind.
            if let Some((_, marks)) = ORG_HEADS.iter().find(|(h, _)| *h == head) {
                let e = reg.recent(at, |e| {
                    e.kind == SpeakerType::Organisation
                        && e.name
                            .split(' ')
                            .any(|w| marks.contains(&key(w).as_str()) || key(w) == head)
                });
                return match e {
                    Some(e) => resolved(reg, e, at),
                    None => as_written(src.text, SpeakerType::Organisation),
                };
            }
            as_written(src.text, kind)
        }
    }
}

#[cfg(test)]
mod tests;
