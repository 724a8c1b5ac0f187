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
    let speakers: Vec<Value> = resp.json().await.unwrap();
    assert_eq!(speakers.len(), 2, "{speakers:?}");
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
