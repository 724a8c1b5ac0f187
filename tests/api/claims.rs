use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use diesel_async::RunQueryDsl;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::HashSet;
use uuid::Uuid;

#[tokio::test]
async fn list_pages_through_every_claim_once_in_creation_order() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, first) = city_article(&app).await;
    let body = "Analysts said inflation will ease. Rents rose 9 percent.";
    let (_, second) = article(
        &app,
        "Economy",
        body,
        &[
            said(body, "Analysts", "Analysts", "said", "inflation will ease"),
            stated(body, "Rents rose 9 percent.", 0.9),
        ],
    )
    .await;
    let mut expected: Vec<Uuid> = first.iter().chain(&second).copied().collect();
    expected.sort();

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &cursor {
            Some(c) => format!("?limit=4&after={c}"),
            None => "?limit=4".into(),
        };
        let page = app.list_claims(&q, &viewer).await;
        seen.extend(ids(&page));
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(pages, 2);
    assert_eq!(seen, expected, "every claim once, in id order");

    let all = app.list_claims("", &viewer).await;
    assert_eq!(ids(&all).len(), 6);
    assert!(all["next_cursor"].is_null());
    let item = &all["items"][0];
    assert_eq!(item["evidence_count"], 0);
    assert_eq!(item["comment_count"], 0);
    assert!(item["content_text"].is_string());
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let app = spawn_app().await;
    let (checker, token) = app.login_as(Role::Checker).await;
    let (article_id, c) = city_article(&app).await;
    let body = "Ann Lee said parks are cleaner.";
    let (_, other) = article(
        &app,
        "Parks",
        body,
        &[said(
            body,
            "Ann Lee",
            "Ann Lee",
            "said",
            "parks are cleaner",
        )],
    )
    .await;

    let set = |page: &Value| ids(page).into_iter().collect::<HashSet<_>>();
    let expect = |v: &[Uuid]| v.iter().copied().collect::<HashSet<_>>();

    // Speaker: case-insensitive, across articles.
    let page = app.list_claims("?speaker=ann%20LEE", &token).await;
    assert_eq!(set(&page), expect(&[c[0], c[3], other[0]]));
    let page = app
        .list_claims(&format!("?speaker=ann%20lee&article={article_id}"), &token)
        .await;
    assert_eq!(set(&page), expect(&[c[0], c[3]]));
    let page = app.list_claims("?kind=unattributed", &token).await;
    assert_eq!(set(&page), expect(&[c[1]]));
    let page = app.list_claims("?min_checkworthiness=0.7", &token).await;
    assert_eq!(set(&page), expect(&[c[0], c[2], c[3], other[0]]));

    app.patch_ok(
        c[2],
        &token,
        json!({"status": "in_progress", "assignee_id": checker.id}),
    )
    .await;
    app.patch_ok(
        c[3],
        &token,
        json!({"verdict": "false", "not_a_claim": true}),
    )
    .await;
    let page = app.list_claims("?status=in_progress", &token).await;
    assert_eq!(set(&page), expect(&[c[2]]));
    let page = app.list_claims("?assignee=me", &token).await;
    assert_eq!(set(&page), expect(&[c[2]]));
    let page = app
        .list_claims(&format!("?assignee={}", checker.id), &token)
        .await;
    assert_eq!(set(&page), expect(&[c[2]]));
    let page = app.list_claims("?assignee=none", &token).await;
    assert_eq!(set(&page), expect(&[c[0], c[1], c[3], other[0]]));
    let page = app.list_claims("?verdict=false", &token).await;
    assert_eq!(set(&page), expect(&[c[3]]));
    let page = app.list_claims("?not_a_claim=true", &token).await;
    assert_eq!(set(&page), expect(&[c[3]]));
    let page = app
        .list_claims("?status=unreviewed&speaker=Ann%20Lee", &token)
        .await;
    assert_eq!(set(&page), expect(&[c[0], c[3], other[0]]));
}

