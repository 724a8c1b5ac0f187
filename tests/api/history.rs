use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use diesel_async::RunQueryDsl;
use serde_json::json;

#[tokio::test]
async fn history_lists_every_change_with_actor_time_and_states() {
    let app = spawn_app().await;
    let (checker_user, checker) = app.login_as(Role::Checker).await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (article_id, c) = city_article(&app).await;
    app.patch_ok(c[1], &checker, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(
        c[1],
        &checker,
        json!({"verdict": "mixed", "verdict_note": "Partly"}),
    )
    .await;

    let history = app.history(c[1], &viewer).await;
    assert_eq!(history.len(), 2);
    for e in &history {
        assert_eq!(e["claim_id"], json!(c[1]));
        assert_eq!(e["article_id"], json!(article_id));
        assert_eq!(e["actor_id"], json!(checker_user.id));
        assert!(e["at"].as_str().is_some_and(|t| t.contains('T')));
    }
    assert_eq!(
        history[0]["before"],
        json!({"status": "unreviewed", "version": 1})
    );
    assert_eq!(
        history[0]["after"],
        json!({"status": "in_progress", "version": 2})
    );
    assert_eq!(history[1]["action"], "verdict_edited");
    assert_eq!(
        history[1]["before"],
        json!({"verdict": null, "verdict_note": null, "verdict_by": null, "version": 2})
    );
    assert_eq!(
        history[1]["after"],
        json!({"verdict": "mixed", "verdict_note": "Partly", "verdict_by": checker_user.id, "version": 3})
    );
    assert!(history[0]["id"].as_i64() < history[1]["id"].as_i64());
    // Other claims' histories are their own.
    assert!(app.history(c[0], &viewer).await.is_empty());
}

#[tokio::test]
async fn the_database_refuses_to_rewrite_history() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    app.patch_ok(c[0], &checker, json!({"status": "in_progress"}))
        .await;
    let mut conn = app.db().await;
    for sql in [
        "UPDATE claim_events SET action = 'nothing_happened'",
        "DELETE FROM claim_events",
        "TRUNCATE claim_events",
    ] {
        let err = diesel::sql_query(sql)
            .execute(&mut conn)
            .await
            .expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let history = app.history(c[0], &checker).await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["action"], "review_started");
}
