//! The review frontend in a real browser: Debian's chromium driven by
//! playwright-core (tests/browser/review.mjs). Needs `chromium` and
//! `npm install` in tests/browser; without them the test says so and
//! returns, unless CLAIMDESK_REQUIRE_BROWSER=1 (as in CI), where it fails.

use crate::fixtures::{article, said, stated};
use crate::helpers::*;
use claimdesk::store::users::Role;
use std::path::{Path, PathBuf};
use std::process::Command;

const BODY: &str = "Jobs Report Shows Gains\n\nMayor Ann Lee said unemployment fell to 4 percent last year. \
The city built 1,200 new homes in 2025.\n\nCouncilmember Ray Okafor argued that the figures hide part-time work.";

/// The browser tools, or None (having said why) when they are missing and
/// not required.
pub(crate) fn browser() -> Option<(PathBuf, String)> {
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
        return None;
    }
    Some((dir, chromium))
}

/// The jobs article both scenarios review: a mayor's statement, a fact in
/// the article's own voice, a councilmember's argument.
async fn jobs_report(app: &TestApp) -> usize {
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
    article(app, "Jobs Report Shows Gains", BODY, &claims).await;
    claims.len()
}

#[tokio::test]
async fn a_checker_reviews_claims_with_the_keyboard() {
    let Some((dir, chromium)) = browser() else {
        return;
    };

    let app = spawn_app().await;
    let user = app.create_user(Role::Checker).await;
    let claims = jobs_report(&app).await;

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
            &claims.to_string(),
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

const HARBOUR: &str = "Harbour Budget Approved\n\nTreasurer Mia Chen said the port earned 3 million euros in 2025. \
Ferry fares rose by 12 percent in May.\n\nUnion leader Tom Berg warned that wages have fallen for three years.";

const PAGE: &str = "<!doctype html><html><head><title>Tram line opens</title></head><body>\
    <main><h1>Tram line opens</h1><p>The new tram line carried 40,000 riders in its first week, the operator said.</p></main></body></html>";

/// A page for `POST /articles/fetch` to read, on loopback. Returns its URL.
async fn page_server() -> String {
    use actix_web::{App, HttpResponse, HttpServer, web};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(|| {
        App::new().route(
            "/tram",
            web::get().to(|| async {
                HttpResponse::Ok()
                    .content_type("text/html; charset=utf-8")
                    .body(PAGE)
            }),
        )
    })
    .listen(listener)
    .unwrap()
    .workers(1)
    .run();
    tokio::spawn(server);
    format!("http://127.0.0.1:{port}/tram")
}

/// An account with a name of its own (the people list and the assignee
/// column show names).
pub(crate) async fn named(app: &TestApp, role: Role, name: &str) -> serde_json::Value {
    use claimdesk::store::schema::users;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    let u = app.create_user(role).await;
    let mut conn = app.db().await;
    diesel::update(users::table.find(claimdesk::review::UserId::from(u.id)))
        .set(users::name.eq(name))
        .execute(&mut conn)
        .await
        .unwrap();
    serde_json::json!({"id": u.id, "email": u.email, "password": u.password, "name": name})
}

/// The editor's desk, driven through its scenarios by tests/browser/desk.mjs:
/// first visit and logout leave nothing behind, the queue's filters and
/// views, assignment (one key, a list, in bulk), adding articles by file
/// and URL, re-extract and delete, people administration, a viewer's
/// read-only page, an ended session, and the layout at tablet and phone
/// widths. Screenshots go to tests/browser/screenshots/.
#[tokio::test]
async fn the_editors_desk() {
    let Some((dir, chromium)) = browser() else {
        return;
    };
    let app = spawn_app_with(|s| s.fetch.allow_private = true).await;
    let users = serde_json::json!({
        "checker": named(&app, Role::Checker, "Cora Checker").await,
        "checker2": named(&app, Role::Checker, "Dev Second").await,
        "editor": named(&app, Role::Editor, "Edda Editor").await,
        "viewer": named(&app, Role::Viewer, "Vic Viewer").await,
        "admin": named(&app, Role::Admin, "Ada Admin").await,
    });
    let _ = jobs_report(&app).await;
    article(
        &app,
        "Harbour Budget Approved",
        HARBOUR,
        &[
            said(
                HARBOUR,
                "Treasurer Mia Chen",
                "Mia Chen",
                "said",
                "the port earned 3 million euros in 2025",
            ),
            stated(HARBOUR, "Ferry fares rose by 12 percent in May.", 0.7),
            said(
                HARBOUR,
                "Union leader Tom Berg",
                "Tom Berg",
                "warned",
                "wages have fallen for three years",
            ),
        ],
    )
    .await;
    let shots = dir.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    // Screenshots left by an earlier run must not satisfy the check below.
    for name in ["queue-1280.png", "desk-820.png", "people-1280.png"] {
        let _ = std::fs::remove_file(shots.join(name));
    }
    let config = serde_json::json!({
        "base": app.address,
        "users": users,
        "page": page_server().await,
        "shots": shots,
    });
    let out = tokio::process::Command::new("node")
        .arg(dir.join("desk.mjs"))
        .arg(config.to_string())
        .env("CHROMIUM", &chromium)
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("desk scenarios ok"), "{stdout}\n{stderr}");
    for name in ["queue-1280.png", "desk-820.png", "people-1280.png"] {
        assert!(shots.join(name).exists(), "no screenshot {name}");
    }
}
