//! A private PostgreSQL cluster in a data folder, run from the server binaries installed on the
//! machine; used by `claimdesk serve` and the integration tests when `DATABASE_URL` is unset.
//!
//! # Why our own launcher and not `postgresql_embedded`
//! `postgresql_embedded` fetches a PostgreSQL build from GitHub releases at run time (or, with its
//! `bundled` feature, at build time). Our machines, CI included, reach package registries and
//! nothing else, so it cannot work offline; and it runs `initdb` as the calling user, which
//! PostgreSQL refuses when that user is root, as it is on our servers and in CI. The distribution's
//! `postgresql` package already puts `initdb`, `pg_ctl` and `postgres` on disk and keeps them
//! patched, so driving them ourselves is less code than working around the crate.
//!
//! # Data folder layout
//! ```text
//! <data_dir>/          mode 0700; as root 0710 with the server user's group (see Root)
//! <data_dir>/pg/        the cluster (PGDATA), owned by the user the server runs as
//! <data_dir>/pg.log     server log (pg_ctl -l), mode 0600; moved to pg.log.1 at a start once
//!                       past 16 MiB
//! <data_dir>/pg.lock    exclusive flock while a process starts or stops the server
//! <data_dir>/pg.users   shared flock held by every live EmbeddedPostgres handle
//! <data_dir>/pg.managed present while a server that claimdesk started runs
//! <data_dir>/run/       Unix socket directory, mode 0700
//! ```
//! The rest of `<data_dir>` belongs to the application.
//!
//! # Security
//! The server listens on no TCP address at all (`listen_addresses = ''`), only on a Unix socket
//! inside a 0700 directory owned by the server's user; so `trust` authentication admits exactly
//! that user and root, who could read the data files anyway. That avoids a password to generate,
//! store and rotate, and a TCP port to pick that could clash (a system cluster may hold 5432).
//! Host lines in `pg_hba.conf` are `reject`, in case someone turns TCP on later.
//!
//! # Root
//! `initdb` and `postgres` refuse to run as root. As root we run every PostgreSQL program as the
//! `postgres` system user (created by the Debian package) by setting uid/gid on the spawned
//! command: std then also drops root's supplementary groups, and unlike `runuser`/`su` it needs no
//! PAM and no extra binary. The cluster and socket directories are chowned to that user, and
//! every directory above the data folder must be enterable by it (checked up front). The data
//! folder itself it only needs to pass through to pg/, run/ and pg.log, so it gets that user's
//! group and mode 0710: no one else may enter it, and the server cannot list it.
//!
//! # Several processes
//! Test binaries (and `serve`) may call [`EmbeddedPostgres::start`] on one folder at the same
//! time. Whoever holds `pg.lock` does the initdb/start; the others wait for the lock and then find
//! a running server, which they reuse. [`EmbeddedPostgres::stop`] stops the server only when no
//! other handle, in any process, still holds `pg.users`, and only if claimdesk started it
//! (`pg.managed` exists): a server someone started by hand is left alone, and one whose starter
//! left early is stopped by its last user instead of running on unowned.
//! A `postmaster.pid` left by a crash is not an obstacle: `pg_ctl status` reports the server as
//! not running (it ignores PIDs that are gone, ours, or another user's), and `postgres` replaces
//! the stale file on start.
//!
//! # Files
//! `binaries` finds the server programs; `runner` runs them (as `postgres` when we are root);
//! `initdb` creates the cluster and writes its settings; `server` starts, probes and waits for
//! it; `lock` serializes processes; `log` rotates and reads the server log; `paths` checks what
//! PostgreSQL can be given as a path.

mod account;
mod binaries;
mod error;
mod initdb;
mod lock;
mod log;
mod paths;
mod runner;
mod server;

use std::fs::{self, File, TryLockError};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

pub use binaries::{BINDIR_ENV, find_bin_dir};
pub use error::EmbeddedError;
use error::io_err;
use lock::{lock_exclusive, open_lock_file};
use paths::check_path_chars;
use runner::{PgRunner, RunAs};

/// Data folder used when none is configured.
pub const DEFAULT_DATA_DIR: &str = "var";

