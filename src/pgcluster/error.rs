//! What can go wrong starting or stopping the cluster.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use super::account::SYSTEM_USER;

#[derive(thiserror::Error, Debug)]
pub enum EmbeddedError {
    #[error(
        "PostgreSQL server programs (initdb, pg_ctl, postgres) not found (looked in: {searched}). \
         Install the `postgresql` package (Debian/Ubuntu: `apt-get install postgresql`), \
         or set DATABASE_URL to use an existing PostgreSQL server"
    )]
    BinariesNotFound { searched: String },
    #[error(
        "running as root, so PostgreSQL must run as the `{SYSTEM_USER}` system user, which does not \
         exist; install the `postgresql` package (it creates the user), run as a normal user, \
         or set DATABASE_URL"
    )]
    SystemUserMissing,
    #[error(
        "PostgreSQL runs as the `{SYSTEM_USER}` user, which cannot enter {} (mode {mode:o}); \
         make it traversable (chmod o+x) or choose a data folder elsewhere", dir.display()
    )]
    NotTraversable { dir: PathBuf, mode: u32 },
    #[error("data folder path {} is not supported: {reason}", path.display())]
    UnsupportedPath { path: PathBuf, reason: &'static str },
    #[error("{action}: {source}")]
    Io {
        action: String,
        #[source]
        source: io::Error,
    },
    #[error("`{command}` failed ({status}): {output}")]
    Command {
        command: String,
        status: String,
        output: String,
    },
    #[error("PostgreSQL in {} did not become ready: {reason}\n--- last lines of {} ---\n{log_tail}", data_dir.display(), log.display())]
    StartFailed {
        data_dir: PathBuf,
        reason: String,
        log: PathBuf,
        log_tail: String,
    },
    #[error("gave up after {waited:?} waiting for the lock {} held by another process", path.display())]
    LockTimeout { path: PathBuf, waited: Duration },
    #[error("connecting to the embedded PostgreSQL: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("creating the database: {0}")]
    Query(#[from] diesel::result::Error),
}

pub(super) fn io_err(action: impl Into<String>) -> impl FnOnce(io::Error) -> EmbeddedError {
    let action = action.into();
    move |source| EmbeddedError::Io { action, source }
}
