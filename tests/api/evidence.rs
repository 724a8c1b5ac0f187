use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

#[tokio::test]
async fn checkers_add_list_edit_and_delete_evidence() {
    let app = spawn_app().await;
    let (checker_user, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let path = format!("/api/v1/claims/{}/evidence", c[0]);

    let resp = app
        .send_json(
            Method::POST,
            &path,
            &checker,
            &json!({
            "url": "https://stats.example.org/labour/2025", "title": "Labour survey",
            "publisher": "Statistics Office", "excerpt": "Rate: 4.6%", "stance": "refutes"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let ev: Value = resp.json().await.unwrap();
    assert_eq!(ev["stance"], "refutes");
    assert_eq!(ev["added_by"], json!(checker_user.id));
    let ev_id = ev["id"].as_str().unwrap().to_owned();

    let resp = app
        .send_json(
            Method::POST,
            &path,
            &checker,
            &json!({"url": "http://news.example.com/a", "stance": "context"}),
        )
        .await;
    assert_eq!(resp.status(), 201);

    let list: Vec<Value> = app.get(&path, &checker).await.json().await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], ev_id.as_str());

    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/evidence/{ev_id}"),
            &checker,
            &json!({"stance": "supports", "excerpt": null}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let edited: Value = resp.json().await.unwrap();
    assert_eq!(edited["stance"], "supports");
    assert!(edited["excerpt"].is_null());
    assert_eq!(edited["title"], "Labour survey");
    // Sending what is already there is no edit and no history event.
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/evidence/{ev_id}"),
            &checker,
            &json!({"stance": "supports", "title": "Labour survey"}),
        )
        .await;
    assert_eq!(resp.status(), 200);

    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/evidence/{ev_id}"),
            Some(&checker),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let list: Vec<Value> = app.get(&path, &checker).await.json().await.unwrap();
    assert_eq!(list.len(), 1);
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/evidence/{ev_id}"),
            &checker,
            &json!({"stance": "context"}),
        )
        .await;
    assert_error(resp, 404, "not_found").await;
    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/evidence/{ev_id}"),
            Some(&checker),
        )
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "not_found").await;

    let claim = app.claim(c[0], &checker).await;
    assert_eq!(claim["evidence_count"], 1);
    assert_eq!(
        claim["version"], 1,
        "evidence does not bump the claim's version"
    );

    let history = app.history(c[0], &checker).await;
    let actions: Vec<&str> = history
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "evidence_added",
            "evidence_added",
            "evidence_edited",
            "evidence_deleted"
        ]
    );
    assert_eq!(
        history[2]["before"],
        json!({"stance": "refutes", "excerpt": "Rate: 4.6%", "version": 1})
    );
    assert_eq!(
        history[2]["after"],
        json!({"stance": "supports", "excerpt": null, "version": 2})
    );
    assert_eq!(history[3]["before"]["id"], ev_id.as_str());
    assert!(history[3]["after"].is_null());
}

#[tokio::test]
async fn bad_urls_and_stances_are_422() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let path = format!("/api/v1/claims/{}/evidence", c[0]);
    for url in [
        "not a url",
        "ftp://files.example.org/x",
        "javascript:alert(1)",
        "https://",
        "/relative/path",
    ] {
        let resp = app
            .send_json(
                Method::POST,
                &path,
                &checker,
                &json!({"url": url, "stance": "supports"}),
            )
            .await;
        assert_error(resp, 422, "invalid_url").await;
    }
    let resp = app
        .send_json(
            Method::POST,
            &path,
            &checker,
            &json!({"url": "https://example.org", "stance": "agrees"}),
        )
        .await;
    let body = assert_error(resp, 422, "invalid_stance").await;
    assert_eq!(body["allowed"], json!(["supports", "refutes", "context"]));
    let resp = app
        .send_json(
            Method::POST,
            &path,
            &checker,
            &json!({"url": "https://example.org"}),
        )
        .await;
    assert_error(resp, 422, "invalid_body").await;

    let resp = app
        .send_json(
            Method::POST,
            &path,
            &checker,
            &json!({"url": "https://example.org", "stance": "context"}),
        )
        .await;
    let id = resp.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/evidence/{id}"),
            &checker,
            &json!({"url": "gopher://x"}),
        )
        .await;
    assert_error(resp, 422, "invalid_url").await;
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/evidence/{id}"),
            &checker,
            &json!({"stance": "meh"}),
        )
        .await;
    assert_error(resp, 422, "invalid_stance").await;
    assert_eq!(
        app.history(c[0], &checker).await.len(),
        1,
        "refused writes leave no history"
    );

    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{}/evidence", Uuid::now_v7()),
            &checker,
            &json!({"url": "https://example.org", "stance": "context"}),
        )
        .await;
    assert_error(resp, 404, "not_found").await;
}

