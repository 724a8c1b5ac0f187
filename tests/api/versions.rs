use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::Arc;

#[tokio::test]
async fn writes_must_name_the_version_they_read() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let path = format!("/api/v1/claims/{}", c[0]);

    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &token,
            &json!({"status": "in_progress"}),
        )
        .await;
    assert_error(resp, 422, "version_required").await;

    // If-Match, as the ETag came.
    let etag = app.get(&path, &token).await.headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    let resp = app
        .request(Method::PATCH, &path, Some(&token))
        .header("if-match", &etag)
        .json(&json!({"status": "in_progress"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"], "\"2\"");

    for bad in ["*", "\"two\""] {
        let resp = app
            .request(Method::PATCH, &path, Some(&token))
            .header("if-match", bad)
            .json(&json!({"verdict": "true"}))
            .send()
            .await
            .unwrap();
        assert_error(resp, 422, "invalid_if_match").await;
    }
    let resp = app
        .request(Method::PATCH, &path, Some(&token))
        .header("if-match", "\"2\"")
        .json(&json!({"version": 1, "verdict": "true"}))
        .send()
        .await
        .unwrap();
    assert_error(resp, 422, "version_mismatch").await;
}

#[tokio::test]
async fn a_stale_write_is_409_with_the_current_claim() {
    let app = spawn_app().await;
    let (_, alice) = app.login_as(Role::Checker).await;
    let (_, bob) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let path = format!("/api/v1/claims/{}", c[0]);

    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &alice,
            &json!({"version": 1, "verdict_note": "Alice's note"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &bob,
            &json!({"version": 1, "verdict_note": "Bob's note"}),
        )
        .await;
    let body = assert_error(resp, 409, "stale_version").await;
    assert_eq!(body["current"]["version"], 2);
    assert_eq!(body["current"]["verdict_note"], "Alice's note");
    assert_eq!(body["current"]["id"], json!(c[0]));
    assert!(body["current"]["evidence_count"].is_number());

    let claim = app.claim(c[0], &bob).await;
    assert_eq!(claim["verdict_note"], "Alice's note", "no silent overwrite");
    assert_eq!(app.history(c[0], &bob).await.len(), 1);

    // A version from the future is as stale as one from the past.
    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &bob,
            &json!({"version": 7, "verdict_note": "Bob's note"}),
        )
        .await;
    assert_error(resp, 409, "stale_version").await;
}

/// Many writers race on one claim, each retrying from the state its 409
/// handed back. Every success is exactly one version and one history row,
/// and no write is lost.
#[tokio::test]
async fn concurrent_writers_never_lose_an_update() {
    const WRITERS: usize = 20;
    const WRITES_EACH: usize = 3;
    let app = Arc::new(spawn_app().await);
    let (_, token) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let id = c[0];
    let path = Arc::new(format!("/api/v1/claims/{id}"));

    let mut tasks = Vec::new();
    for w in 0..WRITERS {
        let (app, path, token) = (app.clone(), path.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let mut version = 1_i64;
            let (mut ok, mut conflicts) = (0, 0);
            let mut notes = Vec::new();
            while ok < WRITES_EACH {
                let note = format!("writer {w} write {ok}");
                let resp = app
                    .send_json(
                        Method::PATCH,
                        &path,
                        &token,
                        &json!({"version": version, "verdict_note": note}),
                    )
                    .await;
                let status = resp.status().as_u16();
                let body: Value = resp.json().await.unwrap();
                match status {
                    200 => {
                        assert_eq!(body["verdict_note"], note.as_str());
                        version = body["version"].as_i64().unwrap();
                        notes.push(note);
                        ok += 1;
                    }
                    409 => {
                        assert_eq!(body["error"], "stale_version");
                        let current = &body["current"];
                        assert_eq!(current["id"], json!(id));
                        let now = current["version"]
                            .as_i64()
                            .expect("409 carries the current version");
                        assert!(now != version, "409 although {version} is current");
                        assert!(
                            current["verdict_note"].is_string(),
                            "409 carries the current state: {current}"
                        );
                        version = now;
                        conflicts += 1;
                    }
                    other => panic!("unexpected {other}: {body}"),
                }
            }
            (notes, conflicts)
        }));
    }
    let mut written = Vec::new();
    let mut conflicts = 0;
    for t in tasks {
        let (notes, n) = t.await.unwrap();
        written.extend(notes);
        conflicts += n;
    }
    assert_eq!(written.len(), WRITERS * WRITES_EACH);

    let claim = app.claim(id, &token).await;
    let history = app.history(id, &token).await;
    assert_eq!(
        history.len(),
        written.len(),
        "one history row per successful write"
    );
    assert_eq!(
        claim["version"].as_i64().unwrap() as usize - 1,
        written.len(),
        "one version per successful write"
    );
    // Each event's "after" is a distinct successful write, and they chain:
    // each write's before is the previous write's after.
    let mut after_notes: Vec<String> = history
        .iter()
        .map(|e| e["after"]["verdict_note"].as_str().unwrap().to_owned())
        .collect();
    for pair in history.windows(2) {
        assert_eq!(
            pair[1]["before"]["verdict_note"],
            pair[0]["after"]["verdict_note"]
        );
        assert_eq!(
            pair[1]["before"]["version"].as_i64().unwrap() + 1,
            pair[1]["after"]["version"].as_i64().unwrap()
        );
    }
    assert_eq!(
        claim["verdict_note"],
        history.last().unwrap()["after"]["verdict_note"]
    );
    after_notes.sort();
    written.sort();
    assert_eq!(after_notes, written);
    eprintln!(
        "{} writes, {conflicts} conflicts answered with 409",
        written.len()
    );
}
