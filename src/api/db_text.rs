//! PostgreSQL text cannot hold NUL (U+0000), which JSON can: a string with
//! one reaches the database only to be refused there. That refusal is the
//! client's mistake (422 `invalid_text`), not a server error.

use diesel::result::Error as DieselError;

/// Did PostgreSQL refuse a NUL character in text?
pub fn refused_nul(e: &DieselError) -> bool {
    matches!(e, DieselError::DatabaseError(_, info)
        if info.message().starts_with("invalid byte sequence for encoding")
            && info.message().ends_with("0x00"))
}
