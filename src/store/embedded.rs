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
//! <data_dir>/pg/        the cluster (PGDATA), owned by the user the server runs as
//! <data_dir>/pg.log     server log (pg_ctl -l); moved to pg.log.1 at a start once past 16 MiB
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
//! every directory above the data folder must be enterable by it (checked up front).
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

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use diesel::dsl::sql;
use diesel::pg::PgQueryBuilder;
use diesel::query_builder::QueryBuilder;
use diesel::sql_types::{Bool, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use tokio::process::Command;

/// Data folder used when none is configured.
pub const DEFAULT_DATA_DIR: &str = "var";
/// Environment variable naming the directory holding `initdb`, `pg_ctl` and `postgres`.
pub const BINDIR_ENV: &str = "CLAIMDESK_PG_BINDIR";

/// Only names the socket file (`.s.PGSQL.<port>`): no TCP port is opened, so it cannot clash.
const PORT: u16 = 54329;
/// The superuser role initdb creates; fixed so URLs don't depend on who runs the process.
const SUPERUSER: &str = "postgres";
/// The OS account PostgreSQL runs as when we are root (Debian's package creates it).
const SYSTEM_USER: &str = "postgres";
/// `sun_path` is 108 bytes on Linux, including the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;
const REQUIRED_BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

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

fn io_err(action: impl Into<String>) -> impl FnOnce(io::Error) -> EmbeddedError {
    let action = action.into();
    move |source| EmbeddedError::Io { action, source }
}

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
            // Enterable but not listable by others, whatever the umask: as root the server's
            // user must reach pg/ and run/ inside, but has no business with the app's files.
            fs::set_permissions(data_dir, fs::Permissions::from_mode(0o711))
                .map_err(io_err(format!("chmod 711 {}", data_dir.display())))?;
        }
        let data_dir = data_dir
            .canonicalize()
            .map_err(io_err(format!("resolving {}", data_dir.display())))?;
        check_path_chars(&data_dir)?;
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

    async fn server_is_running(&self) -> Result<bool, EmbeddedError> {
        let cluster = self.cluster();
        if !cluster.join("postmaster.pid").exists() {
            return Ok(false);
        }
        // Exit status 3 is "not running", which includes a stale postmaster.pid.
        let out = self
            .pg
            .output(
                "pg_ctl",
                ["status".as_ref(), "-D".as_ref(), cluster.as_os_str()],
            )
            .await?;
        Ok(out.status.success())
    }

    /// Takes the socket directory and port from a running server, which may have been started
    /// with a fallback socket directory.
    fn read_postmaster_pid(&mut self) -> Result<(), EmbeddedError> {
        let path = self.cluster().join("postmaster.pid");
        let text =
            fs::read_to_string(&path).map_err(io_err(format!("reading {}", path.display())))?;
        let lines: Vec<&str> = text.lines().collect();
        // Line 4 is the port, line 5 the first socket directory (see pidfile.h).
        if let Some(port) = lines.get(3).and_then(|l| l.trim().parse().ok()) {
            self.port = port;
        }
        if let Some(dir) = lines.get(4).map(|l| l.trim()).filter(|l| !l.is_empty()) {
            self.socket_dir = PathBuf::from(dir);
        }
        Ok(())
    }

    async fn initdb_if_needed(&self, options: &EmbeddedOptions) -> Result<(), EmbeddedError> {
        let cluster = self.cluster();
        if cluster.join("PG_VERSION").exists() {
            return Ok(());
        }
        // initdb into a side directory and rename, so a crash mid-initdb never leaves a
        // half-made cluster that looks real.
        let staging = self.data_dir.join("pg.initdb");
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .map_err(io_err(format!("removing {}", staging.display())))?;
        }
        if cluster.exists() {
            // Without PG_VERSION it is no cluster: an empty one is safe to drop, and
            // anything else may be someone's files, so remove_dir refuses it.
            fs::remove_dir(&cluster).map_err(io_err(format!(
                "{} exists but holds no PostgreSQL cluster; remove it",
                cluster.display()
            )))?;
        }
        self.pg.make_private_dir(&staging)?;
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "-D".as_ref(),
            staging.as_os_str(),
            "--username".as_ref(),
            SUPERUSER.as_ref(),
            "--auth-local=trust".as_ref(),
            "--auth-host=reject".as_ref(),
            "--encoding=UTF8".as_ref(),
            // C collation: the same everywhere, needs no OS locale, and sorts fastest.
            "--locale=C".as_ref(),
            "--no-instructions".as_ref(),
        ];
        if !options.durable {
            args.push("--no-sync".as_ref());
        }
        self.pg.run("initdb", args).await?;
        let conf = staging.join("postgresql.conf");
        let mut text =
            fs::read_to_string(&conf).map_err(io_err(format!("reading {}", conf.display())))?;
        text.push_str("\n# claimdesk rewrites claimdesk.conf at each start; its settings override the above.\ninclude 'claimdesk.conf'\n");
        fs::write(&conf, text).map_err(io_err(format!("writing {}", conf.display())))?;
        fs::rename(&staging, &cluster).map_err(io_err(format!(
            "renaming {} to {}",
            staging.display(),
            cluster.display()
        )))?;
        Ok(())
    }

    async fn start_server(
        &mut self,
        options: &EmbeddedOptions,
        deadline: Instant,
    ) -> Result<(), EmbeddedError> {
        let marker = self.data_dir.join("pg.managed");
        // Left by a crash; written again below once the new server is up.
        let _ = fs::remove_file(&marker);
        self.socket_dir = self.prepare_socket_dir()?;
        let cluster = self.cluster();
        let conf_path = cluster.join("claimdesk.conf");
        let mut conf = format!(
            "listen_addresses = ''\nport = {}\nunix_socket_directories = '{}'\nunix_socket_permissions = 0700\n",
            self.port,
            self.socket_dir.display()
        );
        if !options.durable {
            conf.push_str("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        fs::write(&conf_path, conf).map_err(io_err(format!("writing {}", conf_path.display())))?;
        self.pg.give(&conf_path)?;

        // pg_ctl opens the log as the server's user, and it may not create files in data_dir.
        let log = self.log_file();
        rotate_log(&log, LOG_ROTATE_BYTES)
            .map_err(io_err(format!("rotating {}", log.display())))?;
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(io_err(format!("creating {}", log.display())))?;
        self.pg.give(&log)?;

        let timeout = deadline
            .saturating_duration_since(Instant::now())
            .as_secs()
            .max(1);
        let out = self
            .pg
            .output(
                "pg_ctl",
                [
                    "start".as_ref(),
                    "-D".as_ref(),
                    cluster.as_os_str(),
                    "-l".as_ref(),
                    log.as_os_str(),
                    "-w".as_ref(),
                    "-t".as_ref(),
                    timeout.to_string().as_ref(),
                    "-s".as_ref(),
                ],
            )
            .await?;
        if !out.status.success() {
            return Err(self.start_failed(format!("pg_ctl start: {}", describe(&out))));
        }
        self.wait_until_ready(deadline, "pg_ctl start reported success")
            .await?;
        File::create(&marker).map_err(io_err(format!("creating {}", marker.display())))?;
        Ok(())
    }

    /// `<data_dir>/run` when usable as a socket directory; otherwise a fresh directory
    /// under /tmp (postmaster.pid tells other processes where it is).
    fn prepare_socket_dir(&self) -> Result<PathBuf, EmbeddedError> {
        let preferred = self.data_dir.join("run");
        if socket_dir_usable(&preferred, self.port) {
            self.pg.make_private_dir(&preferred)?;
            return Ok(preferred);
        }
        loop {
            let dir = PathBuf::from(format!("/tmp/claimdesk-pg-{:08x}", rand::random::<u32>()));
            match fs::DirBuilder::new().mode(0o700).create(&dir) {
                Ok(()) => {
                    self.pg.give(&dir)?;
                    return Ok(dir);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io_err(format!("creating {}", dir.display()))(e)),
            }
        }
    }

    async fn wait_until_ready(
        &self,
        deadline: Instant,
        context: &str,
    ) -> Result<(), EmbeddedError> {
        let url = self.database_url("postgres");
        loop {
            let attempt =
                tokio::time::timeout(Duration::from_secs(5), AsyncPgConnection::establish(&url))
                    .await;
            let error = match attempt {
                Ok(Ok(_)) => return Ok(()),
                Ok(Err(e)) => e.to_string(),
                Err(_) => "connection attempt timed out".to_owned(),
            };
            if Instant::now() >= deadline {
                return Err(self.start_failed(format!(
                    "{context}, but no connection on {} succeeded in time: {error}. \
                     If no PostgreSQL runs on this folder, remove {}",
                    self.socket_dir.display(),
                    self.cluster().join("postmaster.pid").display()
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn create_database(&self, db_name: &str) -> Result<(), EmbeddedError> {
        let mut conn = AsyncPgConnection::establish(&self.database_url("postgres")).await?;
        let exists: bool = diesel::select(
            sql::<Bool>("EXISTS (SELECT 1 FROM pg_database WHERE datname = ")
                .bind::<Text, _>(db_name)
                .sql(")"),
        )
        .get_result(&mut conn)
        .await?;
        if !exists {
            let mut query = PgQueryBuilder::new();
            query.push_sql("CREATE DATABASE ");
            query.push_identifier(db_name)?;
            diesel::sql_query(query.finish()).execute(&mut conn).await?;
        }
        Ok(())
    }

    fn start_failed(&self, reason: String) -> EmbeddedError {
        let log = self.log_file();
        EmbeddedError::StartFailed {
            data_dir: self.data_dir.clone(),
            reason,
            log_tail: log_tail(&log, 30),
            log,
        }
    }
}

/// pg_ctl pastes the data directory into a shell command line in double quotes, and the socket
/// directory goes into a quoted config value; refuse what would break out of either.
fn check_path_chars(path: &Path) -> Result<(), EmbeddedError> {
    let Some(s) = path.to_str() else {
        return Err(EmbeddedError::UnsupportedPath {
            path: path.to_owned(),
            reason: "not valid UTF-8",
        });
    };
    if s.chars()
        .any(|c| matches!(c, '"' | '\'' | '\\' | '$' | '`' | '\n' | '\r'))
    {
        return Err(EmbeddedError::UnsupportedPath {
            path: path.to_owned(),
            reason: "contains a quote, backslash, `$`, backquote or newline",
        });
    }
    Ok(())
}

/// `sun_path` caps the length, and `unix_socket_directories` is a list split on spaces and commas.
fn socket_dir_usable(dir: &Path, port: u16) -> bool {
    let fits = dir.join(format!(".s.PGSQL.{port}")).as_os_str().len() <= MAX_SOCKET_PATH;
    fits && !dir
        .to_string_lossy()
        .contains(|c: char| c.is_whitespace() || c == ',')
}

/// Picks the directory holding the server programs; see [`EmbeddedOptions::bin_dir`]. An
/// existing cluster prefers the major version it was made with, since others cannot open it.
pub fn find_bin_dir(explicit: Option<&Path>, cluster: &Path) -> Result<PathBuf, EmbeddedError> {
    let mut searched = Vec::new();
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = explicit {
        candidates.push(dir.to_owned());
    } else if let Some(dir) = std::env::var_os(BINDIR_ENV) {
        candidates.push(dir.into());
    } else {
        let versions = Path::new("/usr/lib/postgresql");
        if let Ok(v) = fs::read_to_string(cluster.join("PG_VERSION")) {
            candidates.push(versions.join(v.trim()).join("bin"));
        }
        // Debian's pg_config may belong to the client package and point at a directory without
        // the server programs, hence the check below rather than trusting it.
        if let Ok(out) = std::process::Command::new("pg_config")
            .arg("--bindir")
            .output()
            && out.status.success()
        {
            let dir = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if !dir.is_empty() {
                candidates.push(dir.into());
            }
        } else {
            searched.push("pg_config --bindir (not available)".to_owned());
        }
        let mut installed: Vec<(u32, PathBuf)> = fs::read_dir(versions)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let major = e.file_name().to_str()?.parse::<u32>().ok()?;
                Some((major, e.path().join("bin")))
            })
            .collect();
        installed.sort();
        candidates.extend(installed.into_iter().rev().map(|(_, dir)| dir));
        if candidates.is_empty() {
            searched.push(format!("{}/*/bin", versions.display()));
        }
    }
    for dir in candidates {
        if REQUIRED_BINARIES.iter().all(|b| dir.join(b).is_file()) {
            return Ok(dir);
        }
        searched.push(dir.display().to_string());
    }
    Err(EmbeddedError::BinariesNotFound {
        searched: searched.join(", "),
    })
}

/// The account PostgreSQL programs run as: ourselves, or `postgres` when we are root.
#[derive(Clone, Copy, Debug)]
enum RunAs {
    CurrentUser,
    System { uid: u32, gid: u32 },
}

impl RunAs {
    fn detect(data_dir: &Path) -> Result<Self, EmbeddedError> {
        if !nix::unistd::geteuid().is_root() {
            return Ok(Self::CurrentUser);
        }
        let user = nix::unistd::User::from_name(SYSTEM_USER)
            .map_err(|e| io_err(format!("looking up user {SYSTEM_USER}"))(e.into()))?
            .ok_or(EmbeddedError::SystemUserMissing)?;
        let (uid, gid) = (user.uid.as_raw(), user.gid.as_raw());
        // Only the permission bits: supplementary groups and ACLs are not considered, so a rare
        // setup that would work is refused with advice rather than failing later, obscurely.
        for dir in data_dir.ancestors() {
            let meta = fs::metadata(dir).map_err(io_err(format!("reading {}", dir.display())))?;
            let mode = meta.permissions().mode();
            let bit = if meta.uid() == uid {
                0o100
            } else if meta.gid() == gid {
                0o010
            } else {
                0o001
            };
            if mode & bit == 0 {
                return Err(EmbeddedError::NotTraversable {
                    dir: dir.to_owned(),
                    mode: mode & 0o7777,
                });
            }
        }
        Ok(Self::System { uid, gid })
    }
}

#[derive(Debug)]
struct PgRunner {
    bin_dir: PathBuf,
    run_as: RunAs,
}

impl PgRunner {
    async fn output<I, S>(&self, program: &str, args: I) -> Result<Output, EmbeddedError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let path = self.bin_dir.join(program);
        let mut cmd = Command::new(&path);
        cmd.args(args)
            // The caller's cwd (e.g. /root) may be closed to the postgres user.
            .current_dir("/")
            .env_remove("PGDATA")
            .env_remove("PGPORT")
            .env_remove("PGHOST")
            .stdin(std::process::Stdio::null());
        if let RunAs::System { uid, gid } = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        cmd.output()
            .await
            .map_err(io_err(format!("running {}", path.display())))
    }

    async fn run<I, S>(&self, program: &str, args: I) -> Result<Output, EmbeddedError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let args: Vec<S> = args.into_iter().collect();
        let command = std::iter::once(program.to_owned())
            .chain(
                args.iter()
                    .map(|a| a.as_ref().to_string_lossy().into_owned()),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let out = self.output(program, args).await?;
        if out.status.success() {
            Ok(out)
        } else {
            Err(EmbeddedError::Command {
                command,
                status: out.status.to_string(),
                output: describe(&out),
            })
        }
    }

    /// Creates `dir` (if missing) with mode 0700, owned by the server's user.
    fn make_private_dir(&self, dir: &Path) -> Result<(), EmbeddedError> {
        match fs::DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_err(format!("creating {}", dir.display()))(e)),
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(io_err(format!("chmod 700 {}", dir.display())))?;
        self.give(dir)
    }

    /// Hands a file or directory we created to the server's user.
    fn give(&self, path: &Path) -> Result<(), EmbeddedError> {
        if let RunAs::System { uid, gid } = self.run_as {
            std::os::unix::fs::chown(path, Some(uid), Some(gid))
                .map_err(io_err(format!("chown {}", path.display())))?;
        }
        Ok(())
    }
}

fn describe(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = text.trim();
    if text.is_empty() {
        format!("exit status {}", out.status)
    } else {
        text.to_owned()
    }
}

fn open_lock_file(path: &Path) -> Result<File, EmbeddedError> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(io_err(format!("opening {}", path.display())))
}

/// Polls instead of blocking so no runtime thread is parked on `flock`, and so a stuck holder
/// yields an error rather than a hang.
async fn lock_exclusive(path: &Path, wait: Duration) -> Result<File, EmbeddedError> {
    let file = open_lock_file(path)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(TryLockError::WouldBlock) => {
                return Err(EmbeddedError::LockTimeout {
                    path: path.to_owned(),
                    waited: wait,
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(io_err(format!("locking {}", path.display()))(e));
            }
        }
    }
}

fn log_tail(path: &Path, lines: usize) -> String {
    let read = || -> io::Result<String> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        file.seek(SeekFrom::Start(len.saturating_sub(16 * 1024)))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    match read() {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(e) => format!("(could not read the log: {e})"),
    }
}

/// The server appends to one log for as long as the data folder lives; each
/// start keeps at most one old generation, so the two stay bounded by about
/// twice this plus what one run writes.
const LOG_ROTATE_BYTES: u64 = 16 * 1024 * 1024;

/// Moves `log` to `<log>.1` (replacing an older one) when it is past `max`.
fn rotate_log(log: &Path, max: u64) -> std::io::Result<()> {
    match fs::metadata(log) {
        Ok(m) if m.len() > max => {
            let mut old = log.as_os_str().to_owned();
            old.push(".1");
            fs::rename(log, PathBuf::from(old))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_past_its_limit_moves_aside_at_start() {
        let dir = std::env::temp_dir().join(format!("claimdesk-logrot-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let log = dir.join("pg.log");
        let old = dir.join("pg.log.1");
        rotate_log(&log, 10).unwrap();
        assert!(!log.exists() && !old.exists(), "no log, nothing to do");
        fs::write(&log, "0123456789").unwrap();
        rotate_log(&log, 10).unwrap();
        assert!(log.exists() && !old.exists(), "at the limit it stays");
        fs::write(&log, "0123456789A").unwrap();
        fs::write(&old, "older").unwrap();
        rotate_log(&log, 10).unwrap();
        assert!(!log.exists());
        assert_eq!(fs::read_to_string(&old).unwrap(), "0123456789A");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn long_or_spaced_socket_dirs_are_not_used() {
        assert!(socket_dir_usable(Path::new("/work/app/var/run"), PORT));
        assert!(!socket_dir_usable(Path::new("/work/my app/var/run"), PORT));
        let long = PathBuf::from(format!("/{}", "d".repeat(100)));
        assert!(!socket_dir_usable(&long, PORT));
    }

    #[test]
    fn shell_and_config_metacharacters_are_refused() {
        assert!(check_path_chars(Path::new("/srv/claim desk/var")).is_ok());
        for bad in ["/srv/a\"b", "/srv/a'b", "/srv/$HOME", "/srv/a`b`"] {
            assert!(matches!(
                check_path_chars(Path::new(bad)),
                Err(EmbeddedError::UnsupportedPath { .. })
            ));
        }
    }

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
