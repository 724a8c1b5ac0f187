use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn a_checker_proposes_and_another_editor_approves() {
    let app = spawn_app().await;
    let (checker_user, checker) = app.login_as(Role::Checker).await;
    let (editor_user, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;

    let claim = app
        .patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    assert_eq!(claim["status"], "in_progress");

    let resp = app
        .patch_claim(c[0], &checker, json!({"status": "verdict_proposed"}))
        .await;
    let body = assert_error(resp, 422, "verdict_required").await;
    assert_eq!(body["allowed"][0], "true");

    let resp = app
        .patch_claim(
            c[0],
            &checker,
            json!({"status": "verdict_proposed", "verdict": "pants_on_fire"}),
        )
        .await;
    let body = assert_error(resp, 422, "unknown_verdict").await;
    let scale: Vec<&str> = body["allowed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        scale,
        [
            "true",
            "mostly_true",
            "mixed",
            "mostly_false",
            "false",
            "misleading",
            "unverifiable",
            "not_checkable"
        ]
    );

    let claim = app
        .patch_ok(c[0], &checker, json!({"status": "verdict_proposed", "verdict": "mostly_false", "verdict_note": "Rate was 4.6%"}))
        .await;
    assert_eq!(claim["status"], "verdict_proposed");
    assert_eq!(claim["verdict"], "mostly_false");
    assert_eq!(claim["proposed_by"], json!(checker_user.id));

    // A checker cannot approve, not even someone else's proposal.
    let resp = app
        .patch_claim(c[0], &checker, json!({"status": "approved"}))
        .await;
    assert_error(resp, 403, "forbidden").await;
    // Approving means approving the verdict as proposed.
    let resp = app
        .patch_claim(
            c[0],
            &editor,
            json!({"status": "approved", "verdict": "false"}),
        )
        .await;
    assert_error(resp, 422, "claim_approved").await;

    let claim = app
        .patch_ok(c[0], &editor, json!({"status": "approved"}))
        .await;
    assert_eq!(claim["status"], "approved");
    assert_eq!(claim["verdict"], "mostly_false");
    assert_eq!(
        claim["proposed_by"],
        json!(checker_user.id),
        "the proposer is kept on record"
    );

    let history = app.history(c[0], &checker).await;
    let steps: Vec<(&str, &Value)> = history
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), &e["actor_id"]))
        .collect();
    assert_eq!(
        steps,
        [
            ("review_started", &json!(checker_user.id)),
            ("verdict_proposed", &json!(checker_user.id)),
            ("verdict_approved", &json!(editor_user.id)),
        ]
    );
    assert_eq!(history[2]["before"]["status"], "verdict_proposed");
    assert_eq!(history[2]["after"]["status"], "approved");
}

#[tokio::test]
async fn an_editor_cannot_approve_their_own_proposal() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    app.patch_ok(c[0], &editor, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(
        c[0],
        &editor,
        json!({"status": "verdict_proposed", "verdict": "true"}),
    )
    .await;
    let resp = app
        .patch_claim(c[0], &editor, json!({"status": "approved"}))
        .await;
    assert_error(resp, 403, "self_approval").await;

    // Rewording someone else's proposal makes it yours.
    let (_, other_editor) = app.login_as(Role::Editor).await;
    app.patch_ok(
        c[0],
        &other_editor,
        json!({"verdict_note": "checked with the statistics office"}),
    )
    .await;
    let resp = app
        .patch_claim(c[0], &other_editor, json!({"status": "approved"}))
        .await;
    assert_error(resp, 403, "self_approval").await;
    let claim = app
        .patch_ok(c[0], &editor, json!({"status": "approved"}))
        .await;
    assert_eq!(claim["status"], "approved");
}

