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
