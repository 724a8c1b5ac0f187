//! Live updates: the article's event stream carries each committed change,
//! whichever instance on the database made it.

use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use serde_json::{Value, json};
use std::time::Duration;

/// Reads the stream until an event named `event` arrives; returns its data.
async fn next_event(resp: &mut reqwest::Response, event: &str) -> Value {
    let mut buf = String::new();
    let wait = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let chunk = resp.chunk().await.unwrap().expect("the stream ended");
            buf.push_str(std::str::from_utf8(&chunk).unwrap());
            while let Some(end) = buf.find("\n\n") {
                let block: String = buf.drain(..end + 2).collect();
                let mut name = None;
                let mut data = None;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event: ") {
                        name = Some(v.to_owned());
                    }
                    if let Some(v) = line.strip_prefix("data: ") {
                        data = Some(v.to_owned());
                    }
                }
                if name.as_deref() == Some(event) {
                    return serde_json::from_str(&data.unwrap()).unwrap();
                }
            }
        }
    });
    wait.await
        .unwrap_or_else(|_| panic!("no {event} event within 10 s"))
}

async fn open_stream(app: &TestApp, article: uuid::Uuid, token: &str) -> reqwest::Response {
    let resp = app
        .get(&format!("/api/v1/articles/{article}/events"), token)
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    assert!(
        resp.headers()
            .get("content-encoding")
            .is_none_or(|v| v == "identity")
    );
    resp
}

#[tokio::test]
async fn a_change_reaches_the_articles_open_stream_and_no_other() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (checker_user, checker) = app.login_as(Role::Checker).await;
    let (article, c) = city_article(&app).await;
    const OTHER: &str = "Exports fell by 12 percent in May.";
    let (other, o) =
        crate::fixtures::article(&app, "Trade", OTHER, &[stated(OTHER, OTHER, 0.9)]).await;
    assert_ne!(article, other);

    let mut stream = open_stream(&app, article, &viewer).await;
    // A change to another article is not this stream's business: the first
    // event it carries must be the change to its own article.
    app.patch_ok(o[0], &checker, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(c[1], &checker, json!({"status": "in_progress"}))
        .await;
    let e = next_event(&mut stream, "claim").await;
    assert_eq!(e["article_id"], json!(article));
    assert_eq!(e["claim_id"], json!(c[1]));
    assert_eq!(e["action"], "review_started");
    assert_eq!(e["actor_id"], json!(checker_user.id));
    assert_eq!(e["actor_name"], "Test checker");
}

#[tokio::test]
async fn a_change_made_through_another_instance_reaches_the_stream() {
    let app = spawn_app().await;
    let other = spawn_with_settings(test_settings(&app.database_url)).await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, checker) = other.login_as(Role::Checker).await;
    let (article, c) = city_article(&app).await;

    let mut stream = open_stream(&app, article, &viewer).await;
    other
        .patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    let e = next_event(&mut stream, "claim").await;
    assert_eq!(e["claim_id"], json!(c[0]));
}

#[tokio::test]
async fn the_stream_needs_a_session_and_a_live_article() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (article, _) = city_article(&app).await;
    let path = format!("/api/v1/articles/{article}/events");
    let resp = app
        .request(reqwest::Method::GET, &path, None)
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, "unauthenticated").await;
    let missing = uuid::Uuid::now_v7();
    let resp = app
        .get(&format!("/api/v1/articles/{missing}/events"), &viewer)
        .await;
    assert_error(resp, 404, "not_found").await;
}

#[tokio::test]
async fn a_send_back_keeps_its_reason_in_the_history() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    app.patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(
        c[0],
        &checker,
        json!({"status": "verdict_proposed", "verdict": "false"}),
    )
    .await;

    // A reason explains a move; without one it is refused, not dropped.
    let resp = app
        .patch_claim(c[0], &editor, json!({"verdict_note": "x", "reason": "why"}))
        .await;
    assert_error(resp, 422, "reason_without_move").await;
    let resp = app
        .patch_claim(
            c[0],
            &editor,
            json!({"status": "in_progress", "reason": "y".repeat(2001)}),
        )
        .await;
    assert_error(resp, 422, "reason_too_long").await;
    assert_eq!(app.claim(c[0], &editor).await["status"], "verdict_proposed");

    app.patch_ok(
        c[0],
        &editor,
        json!({"status": "in_progress", "reason": "  the figure is from 2019, not 2023 "}),
    )
    .await;
    let history = app.history(c[0], &editor).await;
    let last = history.last().unwrap();
    assert_eq!(last["action"], "proposal_withdrawn");
    assert_eq!(last["after"]["reason"], "the figure is from 2019, not 2023");
    assert_eq!(last["after"]["status"], "in_progress");
    // The reason is the history's, not the claim's.
    assert!(app.claim(c[0], &editor).await.get("reason").is_none());
}

#[tokio::test]
async fn the_workflow_document_carries_the_checkworthiness_threshold() {
    let app = spawn_app_with(|s| s.workflow.checkworthiness_threshold = 0.3).await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let wf: Value = app
        .get("/api/v1/workflow", &viewer)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(wf["checkworthiness_threshold"], 0.3);
}

/// A stream does not outlive its session: after logout, the next change to
/// the article is not sent and the stream ends.
#[tokio::test]
async fn a_stream_ends_with_its_session_and_carries_nothing_after_logout() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (article, c) = city_article(&app).await;
    let mut stream = open_stream(&app, article, &viewer).await;
    // Proves the stream is open and was authenticated.
    app.patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    next_event(&mut stream, "claim").await;

    let resp = app
        .request(reqwest::Method::POST, "/api/v1/auth/logout", Some(&viewer))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    // Past the freshness of the last check, a change must not reach it.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    app.patch_ok(c[1], &checker, json!({"status": "in_progress"}))
        .await;
    let ended = tokio::time::timeout(Duration::from_secs(15), async {
        let mut seen = String::new();
        while let Some(chunk) = stream.chunk().await.unwrap() {
            seen.push_str(std::str::from_utf8(&chunk).unwrap());
        }
        seen
    })
    .await
    .expect("the stream ends once its session has ended");
    assert!(
        !ended.contains("event: claim"),
        "nothing is sent after logout: {ended}"
    );
}
