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
