//! When two speaker names name the same speaker, and which name forms are
//! one speaker: "Putin", "Vladimir Putin" and "Russian President Vladimir
//! Putin" are one; "Lee" beside both "Ann Lee" and "Bo Lee" is neither;
//! a person and an organisation are never one, whatever their names share
//! ("Lee" the person is not "Lee" of "Lee Enterprises" typed organisation).

use std::collections::HashMap;

/// Equal ignoring case, or one is the other's last word or words: "Putin"
/// and "Vladimir Putin", "Lee" and "Ann Lee". The store's similarity query
/// applies the same rule in SQL (`store::similar::similar`).
pub fn same_speaker(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let ends_with_words = |long: &str, short: &str| {
        long.len() > short.len()
            && long.ends_with(short)
            && long[..long.len() - short.len()].ends_with(' ')
    };
    a == b || ends_with_words(&a, &b) || ends_with_words(&b, &a)
}

/// Lower case, words separated by one space.
pub fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The last word, normalised: every form of one speaker shares it, so it
/// is where the store looks for a speaker's other forms.
pub fn last_word(name: &str) -> String {
    normalise(name)
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Two speaker types agree when either is unknown or they are equal.
fn types_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Groups name forms that name one speaker; returns each name's group as
/// the index of one of its members. `types[i]` is the speaker type of
/// `names[i]` when known (person, organisation, group); a shorter `types`
/// leaves the rest unknown. A form joins the longer forms it is a suffix of
/// when those all name one speaker themselves and their types agree
/// ("Putin" → "Vladimir Putin" → "Russian President Vladimir Putin"); a
/// form that would fit two different speakers ("Lee" beside "Ann Lee" and
/// "Bo Lee") stays on its own rather than guess, and so does a person's
/// name beside an organisation's.
pub fn group(names: &[String], types: &[Option<&str>]) -> Vec<usize> {
    let type_of = |i: usize| types.get(i).copied().flatten();
    let norm: Vec<String> = names.iter().map(|n| normalise(n)).collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Only names sharing a last word can match: compare within those.
    let mut buckets: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in norm.iter().enumerate() {
        if !n.is_empty() {
            buckets
                .entry(n.rsplit(' ').next().unwrap_or_default())
                .or_default()
                .push(i);
        }
    }
    let words = |s: &str| s.split(' ').count();
    for members in buckets.values() {
        for &i in members {
            let same: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| j != i && norm[j] == norm[i])
                .collect();
            for j in same {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
            let longer: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| words(&norm[j]) > words(&norm[i]) && same_speaker(&norm[i], &norm[j]))
                .collect();
            let consistent = longer.iter().all(|&a| {
                types_agree(type_of(i), type_of(a))
                    && longer.iter().all(|&b| {
                        same_speaker(&norm[a], &norm[b]) && types_agree(type_of(a), type_of(b))
                    })
            });
            if consistent && let Some(&to) = longer.first() {
                let (a, b) = (root(&mut parent, i), root(&mut parent, to));
                parent[a] = b;
            }
        }
    }
    (0..names.len()).map(|i| root(&mut parent, i)).collect()
}

