//! The binary as a newcomer runs it: `serve` on the embedded default, and the
//! account commands.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");

fn scratch_dir(name: &str) -> PathBuf {
    let base = std::env::var_os("CLAIMDESK_TEST_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_TARGET_TMPDIR").into());
    let dir = base.join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `claimdesk serve` with no DATABASE_URL, in its own data folder.
fn serve(data: &PathBuf, port: u16) -> Child {
    Command::new(BIN)
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("CLAIMDESK__DATA__DIR", data)
        .env("CLAIMDESK__SERVER__PORT", port.to_string())
        .env("CLAIMDESK_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Reads stdout until the "is up" line; returns every line read.
fn wait_until_up(child: &mut Child) -> Vec<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let up = line.contains("claimdesk is up");
                lines.push(line);
                if up {
                    return lines;
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                let _ = child.kill();
                panic!("serve exited before coming up: {lines:?}");
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
    let _ = child.kill();
    panic!("serve did not come up: {lines:?}");
}

fn stop(mut child: Child) {
    send_sigint(child.id());
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    panic!("serve did not stop on SIGINT");
}

fn send_sigint(pid: u32) {
    let status = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

async fn get(url: &str, token: Option<&str>) -> reqwest::Response {
    let mut rb = reqwest::Client::new().get(url);
    if let Some(t) = token {
        rb = rb.bearer_auth(t);
    }
    rb.send().await.unwrap()
}

async fn login(base: &str, email: &str, password: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn serve_on_the_embedded_default_creates_an_admin_once_and_keeps_data() {
    let data = scratch_dir("serve");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");

    let started = Instant::now();
    let mut child = serve(&data, port);
    let lines = wait_until_up(&mut child);
    assert_eq!(get(&format!("{base}/readyz"), None).await.status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "cold start took {:?}",
        started.elapsed()
    );
    let field = |name: &str| {
        lines
            .iter()
            .find_map(|l| {
                l.trim()
                    .strip_prefix(name)
                    .map(|v| v.split_whitespace().next().unwrap().to_owned())
            })
            .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
    };
    let (email, password) = (field("email:"), field("password:"));
    assert!(
        lines.iter().any(|l| l.contains("demo article")),
        "{lines:?}"
    );

    let resp = get(&format!("{base}/api/v1/me"), None).await;
    assert_eq!(resp.status(), 401);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "unauthenticated");

    let resp = login(&base, &email, &password).await;
    assert_eq!(resp.status(), 200);
    let token = resp.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        get(&format!("{base}/api/v1/me"), Some(&token))
            .await
            .status(),
        200
    );
    stop(child);

    // Second start: same data, no new admin, the old credentials and even
    // the old token (the generated JWT secret is kept) still work.
    let mut child = serve(&data, port);
    let lines = wait_until_up(&mut child);
    assert!(!lines.iter().any(|l| l.contains("First run")), "{lines:?}");
    assert_eq!(
        get(&format!("{base}/api/v1/me"), Some(&token))
            .await
            .status(),
        200
    );
    assert_eq!(login(&base, &email, &password).await.status(), 200);
    stop(child);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn serve_without_postgres_binaries_says_what_to_install() {
    let data = scratch_dir("nobin");
    let empty = data.join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let out = Command::new(BIN)
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("CLAIMDESK__DATA__DIR", &data)
        .env("CLAIMDESK_PG_BINDIR", &empty)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("postgresql") && stderr.contains("DATABASE_URL"),
        "{stderr}"
    );
}

#[test]
fn user_commands_manage_accounts() {
    let data = scratch_dir("users");
    let run = |args: &[&str], password: Option<&str>| {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_remove("DATABASE_URL")
            .env("CLAIMDESK__DATA__DIR", &data)
            .env("CLAIMDESK_LOG", "warn");
        match password {
            Some(p) => cmd.env("CLAIMDESK_PASSWORD", p),
            None => cmd.env_remove("CLAIMDESK_PASSWORD"),
        };
        let out = cmd.stdin(Stdio::null()).output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, out) = run(
        &[
            "user",
            "add",
            "--email",
            "Ann@Example.org",
            "--name",
            "Ann",
            "--role",
            "checker",
        ],
        Some("a long password here"),
    );
    assert!(ok, "{out}");
    let (ok, out) = run(
        &[
            "user",
            "add",
            "--email",
            "ann@example.org",
            "--name",
            "Ann",
            "--role",
            "checker",
        ],
        Some("a long password here"),
    );
    assert!(!ok && out.contains("already exists"), "{out}");
    let (ok, out) = run(
        &[
            "user",
            "add",
            "--email",
            "bob@example.org",
            "--name",
            "Bob",
            "--role",
            "boss",
        ],
        Some("a long password here"),
    );
    assert!(!ok && out.contains("unknown role"), "{out}");
    let (ok, out) = run(
        &[
            "user",
            "add",
            "--email",
            "bob@example.org",
            "--name",
            "Bob",
            "--role",
            "viewer",
        ],
        Some("short"),
    );
    assert!(!ok && out.contains("at least"), "{out}");
    let (ok, out) = run(
        &[
            "user",
            "set-role",
            "--email",
            "ann@example.org",
            "--role",
            "editor",
        ],
        None,
    );
    assert!(ok && out.contains("editor"), "{out}");
    let (ok, out) = run(&["user", "disable", "--email", "ann@example.org"], None);
    assert!(ok, "{out}");
    let (ok, out) = run(&["user", "list"], None);
    assert!(ok, "{out}");
    let ann = out
        .lines()
        .find(|l| l.starts_with("ann@example.org"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(ann.contains("editor") && ann.contains("disabled"), "{ann}");
    let (ok, out) = run(&["user", "disable", "--email", "nobody@example.org"], None);
    assert!(!ok && out.contains("no account"), "{out}");
    // Leave no server behind: the command stopped the cluster it started.
    let pid_file = data.join("pg").join("postmaster.pid");
    assert!(!pid_file.exists(), "the embedded cluster is still running");
    let _ = std::fs::remove_dir_all(&data);
}

/// `claimdesk serve` on `database_url` (shared), in its own data folder.
fn serve_on(database_url: &str, data: &PathBuf, port: u16) -> Child {
    Command::new(BIN)
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("CLAIMDESK__DATA__DIR", data)
        .env("CLAIMDESK__SERVER__PORT", port.to_string())
        .env("CLAIMDESK__AUTH__ADMIN_PASSWORD", "two-instances-pass")
        .env("CLAIMDESK_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// A new empty database on the test server (named like the API tests' ones,
/// so they clean it up).
async fn empty_database() -> Option<String> {
    use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
    let admin = std::env::var("DATABASE_URL").ok()?;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let name = format!("cdtest_{secs}_{}", uuid::Uuid::new_v4().simple());
    let mut conn = AsyncPgConnection::establish(&admin).await.unwrap();
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let base = admin.rsplit_once('/').unwrap().0;
    Some(format!("{base}/{name}"))
}

#[tokio::test]
async fn two_instances_started_together_on_an_empty_database_share_setup_and_sessions() {
    let Some(url) = empty_database().await else {
        eprintln!("DATABASE_URL is not set: skipped");
        return;
    };
    let (data_a, data_b) = (scratch_dir("twin-a"), scratch_dir("twin-b"));
    let (port_a, port_b) = (free_port(), free_port());
    let mut a = serve_on(&url, &data_a, port_a);
    let mut b = serve_on(&url, &data_b, port_b);
    let (lines_a, lines_b) = (
        std::thread::spawn(move || (wait_until_up(&mut a), a)),
        std::thread::spawn(move || (wait_until_up(&mut b), b)),
    );
    let (ra, rb) = (lines_a.join(), lines_b.join());
    // Stop the one that came up if the other did not.
    let ((lines_a, a), (lines_b, b)) = match (ra, rb) {
        (Ok(a), Ok(b)) => (a, b),
        (Ok((_, a)), Err(_)) | (Err(_), Ok((_, a))) => {
            stop(a);
            panic!("one instance did not come up");
        }
        (Err(_), Err(_)) => panic!("neither instance came up"),
    };
    let first_runs = [&lines_a, &lines_b]
        .iter()
        .filter(|l| l.iter().any(|l| l.contains("First run")))
        .count();
    assert_eq!(first_runs, 1, "one admin: {lines_a:?} {lines_b:?}");

    let (base_a, base_b) = (
        format!("http://127.0.0.1:{port_a}"),
        format!("http://127.0.0.1:{port_b}"),
    );
    let resp = login(&base_a, "admin@claimdesk.local", "two-instances-pass").await;
    assert_eq!(resp.status(), 200);
    let token = resp.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    for base in [&base_a, &base_b] {
        assert_eq!(
            get(&format!("{base}/api/v1/me"), Some(&token))
                .await
                .status(),
            200,
            "a session from one instance works on {base}"
        );
    }
    stop(a);
    stop(b);
    // Not dropped here: DROP DATABASE waits for a checkpoint, which can take
    // minutes on a busy disk. The API tests drop `cdtest_` databases older
    // than an hour.
    let _ = std::fs::remove_dir_all(&data_a);
    let _ = std::fs::remove_dir_all(&data_b);
}