/// Only names the socket file (`.s.PGSQL.<port>`): no TCP port is opened, so it cannot clash.
const PORT: u16 = 54329;
/// The superuser role initdb creates; fixed so URLs don't depend on who runs the process.
const SUPERUSER: &str = "postgres";

/// How to start the cluster.
#[derive(Clone, Debug)]
pub struct EmbeddedOptions {
    /// Directory with `initdb`, `pg_ctl` and `postgres`; when `None`, [`BINDIR_ENV`], then
    /// `pg_config --bindir`, then the newest `/usr/lib/postgresql/*/bin`.
    pub bin_dir: Option<PathBuf>,
    /// `false` turns off fsync, synchronous_commit and full_page_writes: data survives a clean
    /// stop but not an OS crash. Only for tests, where it makes cloning template databases fast.
    pub durable: bool,
    /// How long to wait for the server to accept connections (and for another process's start).
    pub start_timeout: Duration,
}

impl Default for EmbeddedOptions {
    fn default() -> Self {
        Self {
            bin_dir: None,
            durable: true,
            start_timeout: Duration::from_secs(30),
        }
    }
}

impl EmbeddedOptions {
    /// Defaults, but not durable: see [`Self::durable`].
    pub fn for_tests() -> Self {
        Self {
            durable: false,
            ..Self::default()
        }
    }
}

/// A handle on the cluster in one data folder. Dropping it without [`stop`](Self::stop) leaves
/// the server running (it is a separate, detached process), which the next `start` reuses.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    data_dir: PathBuf,
    socket_dir: PathBuf,
    port: u16,
    owned: bool,
    pg: PgRunner,
    /// Shared flock on `pg.users`; tells a handle that stops whether anyone still needs the server.
    users: File,
}

impl EmbeddedPostgres {
    /// Starts (or reuses) the cluster in `data_dir` with default options; see [`Self::start_with`].
    pub async fn start(data_dir: &Path, db_name: &str) -> Result<Self, EmbeddedError> {
        Self::start_with(data_dir, db_name, &EmbeddedOptions::default()).await
    }

    /// Finds the binaries, runs initdb if the folder is new, starts the server unless one already
    /// runs on this folder, waits until it accepts connections, and creates `db_name` if missing.
    pub async fn start_with(
        data_dir: &Path,
        db_name: &str,
        options: &EmbeddedOptions,
    ) -> Result<Self, EmbeddedError> {
        if !data_dir.exists() {
            fs::create_dir_all(data_dir).map_err(io_err(format!(
                "creating data folder {}",
                data_dir.display()
            )))?;
        }
        let data_dir = data_dir
            .canonicalize()
            .map_err(io_err(format!("resolving {}", data_dir.display())))?;
        check_path_chars(&data_dir)?;
        // Before the check that the server's user can enter it, which this may make true.
        close_data_dir(&data_dir)?;
        let run_as = RunAs::detect(&data_dir)?;
        let cluster = data_dir.join("pg");
        let bin_dir = find_bin_dir(options.bin_dir.as_deref(), &cluster)?;
        let pg = PgRunner { bin_dir, run_as };

        let deadline = Instant::now() + options.start_timeout;
        let lock_path = data_dir.join("pg.lock");
        // Waiting for another process's initdb + start, so allow for both.
        let _lock = lock_exclusive(&lock_path, options.start_timeout * 2).await?;
        let users = open_lock_file(&data_dir.join("pg.users"))?;
        users
            .lock_shared()
            .map_err(io_err("locking pg.users (shared)"))?;

        let mut this = Self {
            socket_dir: data_dir.join("run"),
            port: PORT,
            data_dir,
            owned: false,
            pg,
            users,
        };
        if this.server_is_running().await? {
            this.read_postmaster_pid()?;
            this.wait_until_ready(deadline, "a server already runs on this folder")
                .await?;
        } else {
            this.initdb_if_needed(options).await?;
            this.start_server(options, deadline).await?;
            this.owned = true;
        }
        this.create_database(db_name).await?;
        Ok(this)
    }

