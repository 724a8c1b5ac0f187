use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

#[tokio::test]
async fn comments_are_written_edited_and_deleted_with_history() {
    let app = spawn_app().await;
    let (user, checker) = app.login_as(Role::Checker).await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, c) = city_article(&app).await;
    let path = format!("/api/v1/claims/{}/comments", c[2]);

    let resp = app
        .send_json(Method::POST, &path, &viewer, &json!({"body": "hi"}))
        .await;
    assert_error(resp, 403, "forbidden").await;
    for body in ["", "   "] {
        let resp = app
            .send_json(Method::POST, &path, &checker, &json!({"body": body}))
            .await;
        assert_error(resp, 422, "empty_comment").await;
    }
    let resp = app
        .send_json(
            Method::POST,
            &path,
            &checker,
            &json!({"body": "x".repeat(10_001)}),
        )
        .await;
    assert_error(resp, 422, "comment_too_long").await;

    let resp = app
        .send_json(
            Method::POST,
            &path,
            &checker,
            &json!({"body": " Police data says -8%. "}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let comment: Value = resp.json().await.unwrap();
    assert_eq!(comment["body"], "Police data says -8%.");
    assert_eq!(comment["author_id"], json!(user.id));
    let id = comment["id"].as_str().unwrap().to_owned();

    let list: Vec<Value> = app.get(&path, &viewer).await.json().await.unwrap();
    assert_eq!(list.len(), 1);

    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/comments/{id}"),
            &checker,
            &json!({"body": "Police data says -8% (2024)."}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    // The same text again (after trimming) is no edit and no history event.
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/comments/{id}"),
            &checker,
            &json!({"body": "Police data says -8% (2024). "}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/comments/{id}"),
            Some(&checker),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let list: Vec<Value> = app.get(&path, &viewer).await.json().await.unwrap();
    assert!(list.is_empty());
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/comments/{id}"),
            &checker,
            &json!({"body": "again"}),
        )
        .await;
    assert_error(resp, 404, "not_found").await;

    let history = app.history(c[2], &viewer).await;
    let actions: Vec<&str> = history
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["comment_added", "comment_edited", "comment_deleted"]
    );
    assert_eq!(history[1]["before"]["body"], "Police data says -8%.");
    assert_eq!(history[1]["after"]["body"], "Police data says -8% (2024).");
    assert_eq!(
        app.claim(c[2], &viewer).await["version"],
        1,
        "comments do not bump the claim's version"
    );

    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{}/comments", Uuid::now_v7()),
            &checker,
            &json!({"body": "x"}),
        )
        .await;
    assert_error(resp, 404, "not_found").await;
}

/// Posts a comment; returns its path for PATCH and DELETE.
async fn comment_on(app: &TestApp, claim: Uuid, token: &str, body: &str) -> String {
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{claim}/comments"),
            token,
            &json!({ "body": body }),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let id = resp.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    format!("/api/v1/comments/{id}")
}

#[tokio::test]
async fn authors_change_their_own_comments_and_editors_any() {
    let app = spawn_app().await;
    let (_, author) = app.login_as(Role::Checker).await;
    let (_, other) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    let path = comment_on(&app, c[0], &author, "first").await;

    let resp = app
        .send_json(Method::PATCH, &path, &other, &json!({"body": "hijacked"}))
        .await;
    assert_error(resp, 403, "not_author").await;
    let resp = app
        .request(Method::DELETE, &path, Some(&other))
        .send()
        .await
        .unwrap();
    assert_error(resp, 403, "not_author").await;
    let resp = app
        .request(Method::DELETE, &path, Some(&editor))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
}

/// Concurrent edits of one comment: each history event's `before` is the
/// previous event's `after`, so no edit vanishes from the record even when
/// two land between one handler's read and its write.
#[tokio::test]
async fn concurrent_edits_leave_an_unbroken_history() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    let path = comment_on(&app, c[0], &editor, "v0").await;
    let bodies: Vec<Value> = (1..=12).map(|i| json!({"body": format!("v{i}")})).collect();
    let edits = bodies
        .iter()
        .map(|b| app.send_json(Method::PATCH, &path, &editor, b));
    for resp in futures_util::future::join_all(edits).await {
        assert_eq!(resp.status(), 200);
    }
    let history = app.history(c[0], &editor).await;
    let edited: Vec<&Value> = history
        .iter()
        .filter(|e| e["action"] == "comment_edited")
        .collect();
    assert_eq!(edited.len(), 12, "{history:#?}");
    let mut body = "v0";
    for e in edited {
        assert_eq!(e["before"]["body"], body, "{history:#?}");
        body = e["after"]["body"].as_str().unwrap();
    }
    let now: Vec<Value> = app
        .get(&format!("/api/v1/claims/{}/comments", c[0]), &editor)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(now[0]["body"], body, "the last event is the stored state");
}

#[tokio::test]
async fn comment_writes_with_a_stale_if_match_are_refused() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let path = comment_on(&app, c[0], &checker, "first").await;
    let edit = |if_match: &'static str, text: &'static str| {
        let body = json!({ "body": text });
        let (app, path, checker) = (&app, &path, &checker);
        async move {
            app.send_if_match(Method::PATCH, path, checker, if_match, Some(&body))
                .await
        }
    };
    let resp = edit("\"1\"", "second").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"], "\"2\"");
    let body = assert_error(edit("\"1\"", "third").await, 409, "stale_version").await;
    assert_eq!(body["current"]["body"], "second");
    let resp = app
        .send_if_match(Method::DELETE, &path, &checker, "\"2\"", None)
        .await;
    assert_eq!(resp.status(), 204);
}
