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

#[tokio::test]
async fn a_span_corrected_by_hand_survives_reextraction_with_the_same_extractor() {
    let app = spawn_app().await;
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
    let before: Value = app
        .get(&format!("/api/v1/articles/{article}"), &checker)
        .await
        .json()
        .await
        .unwrap();
    let claims = before["claims"].as_array().unwrap().clone();
    let first = &claims[0];
    let id: Uuid = first["id"].as_str().unwrap().parse().unwrap();
    let (start, end) = (
        first["content_start"].as_i64().unwrap(),
        first["content_end"].as_i64().unwrap(),
    );
    assert!(end - start > 2, "{first}");
    // Narrow the content by one character on each side, and name the speaker.
    let corrected = app
        .patch_ok(
            id,
            &checker,
            json!({"content": {"start": start + 1, "end": end - 1}, "speaker": "Someone Else", "speaker_type": "organisation"}),
        )
        .await;
    assert_eq!(corrected["content_start"], start + 1);
    assert_eq!(corrected["extraction_corrected"], true);
    let version = corrected["version"].clone();

    for _ in 0..2 {
        let resp = app
            .request(
                Method::POST,
                &format!("/api/v1/articles/{article}/reextract"),
                Some(&editor),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let counts: Value = resp.json().await.unwrap();
        assert_eq!(counts["updated"], 0, "{counts}");
        assert_eq!(
            counts["added"], 0,
            "the corrected claim is not added again: {counts}"
        );

        let now = app.claim(id, &checker).await;
        assert_eq!(
            (&now["content_start"], &now["content_end"]),
            (&json!(start + 1), &json!(end - 1)),
            "{now}"
        );
        assert_eq!(now["speaker"], "Someone Else");
        assert_eq!(
            now["speaker_type"], "organisation",
            "a typed speaker stays typed"
        );
        assert_eq!(now["speaker_resolved"], true);
        assert_eq!(now["version"], version, "re-extraction wrote nothing to it");
        let after: Value = app
            .get(&format!("/api/v1/articles/{article}"), &checker)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(after["claims"].as_array().unwrap().len(), claims.len());
    }
    let actions: Vec<String> = app
        .history(id, &checker)
        .await
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, vec!["extraction_corrected"]);
}

#[tokio::test]
async fn successful_logins_do_not_count_against_the_limit() {
    let app = spawn_app_with(|s| s.auth.login_per_account_per_minute = 3).await;
    let user = app.create_user(Role::Viewer).await;
    for _ in 0..6 {
        assert_eq!(app.login(&user.email, &user.password).await.status(), 200);
    }
    // Failures still do: two more fit, the next is refused, even with the
    // right password.
    for _ in 0..3 {
        assert_eq!(
            app.login(&user.email, "wrong password here").await.status(),
            401
        );
    }
    assert_error(
        app.login(&user.email, &user.password).await,
        429,
        "rate_limited",
    )
    .await;
}

#[tokio::test]
async fn the_login_limit_holds_across_instances_on_one_database() {
    let first = spawn_app_with(|s| s.auth.login_per_account_per_minute = 4).await;
    let mut settings = test_settings(&first.database_url);
    settings.auth.login_per_account_per_minute = 4;
    let second = spawn_with_settings(settings).await;
    let user = first.create_user(Role::Viewer).await;
    for app in [&first, &second, &first, &second] {
        assert_eq!(
            app.login(&user.email, "wrong password here").await.status(),
            401
        );
    }
    for app in [&first, &second] {
        let resp = app.login(&user.email, "wrong password here").await;
        assert!(resp.headers().get("retry-after").is_some());
        assert_error(resp, 429, "rate_limited").await;
    }
}

#[tokio::test]
async fn concurrent_guesses_get_no_more_than_the_limit() {
    let app = spawn_app_with(|s| {
        s.auth.login_per_account_per_minute = 5;
        s.database.pool_size = 16;
    })
    .await;
    let user = app.create_user(Role::Viewer).await;
    let guesses = (0..16).map(|_| app.login(&user.email, "wrong password here"));
    let statuses: Vec<u16> = futures_util::future::join_all(guesses)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    let tried = statuses.iter().filter(|&&s| s == 401).count();
    let refused = statuses.iter().filter(|&&s| s == 429).count();
    assert_eq!((tried, refused), (5, 11), "{statuses:?}");
}

#[tokio::test]
async fn guesses_at_the_current_password_are_limited_like_logins() {
    let app = spawn_app_with(|s| s.auth.login_per_account_per_minute = 3).await;
    let (user, token) = app.login_as(Role::Viewer).await;
    let change = async |current: &str| {
        let body = json!({"current_password": current, "new_password": "a brand new password"});
        app.send_json(Method::PUT, "/api/v1/me/password", &token, &body)
            .await
    };
    for _ in 0..3 {
        assert_error(change("not the password").await, 403, "wrong_password").await;
    }
    assert_error(change("not the password").await, 429, "rate_limited").await;
    assert_error(change(&user.password).await, 429, "rate_limited").await;
    // The guesses were failed logins of the account too.
    assert_error(
        app.login(&user.email, &user.password).await,
        429,
        "rate_limited",
    )
    .await;
}