#[tokio::test]
async fn full_text_search_finds_words_in_content_speaker_and_note() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;

    // Case and stemming are the search configuration's.
    let page = app.list_claims("?q=Unemployment", &token).await;
    assert_eq!(ids(&page), vec![c[0]]);
    // A word only in the speaker's name.
    let page = app.list_claims("?q=Diaz", &token).await;
    assert_eq!(ids(&page), vec![c[2]]);
    // Web search syntax: a phrase, and exclusion.
    let page = app
        .list_claims("?q=%22budget%20is%20balanced%22", &token)
        .await;
    assert_eq!(ids(&page), vec![c[3]]);
    let page = app.list_claims("?q=lee%20-budget", &token).await;
    assert_eq!(ids(&page), vec![c[0]]);
    let page = app.list_claims("?q=zeppelin", &token).await;
    assert!(ids(&page).is_empty());

    // The verdict note is searched too, once written.
    app.patch_ok(
        c[1],
        &token,
        json!({"verdict_note": "Permits registry shows only 800 completions"}),
    )
    .await;
    let page = app.list_claims("?q=permits%20registry", &token).await;
    assert_eq!(ids(&page), vec![c[1]]);
    // Combined with other filters.
    let page = app.list_claims("?q=lee&kind=unattributed", &token).await;
    assert!(ids(&page).is_empty());
}

#[tokio::test]
async fn invalid_filters_are_422_with_a_clear_message() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    // Stored claims, so the `limit=200` page below has something to return.
    let (_, mut stored) = city_article(&app).await;
    assert_eq!(stored.len(), 4);
    let cases = [
        ("?status=done", "invalid_status"),
        ("?verdict=pants_on_fire", "unknown_verdict"),
        ("?kind=rumour", "invalid_kind"),
        ("?assignee=bob", "invalid_filter"),
        ("?article=42", "invalid_filter"),
        ("?min_checkworthiness=1.5", "invalid_filter"),
        ("?min_checkworthiness=high", "invalid_filter"),
        ("?not_a_claim=maybe", "invalid_filter"),
        ("?q=%20%20", "invalid_filter"),
        ("?speaker=", "invalid_filter"),
        ("?limit=0", "invalid_limit"),
        ("?limit=201", "invalid_limit"),
        ("?after=page-2", "invalid_cursor"),
        ("?stauts=approved", "invalid_query"),
    ];
    for (q, code) in cases {
        let resp = app.get(&format!("/api/v1/claims{q}"), &token).await;
        let body = assert_error(resp, 422, code).await;
        if code == "invalid_status" {
            assert_eq!(
                body["allowed"],
                json!(["unreviewed", "in_progress", "verdict_proposed", "approved"])
            );
        }
        if code == "invalid_filter" {
            let name = q[1..].split('=').next().unwrap();
            assert!(body["message"].as_str().unwrap().contains(name), "{body}");
        }
    }
    // The largest allowed limit is accepted and returns every claim.
    let page = app.list_claims("?limit=200", &token).await;
    let mut listed = ids(&page);
    assert_eq!(listed.len(), 4, "{page}");
    listed.sort();
    stored.sort();
    assert_eq!(listed, stored);
}

#[tokio::test]
async fn claims_of_deleted_articles_are_hidden() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let (article_id, c) = city_article(&app).await;
    let body = "Ann Lee said parks are cleaner.";
    let (_, other) = article(
        &app,
        "Parks",
        body,
        &[said(
            body,
            "Ann Lee",
            "Ann Lee",
            "said",
            "parks are cleaner",
        )],
    )
    .await;
    let mut conn = app.db().await;
    diesel::sql_query("UPDATE articles SET deleted_at = now() WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(article_id)
        .execute(&mut conn)
        .await
        .unwrap();
    let page = app.list_claims("", &token).await;
    assert_eq!(ids(&page), other);
    let page = app.list_claims("?speaker=ann%20lee", &token).await;
    assert_eq!(ids(&page), other);
    let resp = app.get(&format!("/api/v1/claims/{}", c[0]), &token).await;
    assert_error(resp, 404, "not_found").await;
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/claims/{}", c[0]),
            &token,
            &json!({"version": 1, "status": "in_progress"}),
        )
        .await;
    assert_error(resp, 404, "not_found").await;
}

