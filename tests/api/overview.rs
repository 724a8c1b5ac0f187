//! GET /overview: counts by status and verdict, and recent activity.

use crate::fixtures::{article, city_article, stated};
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};

fn count(o: &Value, status: &str, verdict: Option<&str>) -> i64 {
    o["counts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == status && c["verdict"].as_str() == verdict)
        .map(|c| c["count"].as_i64().unwrap())
        .sum()
}

#[tokio::test]
async fn counts_live_claims_and_names_recent_work() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, claims) = city_article(&app).await;
    let gone_body = "The bridge cost 4 million euros.";
    let (gone, _) = article(
        &app,
        "Gone",
        gone_body,
        &[stated(gone_body, gone_body, 0.9)],
    )
    .await;
    app.patch_ok(claims[0], &checker, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(
        claims[0],
        &checker,
        json!({"status": "verdict_proposed", "verdict": "false"}),
    )
    .await;
    app.patch_ok(claims[1], &checker, json!({"not_a_claim": true}))
        .await;
    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/articles/{gone}"),
            Some(&editor),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);

    let (_, viewer) = app.login_as(Role::Viewer).await;
    let resp = app.get("/api/v1/overview", &viewer).await;
    assert_eq!(resp.status(), 200);
    let o: Value = resp.json().await.unwrap();
    // Four claims: one proposed false, one dismissed (not counted), two
    // unreviewed; the deleted article's claim is not counted.
    assert_eq!(count(&o, "verdict_proposed", Some("false")), 1, "{o}");
    assert_eq!(count(&o, "unreviewed", None), 2, "{o}");
    let total: i64 = o["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 3, "{o}");

    let recent = o["recent"].as_array().unwrap();
    assert_eq!(recent[0]["action"], "marked_not_a_claim", "{o}");
    assert_eq!(recent[0]["actor"], "Test checker");
    assert_eq!(recent[0]["article_title"], "City hall");
    assert_eq!(recent[1]["action"], "verdict_proposed");
    assert_eq!(recent[1]["claim_id"], claims[0].to_string());
    assert!(
        recent.iter().all(|e| e["article_id"] != gone.to_string()),
        "a deleted article's events are not shown: {o}"
    );

    let anon = app
        .request(Method::GET, "/api/v1/overview", None)
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
}
