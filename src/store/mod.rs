//! PostgreSQL persistence through diesel-async. Query functions take
//! `&mut AsyncPgConnection`, so a handler, a transaction and a test all call
//! the same code.

pub mod app_role;
pub mod articles;
mod attachment_writes;
pub mod claims;
pub mod comments;
pub mod events;
pub mod evidence;
pub mod links;
pub mod live;
pub mod logins;
pub mod overview;
pub mod reading_order;
pub mod reextract;
pub mod retry;
pub mod schema;
pub mod sessions;
pub mod similar;
pub mod speakers;
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

/// PostgreSQL advisory lock keys (per database) for work that several
/// instances starting together on one database must do one at a time.
pub mod lock_keys {
    /// Applying migrations.
    pub const MIGRATIONS: i64 = 0x636c_6169_6d64_0001;
    /// First-run set-up: the first admin, the demo article.
    pub const FIRST_RUN: i64 = 0x636c_6169_6d64_0002;
}

/// Applies pending migrations. diesel's migration harness is synchronous, so it
/// runs on a blocking thread over `AsyncConnectionWrapper` (no libpq). A
/// session advisory lock makes instances starting together take turns: the
/// first applies them, the others then find nothing pending.
pub async fn migrate(database_url: &str) -> anyhow::Result<Vec<String>> {
    use diesel::sql_types::BigInt;
    use diesel::{Connection, RunQueryDsl};
    use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
    let url = database_url.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url)?;
        diesel::sql_query("SELECT pg_advisory_lock($1)")
            .bind::<BigInt, _>(lock_keys::MIGRATIONS)
            .execute(&mut conn)?;
        let applied: anyhow::Result<Vec<String>> = conn
            .run_pending_migrations(MIGRATIONS)
            .map(|done| done.iter().map(|v| v.to_string()).collect())
            .map_err(|e| anyhow::anyhow!("migration failed: {e}"));
        // Closing the connection releases the lock too; unlock anyway.
        let _ = diesel::sql_query("SELECT pg_advisory_unlock($1)")
            .bind::<BigInt, _>(lock_keys::MIGRATIONS)
            .execute(&mut conn);
        applied
    })
    .await?
}

/// Takes the session advisory lock `key`, waiting for whoever holds it.
pub async fn advisory_lock(conn: &mut AsyncPgConnection, key: i64) -> Result<(), StoreError> {
    use diesel_async::RunQueryDsl;
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<diesel::sql_types::BigInt, _>(key)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn advisory_unlock(conn: &mut AsyncPgConnection, key: i64) -> Result<(), StoreError> {
    use diesel_async::RunQueryDsl;
    diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<diesel::sql_types::BigInt, _>(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// The shared secret `name`: the stored one, or `init` stored now if there is
/// none yet. Instances starting together agree: the first insert wins and
/// every one reads it back.
pub async fn shared_secret(
    conn: &mut AsyncPgConnection,
    name: &str,
    init: impl FnOnce() -> String,
) -> Result<String, StoreError> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    use schema::server_secrets;
    diesel::insert_into(server_secrets::table)
        .values((
            server_secrets::name.eq(name),
            server_secrets::value.eq(init()),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(server_secrets::table
        .find(name)
        .select(server_secrets::value)
        .first(conn)
        .await?)
}

/// A new time-ordered id: UUIDv7 sorts by creation time, so keyset pagination
/// by id is also chronological.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