#[tokio::test]
async fn one_claim_has_counts_and_unknown_ids_are_404() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let (article_id, c) = city_article(&app).await;
    for body in ["first", "second"] {
        let resp = app
            .send_json(
                Method::POST,
                &format!("/api/v1/claims/{}/comments", c[0]),
                &token,
                &json!({"body": body}),
            )
            .await;
        assert_eq!(resp.status(), 201);
    }
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{}/evidence", c[0]),
            &token,
            &json!({"url": "https://stats.example.org/jobs", "stance": "refutes"}),
        )
        .await;
    assert_eq!(resp.status(), 201);

    let resp = app.get(&format!("/api/v1/claims/{}", c[0]), &token).await;
    assert_eq!(resp.headers()["etag"], "\"1\"");
    let claim: Value = resp.json().await.unwrap();
    assert_eq!(claim["id"], json!(c[0]));
    assert_eq!(claim["article_id"], json!(article_id));
    assert_eq!(claim["speaker"], "Ann Lee");
    assert_eq!(
        claim["content_text"],
        "unemployment fell to 4 percent last year"
    );
    assert_eq!(claim["status"], "unreviewed");
    assert_eq!(claim["version"], 1);
    assert_eq!(claim["evidence_count"], 1);
    assert_eq!(claim["comment_count"], 2);
    assert_eq!(claim["linked_claims"], json!([]));
    assert!(claim["linked_verdict"].is_null());

    let page = app
        .list_claims(&format!("?article={article_id}&limit=1"), &token)
        .await;
    assert_eq!(page["items"][0]["comment_count"], 2);

    let missing = Uuid::now_v7();
    for path in ["", "/history", "/evidence", "/comments", "/similar"] {
        let resp = app
            .get(&format!("/api/v1/claims/{missing}{path}"), &token)
            .await;
        let body = assert_error(resp, 404, "not_found").await;
        assert_eq!(body["message"], "claim not found");
    }
    let resp = app.get("/api/v1/claims/not-an-id", &token).await;
    assert_error(resp, 400, "invalid_path").await;
}

#[tokio::test]
async fn a_checker_corrects_the_extraction_with_code_point_spans() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let body = "Zoë Ståhl — the minister — said „exports grew 7 %“ 👍 in May.";
    let (_, c) = article(
        &app,
        "Exports",
        body,
        &[said(
            body,
            "the minister",
            "Zoë Ståhl",
            "said",
            "exports grew 7 %",
        )],
    )
    .await;

    let src = span_of(body, "Zoë Ståhl");
    let content = span_of(body, "exports grew 7 %“ 👍 in May");
    let claim = app
        .patch_ok(
            c[0],
            &token,
            json!({
                "source": {"start": src.start, "end": src.end},
                "content": {"start": content.start, "end": content.end},
                "kind": "mixed",
                "speaker": "  Zoë Ståhl ",
            }),
        )
        .await;
    assert_eq!(claim["source_text"], "Zoë Ståhl");
    assert_eq!(claim["source_start"], 0);
    assert_eq!(claim["content_text"], "exports grew 7 %“ 👍 in May");
    assert_eq!(claim["content_start"], content.start);
    assert_eq!(
        claim["content_pieces"],
        json!([{"start": content.start, "end": content.end, "text": "exports grew 7 %“ 👍 in May"}])
    );
    assert_eq!(claim["kind"], "mixed");
    assert_eq!(claim["speaker"], "Zoë Ståhl");
    assert_eq!(claim["version"], 2);

    let len = body.chars().count();
    for span in [
        json!({"start": 5, "end": 5}),
        json!({"start": 0, "end": len + 1}),
        json!({"start": -1, "end": 3}),
    ] {
        let resp = app
            .patch_claim(c[0], &token, json!({"content": span}))
            .await;
        assert_error(resp, 422, "invalid_span").await;
    }
    let resp = app
        .patch_claim(c[0], &token, json!({"kind": "rumour"}))
        .await;
    assert_error(resp, 422, "invalid_kind").await;

    // The cue can be cleared; marking not-a-claim is its own action.
    let claim = app.patch_ok(c[0], &token, json!({"cue": null})).await;
    assert!(claim["cue_start"].is_null() && claim["cue_text"].is_null());
    let claim = app
        .patch_ok(c[0], &token, json!({"not_a_claim": true}))
        .await;
    assert_eq!(claim["not_a_claim"], true);
    assert_eq!(claim["version"], 4);

    let history = app.history(c[0], &token).await;
    let actions: Vec<&str> = history
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "extraction_corrected",
            "extraction_corrected",
            "marked_not_a_claim"
        ]
    );
    assert_eq!(history[0]["before"]["source_text"], "the minister");
    assert_eq!(history[0]["after"]["source_text"], "Zoë Ståhl");
    // The history pages like every list: `limit`, then `after` the cursor.
    let url = format!("/api/v1/claims/{}/history?limit=2", c[0]);
    let first: Value = app.get(&url, &token).await.json().await.unwrap();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let rest: Value = app
        .get(&format!("{url}&after={cursor}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"][0]["action"], "marked_not_a_claim");
    assert!(rest["next_cursor"].is_null());
    let resp = app.get(&format!("{url}&after=x"), &token).await;
    assert_error(resp, 422, "invalid_cursor").await;
    assert!(
        history[0]["after"].get("status").is_none(),
        "only what changed: {}",
        history[0]["after"]
    );
}

