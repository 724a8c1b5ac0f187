//! Creating the cluster (initdb) and writing the settings claimdesk owns (`claimdesk.conf`).

use std::fs;

use super::error::io_err;
use super::{EmbeddedError, EmbeddedOptions, EmbeddedPostgres, SUPERUSER};

impl EmbeddedPostgres {
    pub(super) async fn initdb_if_needed(
        &self,
        options: &EmbeddedOptions,
    ) -> Result<(), EmbeddedError> {
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

    /// Rewrites `claimdesk.conf`, which `postgresql.conf` includes last: no TCP, the socket in
    /// [`Self::socket_dir`], and no fsync when the options are not durable.
    pub(super) fn write_settings(&self, options: &EmbeddedOptions) -> Result<(), EmbeddedError> {
        let conf_path = self.cluster().join("claimdesk.conf");
        let mut conf = format!(
            "listen_addresses = ''\nport = {}\nunix_socket_directories = '{}'\nunix_socket_permissions = 0700\n",
            self.port,
            self.socket_dir.display()
        );
        if !options.durable {
            conf.push_str("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        fs::write(&conf_path, conf).map_err(io_err(format!("writing {}", conf_path.display())))?;
        self.pg.give(&conf_path)
    }
}
