use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// The unemployment claim of `city_article`, reported by two other outlets
/// (one quoting the same speaker), plus an unrelated claim.
async fn three_articles(app: &TestApp) -> (Vec<Uuid>, Uuid, Uuid, Uuid) {
    let (_, city) = city_article(app).await;
    let a = "Ann Lee said unemployment fell to 4 percent last year, a record.";
    let (_, same_speaker) = article(
        app,
        "Echo",
        a,
        &[said(
            a,
            "Ann Lee",
            "Ann Lee",
            "said",
            "unemployment fell to 4 percent last year, a record",
        )],
    )
    .await;
    let b =
        "A think tank said unemployment fell to 4 percent last year, a record. Bees like clover.";
    let (_, other) = article(
        app,
        "Tank",
        b,
        &[
            said(
                b,
                "A think tank",
                "think tank",
                "said",
                "unemployment fell to 4 percent last year, a record",
            ),
            stated(b, "Bees like clover.", 0.2),
        ],
    )
    .await;
    (city, same_speaker[0], other[0], other[1])
}

#[tokio::test]
async fn similar_claims_come_from_other_articles_same_speaker_first() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (city, echo, tank, bees) = three_articles(&app).await;

    let resp = app
        .get(&format!("/api/v1/claims/{}/similar", city[0]), &viewer)
        .await;
    assert_eq!(resp.status(), 200);
    let hits: Vec<Value> = resp.json().await.unwrap();
    let ids: Vec<Uuid> = hits
        .iter()
        .map(|h| h["claim"]["id"].as_str().unwrap().parse().unwrap())
        .collect();
    // Same wording in both; the same speaker ranks first. Nothing from the
    // claim's own article, nothing unrelated.
    assert_eq!(ids, vec![echo, tank]);
    assert!(!ids.contains(&bees) && !city.contains(&ids[0]));
    assert_eq!(hits[0]["same_speaker"], true);
    assert_eq!(hits[1]["same_speaker"], false);
    let (s0, s1) = (
        hits[0]["similarity"].as_f64().unwrap(),
        hits[1]["similarity"].as_f64().unwrap(),
    );
    assert!((s0 - s1).abs() < 1e-6 && s0 > 0.5 && s0 < 1.0, "{s0} {s1}");
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
    assert_eq!(hits[0]["linked"], false);

    let hits: Vec<Value> = app
        .get(
            &format!("/api/v1/claims/{}/similar?limit=1", city[0]),
            &viewer,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    for bad in ["0", "51"] {
        let resp = app
            .get(
                &format!("/api/v1/claims/{}/similar?limit={bad}", city[0]),
                &viewer,
            )
            .await;
        assert_error(resp, 422, "invalid_limit").await;
    }
    let hits: Vec<Value> = app
        .get(&format!("/api/v1/claims/{bees}/similar"), &viewer)
        .await
        .json()
        .await
        .unwrap();
    assert!(hits.is_empty());
}

