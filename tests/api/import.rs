use crate::helpers::*;
use claimdesk::cli::import::{ImportOptions, import};
use claimdesk::store::articles;
use diesel_async::{AsyncConnection, AsyncPgConnection};
use std::path::{Path, PathBuf};
use std::process::Command;

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("import-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn corpus(dir: &Path) {
    std::fs::write(
        dir.join("council.txt"),
        "The council voted 7 to 2 for the new budget.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("nested/ferry.html"),
        "<html><head><title>Ferry fares</title></head><body><nav>Home</nav><p>Fares rise 12% in May.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.join("nested/feed.jsonl"),
        concat!(
            r#"{"title": "One", "url": "https://news.example/1", "outlet": "Post", "published_at": "2026-11-01T10:00:00Z", "body": "First article body."}"#, "\n",
            r#"{"title": "Broken", "body": "#, "\n",
            "\n",
            r#"{"title": "Two", "body": "Second article body.", "url": "mailto:desk@news.example"}"#, "\n",
            r#"{"title": "Three", "body": "Third article body."}"#, "\n",
        ),
    )
    .unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 prices doubled.").unwrap();
    std::fs::write(dir.join("photo.png"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
}

#[tokio::test]
async fn import_reads_folders_reports_each_failure_and_adds_nothing_twice() {
    let url = fresh_database().await;
    let dir = TempDir::new();
    corpus(&dir.0);
    let options = ImportOptions {
        max_bytes: 1 << 20,
        max_claims: 5_000,
        progress: false,
    };
    let first = import(&url, std::slice::from_ref(&dir.0), &options)
        .await
        .unwrap();
    assert_eq!(
        (first.imported, first.already_present, first.skipped),
        (4, 0, 1),
        "{first:?}"
    );
    let mut failed: Vec<(String, String)> = first
        .failed
        .iter()
        .map(|f| {
            (
                f.origin
                    .strip_prefix(&*dir.0.to_string_lossy())
                    .unwrap()
                    .to_owned(),
                f.reason.clone(),
            )
        })
        .collect();
    failed.sort();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert_eq!(failed[0].0, "/latin1.txt");
    assert!(
        failed[0]
            .1
            .contains("not UTF-8 text (invalid byte at offset 3)"),
        "{failed:?}"
    );
    assert_eq!(failed[1].0, "/nested/feed.jsonl:2");
    assert!(
        failed[1].1.contains("not a valid article record"),
        "{failed:?}"
    );
    assert_eq!(failed[2].0, "/nested/feed.jsonl:4");
    assert!(failed[2].1.contains("not an http(s) URL"), "{failed:?}");

    let mut conn = AsyncPgConnection::establish(&url).await.unwrap();
    assert_eq!(articles::count_live(&mut conn).await.unwrap(), 4);
    let html =
        articles::find_live_by_sha(&mut conn, &articles::body_sha256("Fares rise 12% in May."))
            .await
            .unwrap()
            .expect("the HTML file is stored as its text");
    assert_eq!(html.title.as_deref(), Some("Ferry fares"));
    let one = articles::find_live_by_sha(&mut conn, &articles::body_sha256("First article body."))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (one.outlet.as_deref(), one.url.as_deref()),
        (Some("Post"), Some("https://news.example/1"))
    );
    assert_eq!(
        one.published_at.unwrap().to_rfc3339(),
        "2026-11-01T10:00:00+00:00"
    );

    // A re-run, as after an interruption: nothing new.
    let second = import(&url, std::slice::from_ref(&dir.0), &options)
        .await
        .unwrap();
    assert_eq!(
        (second.imported, second.already_present, second.failed.len()),
        (0, 4, 3)
    );
    assert_eq!(articles::count_live(&mut conn).await.unwrap(), 4);
}

#[tokio::test]
async fn the_import_command_prints_a_summary_and_fails_when_an_input_failed() {
    let url = fresh_database().await;
    let dir = TempDir::new();
    std::fs::write(dir.0.join("a.md"), "# Budget\n\nThe council voted 7 to 2.").unwrap();
    let run = |paths: &[&Path]| {
        Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .arg("import")
            .args(paths)
            .env("DATABASE_URL", &url)
            .env("CLAIMDESK_LOG", "warn")
            .current_dir(&dir.0)
            .output()
            .unwrap()
    };
    let ok = run(&[&dir.0]);
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        stdout.starts_with("imported 1, already present 0, failed 0"),
        "{stdout}"
    );

    let missing = dir.0.join("missing.txt");
    let out = run(&[&dir.0, &missing]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        stdout.starts_with("imported 0, already present 1, failed 1"),
        "{stdout}"
    );
    assert!(
        stdout.contains("missing.txt: no such file or folder"),
        "{stdout}"
    );
}
