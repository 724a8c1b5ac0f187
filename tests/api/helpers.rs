//! Test harness: each test gets the real server on a random port, backed by
//! its own database cloned from a migrated template.

use claimdesk::config::{Secret, Settings};
use claimdesk::pgcluster::{EmbeddedOptions, EmbeddedPostgres};
use claimdesk::startup::Application;
use claimdesk::store::users::{self, Role};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use reqwest::{Method, RequestBuilder, Response};
use serde_json::Value;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::OnceCell;

pub const TEST_JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123456789";
pub const PASSWORD: &str = "a long test password";

/// How to reach the server: a URL to its maintenance database, with the
/// database name last so tests can swap it.
struct Server {
    base: String,
}

impl Server {
    fn url(&self, db: &str) -> String {
        let (prefix, _) = self.base.rsplit_once('/').expect("database URL has a path");
        // Keep any query string (`?host=...`) the base URL carries.
        match self.base.split_once('?') {
            Some((_, query)) => format!("{prefix}/{db}?{query}"),
            None => format!("{prefix}/{db}"),
        }
    }
}

static SERVER: OnceCell<Server> = OnceCell::const_new();
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// `DATABASE_URL` (any database on the server) when set, else the embedded
/// cluster under `target/test-pg`, as `serve` would run it.
async fn server() -> &'static Server {
    SERVER
        .get_or_init(|| async {
            if let Ok(url) = std::env::var("DATABASE_URL")
                && !url.is_empty()
            {
                let base = url.split('?').next().unwrap().to_owned();
                let (prefix, _) = base.rsplit_once('/').unwrap();
                return Server {
                    base: format!("{prefix}/postgres"),
                };
            }
            let base = std::env::var_os("CLAIMDESK_TEST_TMPDIR")
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into());
            let dir = base.join("test-pg");
            let pg = EmbeddedPostgres::start_with(&dir, "postgres", &EmbeddedOptions::for_tests())
                .await
                .expect("cannot start the embedded PostgreSQL for tests (or set DATABASE_URL)");
            let base = pg.database_url("postgres");
            // Leave the cluster running after the tests: the next run reuses it.
            std::mem::forget(pg);
            Server { base }
        })
        .await
}

fn migrations_fingerprint() -> String {
    use sha2::{Digest, Sha256};
    let mut files: Vec<_> = walk(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/migrations"
    )));
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(f.to_string_lossy().as_bytes());
        h.update(std::fs::read(&f).unwrap());
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

async fn admin_conn() -> AsyncPgConnection {
    let url = server().await.url("postgres");
    AsyncPgConnection::establish(&url)
        .await
        .expect("connect to the test server")
}

