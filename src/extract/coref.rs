//! Speakers: the normalised person or body a source refers to. Pronouns and
//! nominal mentions ("the president") go to the nearest earlier compatible
//! named speaker; name variants ("Vladimir Putin", "Putin", "Mr. Putin")
//! merge into the fullest form seen in the article.

use std::collections::HashMap;

const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof"];
/// Role words that precede a name ("Russian President Vladimir Putin").
const TITLES: &[&str] = &[
    "president",
    "senator",
    "sen",
    "gov",
    "governor",
    "rep",
    "representative",
    "secretary",
    "minister",
    "prime",
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
    "congressman",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "judge",
    "justice",
    "general",
    "gen",
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
    "former",
    "vice",
    "deputy",
    "foreign",
    "state",
    "defense",
    "founder",
    "professor",
    "analyst",
    "official",
    "sheriff",
    "police",
    "adviser",
    "advisor",
    "manager",
    "campaign",
    "democratic",
    "republican",
    "gop",
    "presidential",
    "supreme",
    "senior",
    "top",
    "press",
    "white",
    "house",
    "economist",
];
const MALE: &[&str] = &["he", "him", "his"];
const FEMALE: &[&str] = &["she", "her", "hers"];
const PLURAL: &[&str] = &["they", "them", "their", "theirs", "we", "our", "us"];
const OTHER_PRONOUNS: &[&str] = &[
    "i", "me", "my", "you", "your", "who", "which", "that", "it", "its",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gender {
    Unknown,
    Male,
    Female,
}

struct Known {
    name: String,
    /// Named by a proper name, so "he"/"she" may refer to it.
    person: bool,
    gender: Gender,
    plural: bool,
    titles: Vec<String>,
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the text between two words of `source` (slices of it, as
/// `words` returns) holds a comma: "Maria Lopez, the agency's director".
fn comma_between(source: &str, a: &str, b: &str) -> bool {
    let base = source.as_ptr() as usize;
    let from = a.as_ptr() as usize + a.len() - base;
    let to = b.as_ptr() as usize - base;
    source.get(from..to).is_some_and(|g| g.contains(','))
}

fn key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The proper name inside a source phrase, if it has one, with its gender
/// hint and the role words before it.
fn name_of(source: &str) -> Option<(String, Gender, Vec<String>)> {
    let ws = words(source);
    // The last run of capitalised words is the name.
    let mut end = ws.len();
    while end > 0 && !ws[end - 1].chars().next().is_some_and(char::is_uppercase) {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    // "Dairy farmers", "Trump supporters", "Putin's spokesman": capitals
    // that modify a common-noun head name no one; the phrase is the speaker.
    if end < ws.len()
        && !comma_between(source, ws[end - 1], ws[end])
        && !matches!(
            key(ws[end]).as_str(),
            "of" | "from" | "at" | "in" | "on" | "for" | "with" | "and" | "or" | "who" | "which"
        )
    {
        return None;
    }
    let mut start = end - 1;
    while start > 0 && ws[start - 1].chars().next().is_some_and(char::is_uppercase) {
        start -= 1;
    }
    // "Critics of the plan": one capitalised word opening the phrase, with
    // more words after it, is a sentence's first word, not a name.
    if start == 0 && end == 1 && ws.len() > 1 && !comma_between(source, ws[0], ws[1]) {
        return None;
    }
    while start < end
        && matches!(
            key(ws[start]).as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that"
        )
    {
        start += 1;
    }
    if start == end {
        return None;
    }
    let mut gender = Gender::Unknown;
    let mut titles = Vec::new();
    let mut first = start;
    while first < end - 1 {
        let k = key(ws[first]);
        if HONORIFICS.contains(&k.as_str()) {
            gender = match k.as_str() {
                "mr" | "sir" => Gender::Male,
                "mrs" | "ms" | "miss" | "dame" => Gender::Female,
                _ => gender,
            };
        } else if TITLES.contains(&k.as_str()) || k.ends_with("an") || k.ends_with("ese") {
            titles.push(k);
        } else {
            break;
        }
        first += 1;
    }
    // "North Korean Leader Kim Jong Un": everything up to the last title
    // word inside the capitalised run is the title.
    if let Some(t) = (first..end - 1)
        .rev()
        .find(|&i| TITLES.contains(&key(ws[i]).as_str()))
    {
        for w in &ws[first..=t] {
            titles.push(key(w));
        }
        first = t + 1;
    }
    for w in &ws[..start] {
        let k = key(w);
        if TITLES.contains(&k.as_str()) {
            titles.push(k);
        }
    }
    let name: Vec<&str> = ws[first..end]
        .iter()
        .map(|w| {
            w.trim_end_matches(['’', '\''])
                .trim_end_matches("’s")
                .trim_end_matches("'s")
        })
        .collect();
    let name = name.join(" ");
    let name = name
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string();
    if name.is_empty() || ws.len() == 1 && HONORIFICS.contains(&key(ws[0]).as_str()) {
        return None;
    }
    Some((name, gender, titles))
}

fn strip_determiner(s: &str) -> String {
    let t = s.trim();
    for d in ["The ", "the ", "A ", "a ", "An ", "an "] {
        if let Some(r) = t.strip_prefix(d) {
            return r.to_string();
        }
    }
    t.to_string()
}

/// Resolves each source (None for no source) to a speaker name. `names`
/// are multi-word proper names seen anywhere in the article, so a speaker
/// only ever quoted as "Berg" still gets the "Anna Berg" of the lead.
pub fn resolve(sources: &[Option<&str>], names: &[&str]) -> Vec<Option<String>> {
    // Each source's proper name, parsed once for the three passes below.
    let parsed: Vec<Option<(String, Gender, Vec<String>)>> =
        sources.iter().map(|s| s.and_then(name_of)).collect();
    // Full names by their last word, so "Putin" finds "Vladimir Putin".
    let mut full: HashMap<String, String> = HashMap::new();
    let text_names: Vec<String> = names
        .iter()
        .filter_map(|s| name_of(s))
        .map(|p| p.0)
        .collect();
    let all_names = parsed.iter().flatten().map(|p| p.0.as_str());
    for n in all_names.chain(text_names.iter().map(String::as_str)) {
        let parts: Vec<&str> = n.split(' ').collect();
        if parts.len() > 1 {
            let last = key(parts[parts.len() - 1]);
            let e = full.entry(last).or_insert_with(|| n.to_string());
            if n.len() > e.len() {
                *e = n.to_string();
            }
            // Family name first ("Kim Jong Un" is "Kim").
            if parts.len() > 2 {
                full.entry(key(parts[0])).or_insert_with(|| n.to_string());
            }
        }
    }
    let canonical = |n: &str| -> String {
        if !n.contains(' ')
            && let Some(f) = full.get(&key(n))
        {
            return f.clone();
        }
        n.to_string()
    };
    // Each title's first named holder, so "the mayor" in a lead that names
    // "Mayor Dana Whitfield" only in the next sentence still finds her.
    let mut title_owner: HashMap<String, String> = HashMap::new();
    for (n, _, titles) in parsed.iter().flatten() {
        for t in titles {
            title_owner.entry(t.clone()).or_insert_with(|| canonical(n));
        }
    }
    let mut reg = Registry::default();
    let mut out = Vec::with_capacity(sources.len());
    for (s, name) in sources.iter().zip(parsed) {
        let Some(s) = s else {
            out.push(None);
            continue;
        };
        let ws = words(s);
        let k0 = ws.first().map(|w| key(w)).unwrap_or_default();
        let is_pron = ws.len() == 1;
        let resolved = if is_pron && (MALE.contains(&k0.as_str()) || FEMALE.contains(&k0.as_str()))
        {
            let g = if MALE.contains(&k0.as_str()) {
                Gender::Male
            } else {
                Gender::Female
            };
            reg.recent_matching(|k| {
                k.person && !k.plural && (k.gender == g || k.gender == Gender::Unknown)
            })
            .map(|i| {
                if reg.known[i].gender == Gender::Unknown {
                    reg.known[i].gender = g;
                }
                reg.touch(i)
            })
        } else if is_pron && PLURAL.contains(&k0.as_str()) {
            reg.recent_matching(|k| k.plural).map(|i| reg.touch(i))
        } else if is_pron && OTHER_PRONOUNS.contains(&k0.as_str()) {
            if matches!(k0.as_str(), "who" | "which" | "that") {
                reg.recent.back().map(|&i| reg.known[i].name.clone())
            } else {
                None
            }
        } else if s.contains(" and ") {
            let i = reg.get_or_add(strip_determiner(s), false, Gender::Unknown, true);
            Some(reg.touch(i))
        } else if let Some((n, g, titles)) = name {
            let i = reg.get_or_add(canonical(&n), true, g, false);
            let k = &mut reg.known[i];
            if k.gender == Gender::Unknown {
                k.gender = g;
            }
            for t in titles {
                if k.titles.len() < MAX_TITLES && !k.titles.contains(&t) {
                    k.titles.push(t);
                }
            }
            Some(reg.touch(i))
        } else {
            // "the president", "officials": a title shared with a named speaker.
            let ks: Vec<String> = ws.iter().map(|w| key(w)).collect();
            let definite = ks.len() <= 3 && matches!(k0.as_str(), "the" | "this" | "that");
            let holder = ks
                .iter()
                .filter(|w| definite && TITLES.contains(&w.as_str()))
                .find_map(|w| title_owner.get(w))
                .cloned();
            // "The department" after "the city's utilities department".
            let head = ks.last().cloned().unwrap_or_default();
            let same_head =
                |k: &Known| !k.person && k.name.rsplit(' ').next().is_some_and(|w| key(w) == head);
            match reg.recent_matching(|k| ks.iter().any(|w| k.titles.contains(w))) {
                Some(i) => Some(reg.touch(i)),
                None if holder.is_some() => {
                    let name = holder.unwrap_or_default();
                    let i = reg.get_or_add(name, true, Gender::Unknown, false);
                    Some(reg.touch(i))
                }
                None if let Some(i) = reg.recent_matching(same_head).filter(|_| definite) => {
                    Some(reg.touch(i))
                }
                None => {
                    // Only the leading article goes: "Critics of the plan".
                    let skip = usize::from(
                        ws.first()
                            .is_some_and(|w| matches!(key(w).as_str(), "the" | "a" | "an")),
                    );
                    let n = ws[skip..].join(" ");
                    let plural = n.ends_with('s');
                    let i = reg.get_or_add(n, false, Gender::Unknown, plural);
                    Some(reg.touch(i))
                }
            }
        };
        out.push(resolved);
    }
    out
}

/// How far back pronouns and nominal mentions look, in speaker mentions.
/// Bounded so resolution stays linear in the number of claims.
const RECENT: usize = 64;
const MAX_TITLES: usize = 8;

#[derive(Default)]
struct Registry {
    known: Vec<Known>,
    index: HashMap<String, usize>,
    /// Indices into `known`, most recent mention last.
    recent: std::collections::VecDeque<usize>,
}

impl Registry {
    fn get_or_add(&mut self, name: String, person: bool, gender: Gender, plural: bool) -> usize {
        if let Some(&i) = self.index.get(&name) {
            return i;
        }
        let i = self.known.len();
        self.index.insert(name.clone(), i);
        self.known.push(Known {
            name,
            person,
            gender,
            plural,
            titles: Vec::new(),
        });
        i
    }

    fn touch(&mut self, i: usize) -> String {
        self.recent.push_back(i);
        if self.recent.len() > RECENT {
            self.recent.pop_front();
        }
        self.known[i].name.clone()
    }

    fn recent_matching(&self, f: impl Fn(&Known) -> bool) -> Option<usize> {
        self.recent
            .iter()
            .rev()
            .copied()
            .find(|&i| f(&self.known[i]))
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn variants_and_pronouns_merge() {
        let r = resolve(
            &[
                Some("Russian President Vladimir Putin"),
                Some("He"),
                Some("Putin"),
                Some("Mr. Putin"),
                Some("the president"),
                Some("His"),
            ],
            &[],
        );
        for s in &r {
            assert_eq!(s.as_deref(), Some("Vladimir Putin"), "{r:?}");
        }
    }

    #[test]
    fn names_from_the_text_complete_surnames() {
        let r = resolve(&[Some("Berg"), Some("she")], &["Anna Berg"]);
        assert_eq!(r[0].as_deref(), Some("Anna Berg"));
        assert_eq!(r[1].as_deref(), Some("Anna Berg"));
    }

    #[test]
    fn titles_before_names_are_dropped() {
        let r = resolve(&[Some("North Korean Leader Kim Jong Un"), Some("Kim")], &[]);
        assert_eq!(r[0].as_deref(), Some("Kim Jong Un"));
        assert_eq!(r[1].as_deref(), Some("Kim Jong Un"));
    }

    #[test]
    fn a_title_finds_its_holder_named_later_and_a_head_noun_its_body() {
        let out = resolve(
            &[
                Some("the mayor"),
                Some("Mayor Dana Whitfield"),
                Some("the city's utilities department"),
                Some("The department"),
                Some("Councilmember Ray Okafor"),
            ],
            &[],
        );
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            out,
            vec![
                s("Dana Whitfield"),
                s("Dana Whitfield"),
                s("city's utilities department"),
                s("city's utilities department"),
                s("Ray Okafor"),
            ]
        );
    }

    #[test]
    fn a_capitalised_modifier_is_not_a_name() {
        let out = resolve(
            &[Some("Trump"), Some("Trump supporters"), Some("they")],
            &[],
        );
        assert_eq!(
            out,
            vec![
                Some("Trump".to_string()),
                Some("Trump supporters".to_string()),
                Some("Trump supporters".to_string())
            ]
        );
    }

    #[test]
    fn gender_keeps_speakers_apart() {
        let r = resolve(
            &[
                Some("Mrs. Jane Roe"),
                Some("Mr. John Doe"),
                Some("She"),
                Some("he"),
            ],
            &[],
        );
        assert_eq!(r[2].as_deref(), Some("Jane Roe"));
        assert_eq!(r[3].as_deref(), Some("John Doe"));
    }

    #[test]
    fn plural_pronouns_find_groups() {
        let r = resolve(
            &[
                Some("The United States and its allies"),
                Some("Smith"),
                Some("They"),
            ],
            &[],
        );
        assert_eq!(r[2].as_deref(), Some("United States and its allies"));
    }
}
