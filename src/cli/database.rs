//! Which database a command talks to: `database.url` / `DATABASE_URL` when
//! set, else the embedded cluster under the data folder.

use crate::config::Settings;
use crate::pgcluster::EmbeddedPostgres;
use anyhow::Context;

pub struct Database {
    pub url: String,
    embedded: Option<EmbeddedPostgres>,
}

pub const EMBEDDED_DB_NAME: &str = "claimdesk";

impl Database {
    pub async fn open(settings: &Settings) -> anyhow::Result<Database> {
        let url = settings.database.url.expose();
        if !url.is_empty() {
            return Ok(Database {
                url: url.to_owned(),
                embedded: None,
            });
        }
        let dir = &settings.data.dir;
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
        let dir = dir.canonicalize()?;
        tracing::info!(data_dir = %dir.display(), "no DATABASE_URL: using the embedded PostgreSQL cluster");
        let pg = EmbeddedPostgres::start(&dir, EMBEDDED_DB_NAME).await?;
        Ok(Database {
            url: pg.database_url(EMBEDDED_DB_NAME),
            embedded: Some(pg),
        })
    }

    /// Stops the embedded cluster if this process started it.
    pub async fn close(self) {
        if let Some(pg) = self.embedded
            && let Err(e) = pg.stop().await
        {
            tracing::warn!(error = %e, "stopping the embedded PostgreSQL failed");
        }
    }
}