#[tokio::test]
async fn an_editor_cannot_approve_a_verdict_they_set_that_a_checker_proposed() {
    let app = spawn_app().await;
    let (editor_user, editor) = app.login_as(Role::Editor).await;
    let (checker_user, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    app.patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    let claim = app
        .patch_ok(
            c[0],
            &editor,
            json!({"verdict": "false", "verdict_note": "see the budget"}),
        )
        .await;
    assert_eq!(claim["verdict_by"], json!(editor_user.id));
    assert_eq!(claim["verdict_by_name"], "Test editor");
    // The checker only moves the claim on, so the verdict is still the editor's.
    let claim = app
        .patch_ok(c[0], &checker, json!({"status": "verdict_proposed"}))
        .await;
    assert_eq!(claim["proposed_by"], json!(checker_user.id));
    assert_eq!(claim["verdict_by"], json!(editor_user.id));
    let seen_by_editor = app.claim(c[0], &editor).await;
    assert!(
        !seen_by_editor["allowed_actions"]
            .as_array()
            .unwrap()
            .contains(&json!("approve"))
    );
    let resp = app
        .patch_claim(c[0], &editor, json!({"status": "approved"}))
        .await;
    assert_error(resp, 403, "self_approval").await;

    let (_, other_editor) = app.login_as(Role::Editor).await;
    let claim = app
        .patch_ok(c[0], &other_editor, json!({"status": "approved"}))
        .await;
    assert_eq!(claim["status"], "approved");
    assert_eq!(claim["verdict"], "false");
}

#[tokio::test]
async fn self_approval_works_when_configured() {
    let app = spawn_app_with(|s| s.workflow.allow_self_approval = true).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    app.patch_ok(c[0], &editor, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(
        c[0],
        &editor,
        json!({"status": "verdict_proposed", "verdict": "true"}),
    )
    .await;
    let claim = app
        .patch_ok(c[0], &editor, json!({"status": "approved"}))
        .await;
    assert_eq!(claim["status"], "approved");
}

#[tokio::test]
async fn invalid_transitions_list_the_allowed_next_statuses() {
    let app = spawn_app().await;
    let (_, admin) = app.login_as(Role::Admin).await;
    let (_, c) = city_article(&app).await;
    let resp = app
        .patch_claim(c[0], &admin, json!({"status": "approved"}))
        .await;
    let body = assert_error(resp, 422, "invalid_transition").await;
    assert_eq!(body["allowed"], json!(["in_progress"]));
    let resp = app
        .patch_claim(
            c[0],
            &admin,
            json!({"status": "verdict_proposed", "verdict": "true"}),
        )
        .await;
    assert_error(resp, 422, "invalid_transition").await;
    let resp = app
        .patch_claim(c[0], &admin, json!({"status": "finished"}))
        .await;
    let body = assert_error(resp, 422, "invalid_status").await;
    assert_eq!(body["allowed"].as_array().unwrap().len(), 4);

    app.patch_ok(c[0], &admin, json!({"status": "in_progress"}))
        .await;
    let resp = app
        .patch_claim(c[0], &admin, json!({"status": "approved"}))
        .await;
    let body = assert_error(resp, 422, "invalid_transition").await;
    assert_eq!(body["allowed"], json!(["verdict_proposed", "unreviewed"]));
    let claim = app
        .patch_ok(c[0], &admin, json!({"status": "unreviewed"}))
        .await;
    assert_eq!(claim["status"], "unreviewed");
    assert_eq!(claim["version"], 3);
}

#[tokio::test]
async fn approved_claims_are_locked_until_an_editor_reopens_them() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    app.patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(
        c[0],
        &checker,
        json!({"status": "verdict_proposed", "verdict": "true"}),
    )
    .await;
    app.patch_ok(c[0], &editor, json!({"status": "approved"}))
        .await;

    for change in [
        json!({"verdict": "false"}),
        json!({"verdict_note": "x"}),
        json!({"content": {"start": 0, "end": 4}}),
    ] {
        let resp = app.patch_claim(c[0], &editor, change).await;
        assert_error(resp, 422, "claim_approved").await;
    }
    let resp = app
        .patch_claim(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    assert_error(resp, 403, "forbidden").await;

    let claim = app
        .patch_ok(
            c[0],
            &editor,
            json!({"status": "in_progress", "verdict": "false"}),
        )
        .await;
    assert_eq!(claim["status"], "in_progress");
    assert_eq!(claim["verdict"], "false");
    assert!(
        claim["proposed_by"].is_null(),
        "a reopened claim needs a new proposal"
    );
    assert_eq!(
        app.history(c[0], &editor).await.last().unwrap()["action"],
        "reopened"
    );

    // Withdrawing a proposal goes back to in_progress too.
    app.patch_ok(c[0], &checker, json!({"status": "verdict_proposed"}))
        .await;
    let claim = app
        .patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    assert!(claim["proposed_by"].is_null());
    assert_eq!(
        app.history(c[0], &editor).await.last().unwrap()["action"],
        "proposal_withdrawn"
    );
}

#[tokio::test]
async fn the_verdict_scale_comes_from_the_configuration() {
    let app = spawn_app_with(|s| {
        s.workflow.verdicts.truncate(2);
        s.workflow.verdicts[1].colour = "#abcdef".into();
    })
    .await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let resp = app.get("/api/v1/verdicts", &viewer).await;
    assert_eq!(resp.status(), 200);
    let scale: Value = resp.json().await.unwrap();
    assert_eq!(
        scale,
        json!([
            {"label": "true", "ordinal": 1, "colour": "#1a7f37"},
            {"label": "mostly_true", "ordinal": 2, "colour": "#abcdef"},
        ])
    );
    let resp = app
        .request(Method::GET, "/api/v1/verdicts", None)
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, "unauthenticated").await;

    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let resp = app
        .patch_claim(c[0], &checker, json!({"verdict": "false"}))
        .await;
    let body = assert_error(resp, 422, "unknown_verdict").await;
    assert_eq!(body["allowed"], json!(["true", "mostly_true"]));
}