/// The migrated template, built once per schema version. An advisory lock
/// keeps parallel test processes from building it twice.
async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("claimdesk_tpl_{}", migrations_fingerprint());
            let mut conn = admin_conn().await;
            diesel::sql_query("SELECT pg_advisory_lock(72910531)")
                .execute(&mut conn)
                .await
                .unwrap();
            let exists: i64 = count_databases(&mut conn, &name).await;
            if exists == 0 {
                let building = format!("{name}_building");
                diesel::sql_query(format!("DROP DATABASE IF EXISTS {building}"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                diesel::sql_query(format!("CREATE DATABASE {building}"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                claimdesk::store::migrate(&server().await.url(&building))
                    .await
                    .expect("migrate template");
                diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {name}"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                diesel::sql_query(format!("ALTER DATABASE {name} IS_TEMPLATE true"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
            }
            drop_stale_test_databases(&mut conn).await;
            diesel::sql_query("SELECT pg_advisory_unlock(72910531)")
                .execute(&mut conn)
                .await
                .unwrap();
            name
        })
        .await
}

async fn count_databases(conn: &mut AsyncPgConnection, name: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query("SELECT count(*) AS n FROM pg_database WHERE datname = $1")
        .bind::<diesel::sql_types::Text, _>(name)
        .get_result::<N>(conn)
        .await
        .unwrap()
        .n
}

/// Test databases are named `cdtest_<unix seconds>_<random>`; those older
/// than an hour belong to runs that are over.
async fn drop_stale_test_databases(conn: &mut AsyncPgConnection) {
    #[derive(diesel::QueryableByName)]
    struct Db {
        #[diesel(sql_type = diesel::sql_types::Text)]
        datname: String,
    }
    let dbs: Vec<Db> =
        diesel::sql_query("SELECT datname FROM pg_database WHERE datname LIKE 'cdtest\\_%'")
            .load(conn)
            .await
            .unwrap();
    let now = now_secs();
    for db in dbs {
        let ts: u64 = db
            .datname
            .split('_')
            .nth(1)
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        if now.saturating_sub(ts) > 3600 {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                db.datname
            ))
            .execute(conn)
            .await;
        }
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A fresh database for one test.
pub async fn fresh_database() -> String {
    let template = template().await;
    let name = format!("cdtest_{}_{}", now_secs(), uuid::Uuid::new_v4().simple());
    let mut conn = admin_conn().await;
    diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .execute(&mut conn)
        .await
        .unwrap();
    server().await.url(&name)
}

pub fn test_settings(database_url: &str) -> Settings {
    let mut s = Settings::defaults();
    s.server.host = "127.0.0.1".into();
    s.server.port = 0;
    s.server.workers = 2;
    s.database.url = Secret::new(database_url);
    s.database.pool_size = 4;
    s.auth.jwt_secret = Secret::new(TEST_JWT_SECRET);
    // Tests log in often from one IP; the rate-limit test sets its own.
    s.auth.login_per_account_per_minute = 1000;
    s.auth.login_per_ip_per_minute = 1000;
    s.data.dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-data");
    s
}

pub struct TestApp {
    pub address: String,
    pub database_url: String,
    pub client: reqwest::Client,
}

pub struct TestUser {
    pub id: uuid::Uuid,
    pub email: String,
    pub password: String,
    pub role: Role,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let database_url = fresh_database().await;
    let mut settings = test_settings(&database_url);
    tweak(&mut settings);
    spawn_with_settings(settings).await
}

pub async fn spawn_with_settings(settings: Settings) -> TestApp {
    spawn_with_routes(settings, |_| {}).await
}

/// The app with `extra` routes behind the real middleware, e.g. a handler
/// that fails on purpose.
pub async fn spawn_with_routes(
    settings: Settings,
    extra: impl Fn(&mut actix_web::web::ServiceConfig) + Send + Sync + 'static,
) -> TestApp {
    let app = Application::build_with_routes(settings.clone(), extra)
        .await
        .expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        database_url: settings.database.url.expose().to_owned(),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

static HASH: OnceLock<String> = OnceLock::new();

impl TestApp {
    pub async fn db(&self) -> AsyncPgConnection {
        AsyncPgConnection::establish(&self.database_url)
            .await
            .unwrap()
    }

    /// A user straight in the database (one argon2 hash per test process).
    pub async fn create_user(&self, role: Role) -> TestUser {
        let hash =
            HASH.get_or_init(|| claimdesk::review::accounts::hash_password(PASSWORD).unwrap());
        let email = format!("{}-{}@example.org", role, uuid::Uuid::new_v4().simple());
        let mut conn = self.db().await;
        let u = users::insert(&mut conn, &email, &format!("Test {role}"), hash, role)
            .await
            .unwrap();
        TestUser {
            id: u.id.into(),
            email,
            password: PASSWORD.into(),
            role,
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.client
            .post(format!("{}/api/v1/auth/login", self.address))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap()
    }

    /// A user of `role` and a bearer token for them.
    pub async fn login_as(&self, role: Role) -> (TestUser, String) {
        let user = self.create_user(role).await;
        let resp = self.login(&user.email, &user.password).await;
        assert_eq!(resp.status(), 200);
        let body: Value = resp.json().await.unwrap();
        (user, body["token"].as_str().unwrap().to_owned())
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let rb = self
            .client
            .request(method, format!("{}{}", self.address, path));
        match token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: &Value,
    ) -> Response {
        self.request(method, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// A write naming the version read in `If-Match`; `body` for PATCH.
    pub async fn send_if_match(
        &self,
        method: Method,
        path: &str,
        token: &str,
        if_match: &str,
        body: Option<&Value>,
    ) -> Response {
        let mut rb = self
            .request(method, path, Some(token))
            .header("if-match", if_match);
        if let Some(b) = body {
            rb = rb.json(b);
        }
        rb.send().await.unwrap()
    }
}

/// Asserts the status and the JSON error shape; returns the body.
pub async fn assert_error(resp: Response, status: u16, code: &str) -> Value {
    let got = resp.status().as_u16();
    let path = resp.url().path().to_owned();
    let body: Value = resp.json().await.expect("error bodies are JSON");
    assert_eq!(got, status, "status for {body}");
    assert_eq!(body["error"], code, "error code in {body}");
    assert!(
        documented(&path, status, code),
        "{code} ({status}) from {path} is not in the API document's x-error-codes"
    );
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message in {body}"
    );
    body
}

/// Whether the OpenAPI document lists `code` under `status` for a route
/// matching `path` (any method), so every error a test sees is documented.
/// Paths outside `/api/v1`, and 405 (which answers undeclared methods), pass.
pub fn documented(path: &str, status: u16, code: &str) -> bool {
    static DOC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    let Some(rel) = path.strip_prefix("/api/v1") else {
        return true;
    };
    if status == 405 {
        return true;
    }
    let doc = DOC.get_or_init(|| claimdesk::api::openapi::document(&["true".into()]));
    let want: Vec<&str> = rel.split('/').collect();
    let routes: Vec<&Value> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(template, _)| {
            let parts: Vec<&str> = template.split('/').collect();
            parts.len() == want.len()
                && parts
                    .iter()
                    .zip(&want)
                    .all(|(p, w)| p.starts_with('{') || p == w)
        })
        .map(|(_, item)| item)
        .collect();
    // A path no route matches is the documented 404 of every unknown route.
    if routes.is_empty() {
        return (status, code) == (404, "not_found");
    }
    routes.iter().any(|item| {
        item.as_object().unwrap().values().any(|op| {
            op["responses"][status.to_string()]["x-error-codes"]
                .as_array()
                .is_some_and(|codes| codes.iter().any(|c| c == code))
        })
    })
}
