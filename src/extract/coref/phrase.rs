//! Reading one source phrase: its head name with the roles around it, a
//! pronoun, several names joined by "and", or a common-noun phrase.

use super::lexicon::*;
use std::collections::HashSet;

/// What a source phrase is, before the article is consulted.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Head {
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

/// Cuts `ws` to the phrase's head part: parentheticals go, and of a phrase
/// with an apposition ("X, the Y of Z," or "the Y, X,") the part holding a
/// name, else the first.
pub(super) fn head_part<'a>(ws: &[&'a str]) -> Vec<&'a str> {
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
pub(super) fn cut_relative<'a>(ws: &[&'a str]) -> Vec<&'a str> {
    let end = ws
        .iter()
        .position(|w| matches!(&*key(w), "who" | "which" | "whose" | "whom"))
        .filter(|&i| i > 0)
        .unwrap_or(ws.len());
    ws[..end].to_vec()
}

/// The phrase ends in a capitalised run that a role or a modifier (not a
/// preposition, article or "and") leads into.
pub(super) fn ends_in_titled_name(ws: &[&str]) -> bool {
    let mut start = ws.len();
    while start > 0 && is_upper(ws[start - 1]) && role_of(ws[start - 1]).is_none() {
        start -= 1;
    }
    if start == ws.len() || start == 0 {
        return false;
    }
    let before = ws[start - 1];
    let k = key(before);
    (role_of(before).is_some() || !is_upper(before) && !FUNCTION_WORDS.contains(&&*k))
        && !matches!(
            &*k,
            "of" | "for" | "at" | "from" | "with" | "in" | "on" | "to" | "by" | "and"
        )
        && !before.ends_with("’s")
        && !before.ends_with("'s")
}

pub(super) fn has_name(ws: &[&str]) -> bool {
    ws.iter().enumerate().any(|(i, w)| {
        is_upper(w)
            && !w.ends_with("’s")
            && !w.ends_with("'s")
            && (i > 0 || !with_key(w, |k| FUNCTION_WORDS.contains(&k)))
            && role_of(w).is_none()
            && !with_key(w, |k| MODIFIERS.contains(&k))
    })
}

/// Reads a source phrase. `lower` holds the words the article uses in lower
/// case: a capitalised word among them that opens a run ("Rival Hillary
/// Clinton", "When Clinton") is a sentence word, not part of the name.
pub(super) fn parse(source: &str, lower: &HashSet<String>) -> Head {
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
        if MALE.contains(&&*k)
            || FEMALE.contains(&&*k)
            || PLURAL.contains(&&*k)
            || FIRST_PERSON.contains(&&*k)
            || RELATIVE.contains(&&*k)
            || NEUTER.contains(&&*k)
            || matches!(
                &*k,
                "you" | "your" | "one" | "another" | "someone" | "everyone"
            )
        {
            return Head::Pronoun(k.into_owned());
        }
    }
    // "Joel Pollak of Breitbart California" names Joel Pollak; "the Roper
    // Center for Public Opinion Research" is one name; "a reporter for USA
    // Today" names no one. But a name that ends the phrase after a role
    // ("Former Secretary of State and Democratic presidential frontrunner
    // Hillary Clinton") is the name.
    let prep = ws.iter().position(|w| {
        matches!(
            &*key(w),
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
        if matches!(&*k, "the" | "this" | "that") {
            i += 1;
        } else if matches!(&*k, "a" | "an" | "one" | "another" | "some") {
            indefinite = true;
            i += 1;
        } else if matches!(&*k, "his" | "her" | "their" | "its" | "our" | "my") {
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
        .find(|&r| role_of(left[r]).is_some() || with_key(left[r], |k| HONORIFICS.contains(&k)))
        .filter(|&r| {
            !left[r + 1..end]
                .iter()
                .any(|w| with_key(w, |k| ORG_WORDS.contains(&k)))
        })
    {
        for w in &left[start..=r] {
            match role_of(w) {
                Some(role) => roles.push(role.to_owned()),
                None => modifiers.push(key(w).into_owned()),
            }
        }
        start = r + 1;
    }
    let run_is_org = left[start..end]
        .iter()
        .any(|w| with_key(w, |k| ORG_WORDS.contains(&k)));
    // "Crooked Hillary Clinton", "Miss Universe Alicia Machado": a person's
    // name starts at its given name.
    if !run_is_org
        && end - start >= 3
        && gender_of_name(left[start]) == Gender::Unknown
        && let Some(k) = (start + 1..end - 1).find(|&k| gender_of_name(left[k]) != Gender::Unknown)
    {
        for w in &left[start..k] {
            modifiers.push(key(w).into_owned());
        }
        start = k;
    }
    // Roles and modifiers inside the run come off its front.
    while start < end {
        let w = left[start];
        let k = key(w);
        if let Some(r) = role_of(w) {
            roles.push(r.to_owned());
        } else if HONORIFICS.contains(&&*k)
            || FUNCTION_WORDS.contains(&&*k)
            || !run_is_org
                && (MODIFIERS.contains(&&*k)
                    || (end - start > 1 && start == i && lower.contains(&*k))
                    || (end - start > 1
                        && (k.ends_with("an") || k.ends_with("ese"))
                        && is_demonym(&k)))
        {
            modifiers.push(k.into_owned());
        } else {
            break;
        }
        start += 1;
    }
    for w in &left[i..start.min(left.len())] {
        if let Some(r) = role_of(w) {
            roles.push(r.to_owned());
        } else {
            modifiers.push(key(w).into_owned());
        }
    }
    // "The city of Phoenix" is Phoenix.
    if start >= end
        && left[i..].len() == 1
        && matches!(
            &*key(left[i]),
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
        && (with_key(left[start], |k| GROUP_NOUNS.contains(&k))
            || lower.contains(&*key(left[start])) && key(left[start]).ends_with('s'))
    {
        return Head::Common {
            words: vec![key(left[start]).into_owned()],
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
        && (lower.contains(&*key(left[start]))
            || key(left[start]).ends_with('s')
            || is_number_word(&key(left[start])))
    {
        return Head::Common {
            words: ws[i..]
                .iter()
                .map(|w| key(w).into_owned())
                .filter(|w| !w.is_empty())
                .collect(),
            indefinite,
            possessed,
        };
    }
    if end < left.len() || start >= end {
        // "Trump supporters", "Clinton’s campaign", "the senator": no name
        // heads the phrase.
        let words: Vec<String> = ws[i..]
            .iter()
            .map(|w| key(w).into_owned())
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
        .any(|w| with_key(w, |k| ORG_WORDS.contains(&k)))
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
        && with_key(name_words[0], |k| ORG_WORDS.contains(&k))
    {
        org = true;
    }
    let name = name_words.join(" ");
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '@')
        .to_owned();
    if name.is_empty() {
        return Head::Common {
            words: ws.iter().map(|w| key(w).into_owned()).collect(),
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
