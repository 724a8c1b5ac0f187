//! The review frontend in a real browser: Debian's chromium driven by
//! playwright-core (tests/browser/review.mjs). Needs `chromium` and
//! `npm install` in tests/browser; without them the test says so and
//! returns, unless CLAIMDESK_REQUIRE_BROWSER=1 (as in CI), where it fails.

use crate::fixtures::{article, said, stated};
use crate::helpers::*;
use claimdesk::store::users::Role;
use std::path::Path;
use std::process::Command;

const BODY: &str = "Jobs Report Shows Gains\n\nMayor Ann Lee said unemployment fell to 4 percent last year. \
The city built 1,200 new homes in 2025.\n\nCouncilmember Ray Okafor argued that the figures hide part-time work.";

#[tokio::test]
async fn a_checker_reviews_claims_with_the_keyboard() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("chromium (apt-get install chromium)"),
        (!dir.join("node_modules/playwright-core").exists())
            .then_some("playwright-core (npm install in tests/browser)"),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("node"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let msg = format!("browser test needs {}", missing.join(", "));
        assert!(std::env::var("CLAIMDESK_REQUIRE_BROWSER").is_err(), "{msg}");
        eprintln!("SKIPPED: {msg}");
        return;
    }

    let app = spawn_app().await;
    let user = app.create_user(Role::Checker).await;
    let claims = [
        said(
            BODY,
            "Mayor Ann Lee",
            "Ann Lee",
            "said",
            "unemployment fell to 4 percent last year",
        ),
        stated(BODY, "The city built 1,200 new homes in 2025.", 0.9),
        said(
            BODY,
            "Councilmember Ray Okafor",
            "Ray Okafor",
            "argued",
            "the figures hide part-time work",
        ),
    ];
    article(&app, "Jobs Report Shows Gains", BODY, &claims).await;

    std::fs::create_dir_all(dir.join("screenshots")).unwrap();
    let shot = dir.join("screenshots/review.png");
    // A screenshot left by an earlier run must not satisfy the check below.
    match std::fs::remove_file(&shot) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("cannot remove old screenshot {}: {e}", shot.display()),
    }
    let out = tokio::process::Command::new("node")
        .arg(dir.join("review.mjs"))
        .args([
            &app.address,
            &user.email,
            &user.password,
            &claims.len().to_string(),
        ])
        .arg(&shot)
        .env("CHROMIUM", &chromium)
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("review flow ok"), "{stdout}");
    assert!(
        shot.exists(),
        "review.mjs wrote no screenshot at {}",
        shot.display()
    );

    // What the browser did is in the database: one proposal, one evidence.
    let (_, token) = app.login_as(Role::Viewer).await;
    let list: serde_json::Value = app
        .get("/api/v1/claims?status=verdict_proposed", &token)
        .await
        .json()
        .await
        .unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{list}");
    assert_eq!(items[0]["verdict"], "mostly_true");
    assert_eq!(items[0]["evidence_count"], 1);
}
