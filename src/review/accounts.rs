//! Account rules: passwords, emails, names. Shared by the API and the CLI,
//! so an account made either way meets the same rules.

use super::ReviewError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1024;
pub const MAX_NAME_CHARS: usize = 200;

/// Verified against when an email is unknown, so logins with unknown
/// emails take as long as real ones. A constant rather than hashed at
/// start-up, which would cost 19 MiB of resident memory for nothing; it
/// protects no secret.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$8GPqT1f3laIbfTp5yTzxwQ$oksXA9/xq8w0WJ7jUf7niywiTWkc7D7Yv9wmS3mEzIA";

/// argon2id with the crate's default (OWASP-recommended) parameters.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

pub fn check_password_policy(password: &str) -> Result<(), ReviewError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ReviewError::WeakPassword(format!(
            "the password must have at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if password.contains('\0') {
        return Err(ReviewError::WeakPassword(
            "the password must not contain NUL (U+0000)".into(),
        ));
    }
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(ReviewError::WeakPassword(format!(
            "the password is longer than {MAX_PASSWORD_CHARS} characters"
        )));
    }
    Ok(())
}

/// Emails compare case-insensitively; the column holds them lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn check_email(email: &str) -> Result<(), ReviewError> {
    let e = email.trim();
    let valid = e.chars().count() <= 254
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !e.contains(char::is_whitespace);
    if valid {
        Ok(())
    } else {
        Err(ReviewError::InvalidEmail(e.to_owned()))
    }
}

/// A display name: trimmed, 1 to 200 characters.
pub fn check_name(name: &str) -> Result<String, ReviewError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > MAX_NAME_CHARS {
        return Err(ReviewError::InvalidName);
    }
    Ok(n.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterx", &h));
        assert!(!verify_password("anything", "not a hash"));
        assert!(check_password_policy("short").is_err());
        assert!(check_password_policy(&"x".repeat(1025)).is_err());
        assert!(check_password_policy("long enough pass").is_ok());
    }

    #[test]
    fn dummy_hash_costs_what_a_real_one_does() {
        let real = hash_password("whatever password").unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap().to_owned();
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn emails_and_names() {
        assert!(check_email(" Ann@Example.org ").is_ok());
        for bad in [
            "",
            "ann",
            "@example.org",
            "ann@org",
            "ann@.org",
            "ann@org.",
            "a nn@x.org",
        ] {
            assert_eq!(
                check_email(bad),
                Err(ReviewError::InvalidEmail(bad.trim().into()))
            );
        }
        assert_eq!(normalize_email(" Ann@Example.ORG"), "ann@example.org");
        assert_eq!(check_name("  Ann Lee "), Ok("Ann Lee".into()));
        assert_eq!(check_name("   "), Err(ReviewError::InvalidName));
        assert_eq!(check_name(&"x".repeat(201)), Err(ReviewError::InvalidName));
    }
}
