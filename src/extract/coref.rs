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
use lexicon::*;
use phrase::{Head, parse};
use registry::*;
use std::collections::HashSet;

mod lexicon;
mod phrase;
mod registry;

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
    /// The source is its sentence's first words.
    pub opens_sentence: bool,
}

/// A run of capitalised words in the text, with the words just before it
/// (nearest first, as written) and, for "Name, the role,", the role's words.
#[derive(Debug, Clone)]
pub struct Mention<'a> {
    pub text: &'a str,
    pub at: usize,
    pub before: Vec<&'a str>,
    pub after: Vec<&'a str>,
    /// The run opens its sentence, so its first word may be any word.
    pub sentence_start: bool,
    /// "and" and another capitalised run follow ("The United States and
    /// South Korea").
    pub and_next: bool,
}

/// Names in the text: each capitalised run that reads as a person or an
/// organisation, with its roles.
fn learn(reg: &mut Registry, m: &Mention, head: &Head, lower: &HashSet<String>) {
    let Head::Name {
        name,
        mut roles,
        gender,
        org,
    } = head.clone()
    else {
        return;
    };
    // "Bank executives aren't.": a sentence's first word, which the
    // article writes in lower case elsewhere, is no one's name; nor is a
    // day or a month.
    if !name.contains(' ')
        && with_key(&name, |k| {
            m.sentence_start && lower.contains(k) || CALENDAR.contains(&k)
        })
    {
        return;
    }
    for w in m.before.iter().chain(&m.after) {
        if let Some(r) = role_of(w) {
            roles.push(r.to_owned());
        } else {
            let k = key(w);
            if MODIFIERS.contains(&&*k) || k.ends_with("an") && k.len() > 5 {
                roles.push(k.into_owned());
            }
        }
    }
    let titled = m
        .before
        .first()
        .is_some_and(|w| role_of(w).is_some() || with_key(w, |k| HONORIFICS.contains(&k)));
    // A title-case run that holds people's names ("Hillary Clinton Goes
    // After Donald Trump"): those people, mentioned where they stand.
    if !org && name.split(' ').count() > 3 {
        let ws: Vec<&str> = name.split(' ').collect();
        let mut found = false;
        for k in 0..ws.len().saturating_sub(1) {
            if let Some(&e) = reg.by_name.get(&format!("{} {}", ws[k], ws[k + 1]))
                && reg.entities[e].kind == SpeakerType::Person
            {
                let at = m.at + m.text.find(ws[k]).unwrap_or(0);
                reg.seen.push((at, e, m.sentence_start && !found));
                found = true;
            }
        }
        if found {
            return;
        }
    }
    let single = !name.contains(' ');
    // A lone capitalised word in the text (a place, a month) is only
    // someone when a title says so or a full name ends with it.
    if single && !org && !titled && !reg.by_surname.contains_key(&*key(&name)) {
        return;
    }
    let gender = if gender == Gender::Unknown {
        gender_of_words(&m.before)
    } else {
        gender
    };
    let i = entity_for(reg, &name, org, gender, &roles, m.at, titled);
    reg.give_roles(i, &roles);
    reg.seen.push((m.at, i, m.sentence_start));
}

/// Where the text's sections and sentences start (byte offsets, each
/// ascending).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub sections: Vec<usize>,
    pub sentences: Vec<usize>,
}