#[tokio::test]
async fn every_response_says_nosniff() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    for resp in [
        app.get("/api/v1/me", &token).await,
        app.get("/api/v1/claims", &token).await,
        app.get("/api/v1/me", "not a token").await,
        app.get("/api/v1/no/such/route", &token).await,
    ] {
        assert_eq!(
            resp.headers()
                .get("x-content-type-options")
                .map(|v| v.to_str().unwrap()),
            Some("nosniff"),
            "{} {}",
            resp.url(),
            resp.status()
        );
    }
}

/// A text with more claims than `server.max_claims_per_article` is refused
/// with a clear code and leaves nothing behind; at the limit it is stored.
#[tokio::test]
async fn an_article_with_too_many_claims_is_refused_whole() {
    let app = spawn_app_with(|s| s.server.max_claims_per_article = 3).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let many = "Ann Lee said taxes rose. Bo Diaz said crime fell. Cy Moe said rents doubled. Di Roe said wages froze.";
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &editor,
            &json!({"title": "Many", "body": many}),
        )
        .await;
    let body = assert_error(resp, 422, "too_many_claims").await;
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("more than the 3"),
        "{body}"
    );
    let list: Value = app
        .get("/api/v1/articles", &editor)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 0, "{list}");

    let few = "Ann Lee said taxes rose. Bo Diaz said crime fell.";
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &editor,
            &json!({"title": "Few", "body": few}),
        )
        .await;
    assert_eq!(resp.status(), 201);
}

/// An article's claims come a page at a time: following the cursors gives
/// every claim once, in reading order; a bad cursor or limit is refused.
#[tokio::test]
async fn an_articles_claims_are_paged_in_reading_order() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let body = "Ann Lee said taxes rose. Bo Diaz said crime fell. Cy Moe said rents doubled. Di Roe said wages froze. Ed Poe said jobs grew.";
    let made: Value = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &editor,
            &json!({"title": "Paged", "body": body}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = made["article"]["id"].as_str().unwrap().to_owned();
    let all = claim_ids(&app, id.parse().unwrap(), &editor).await;
    assert!(all.len() >= 5, "{all:?}");

    let mut paged = Vec::new();
    let mut after = String::new();
    let mut pages = 0;
    loop {
        let got: Value = app
            .get(
                &format!("/api/v1/articles/{id}?claims_limit=2&claims_after={after}"),
                &editor,
            )
            .await
            .json()
            .await
            .unwrap();
        pages += 1;
        let claims = got["claims"].as_array().unwrap();
        assert!(claims.len() <= 2, "{got}");
        assert_eq!(
            got["body"], body,
            "every page carries the text the spans point into"
        );
        paged.extend(
            claims
                .iter()
                .map(|c| c["id"].as_str().unwrap().parse::<Uuid>().unwrap()),
        );
        match got["claims_next_cursor"].as_str() {
            Some(c) => after = c.to_owned(),
            None => break,
        }
    }
    assert_eq!(paged, all);
    assert_eq!(pages, all.len().div_ceil(2));

    for (query, code) in [
        ("claims_after=12", "invalid_cursor"),
        ("claims_after=1.x", "invalid_cursor"),
        ("claims_after=-1.2", "invalid_cursor"),
        ("claims_limit=0", "invalid_limit"),
        ("claims_limit=5001", "invalid_limit"),
    ] {
        let resp = app
            .get(&format!("/api/v1/articles/{id}?{query}"), &editor)
            .await;
        assert_error(resp, 422, code).await;
    }
}

/// Requests are served through a role that cannot switch the history's
/// triggers off nor change or remove a history row, whatever SQL it ran.
#[tokio::test]
async fn the_serving_role_can_only_append_to_the_history() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &editor,
            &json!({"title": "History", "body": BODY}),
        )
        .await;
    assert_eq!(
        resp.status(),
        201,
        "the server works through the serving role"
    );
    let url = claimdesk::store::app_role::url_for(&app.database_url, "claimdesk_app", "").unwrap();
    let mut conn =
        <diesel_async::AsyncPgConnection as diesel_async::AsyncConnection>::establish(&url)
            .await
            .expect("the serving role logs in");
    let before: i64 = claim_events::table
        .count()
        .get_result(&mut conn)
        .await
        .unwrap();
    assert!(before > 0, "it reads the history");
    for attempt in [
        "SET session_replication_role = replica",
        "ALTER TABLE claim_events DISABLE TRIGGER ALL",
        "DELETE FROM claim_events",
        "UPDATE claim_events SET action = action",
        "TRUNCATE claim_events",
        "DROP TABLE claim_events",
        "CREATE TABLE evil (x int)",
        "DELETE FROM __diesel_schema_migrations",
        "CREATE ROLE evil SUPERUSER",
    ] {
        let err = diesel::sql_query(attempt).execute(&mut conn).await;
        assert!(err.is_err(), "{attempt} must be refused");
    }
    let after: i64 = claim_events::table
        .count()
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(after, before);
}
