//! The entities an article names, in the order it names them, and how a
//! name finds its entity (a surname its full name, "Daily News" its
//! newspaper) and is typed.

use super::lexicon::*;
use crate::extract::claim::SpeakerType;
use std::collections::HashMap;

/// How far back pronouns and descriptions look, in mentions.
pub(super) const WINDOW: usize = 200;

/// How far back (bytes) a prominent entity is preferred for a pronoun.
pub(super) const SALIENT_BYTES: usize = 1200;

/// How far back (bytes) "They" looks for the group it means: about one
/// sentence.
pub(super) const SUBJECT_BYTES: usize = 300;

/// How far back (bytes) a description looks for the person a passage is
/// about: about two short news paragraphs.
pub(super) const TOPIC_BYTES: usize = 600;

/// One entity the article names.
#[derive(Debug, Clone)]
pub(super) struct Entity {
    pub(super) name: String,
    pub(super) kind: SpeakerType,
    pub(super) gender: Gender,
    /// Role words and modifiers the article gives it.
    pub(super) roles: Vec<String>,
}

#[derive(Default)]
pub(super) struct Registry {
    pub(super) entities: Vec<Entity>,
    pub(super) by_name: HashMap<String, usize>,
    /// Multi-word names by their last word (and a family name first, "Kim").
    pub(super) by_surname: HashMap<String, Vec<usize>>,
    /// Every name by its last word, for "Daily News" in "New York Daily News".
    pub(super) by_last: HashMap<String, Vec<usize>>,
    /// Entity mentions in text order: (byte position, entity, prominent:
    /// a source or a sentence's subject, which a pronoun most often means).
    pub(super) seen: Vec<(usize, usize, bool)>,
    /// Where the text's sections and sentences start.
    pub(super) layout: super::Layout,
}

pub(super) const MAX_ROLES: usize = 24;

pub(super) const MAX_SAME_WORD: usize = 16;

impl Registry {
    pub(super) fn add(&mut self, name: &str, kind: SpeakerType, gender: Gender) -> usize {
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
            .entry(key(name.rsplit(' ').next().unwrap_or(name)).into_owned())
            .or_default();
        if last.len() < MAX_SAME_WORD {
            last.push(i);
        }
        let mut parts: Vec<&str> = name.split(' ').collect();
        while parts.len() > 2
            && matches!(
                &*key(parts[parts.len() - 1]),
                "jr" | "sr" | "ii" | "iii" | "iv"
            )
        {
            parts.pop();
        }
        if parts.len() > 1 && kind == SpeakerType::Person {
            let mut index = |word: &str| {
                let v = self.by_surname.entry(key(word).into_owned()).or_default();
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

    pub(super) fn give_roles(&mut self, i: usize, roles: &[String]) {
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
    pub(super) fn full_name(&self, word: &str, at: usize) -> Option<usize> {
        let cands = self.by_surname.get(&*key(word))?;
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

    pub(super) fn recent(&self, at: usize, f: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .rev()
            .filter(|(p, _, _)| *p < at)
            .take(WINDOW)
            .map(|&(_, e, _)| e)
            .find(|&e| f(&self.entities[e]))
    }

    /// Where the section and the sentence holding `at` start.
    fn starts(&self, at: usize) -> (usize, usize) {
        let before = |v: &[usize]| v[..v.partition_point(|&b| b <= at)].last().copied();
        (
            before(&self.layout.sections).unwrap_or(0),
            before(&self.layout.sentences).unwrap_or(0),
        )
    }

    /// Whom the passage before the sentence holding `at` (within `bytes`
    /// and its section) is about ("The Indiana governor said", after "Mike
    /// Pence says"): among the entities that fit, the latest prominent one
    /// (a source, a sentence's subject), else the latest.
    pub(super) fn topic(
        &self,
        at: usize,
        bytes: usize,
        f: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        let (section, sentence) = self.starts(at);
        let mut latest = None;
        for &(p, e, prominent) in self.nearby(at, bytes, section) {
            if p >= sentence || !f(&self.entities[e]) {
                continue;
            }
            if prominent {
                return Some(e);
            }
            latest.get_or_insert(e);
        }
        latest
    }

    /// The subject of the sentences just before `at`'s (within `bytes`,
    /// same section): the latest prominent entity there, whatever it is.
    pub(super) fn subject_before(&self, at: usize, bytes: usize) -> Option<usize> {
        let (section, sentence) = self.starts(at);
        self.nearby(at, bytes, section)
            .find(|&&(p, _, prominent)| prominent && p < sentence)
            .map(|&(_, e, _)| e)
    }

    /// Mentions before `at`, latest first, within `bytes` and from `floor` on.
    fn nearby(
        &self,
        at: usize,
        bytes: usize,
        floor: usize,
    ) -> impl Iterator<Item = &(usize, usize, bool)> {
        self.seen
            .iter()
            .rev()
            .filter(move |(p, _, _)| *p < at)
            .take_while(move |(p, _, _)| at - p <= bytes && *p >= floor)
    }

    /// The entity a pronoun at `at` most likely means: the latest prominent
    /// one that fits (a source, a sentence's subject) when it is near, else
    /// the latest that fits.
    pub(super) fn salient(&self, at: usize, f: impl Fn(&Entity) -> bool) -> Option<usize> {
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
pub(super) fn entity_for(
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
        && !(single && reg.by_surname.contains_key(&*key(name)))
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
            .get(&*key(name.rsplit(' ').next().unwrap_or(name)))
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
    reg.add(name, kind, gender)
}
