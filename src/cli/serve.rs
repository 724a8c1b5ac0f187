//! `claimdesk serve`: migrate, make sure there is a way in, then serve.

use super::database::Database;
use crate::config::Settings;
use crate::extract;
use crate::review::accounts;
use crate::startup::Application;
use crate::store::{self, articles, users};
use anyhow::Context;
use rand::Rng;

const DEMO_ARTICLE: &str = include_str!("demo-article.txt");

pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let db = Database::open(&settings).await?;
    let result = serve(settings, &db.url).await;
    db.close().await;
    result
}

async fn serve(mut settings: Settings, url: &str) -> anyhow::Result<()> {
    let applied = store::migrate(url).await?;
    if !applied.is_empty() {
        tracing::info!(count = applied.len(), "applied migrations");
    }
    first_run(&settings, url).await?;
    settings.database.url = crate::config::Secret::new(url);
    let app = Application::build(settings.clone()).await?;
    let host = match settings.server.host.as_str() {
        "0.0.0.0" | "::" => "localhost",
        h => h,
    };
    tokio::spawn(return_freed_memory());
    println!("claimdesk is up: open http://{host}:{}/", app.port());
    app.run_until_stopped().await?;
    Ok(())
}

/// On an empty database: an admin to log in with, and one demo article so a
/// newcomer sees something. The generated password is shown once, here.
///
/// Instances starting together on one database take turns (an advisory
/// lock): the first creates the admin, the others find it there.
async fn first_run(settings: &Settings, url: &str) -> anyhow::Result<()> {
    let pool = store::pool(url, 1);
    let mut conn = pool.get().await.context("cannot connect to the database")?;
    store::advisory_lock(&mut conn, store::lock_keys::FIRST_RUN).await?;
    let result = first_run_locked(settings, &mut conn).await;
    // The session's end releases the lock too; unlock anyway.
    let _ = store::advisory_unlock(&mut conn, store::lock_keys::FIRST_RUN).await;
    result
}

async fn first_run_locked(
    settings: &Settings,
    conn: &mut diesel_async::AsyncPgConnection,
) -> anyhow::Result<()> {
    if users::count(conn).await? > 0 {
        return Ok(());
    }
    let email = settings.auth.admin_email.clone();
    let (password, generated) = match settings.auth.admin_password.expose() {
        "" => (random_password(), true),
        p => (p.to_owned(), false),
    };
    accounts::check_password_policy(&password)
        .map_err(|m| anyhow::anyhow!("auth.admin_password: {m}"))?;
    let hash = tokio::task::spawn_blocking(move || {
        accounts::hash_password(&password).map(|h| (h, password))
    })
    .await??;
    let admin = users::insert(conn, &email, "Administrator", &hash.0, users::Role::Admin).await?;
    println!("First run: created the admin account");
    println!("  email:    {}", admin.email);
    if generated {
        println!(
            "  password: {}   (shown once; change it after logging in)",
            hash.1
        );
    } else {
        println!("  password: the one set in auth.admin_password");
    }
    if settings.demo.load_on_first_run && articles::count_live(conn).await? == 0 {
        let input = articles::ArticleInput {
            title: Some("Harbor City Council Approves Plan to Replace Lead Water Pipes".into()),
            outlet: Some("claimdesk demo".into()),
            body: DEMO_ARTICLE.to_owned(),
            ..Default::default()
        };
        let claims = extract::extract(&input.body);
        articles::ingest(conn, &input, &claims, Some(admin.id)).await?;
        println!("  loaded a demo article with {} claims", claims.len());
    }
    Ok(())
}

fn random_password() -> String {
    rand::thread_rng()
        .sample_iter(&rand::distributions::Alphanumeric)
        .take(20)
        .map(char::from)
        .collect()
}

/// Each argon2 hash or verification allocates 19 MiB. glibc serves blocks
/// that large with mmap and unmaps them when freed, but after the first such
/// free it raises its mmap threshold, and later hashes come from the heap and
/// stay resident: a few logins would triple the idle footprint. Pinning the
/// threshold keeps them mmapped, so memory goes back to the OS after each.
/// Call it before any other thread starts.
pub fn pin_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator tuning; `cli::main` calls this
    // before the runtime starts any worker thread.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Large reads (an article of thousands of claims, a report page) free
/// their memory into glibc's per-thread arenas, which keep it: after a
/// burst the process stayed at twice its idle size. Every few seconds the
/// free pages go back to the OS (`malloc_trim` walks the arenas; a few
/// milliseconds at most, on a blocking thread).
async fn return_freed_memory() {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
    loop {
        tick.tick().await;
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        let _ = tokio::task::spawn_blocking(|| {
            // SAFETY: malloc_trim only returns free memory to the OS; it is
            // thread-safe in glibc.
            unsafe { libc::malloc_trim(0) }
        })
        .await;
    }
}
