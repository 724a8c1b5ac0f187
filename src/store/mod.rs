//! PostgreSQL persistence through diesel-async. Query functions take
//! `&mut AsyncPgConnection`, so a handler, a transaction and a test all call
//! the same code.

pub mod articles;
mod attachment_writes;
pub mod claims;
pub mod comments;
pub mod events;
pub mod evidence;
pub mod links;
pub mod reextract;
pub mod retry;
pub mod schema;
mod sql_types;
pub mod users;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel_async::AsyncPgConnection;
use diesel_async::pooled_connection::AsyncDieselConnectionManager;
use diesel_async::pooled_connection::deadpool::{Object, Pool, PoolError};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::time::Duration;

pub type DbPool = Pool<AsyncPgConnection>;
pub type DbConn = Object<AsyncPgConnection>;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// The outcome of a write under optimistic locking.
#[derive(Debug)]
pub enum Versioned<T> {
    Written(T),
    /// Someone else wrote first; this is the row as it is now.
    Stale(T),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write; carries the constraint name.
    #[error("conflict on {0}")]
    Conflict(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Query(DieselError),
}

impl From<DieselError> for StoreError {
    fn from(e: DieselError) -> Self {
        match e {
            DieselError::NotFound => StoreError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                StoreError::Conflict(info.constraint_name().unwrap_or("unique").to_owned())
            }
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                StoreError::Unavailable(info.message().to_owned())
            }
            other => StoreError::Query(other),
        }
    }
}

impl From<PoolError> for StoreError {
    fn from(e: PoolError) -> Self {
        StoreError::Unavailable(e.to_string())
    }
}

/// A pool that never blocks a request for long: while the database is down,
/// handlers get `Unavailable` within the timeouts instead of hanging, and the
/// pool reconnects by itself once it is back.
pub fn pool(database_url: &str, max_size: usize) -> DbPool {
    let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new(database_url);
    Pool::builder(manager)
        .max_size(max_size)
        .runtime(deadpool::Runtime::Tokio1)
        .wait_timeout(Some(Duration::from_secs(5)))
        .create_timeout(Some(Duration::from_secs(3)))
        .recycle_timeout(Some(Duration::from_secs(3)))
        .build()
        .expect("a pool with a runtime and timeouts always builds")
}

/// Applies pending migrations. diesel's migration harness is synchronous, so it
/// runs on a blocking thread over `AsyncConnectionWrapper` (no libpq).
pub async fn migrate(database_url: &str) -> anyhow::Result<Vec<String>> {
    use diesel::Connection;
    use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
    let url = database_url.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)?;
        let applied = conn
            .run_pending_migrations(MIGRATIONS)
            .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
        Ok(applied.iter().map(|v| v.to_string()).collect())
    })
    .await?
}

/// A new time-ordered id: UUIDv7 sorts by creation time, so keyset pagination
/// by id is also chronological.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