/// The forms among `candidates` that name the same speaker as `name`,
/// `name` itself included, in lower case but spaced as written: the store
/// compares them with `lower(speaker)`, so "Vladimir  Putin" stored with
/// two spaces must come back with two. Each candidate comes with its
/// speaker type when known; `name` takes the type of the candidate it
/// equals.
pub fn forms_of(name: &str, candidates: &[(String, Option<String>)]) -> Vec<String> {
    let mut names: Vec<String> = candidates.iter().map(|c| c.0.to_lowercase()).collect();
    let types: Vec<Option<&str>> = candidates.iter().map(|c| c.1.as_deref()).collect();
    let me = normalise(name);
    let at = match names.iter().position(|n| normalise(n) == me) {
        Some(i) => i,
        None => {
            names.push(me);
            names.len() - 1
        }
    };
    let groups = group(&names, &types);
    let mut out: Vec<String> = names
        .iter()
        .zip(&groups)
        .filter(|(_, g)| **g == groups[at])
        .map(|(n, _)| n.clone())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_surname_names_the_full_name_but_not_a_part_of_a_word() {
        assert!(same_speaker("Putin", "Vladimir Putin"));
        assert!(same_speaker("vladimir  putin", "Vladimir Putin"));
        assert!(same_speaker(
            "Russian President Vladimir Putin",
            "Vladimir Putin"
        ));
        assert!(!same_speaker("Lee", "Ann Leeds"));
        assert!(!same_speaker("Ann Lee", "Bo Lee"));
        assert!(!same_speaker("", "Lee"));
    }

    #[test]
    fn name_forms_of_one_person_are_one_group() {
        let n = names(&[
            "Putin",
            "Vladimir Putin",
            "Russian President Vladimir Putin",
            "PUTIN",
            "Kim Jong Un",
            "Kim",
        ]);
        let g = group(&n, &[]);
        assert!(g[0] == g[1] && g[1] == g[2] && g[2] == g[3]);
        assert_ne!(g[0], g[4]);
        // "Kim" is the first word of "Kim Jong Un", not its last: not one.
        assert_ne!(g[4], g[5]);
    }

    #[test]
    fn a_short_form_that_fits_two_people_stays_alone() {
        let n = names(&["Lee", "Ann Lee", "Bo Lee", "Mayor Ann Lee"]);
        let g = group(&n, &[]);
        assert_ne!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        assert_ne!(g[1], g[2]);
        assert_eq!(g[1], g[3]);
        let untyped = |v: &[&str]| -> Vec<(String, Option<String>)> {
            v.iter().map(|s| ((*s).to_owned(), None)).collect()
        };
        let n = untyped(&["Lee", "Ann Lee", "Bo Lee", "Mayor Ann Lee"]);
        assert_eq!(
            forms_of("ann lee", &n),
            names(&["ann lee", "mayor ann lee"])
        );
        assert_eq!(forms_of("Lee", &n), names(&["lee"]));
        // With one Lee only, "Lee" is that Lee.
        assert_eq!(
            forms_of("Lee", &untyped(&["Ann Lee"])),
            names(&["ann lee", "lee"])
        );
        assert_eq!(forms_of("Nobody", &n), names(&["nobody"]));
        // A stored spelling comes back as stored, for the store to match.
        assert_eq!(
            forms_of("Vladimir Putin", &untyped(&["Vladimir  Putin", "Putin"])),
            names(&["putin", "vladimir  putin"])
        );
    }

    #[test]
    fn a_person_and_an_organisation_are_never_one_speaker() {
        let n = names(&[
            "Ford",
            "Harrison Ford",
            "Gerald Ford",
            "Apple",
            "Fiona Apple",
        ]);
        let g = group(
            &n,
            &[
                Some("organisation"),
                Some("person"),
                Some("person"),
                Some("organisation"),
                Some("person"),
            ],
        );
        assert_ne!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        assert_ne!(g[3], g[4]);
        // Untyped, "Apple" would be Fiona Apple.
        let g = group(&names(&["Apple", "Fiona Apple"]), &[]);
        assert_eq!(g[0], g[1]);
        // A person's surname still joins the one person of that name, and
        // an unknown type does not keep them apart.
        let typed = |v: &[(&str, Option<&str>)]| -> Vec<(String, Option<String>)> {
            v.iter()
                .map(|(n, t)| ((*n).to_owned(), t.map(str::to_owned)))
                .collect()
        };
        assert_eq!(
            forms_of(
                "Putin",
                &typed(&[
                    ("Putin", Some("person")),
                    ("Vladimir Putin", Some("person")),
                    ("Russian President Vladimir Putin", None),
                ])
            ),
            names(&[
                "putin",
                "russian president vladimir putin",
                "vladimir putin"
            ])
        );
        assert_eq!(
            forms_of(
                "Apple",
                &typed(&[
                    ("Apple", Some("organisation")),
                    ("Fiona Apple", Some("person"))
                ])
            ),
            names(&["apple"])
        );
    }
}
