//! GET /people: who claims can be assigned to, readable by checkers.

use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn checkers_see_active_assignable_people_without_emails() {
    let app = spawn_app().await;
    let (checker, token) = app.login_as(Role::Checker).await;
    let editor = app.create_user(Role::Editor).await;
    let viewer = app.create_user(Role::Viewer).await;
    let gone = app.create_user(Role::Checker).await;
    let (_, admin) = app.login_as(Role::Admin).await;
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/users/{}", gone.id),
            &admin,
            &json!({"disabled": true}),
        )
        .await;
    assert_eq!(resp.status(), 200);

    let resp = app.get("/api/v1/people", &token).await;
    assert_eq!(resp.status(), 200);
    let people: Vec<Value> = resp.json().await.unwrap();
    let ids: Vec<String> = people
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.contains(&checker.id.to_string()), "{people:?}");
    assert!(ids.contains(&editor.id.to_string()), "{people:?}");
    assert!(
        !ids.contains(&viewer.id.to_string()),
        "viewers cannot be assigned"
    );
    assert!(
        !ids.contains(&gone.id.to_string()),
        "disabled accounts are not offered"
    );
    for p in &people {
        assert!(p["name"].is_string() && p["role"].is_string(), "{p}");
        assert!(p.get("email").is_none(), "no emails: {p}");
    }

    let (_, viewer_token) = app.login_as(Role::Viewer).await;
    assert_error(
        app.get("/api/v1/people", &viewer_token).await,
        403,
        "forbidden",
    )
    .await;
    let anon = app
        .request(Method::GET, "/api/v1/people", None)
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
}
