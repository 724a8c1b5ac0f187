//! Rules for what hangs off a claim and has an author (evidence, comments):
//! who may change it, and whether the version a client read is current.

use super::{ReviewError, Role, UserId};

/// Its author may change it, and so may any editor.
pub fn check_author_or_editor(
    author: UserId,
    actor: UserId,
    role: Role,
    who: &'static str,
) -> Result<(), ReviewError> {
    if author == actor || role >= Role::Editor {
        Ok(())
    } else {
        Err(ReviewError::NotAuthor { who })
    }
}

/// An edit may name the version it read (optional for attachments, unlike
/// claims); it must be the current one. The store checks again under the
/// row's lock.
pub fn is_stale(expected: Option<i32>, current: i32) -> bool {
    expected.is_some_and(|v| v != current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_and_editors_may_change_others_may_not() {
        let author = UserId::new();
        let other = UserId::new();
        assert!(check_author_or_editor(author, author, Role::Checker, "its author").is_ok());
        assert!(check_author_or_editor(author, other, Role::Editor, "its author").is_ok());
        assert_eq!(
            check_author_or_editor(author, other, Role::Checker, "its author"),
            Err(ReviewError::NotAuthor { who: "its author" })
        );
    }

    #[test]
    fn only_a_named_other_version_is_stale() {
        assert!(!is_stale(None, 3));
        assert!(!is_stale(Some(3), 3));
        assert!(is_stale(Some(2), 3));
    }
}