/// Resolves each source (None for no source) to its speaker.
pub fn resolve<'a>(
    sources: &[Option<Source<'a>>],
    mentions: &[Mention<'a>],
    lower: &HashSet<String>,
    layout: Layout,
) -> Vec<Option<Speaker>> {
    let mut reg = Registry {
        layout,
        ..Registry::default()
    };
    // A name recurs through an article ("Mr. Hale", "Hale", "Hale"): each
    // distinct text is read once.
    let mut read: std::collections::HashMap<&str, Head> = std::collections::HashMap::new();
    let mut parse_once = |text: &'a str| {
        read.entry(text)
            .or_insert_with(|| parse(text, lower))
            .clone()
    };
    let heads: Vec<Head> = mentions.iter().map(|m| parse_once(m.text)).collect();
    // Full names first, from the whole article, so a surname quoted before
    // the full name appears still finds it; then every mention in order.
    // A given name and the capitalised word after it are a person's name
    // wherever they stand, a title-case headline included ("Hillary
    // Clinton Goes After Donald Trump").
    let mut texts: HashSet<&str> = HashSet::new();
    for m in mentions {
        // What this finds depends on the text alone: once per text.
        if !texts.insert(m.text) {
            continue;
        }
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
                && !FUNCTION_WORDS.contains(&&*nk)
                && !ORG_WORDS.contains(&&*nk)
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
    for (m, head) in mentions.iter().zip(&heads) {
        if let Head::Name {
            name,
            gender,
            org: false,
            roles,
        } = head
            && name.contains(' ')
            && !name
                .split(' ')
                .any(|w| with_key(w, |k| ORG_WORDS.contains(&k)))
            && name.split(' ').count() <= 4
        {
            let g = if *gender == Gender::Unknown {
                gender_of_words(&m.before)
            } else {
                *gender
            };
            let titled = !roles.is_empty()
                || m.before.first().is_some_and(|w| {
                    role_of(w).is_some() || with_key(w, |k| HONORIFICS.contains(&k))
                });
            if titled || g != Gender::Unknown {
                reg.add(name, SpeakerType::Person, g);
            }
        }
    }
    let parsed: Vec<Option<Head>> = sources
        .iter()
        .map(|s| s.map(|s| parse_once(s.text)))
        .collect();
    for head in parsed.iter().flatten() {
        if let Head::Name {
            name,
            gender,
            org: false,
            ..
        } = head
            && name.contains(' ')
            && name.split(' ').count() <= 4
        {
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
            let known = reg.seen.len();
            learn(&mut reg, &mentions[i], &heads[i], lower);
            // "The United States and South Korea began …": the pair, as
            // the sentence's subject, is whom a "They" next means.
            if i > 0
                && mentions[i - 1].and_next
                && mentions[i - 1].sentence_start
                && reg.seen.len() > known
                && let Some(&(_, first, _)) = reg.seen[..known].last()
            {
                let second = reg.seen[known].1;
                if first != second {
                    let name = format!(
                        "{} and {}",
                        reg.entities[first].name, reg.entities[second].name
                    );
                    let g = reg.add(&name, SpeakerType::Group, Gender::Unknown);
                    reg.seen.push((mentions[i - 1].at, g, true));
                }
            }
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
            // Whom a "They" after means.
            let e = reg.add(&name, SpeakerType::Group, Gender::Unknown);
            reg.seen.push((at, e, true));
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
                    // "who" is someone (a person, or people), "which" a body.
                    .filter(|&e| match (p, reg.entities[e].kind) {
                        ("who" | "whom" | "whose", k) => k != SpeakerType::Organisation,
                        (_, k) => k != SpeakerType::Group,
                    })
            } else if PLURAL.contains(&p) && src.opens_sentence {
                // "They said" right after a sentence whose subject was a
                // group of named entities: that group.
                reg.subject_before(at, SUBJECT_BYTES)
                    .filter(|&e| reg.entities[e].kind == SpeakerType::Group)
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
            // A source that runs on past its head into a verb ("the
            // senator spoke at a gathering"): the role before the verb.
            let cut = words[..cut]
                .windows(2)
                .position(|w| {
                    role_of(&w[0]).is_some()
                        && !matches!(w[0].as_str(), "press" | "vice" | "deputy" | "chief")
                        && (VERBS_AFTER_SUBJECT.contains(&w[1].as_str()) || w[1].ends_with("ed"))
                })
                .map_or(cut, |i| i + 1);
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
                    if party_clash(&mods, &en.roles) {
                        continue;
                    }
                    let score = mods
                        .iter()
                        .filter(|m| en.roles.iter().any(|r| r == *m))
                        .count();
                    if best.is_none_or(|(_, s)| score > s) {
                        best = Some((e, score));
                    }
                }
                // Else, for an office or standing rather than an anonymous
                // post ("The Indiana governor said" after "Mike Pence
                // says"): the person the passage is about, if near and
                // nothing about them disagrees (`Registry::topic`).
                // Only for a description opening its sentence: inside one
                // ("… said Fleischer. … Instead, the businessman has
                // insisted") it is as often someone else.
                let best = best.map(|(e, _)| e).or_else(|| {
                    if ANONYMOUS_ROLES.contains(&role) || !src.opens_sentence {
                        return None;
                    }
                    let g = gender_of_words(words);
                    reg.topic(at, TOPIC_BYTES, |e| {
                        e.kind == SpeakerType::Person
                            && (g == Gender::Unknown
                                || e.gender == Gender::Unknown
                                || e.gender == g)
                            && !party_clash(&mods, &e.roles)
                    })
                });
                return match best {
                    Some(e) => resolved(reg, e, at),
                    None => as_written(src.text, SpeakerType::Person),
                };
            }
            // An organisation's kind: the latest organisation of that kind.
            if let Some((_, marks)) = ORG_HEADS.iter().find(|(h, _)| *h == head) {
                let e = reg.recent(at, |e| {
                    e.kind == SpeakerType::Organisation
                        && e.name
                            .split(' ')
                            .any(|w| with_key(w, |k| marks.contains(&k) || k == head))
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

/// A description's party words disagree with what the text says of the
/// entity ("the Republican nominee" is not someone the text calls a
/// Democrat).
fn party_clash(mods: &[&str], roles: &[String]) -> bool {
    let has = |w: &str| roles.iter().any(|r| r == w);
    mods.contains(&"republican") && has("democratic")
        || mods.contains(&"democratic") && has("republican")
}

#[cfg(test)]
mod tests;