#[tokio::test]
async fn linked_claims_reuse_an_approved_verdict() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (city, echo, tank, _) = three_articles(&app).await;
    let link = |from: Uuid, to: Uuid, token: String| {
        let app = &app;
        async move {
            app.send_json(
                Method::POST,
                &format!("/api/v1/claims/{from}/links"),
                &token,
                &json!({"claim_id": to}),
            )
            .await
        }
    };

    assert_error(link(city[0], echo, checker.clone()).await, 403, "forbidden").await;
    let resp = link(city[0], echo, editor.clone()).await;
    assert_eq!(resp.status(), 201);
    let claim: Value = resp.json().await.unwrap();
    assert_eq!(claim["linked_claims"], json!([echo]));
    assert!(claim["linked_verdict"].is_null(), "nothing approved yet");

    // Once, whichever side it is made from.
    assert_error(
        link(echo, city[0], editor.clone()).await,
        409,
        "already_linked",
    )
    .await;
    assert_error(
        link(city[0], city[0], editor.clone()).await,
        422,
        "same_claim",
    )
    .await;
    assert_error(
        link(city[0], city[2], editor.clone()).await,
        422,
        "same_article",
    )
    .await;
    assert_error(
        link(city[0], Uuid::now_v7(), editor.clone()).await,
        404,
        "not_found",
    )
    .await;

    // Approve the twin: the linked claim shows its verdict.
    app.patch_ok(echo, &checker, json!({"status": "in_progress"}))
        .await;
    app.patch_ok(
        echo,
        &checker,
        json!({"status": "verdict_proposed", "verdict": "mostly_true", "verdict_note": "4.1%"}),
    )
    .await;
    let claim = app.claim(city[0], &checker).await;
    assert!(
        claim["linked_verdict"].is_null(),
        "a proposal is not a verdict yet"
    );
    app.patch_ok(echo, &editor, json!({"status": "approved"}))
        .await;
    let claim = app.claim(city[0], &checker).await;
    assert_eq!(
        claim["linked_verdict"],
        json!({"claim_id": echo, "article_id": app.claim(echo, &checker).await["article_id"], "verdict": "mostly_true", "verdict_note": "4.1%"})
    );

    let hits: Vec<Value> = app
        .get(&format!("/api/v1/claims/{}/similar", city[0]), &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits.iter().filter(|h| h["linked"] == true).count(), 1);

    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/claims/{echo}/links/{}", city[0]),
            Some(&checker),
        )
        .send()
        .await
        .unwrap();
    assert_error(resp, 403, "forbidden").await;
    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/claims/{echo}/links/{}", city[0]),
            Some(&editor),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/claims/{echo}/links/{}", city[0]),
            Some(&editor),
        )
        .send()
        .await
        .unwrap();
    let body = assert_error(resp, 404, "not_found").await;
    assert_eq!(body["message"], "link not found");
    let claim = app.claim(city[0], &checker).await;
    assert!(claim["linked_verdict"].is_null() && claim["linked_claims"] == json!([]));

    // Both sides record the link and the unlink, naming the other claim.
    let history = app.history(city[0], &checker).await;
    let actions: Vec<&str> = history
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["claim_linked", "claim_unlinked"]);
    assert_eq!(history[0]["after"]["linked_claim_id"], json!(echo));
    let echo_links = app
        .history(echo, &checker)
        .await
        .iter()
        .filter(|e| e["action"] == "claim_linked")
        .count();
    assert_eq!(echo_links, 1);
    let _ = tank;
}

/// Every migration reverts and re-applies over stored claims: the match
/// bands are regenerated for existing rows and matching still finds them.
#[tokio::test]
async fn migrations_revert_and_reapply_over_stored_claims() {
    use diesel::Connection;
    use diesel_async::AsyncPgConnection;
    use diesel_async::async_connection_wrapper::AsyncConnectionWrapper;
    use diesel_migrations::MigrationHarness;

    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (city, echo, tank, _) = three_articles(&app).await;
    let similar = || async {
        let hits: Vec<Value> = app
            .get(&format!("/api/v1/claims/{}/similar", city[0]), &viewer)
            .await
            .json()
            .await
            .unwrap();
        hits.iter()
            .map(|h| h["claim"]["id"].as_str().unwrap().parse().unwrap())
            .collect::<Vec<Uuid>>()
    };
    assert_eq!(similar().await, vec![echo, tank]);

    let url = app.database_url.clone();
    let (mut reverted, reapplied) = tokio::task::spawn_blocking(move || {
        let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(&url).unwrap();
        let mut reverted = Vec::new();
        // Down to the first migration (whose revert would drop the data).
        while conn.applied_migrations().unwrap().len() > 1 {
            reverted.push(
                conn.revert_last_migration(claimdesk::store::MIGRATIONS)
                    .unwrap()
                    .to_string(),
            );
        }
        let reapplied = conn
            .run_pending_migrations(claimdesk::store::MIGRATIONS)
            .unwrap()
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>();
        (reverted, reapplied)
    })
    .await
    .unwrap();
    assert!(!reverted.is_empty());
    reverted.reverse();
    assert_eq!(reverted, reapplied);
    assert_eq!(similar().await, vec![echo, tank]);
}

/// "Lee" in a follow-up names the "Ann Lee" of the first report: a surname
/// is the same speaker as the full name it ends.
#[tokio::test]
async fn a_surname_is_the_same_speaker_as_the_full_name() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, city) = city_article(&app).await;
    let text = "Lee said unemployment fell to 4 percent last year.";
    let (_, follow_up) = article(
        &app,
        "Follow-up",
        text,
        &[said(
            text,
            "Lee",
            "Lee",
            "said",
            "unemployment fell to 4 percent last year",
        )],
    )
    .await;
    let hits: Vec<Value> = app
        .get(&format!("/api/v1/claims/{}/similar", city[0]), &viewer)
        .await
        .json()
        .await
        .unwrap();
    let hit = hits
        .iter()
        .find(|h| h["claim"]["id"] == json!(follow_up[0]))
        .expect("the follow-up is similar");
    assert_eq!(hit["same_speaker"], true, "{hit:#}");
}
