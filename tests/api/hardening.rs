//! The server under concurrent load and hostile use: no request fails with
//! a 500 because of another request.

use crate::fixtures::BODY;
use crate::helpers::*;
use claimdesk::store::schema::claim_events;
use claimdesk::store::users::Role;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::HashMap;
use uuid::Uuid;

/// The ids of an article's claims, in reading order.
async fn claim_ids(app: &TestApp, article: Uuid, token: &str) -> Vec<Uuid> {
    let got: Value = app
        .get(&format!("/api/v1/articles/{article}"), token)
        .await
        .json()
        .await
        .unwrap();
    got["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().parse().unwrap())
        .collect()
}

/// Reads the claim and PATCHes its note, reading again after a 409 (the
/// re-extraction may bump the version). Returns every status seen.
async fn edit_note(app: &TestApp, id: Uuid, token: &str, note: String) -> Vec<u16> {
    let mut seen = Vec::new();
    for _ in 0..20 {
        let resp = app.get(&format!("/api/v1/claims/{id}"), token).await;
        seen.push(resp.status().as_u16());
        if resp.status() != 200 {
            return seen;
        }
        let version = resp.json::<Value>().await.unwrap()["version"].clone();
        let resp = app
            .send_json(
                Method::PATCH,
                &format!("/api/v1/claims/{id}"),
                token,
                &json!({"version": version, "verdict_note": note}),
            )
            .await;
        let status = resp.status().as_u16();
        seen.push(status);
        if status != 409 {
            return seen;
        }
    }
    seen
}

#[tokio::test]
async fn reextraction_and_concurrent_edits_never_fail_and_keep_an_unbroken_history() {
    const ROUNDS: usize = 5;
    const EDITS: usize = 15;
    let app = spawn_app_with(|s| s.database.pool_size = 20).await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &checker,
            &json!({"body": BODY}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let article: Uuid = resp.json::<Value>().await.unwrap()["article"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    // Every claim carries work, so re-extraction keeps them all.
    let claims = claim_ids(&app, article, &checker).await;
    assert!(claims.len() >= 2, "the body has claims");
    for &c in &claims {
        assert_eq!(
            edit_note(&app, c, &checker, "start".into()).await,
            vec![200, 200]
        );
    }

    let mut statuses: Vec<u16> = Vec::new();
    let mut written: HashMap<Uuid, usize> = claims.iter().map(|&c| (c, 1)).collect();
    let mut reextract_failures = 0;
    for round in 0..ROUNDS {
        let reextract = async {
            app.request(
                Method::POST,
                &format!("/api/v1/articles/{article}/reextract"),
                Some(&editor),
            )
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
        };
        let edits = (0..EDITS).map(|k| {
            let c = claims[k % claims.len()];
            let note = format!("round {round} edit {k}");
            let app = &app;
            let checker = &checker;
            async move { (c, edit_note(app, c, checker, note).await) }
        });
        let (re, edits) = tokio::join!(reextract, futures_util::future::join_all(edits));
        reextract_failures += usize::from(re != 200);
        statuses.push(re);
        for (c, seen) in edits {
            if seen.last() == Some(&200) {
                *written.get_mut(&c).unwrap() += 1;
            }
            statuses.extend(seen);
        }
    }
    let failed = statuses.iter().filter(|&&s| s >= 500).count();
    assert_eq!(
        (failed, reextract_failures),
        (0, 0),
        "5xx answers out of {} ({} re-extractions failed)",
        statuses.len(),
        reextract_failures
    );
    assert!(
        statuses.iter().all(|s| [200, 409].contains(s)),
        "{statuses:?}"
    );

    // Every acknowledged edit is one history event, and the version counts
    // every write to the claim: edits and re-extraction moves alike.
    assert_eq!(claim_ids(&app, article, &checker).await.len(), claims.len());
    let mut conn = app.db().await;
    for &c in &claims {
        let actions: Vec<String> = claim_events::table
            .filter(claim_events::claim_id.eq(c))
            .order(claim_events::id)
            .select(claim_events::action)
            .load(&mut conn)
            .await
            .unwrap();
        let edits = actions.iter().filter(|a| *a == "verdict_edited").count();
        assert_eq!(edits, written[&c], "{c}: {actions:?}");
        let version = app.claim(c, &checker).await["version"].as_i64().unwrap();
        assert_eq!(version - 1, actions.len() as i64, "{c}: {actions:?}");
    }
    let rounds: i64 = claim_events::table
        .filter(claim_events::article_id.eq(article))
        .filter(claim_events::action.eq("article_reextracted"))
        .count()
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(rounds, ROUNDS as i64);
}
