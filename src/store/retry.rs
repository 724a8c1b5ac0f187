//! Transactions PostgreSQL aborts because of other transactions: a
//! serialization failure (SQLSTATE 40001) or the victim of a deadlock
//! (40P01). Locks are taken in one order (article, then its claims by id),
//! so neither should happen; if one does, the transaction runs again rather
//! than fail the user's request.
//!
//! ```ignore
//! let mut attempt = 0;
//! loop {
//!     let result = conn.transaction(async |conn| { ... }).await;
//!     if !retry::again(&result, &mut attempt).await {
//!         return result;
//!     }
//! }
//! ```

use super::StoreError;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use rand::Rng;
use std::time::Duration;

/// Attempts in all, the first included.
pub const MAX_ATTEMPTS: u32 = 5;

/// Whether PostgreSQL aborted the transaction only because of a concurrent
/// one, so running it again can succeed.
pub fn is_transient(e: &StoreError) -> bool {
    match e {
        StoreError::Query(DieselError::DatabaseError(
            DatabaseErrorKind::SerializationFailure,
            _,
        )) => true,
        // diesel has no kind for 40P01; the server's message names it (the
        // server's messages are in English unless `lc_messages` says
        // otherwise, which needs a superuser).
        StoreError::Query(DieselError::DatabaseError(DatabaseErrorKind::Unknown, info)) => {
            info.message() == "deadlock detected"
        }
        _ => false,
    }
}

/// After one attempt: whether to run the transaction again. Counts the
/// attempt and, when the answer is yes, waits a short random time first so
/// the transactions that collided do not collide again.
pub async fn again<T>(result: &Result<T, StoreError>, attempt: &mut u32) -> bool {
    *attempt += 1;
    let Err(e) = result else { return false };
    if !is_transient(e) || *attempt >= MAX_ATTEMPTS {
        return false;
    }
    tracing::warn!(attempt = *attempt, error = %e, "transaction aborted by a concurrent one; running it again");
    let ms = rand::thread_rng().gen_range(5..=20) * u64::from(*attempt);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_transient_failures_are_retried_and_only_so_often() {
        let serialization: Result<(), StoreError> =
            Err(StoreError::Query(DieselError::DatabaseError(
                DatabaseErrorKind::SerializationFailure,
                Box::new("could not serialize access".to_owned()),
            )));
        let deadlock: Result<(), StoreError> = Err(StoreError::Query(DieselError::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("deadlock detected".to_owned()),
        )));
        let other: Result<(), StoreError> = Err(StoreError::Query(DieselError::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("syntax error".to_owned()),
        )));
        let mut attempt = 0;
        assert!(!again(&Ok::<(), StoreError>(()), &mut attempt).await);
        assert!(!again(&other, &mut attempt).await);
        assert!(!again(&Err::<(), _>(StoreError::NotFound), &mut attempt).await);
        let mut attempt = 0;
        assert!(again(&deadlock, &mut attempt).await);
        let mut tries = 1;
        while again(&serialization, &mut attempt).await {
            tries += 1;
        }
        assert_eq!((attempt, tries + 1), (MAX_ATTEMPTS, MAX_ATTEMPTS));
    }
}
