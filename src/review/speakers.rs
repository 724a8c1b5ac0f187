//! When two speaker names name the same speaker.

/// Equal ignoring case, or one is the other's last word or words: "Putin"
/// and "Vladimir Putin", "Lee" and "Ann Lee". The store's similarity query
/// applies the same rule in SQL (`store::similar::similar`).
pub fn same_speaker(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
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

#[cfg(test)]
mod tests {
    use super::same_speaker;

    #[test]
    fn a_surname_names_the_full_name_but_not_a_part_of_a_word() {
        assert!(same_speaker("Putin", "Vladimir Putin"));
        assert!(same_speaker("vladimir putin", "Vladimir Putin"));
        assert!(same_speaker(
            "Russian President Vladimir Putin",
            "Vladimir Putin"
        ));
        assert!(!same_speaker("Lee", "Ann Leeds"));
        assert!(!same_speaker("Ann Lee", "Bo Lee"));
        assert!(!same_speaker("", "Lee"));
    }
}
