use crate::helpers::*;
use claimdesk::store::users::Role;
use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::Value;

#[tokio::test]
async fn unknown_routes_are_404_json() {
    let app = spawn_app().await;
    let resp = app
        .request(Method::GET, "/api/v1/no-such-thing", None)
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "not_found").await;
    let resp = app
        .request(Method::DELETE, "/elsewhere", None)
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "not_found").await;
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    let resp = app
        .request(Method::POST, "/api/v1/auth/login", None)
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_error(resp, 400, "malformed_json").await;
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_422() {
    let app = spawn_app().await;
    let resp = app
        .request(Method::POST, "/api/v1/auth/login", None)
        .json(&serde_json::json!({"email": 42}))
        .send()
        .await
        .unwrap();
    assert_error(resp, 422, "invalid_body").await;
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = spawn_app().await;
    let resp = app
        .request(Method::POST, "/api/v1/auth/login", None)
        .header("content-type", "text/plain")
        .body("email=a&password=b")
        .send()
        .await
        .unwrap();
    assert_error(resp, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let app = spawn_app_with(|s| s.server.json_limit = 1024).await;
    let big = serde_json::json!({"email": "a@example.org", "password": "x".repeat(4096)});
    let resp = app
        .request(Method::POST, "/api/v1/auth/login", None)
        .json(&big)
        .send()
        .await
        .unwrap();
    let body = assert_error(resp, 413, "payload_too_large").await;
    assert!(body["message"].as_str().unwrap().contains("1024"));
}

#[tokio::test]
async fn database_faults_are_500_without_internals() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    let mut conn = app.db().await;
    diesel::sql_query("ALTER TABLE users RENAME TO users_gone")
        .execute(&mut conn)
        .await
        .unwrap();
    let resp = app.get("/api/v1/me", &token).await;
    let body: Value = assert_error(resp, 500, "internal").await;
    let text = body.to_string();
    assert!(
        !text.contains("users") && !text.contains("relation"),
        "leaks internals: {text}"
    );
}

#[tokio::test]
async fn invalid_path_ids_are_a_clear_400() {
    let app = spawn_app().await;
    let (_, admin) = app.login_as(Role::Admin).await;
    let resp = app
        .send_json(
            Method::PATCH,
            "/api/v1/users/not-a-uuid",
            &admin,
            &serde_json::json!({"role": "viewer"}),
        )
        .await;
    assert_error(resp, 400, "invalid_path").await;
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/users/{}", uuid::Uuid::new_v4()),
            &admin,
            &serde_json::json!({"role": "viewer"}),
        )
        .await;
    assert_error(resp, 404, "not_found").await;
}