#[tokio::test]
async fn only_the_author_or_an_editor_changes_evidence() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, author) = app.login_as(Role::Checker).await;
    let (_, other) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    let path = format!("/api/v1/claims/{}/evidence", c[0]);
    let input = json!({"url": "https://example.org/a", "stance": "supports"});

    let resp = app.send_json(Method::POST, &path, &viewer, &input).await;
    assert_error(resp, 403, "forbidden").await;
    let resp = app.send_json(Method::POST, &path, &author, &input).await;
    let id = resp.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ev_path = format!("/api/v1/evidence/{id}");

    let resp = app
        .send_json(
            Method::PATCH,
            &ev_path,
            &other,
            &json!({"title": "mine now"}),
        )
        .await;
    assert_error(resp, 403, "not_author").await;
    let resp = app
        .request(Method::DELETE, &ev_path, Some(&other))
        .send()
        .await
        .unwrap();
    assert_error(resp, 403, "not_author").await;
    let resp = app
        .send_json(
            Method::PATCH,
            &ev_path,
            &editor,
            &json!({"title": "Edited by the desk"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app
        .request(Method::DELETE, &ev_path, Some(&editor))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/evidence/{}", Uuid::now_v7()),
            &editor,
            &json!({"title": "x"}),
        )
        .await;
    assert_error(resp, 404, "not_found").await;
}

/// Evidence edits and deletes may name the version read in If-Match: a
/// stale one is refused with the row as it is now, a missing one is
/// last-writer-wins (and the history still keeps every edit).
#[tokio::test]
async fn evidence_writes_with_a_stale_if_match_are_refused() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{}/evidence", c[0]),
            &checker,
            &json!({"url": "https://stats.example.org/a", "stance": "context"}),
        )
        .await;
    let ev: Value = resp.json().await.unwrap();
    assert_eq!(ev["version"], 1);
    let path = format!("/api/v1/evidence/{}", ev["id"].as_str().unwrap());
    let patch = |if_match: &'static str, stance: &'static str| {
        let body = json!({ "stance": stance });
        let (app, path, checker) = (&app, &path, &checker);
        async move {
            app.send_if_match(Method::PATCH, path, checker, if_match, Some(&body))
                .await
        }
    };

    let resp = patch("\"1\"", "supports").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"], "\"2\"");
    assert_eq!(resp.json::<Value>().await.unwrap()["version"], 2);

    // A colleague still holding version 1 is told, and shown version 2.
    let body = assert_error(patch("\"1\"", "refutes").await, 409, "stale_version").await;
    assert_eq!(body["current"]["version"], 2);
    assert_eq!(body["current"]["stance"], "supports");
    // Even when the edit would change nothing.
    assert_error(patch("1", "supports").await, 409, "stale_version").await;
    assert_error(patch("two", "supports").await, 422, "invalid_if_match").await;

    let resp = app
        .send_if_match(Method::DELETE, &path, &checker, "W/\"1\"", None)
        .await;
    assert_error(resp, 409, "stale_version").await;
    let list: Vec<Value> = app
        .get(&format!("/api/v1/claims/{}/evidence", c[0]), &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1, "a refused delete deletes nothing");
    assert_eq!(list[0]["stance"], "supports");

    // Without If-Match the write goes through.
    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &checker,
            &json!({"stance": "refutes"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.json::<Value>().await.unwrap()["version"], 3);
    let resp = app
        .send_if_match(Method::DELETE, &path, &checker, "\"3\"", None)
        .await;
    assert_eq!(resp.status(), 204);
    let history = app.history(c[0], &checker).await;
    let actions: Vec<&str> = history
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "evidence_added",
            "evidence_edited",
            "evidence_edited",
            "evidence_deleted"
        ]
    );
}
