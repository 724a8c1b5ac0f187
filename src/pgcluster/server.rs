//! Starting the server and watching it: status, readiness, the socket directory, and the
//! application's database.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use diesel::dsl::sql;
use diesel::pg::PgQueryBuilder;
use diesel::query_builder::QueryBuilder;
use diesel::sql_types::{Bool, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::error::io_err;
use super::log::log_tail;
use super::paths::socket_dir_usable;
use super::runner::describe;
use super::{EmbeddedError, EmbeddedOptions, EmbeddedPostgres};

impl EmbeddedPostgres {
    pub(super) async fn server_is_running(&self) -> Result<bool, EmbeddedError> {
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
    pub(super) fn read_postmaster_pid(&mut self) -> Result<(), EmbeddedError> {
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

    pub(super) async fn start_server(
        &mut self,
        options: &EmbeddedOptions,
        deadline: Instant,
    ) -> Result<(), EmbeddedError> {
        let marker = self.data_dir.join("pg.managed");
        // Left by a crash; written again below once the new server is up.
        let _ = fs::remove_file(&marker);
        self.socket_dir = self.prepare_socket_dir()?;
        self.write_settings(options)?;
        let log = self.prepare_log()?;

        let cluster = self.cluster();
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

    pub(super) async fn wait_until_ready(
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

    pub(super) async fn create_database(&self, db_name: &str) -> Result<(), EmbeddedError> {
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