    /// Releases this handle, and stops the server (`pg_ctl stop -m fast`) if it was the last
    /// handle using it, in any process, and claimdesk started it.
    pub async fn stop(self) -> Result<(), EmbeddedError> {
        let _lock = lock_exclusive(&self.data_dir.join("pg.lock"), Duration::from_secs(60)).await?;
        match self.users.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                tracing::info!(data_dir = %self.data_dir.display(), "embedded PostgreSQL still in use elsewhere; leaving it running");
                return Ok(());
            }
            Err(TryLockError::Error(e)) => return Err(io_err("locking pg.users")(e)),
        }
        let marker = self.data_dir.join("pg.managed");
        if !marker.exists() {
            return Ok(());
        }
        if !self.server_is_running().await? {
            // Crashed or stopped by hand: nothing to stop, and pg_ctl would call that an error.
            let _ = fs::remove_file(&marker);
            return Ok(());
        }
        self.pg
            .run(
                "pg_ctl",
                [
                    "stop".as_ref(),
                    "-D".as_ref(),
                    self.cluster().as_os_str(),
                    "-m".as_ref(),
                    "fast".as_ref(),
                    "-w".as_ref(),
                    "-s".as_ref(),
                ],
            )
            .await?;
        fs::remove_file(&marker).map_err(io_err(format!("removing {}", marker.display())))?;
        if self.socket_dir != self.data_dir.join("run") {
            // A fallback directory under /tmp is ours alone; don't leave it behind.
            let _ = fs::remove_dir(&self.socket_dir);
        }
        Ok(())
    }

    /// Connection URL for database `db`, in the form tokio-postgres (so diesel-async) accepts:
    /// the socket directory, percent-encoded, stands in the host part.
    pub fn database_url(&self, db: &str) -> String {
        let host = self
            .socket_dir
            .to_str()
            .expect("socket dir is checked to be UTF-8");
        format!(
            "postgresql://{SUPERUSER}@{}:{}/{}",
            utf8_percent_encode(host, NON_ALPHANUMERIC),
            self.port,
            utf8_percent_encode(db, NON_ALPHANUMERIC),
        )
    }

    /// Whether this handle started the server (rather than finding it running).
    pub fn is_owner(&self) -> bool {
        self.owned
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn socket_dir(&self) -> &Path {
        &self.socket_dir
    }

    pub fn log_file(&self) -> PathBuf {
        self.data_dir.join("pg.log")
    }

    fn cluster(&self) -> PathBuf {
        self.data_dir.join("pg")
    }
}

/// Closes the data folder (and the server logs in it) to other users, at every start so a folder
/// made by an older version, or by `create_dir_all` under a loose umask, is closed too. The data
/// folder may hold the app's own secrets, and the log quotes SQL and connection details.
fn close_data_dir(data_dir: &Path) -> Result<(), EmbeddedError> {
    let mode = match runner::system_user()? {
        // As root the server runs as that user, which must pass through the folder.
        Some((_, gid)) => {
            std::os::unix::fs::chown(data_dir, None, Some(gid))
                .map_err(io_err(format!("chgrp {gid} {}", data_dir.display())))?;
            0o710
        }
        None => 0o700,
    };
    fs::set_permissions(data_dir, fs::Permissions::from_mode(mode))
        .map_err(io_err(format!("chmod {mode:o} {}", data_dir.display())))?;
    for log in ["pg.log", "pg.log.1"] {
        match fs::set_permissions(data_dir.join(log), fs::Permissions::from_mode(0o600)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_err(format!("chmod 600 {log}"))(e));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encodes_the_socket_directory() {
        let pg = EmbeddedPostgres {
            data_dir: "/srv/var".into(),
            socket_dir: "/srv/var/run".into(),
            port: PORT,
            owned: false,
            pg: PgRunner {
                bin_dir: "/nonexistent".into(),
                run_as: RunAs::CurrentUser,
            },
            users: File::open("/dev/null").unwrap(),
        };
        assert_eq!(
            pg.database_url("claimdesk"),
            "postgresql://postgres@%2Fsrv%2Fvar%2Frun:54329/claimdesk"
        );
    }
}
