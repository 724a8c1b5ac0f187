//! When two speaker names name the same speaker, and which name forms are
//! one speaker: "Putin", "Vladimir Putin" and "Russian President Vladimir
//! Putin" are one; "Lee" beside both "Ann Lee" and "Bo Lee" is neither.

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

/// Groups name forms that name one speaker; returns each name's group as
/// the index of one of its members. A form joins the longer forms it is a
/// suffix of when those all name one speaker themselves ("Putin" →
/// "Vladimir Putin" → "Russian President Vladimir Putin"); a form that
/// would fit two different speakers ("Lee" beside "Ann Lee" and "Bo Lee")
/// stays on its own rather than guess.
pub fn group(names: &[String]) -> Vec<usize> {
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
            let consistent = longer
                .iter()
                .all(|&a| longer.iter().all(|&b| same_speaker(&norm[a], &norm[b])));
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
/// two spaces must come back with two.
pub fn forms_of(name: &str, candidates: &[String]) -> Vec<String> {
    let mut names: Vec<String> = candidates.iter().map(|c| c.to_lowercase()).collect();
    let me = normalise(name);
    let at = match names.iter().position(|n| normalise(n) == me) {
        Some(i) => i,
        None => {
            names.push(me);
            names.len() - 1
        }
    };
    let groups = group(&names);
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
        let g = group(&n);
        assert!(g[0] == g[1] && g[1] == g[2] && g[2] == g[3]);
        assert_ne!(g[0], g[4]);
        // "Kim" is the first word of "Kim Jong Un", not its last: not one.
        assert_ne!(g[4], g[5]);
    }

    #[test]
    fn a_short_form_that_fits_two_people_stays_alone() {
        let n = names(&["Lee", "Ann Lee", "Bo Lee", "Mayor Ann Lee"]);
        let g = group(&n);
        assert_ne!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        assert_ne!(g[1], g[2]);
        assert_eq!(g[1], g[3]);
        assert_eq!(
            forms_of("ann lee", &n),
            names(&["ann lee", "mayor ann lee"])
        );
        assert_eq!(forms_of("Lee", &n), names(&["lee"]));
        // With one Lee only, "Lee" is that Lee.
        assert_eq!(
            forms_of("Lee", &names(&["Ann Lee"])),
            names(&["ann lee", "lee"])
        );
        assert_eq!(forms_of("Nobody", &n), names(&["nobody"]));
        // A stored spelling comes back as stored, for the store to match.
        assert_eq!(
            forms_of("Vladimir Putin", &names(&["Vladimir  Putin", "Putin"])),
            names(&["putin", "vladimir  putin"])
        );
    }
}
