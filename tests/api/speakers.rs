use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use serde_json::{Value, json};

#[tokio::test]
async fn speakers_have_claim_counts_by_status_and_verdict() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let body = "ANN LEE said parks are cleaner. Bo Diaz said taxes rose.";
    let (_, more) = article(
        &app,
        "Parks",
        body,
        &[
            said(body, "ANN LEE", "ANN LEE", "said", "parks are cleaner"),
            said(body, "Bo Diaz", "Bo Diaz", "said", "taxes rose"),
        ],
    )
    .await;
    app.patch_ok(
        c[0],
        &checker,
        json!({"status": "in_progress", "verdict": "false"}),
    )
    .await;
    app.patch_ok(more[0], &checker, json!({"verdict": "true"}))
        .await;
    app.patch_ok(more[1], &checker, json!({"not_a_claim": true}))
        .await;

    let resp = app.get("/api/v1/speakers", &checker).await;
    assert_eq!(resp.status(), 200);
    let page: Value = resp.json().await.unwrap();
    let speakers = page["items"].as_array().unwrap();
    assert_eq!(speakers.len(), 2, "{speakers:?}");
    assert!(page["next_cursor"].is_null());

    // Pages of one: the cursor is the last speaker seen, any case.
    let first: Value = app
        .get("/api/v1/speakers?limit=1", &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["items"][0]["speaker"], "ANN LEE");
    assert_eq!(first["next_cursor"], "ANN LEE");
    let second: Value = app
        .get("/api/v1/speakers?limit=1&after=ann%20lee", &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["items"][0]["speaker"], "Bo Diaz");
    assert!(second["next_cursor"].is_null());
    let gone: Value = app
        .get("/api/v1/speakers?after=Nobody", &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        gone["items"],
        json!([]),
        "a speaker no longer listed ends the list"
    );
    for (q, code) in [
        ("limit=0", "invalid_limit"),
        ("limit=501", "invalid_limit"),
        ("limit=", "invalid_limit"),
        ("sort=x", "invalid_query"),
    ] {
        let resp = app.get(&format!("/api/v1/speakers?{q}"), &checker).await;
        assert_error(resp, 422, code).await;
    }
    assert_eq!(
        speakers[0],
        json!({
            "speaker": "ANN LEE", "claims": 3,
            "by_status": {"unreviewed": 2, "in_progress": 1, "verdict_proposed": 0, "approved": 0},
            "by_verdict": {"false": 1, "true": 1},
        })
    );
    assert_eq!(
        speakers[1],
        json!({
            "speaker": "Bo Diaz", "claims": 1,
            "by_status": {"unreviewed": 1, "in_progress": 0, "verdict_proposed": 0, "approved": 0},
            "by_verdict": {},
        })
    );
}
