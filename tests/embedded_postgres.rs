//! The private PostgreSQL cluster: start, reuse, restart with data kept, concurrent starts,
//! recovery from a crash, and the message when no server binaries are installed.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use claimdesk::pgcluster::{EmbeddedError, EmbeddedOptions, EmbeddedPostgres};
use diesel::sql_types::{Integer, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

/// A fresh data folder under `target/tmp` (or `CLAIMDESK_TEST_TMPDIR`, to run these tests as
/// another user): as root the server runs as `postgres`, which must be able to enter every
/// parent, and `tempfile`'s /tmp directories are 0700.
fn fresh_data_dir(name: &str) -> PathBuf {
    let base = std::env::var_os("CLAIMDESK_TEST_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into());
    let dir = base.join(format!("embedded-pg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn connect(pg: &EmbeddedPostgres, db: &str) -> AsyncPgConnection {
    AsyncPgConnection::establish(&pg.database_url(db))
        .await
        .unwrap_or_else(|e| panic!("connect to {}: {e}", pg.database_url(db)))
}

#[derive(diesel::QueryableByName)]
struct Note {
    #[diesel(sql_type = Text)]
    body: String,
}

#[derive(diesel::QueryableByName)]
struct One {
    #[diesel(sql_type = Integer)]
    one: i32,
}

#[tokio::test]
async fn data_survives_a_restart() {
    let dir = fresh_data_dir("restart");

    let t = Instant::now();
    let pg = EmbeddedPostgres::start(&dir, "claimdesk").await.unwrap();
    eprintln!("cold start (initdb + start + createdb): {:?}", t.elapsed());
    assert!(pg.is_owner());
    let mut conn = connect(&pg, "claimdesk").await;
    let one: One = diesel::sql_query("SELECT 1 AS one")
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(one.one, 1);
    diesel::sql_query("CREATE TABLE notes (body text NOT NULL)")
        .execute(&mut conn)
        .await
        .unwrap();
    diesel::sql_query("INSERT INTO notes VALUES ('kept')")
        .execute(&mut conn)
        .await
        .unwrap();
    drop(conn);
    pg.stop().await.unwrap();
    assert!(
        !dir.join("pg/postmaster.pid").exists(),
        "server still running"
    );

    let t = Instant::now();
    let pg = EmbeddedPostgres::start(&dir, "claimdesk").await.unwrap();
    eprintln!("warm start (existing cluster): {:?}", t.elapsed());
    assert!(pg.is_owner());
    let mut conn = connect(&pg, "claimdesk").await;
    let notes: Vec<Note> = diesel::sql_query("SELECT body FROM notes")
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        notes.iter().map(|n| n.body.as_str()).collect::<Vec<_>>(),
        ["kept"]
    );
    drop(conn);

    // A second handle on a running server reuses it, and does not stop it.
    let t = Instant::now();
    let again = EmbeddedPostgres::start(&dir, "claimdesk").await.unwrap();
    eprintln!("start on a running server (reuse): {:?}", t.elapsed());
    assert!(!again.is_owner());
    assert_eq!(
        again.database_url("claimdesk"),
        pg.database_url("claimdesk")
    );
    again.stop().await.unwrap();
    connect(&pg, "claimdesk").await;

    pg.stop().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Checks the modes after a start: other users may not enter the data folder (as root, the
/// server's user may pass through it, as its group) nor read the server log.
fn assert_closed(dir: &Path) {
    match nix::unistd::geteuid().is_root() {
        true => {
            use std::os::unix::fs::MetadataExt;
            let postgres = nix::unistd::User::from_name("postgres").unwrap().unwrap();
            assert_eq!(mode(dir), 0o710, "{}", dir.display());
            assert_eq!(std::fs::metadata(dir).unwrap().gid(), postgres.gid.as_raw());
        }
        false => assert_eq!(mode(dir), 0o700, "{}", dir.display()),
    }
    assert_eq!(mode(&dir.join("pg.log")), 0o600);
    assert_eq!(mode(&dir.join("pg")), 0o700);
    assert_eq!(mode(&dir.join("run")), 0o700);
}

#[tokio::test]
async fn the_data_folder_and_server_log_are_closed_to_other_users() {
    // Made like `serve` makes it: create_dir_all under the usual umask, so 0755.
    let dir = fresh_data_dir("modes");
    assert_eq!(mode(&dir), 0o755, "the umask this test assumes");
    let pg = EmbeddedPostgres::start_with(&dir, "claimdesk", &EmbeddedOptions::for_tests())
        .await
        .unwrap();
    assert_closed(&dir);
    connect(&pg, "claimdesk").await;
    pg.stop().await.unwrap();

    // A folder and log an older version left open are closed at the next start.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(dir.join("pg.log"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let pg = EmbeddedPostgres::start_with(&dir, "claimdesk", &EmbeddedOptions::for_tests())
        .await
        .unwrap();
    assert_closed(&dir);
    pg.stop().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_starts_share_one_server() {
    let dir = fresh_data_dir("concurrent");
    let start = |db: &'static str| {
        let dir = dir.clone();
        tokio::spawn(async move {
            EmbeddedPostgres::start_with(&dir, db, &EmbeddedOptions::for_tests()).await
        })
    };
    let (a, b) = (start("first"), start("second"));
    let (a, b) = (a.await.unwrap().unwrap(), b.await.unwrap().unwrap());

    assert!(
        a.is_owner() != b.is_owner(),
        "exactly one must start the server"
    );
    assert_eq!(a.database_url("x"), b.database_url("x"));
    connect(&a, "second").await;
    connect(&b, "first").await;

    let (owner, other) = if a.is_owner() { (a, b) } else { (b, a) };
    let url = owner.database_url("first");
    // The one that started the server leaves it up while another handle still uses it...
    owner.stop().await.unwrap();
    AsyncPgConnection::establish(&url)
        .await
        .expect("server stopped while still in use");
    // ...and the last user stops it.
    other.stop().await.unwrap();
    assert!(
        !dir.join("pg/postmaster.pid").exists(),
        "last user did not stop the server"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_crashed_server_does_not_block_the_next_start() {
    let dir = fresh_data_dir("crash");
    let options = EmbeddedOptions::for_tests();
    let pg = EmbeddedPostgres::start_with(&dir, "claimdesk", &options)
        .await
        .unwrap();
    let pid_file = dir.join("pg/postmaster.pid");
    let pid: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    drop(pg);
    // Backends exit once they notice the postmaster is gone.
    while Path::new(&format!("/proc/{pid}")).exists() {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        pid_file.exists(),
        "the crash must leave a stale postmaster.pid"
    );

    let pg = EmbeddedPostgres::start_with(&dir, "claimdesk", &options)
        .await
        .unwrap();
    assert!(pg.is_owner());
    connect(&pg, "claimdesk").await;
    pg.stop().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn missing_binaries_name_the_package_and_database_url() {
    let dir = fresh_data_dir("nobin");
    let empty = dir.join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let options = EmbeddedOptions {
        bin_dir: Some(empty),
        ..EmbeddedOptions::for_tests()
    };
    let err = EmbeddedPostgres::start_with(&dir.join("data"), "claimdesk", &options)
        .await
        .unwrap_err();
    assert!(
        matches!(err, EmbeddedError::BinariesNotFound { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("`postgresql`"), "{message}");
    assert!(message.contains("DATABASE_URL"), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn as_root_a_data_folder_postgres_cannot_reach_is_refused_up_front() {
    if !nix::unistd::geteuid().is_root() {
        return; // only root hands the server to the `postgres` user
    }
    let dir = fresh_data_dir("closed");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let err = EmbeddedPostgres::start_with(
        &dir.join("data"),
        "claimdesk",
        &EmbeddedOptions::for_tests(),
    )
    .await
    .unwrap_err();
    match &err {
        EmbeddedError::NotTraversable { dir: closed, .. } => assert_eq!(closed, &dir),
        other => panic!("expected NotTraversable, got {other:?}"),
    }
    assert!(err.to_string().contains("chmod o+x"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Not a test on its own: the body of `separate_processes_share_one_server`'s children, which
/// re-run this binary with `CLAIMDESK_EMBEDDED_CHILD` naming the shared data folder.
#[tokio::test]
async fn child_process_start() {
    let Some(dir) = std::env::var_os("CLAIMDESK_EMBEDDED_CHILD").map(PathBuf::from) else {
        return;
    };
    let pg = EmbeddedPostgres::start_with(&dir, "claimdesk", &EmbeddedOptions::for_tests())
        .await
        .unwrap();
    connect(&pg, "claimdesk").await;
    println!("owner={}", pg.is_owner());
    // Hold the server until both children are up, so neither can start it a second time.
    std::fs::write(dir.join(format!("ready-{}", std::process::id())), "").unwrap();
    let both_ready = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("ready-"))
            .count()
            == 2
    };
    while !both_ready() {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    pg.stop().await.unwrap();
}

#[tokio::test]
async fn separate_processes_share_one_server() {
    let dir = fresh_data_dir("processes");
    let spawn = || {
        std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_process_start",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CLAIMDESK_EMBEDDED_CHILD", &dir)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn(), spawn()];
    let mut owners = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "child failed: {out:?}");
        owners += String::from_utf8_lossy(&out.stdout)
            .matches("owner=true")
            .count();
    }
    assert_eq!(owners, 1, "exactly one process must start the server");
    assert!(
        !dir.join("pg/postmaster.pid").exists(),
        "last user did not stop the server"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_failed_start_reports_the_server_log() {
    let dir = fresh_data_dir("badconf");
    let options = EmbeddedOptions::for_tests();
    let pg = EmbeddedPostgres::start_with(&dir, "claimdesk", &options)
        .await
        .unwrap();
    pg.stop().await.unwrap();
    let conf = dir.join("pg/postgresql.conf");
    let mut text = std::fs::read_to_string(&conf).unwrap();
    text.push_str("no_such_setting = 1\n");
    std::fs::write(&conf, text).unwrap();

    let err = EmbeddedPostgres::start_with(&dir, "claimdesk", &options)
        .await
        .unwrap_err();
    assert!(matches!(err, EmbeddedError::StartFailed { .. }), "{err:?}");
    assert!(err.to_string().contains("no_such_setting"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_data_folder_too_deep_for_a_socket_path_uses_a_short_socket_dir() {
    let base = fresh_data_dir("deep");
    let dir = base.join("d".repeat(100));
    let options = EmbeddedOptions::for_tests();
    let pg = EmbeddedPostgres::start_with(&dir, "claimdesk", &options)
        .await
        .unwrap();
    assert!(
        pg.socket_dir().starts_with("/tmp"),
        "{}",
        pg.socket_dir().display()
    );
    // A second handle learns the socket directory from postmaster.pid.
    let again = EmbeddedPostgres::start_with(&dir, "claimdesk", &options)
        .await
        .unwrap();
    assert_eq!(again.socket_dir(), pg.socket_dir());
    connect(&again, "claimdesk").await;
    let socket_dir = pg.socket_dir().to_owned();
    again.stop().await.unwrap();
    pg.stop().await.unwrap();
    assert!(
        !socket_dir.exists(),
        "the fallback socket dir is left behind"
    );
    std::fs::remove_dir_all(&base).unwrap();
}