#[tokio::test]
async fn a_patch_that_changes_nothing_writes_nothing() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let claim = app
        .patch_ok(
            c[0],
            &token,
            json!({"speaker": "Ann Lee", "status": "unreviewed"}),
        )
        .await;
    assert_eq!(claim["version"], 1);
    assert!(app.history(c[0], &token).await.is_empty());
}

#[tokio::test]
async fn viewers_cannot_patch() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, c) = city_article(&app).await;
    let resp = app
        .patch_claim(c[0], &viewer, json!({"status": "in_progress"}))
        .await;
    assert_error(resp, 403, "forbidden").await;
    assert_eq!(app.claim(c[0], &viewer).await["status"], "unreviewed");
}

#[tokio::test]
async fn assignees_must_be_active_checkers_or_above() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let viewer = app.create_user(Role::Viewer).await;
    let editor = app.create_user(Role::Editor).await;
    let gone = app.create_user(Role::Checker).await;
    let mut conn = app.db().await;
    claimdesk::store::users::disable(&mut conn, gone.id.into())
        .await
        .unwrap();

    for who in [viewer.id, gone.id, Uuid::now_v7()] {
        let resp = app
            .patch_claim(c[0], &token, json!({"assignee_id": who}))
            .await;
        assert_error(resp, 422, "invalid_assignee").await;
    }
    let claim = app
        .patch_ok(c[0], &token, json!({"assignee": editor.id}))
        .await;
    assert_eq!(claim["assignee_id"], json!(editor.id));
    let claim = app
        .patch_ok(c[0], &token, json!({"assignee_id": null}))
        .await;
    assert!(claim["assignee_id"].is_null());
    let actions: Vec<String> = app
        .history(c[0], &token)
        .await
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, ["assigned", "assigned"]);
}

#[tokio::test]
async fn editors_add_claims_by_hand() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (editor_user, editor) = app.login_as(Role::Editor).await;
    let (article_id, c) = city_article(&app).await;
    let path = format!("/api/v1/articles/{article_id}/claims");
    let content = span_of(BODY, "1,200 new homes");
    let source = span_of(BODY, "Councillor Bo Diaz");
    let request = json!({"kind": "indirect", "content": {"start": content.start, "end": content.end},
                         "source": {"start": source.start, "end": source.end}, "speaker": "Bo Diaz"});

    let resp = app.send_json(Method::POST, &path, &checker, &request).await;
    assert_error(resp, 403, "forbidden").await;

    let resp = app.send_json(Method::POST, &path, &editor, &request).await;
    assert_eq!(resp.status(), 201);
    let claim: Value = resp.json().await.unwrap();
    assert_eq!(claim["origin"], "manual");
    assert_eq!(claim["content_text"], "1,200 new homes");
    assert_eq!(claim["source_text"], "Councillor Bo Diaz");
    assert_eq!(claim["ordinal"], 4, "after the four extracted claims");
    assert_eq!(claim["status"], "unreviewed");
    assert_eq!(claim["checkworthiness"], 1.0);
    let id: Uuid = claim["id"].as_str().unwrap().parse().unwrap();
    let history = app.history(id, &editor).await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["action"], "claim_added");
    assert_eq!(history[0]["actor_id"], json!(editor_user.id));

    // Reading order follows the text, not the ordinal.
    let mut conn = app.db().await;
    let order: Vec<Uuid> = claimdesk::store::claims::for_article(&mut conn, article_id.into())
        .await
        .unwrap()
        .iter()
        .map(|c| c.id.uuid())
        .collect();
    assert_eq!(order, vec![c[0], c[1], id, c[2], c[3]]);

    let bad = json!({"kind": "direct", "content": {"start": 10, "end": 100000}});
    assert_error(
        app.send_json(Method::POST, &path, &editor, &bad).await,
        422,
        "invalid_span",
    )
    .await;
    let bad = json!({"kind": "gossip", "content": {"start": 0, "end": 5}});
    assert_error(
        app.send_json(Method::POST, &path, &editor, &bad).await,
        422,
        "invalid_kind",
    )
    .await;
    let bad = json!({"kind": "direct", "content": {"start": 0, "end": 5}, "checkworthiness": 3.0});
    assert_error(
        app.send_json(Method::POST, &path, &editor, &bad).await,
        422,
        "invalid_checkworthiness",
    )
    .await;
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/articles/{}/claims", Uuid::now_v7()),
            &editor,
            &request,
        )
        .await;
    let body = assert_error(resp, 404, "not_found").await;
    assert_eq!(body["message"], "article not found");
}
