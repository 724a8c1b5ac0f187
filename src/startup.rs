//! Builds the HTTP server from settings: state, middleware, routes.

use crate::api::{self, state::AppState, state::LoginLimiter, tokens};
use crate::config::Settings;
use crate::store;
use actix_web::dev::{Server, Service};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use rand::Rng;
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds the listener (port 0 picks a free one) and builds the server;
    /// `settings.database.url` must name a migrated database.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        Self::build_with_routes(settings, |_| {}).await
    }

    /// [`Self::build`] with `extra` routes next to the API's, behind the same
    /// middleware (tests mount handlers that fail on purpose this way).
    pub async fn build_with_routes(
        settings: Settings,
        extra: impl Fn(&mut web::ServiceConfig) + Send + Sync + 'static,
    ) -> anyhow::Result<Application> {
        let address = settings.listen_address();
        let listener =
            TcpListener::bind(&address).with_context(|| format!("cannot listen on {address}"))?;
        let port = listener.local_addr()?.port();
        let secret = jwt_secret(&settings)?;
        let state = web::Data::new(AppState {
            pool: store::pool(settings.database.url.expose(), settings.database.pool_size),
            jwt: tokens::JwtKeys::new(
                &secret,
                chrono::Duration::minutes(settings.auth.token_ttl_minutes),
            ),
            login_limiter: LoginLimiter::new(
                settings.auth.login_per_account_per_minute,
                settings.auth.login_per_ip_per_minute,
            ),
            settings,
        });
        let (json_limit, upload_limit, workers) = (
            state.settings.server.json_limit,
            state.settings.server.upload_limit,
            state.settings.server.workers,
        );
        let extra = Arc::new(extra);
        let mut server = HttpServer::new(move || {
            let extra = extra.clone();
            // The last wrap is outermost: the request log sees every response, panics
            // turned into 500s included.
            App::new()
                .app_data(state.clone())
                .wrap(actix_web::middleware::Compress::default())
                .wrap_fn(|req, srv| api::recover_panics(srv.call(req)))
                .wrap(from_fn(api::request_log::middleware))
                .configure(api::configure(json_limit, upload_limit))
                .configure(move |cfg| extra(cfg))
                .default_service(web::to(api::not_found))
        })
        .listen(listener)?;
        if workers > 0 {
            server = server.workers(workers);
        }
        Ok(Application {
            port,
            server: server.run(),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Runs until SIGINT/SIGTERM, then finishes in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The configured secret, or one generated on first start and kept in the
/// data folder (mode 0600) so sessions survive restarts.
pub fn jwt_secret(settings: &Settings) -> anyhow::Result<Vec<u8>> {
    let configured = settings.auth.jwt_secret.expose();
    if !configured.is_empty() {
        anyhow::ensure!(
            configured.len() >= 32,
            "auth.jwt_secret must be at least 32 bytes long (CLAIMDESK__AUTH__JWT_SECRET)"
        );
        return Ok(configured.as_bytes().to_vec());
    }
    let path = settings.data.dir.join("jwt-secret");
    read_or_create_secret(&path)
}

fn read_or_create_secret(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if let Ok(existing) = std::fs::read_to_string(path) {
        let trimmed = existing.trim();
        anyhow::ensure!(
            trimmed.len() >= 32,
            "{} is too short; delete it to regenerate",
            path.display()
        );
        return Ok(trimmed.as_bytes().to_vec());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let secret: String = rand::thread_rng()
        .sample_iter(&rand::distributions::Alphanumeric)
        .take(64)
        .map(char::from)
        .collect();
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn generated_secret_is_private_and_stable() {
        let dir = std::env::temp_dir().join(format!("claimdesk-secret-{}", uuid::Uuid::new_v4()));
        let path = dir.join("jwt-secret");
        let first = read_or_create_secret(&path).unwrap();
        assert_eq!(first.len(), 64);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(read_or_create_secret(&path).unwrap(), first);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
