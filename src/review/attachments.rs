//! Rules for what hangs off a claim and has an author (evidence, comments):
//! who may change it, and whether the version a client read is current.

use super::{LimitedField, ReviewError, Role, UserId};

pub const MAX_COMMENT_CHARS: usize = 10_000;
pub const MAX_EVIDENCE_TEXT_CHARS: usize = 10_000;

/// A comment's text: trimmed, not empty, at most 10,000 characters.
pub fn check_comment(body: &str) -> Result<&str, ReviewError> {
    let body = body.trim();
    let field = LimitedField::Comment;
    if body.is_empty() {
        return Err(ReviewError::Empty { field });
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(ReviewError::TooLong {
            field,
            max: MAX_COMMENT_CHARS,
        });
    }
    Ok(body)
}

/// An evidence title, publisher or excerpt (`name`): trimmed, blank is
/// none, at most 10,000 characters.
pub fn check_evidence_text(
    name: &'static str,
    v: Option<String>,
) -> Result<Option<String>, ReviewError> {
    let v = v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    if v.as_ref()
        .is_some_and(|s| s.chars().count() > MAX_EVIDENCE_TEXT_CHARS)
    {
        return Err(ReviewError::TooLong {
            field: LimitedField::EvidenceText(name),
            max: MAX_EVIDENCE_TEXT_CHARS,
        });
    }
    Ok(v)
}

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
    fn comment_and_evidence_texts_are_trimmed_and_bounded() {
        assert_eq!(check_comment("  hi "), Ok("hi"));
        assert!(matches!(
            check_comment("   "),
            Err(ReviewError::Empty { .. })
        ));
        assert!(matches!(
            check_comment(&"x".repeat(MAX_COMMENT_CHARS + 1)),
            Err(ReviewError::TooLong { .. })
        ));
        assert_eq!(check_evidence_text("title", Some("  ".into())), Ok(None));
        assert!(check_evidence_text("title", Some("x".repeat(10_001))).is_err());
    }

    #[test]
    fn only_a_named_other_version_is_stale() {
        assert!(!is_stale(None, 3));
        assert!(!is_stale(Some(3), 3));
        assert!(is_stale(Some(2), 3));
    }
}
