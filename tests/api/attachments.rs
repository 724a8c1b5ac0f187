//! The contract evidence and comments share, run once for each: who may
//! change one, `If-Match` on edits and deletes, and an unbroken history
//! under concurrent edits.

use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// One kind of attachment, as the API takes it.
struct Kind {
    /// `/claims/{id}/<list>` and `/<item>/{id}`.
    list: &'static str,
    item: &'static str,
    /// The history actions' prefix.
    action: &'static str,
    /// What a new one is made of.
    create: fn() -> Value,
    /// An edit, numbered so that edits differ; and the field it writes.
    edit: fn(usize) -> Value,
    field: &'static str,
}

const KINDS: [Kind; 2] = [
    Kind {
        list: "comments",
        item: "comments",
        action: "comment",
        create: || json!({"body": "edit 0"}),
        edit: |i| json!({"body": format!("edit {i}")}),
        field: "body",
    },
    Kind {
        list: "evidence",
        item: "evidence",
        action: "evidence",
        create: || json!({"url": "https://stats.example.org/a", "title": "edit 0", "stance": "context"}),
        edit: |i| json!({"title": format!("edit {i}")}),
        field: "title",
    },
];

/// Adds one to `claim`; returns its path for PATCH and DELETE.
async fn add(app: &TestApp, kind: &Kind, claim: Uuid, token: &str) -> String {
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{claim}/{}", kind.list),
            token,
            &(kind.create)(),
        )
        .await;
    assert_eq!(resp.status(), 201, "{}", kind.list);
    let row: Value = resp.json().await.unwrap();
    assert_eq!(row["version"], 1);
    format!("/api/v1/{}/{}", kind.item, row["id"].as_str().unwrap())
}

#[tokio::test]
async fn only_the_author_or_an_editor_changes_one() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let (_, author) = app.login_as(Role::Checker).await;
    let (_, other) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    for kind in &KINDS {
        let resp = app
            .send_json(
                Method::POST,
                &format!("/api/v1/claims/{}/{}", c[0], kind.list),
                &viewer,
                &(kind.create)(),
            )
            .await;
        assert_error(resp, 403, "forbidden").await;
        let path = add(&app, kind, c[0], &author).await;
        let resp = app
            .send_json(Method::PATCH, &path, &other, &(kind.edit)(1))
            .await;
        assert_error(resp, 403, "not_author").await;
        let resp = app
            .request(Method::DELETE, &path, Some(&other))
            .send()
            .await
            .unwrap();
        assert_error(resp, 403, "not_author").await;
        let resp = app
            .send_json(Method::PATCH, &path, &editor, &(kind.edit)(2))
            .await;
        assert_eq!(resp.status(), 200, "{}", kind.list);
        let resp = app
            .request(Method::DELETE, &path, Some(&editor))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 204);
        let resp = app
            .request(Method::DELETE, &path, Some(&editor))
            .send()
            .await
            .unwrap();
        assert_error(resp, 404, "not_found").await;
        let missing = format!("/api/v1/{}/{}", kind.item, Uuid::now_v7());
        let resp = app
            .send_json(Method::PATCH, &missing, &editor, &(kind.edit)(3))
            .await;
        assert_error(resp, 404, "not_found").await;
    }
}

/// Edits and deletes may name the version read in If-Match: a stale one is
/// refused with the row as it is now, a missing one is last-writer-wins
/// (and the history still keeps every edit).
#[tokio::test]
async fn writes_with_a_stale_if_match_are_refused() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    for (n, kind) in KINDS.iter().enumerate() {
        let claim = c[n];
        let path = add(&app, kind, claim, &checker).await;
        let patch = |if_match: &'static str, i: usize| {
            let body = (kind.edit)(i);
            let (app, path, checker) = (&app, &path, &checker);
            async move {
                app.send_if_match(Method::PATCH, path, checker, if_match, Some(&body))
                    .await
            }
        };
        let resp = patch("\"1\"", 1).await;
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["etag"], "\"2\"");
        assert_eq!(resp.json::<Value>().await.unwrap()["version"], 2);

        // A colleague still holding version 1 is told, and shown version 2.
        let body = assert_error(patch("\"1\"", 2).await, 409, "stale_version").await;
        assert_eq!(body["current"]["version"], 2);
        assert_eq!(body["current"][kind.field], "edit 1");
        assert!(body["current"]["id"].is_string());
        // Even when the edit would change nothing.
        assert_error(patch("1", 1).await, 409, "stale_version").await;
        assert_error(patch("two", 1).await, 422, "invalid_if_match").await;

        let resp = app
            .send_if_match(Method::DELETE, &path, &checker, "W/\"1\"", None)
            .await;
        assert_error(resp, 409, "stale_version").await;
        let list: Vec<Value> = app
            .get(&format!("/api/v1/claims/{claim}/{}", kind.list), &checker)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list.len(), 1, "a refused delete deletes nothing");

        // Without If-Match the write goes through.
        let resp = app
            .send_json(Method::PATCH, &path, &checker, &(kind.edit)(3))
            .await;
        assert_eq!(resp.json::<Value>().await.unwrap()["version"], 3);
        let resp = app
            .send_if_match(Method::DELETE, &path, &checker, "\"3\"", None)
            .await;
        assert_eq!(resp.status(), 204);
        let history = app.history(claim, &checker).await;
        let actions: Vec<String> = history
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_owned())
            .filter(|a| a.starts_with(kind.action))
            .collect();
        let a = kind.action;
        assert_eq!(
            actions,
            [
                format!("{a}_added"),
                format!("{a}_edited"),
                format!("{a}_edited"),
                format!("{a}_deleted")
            ]
        );
        assert!(
            history.iter().all(|e| e["actor_name"].is_string()),
            "{history:#?}"
        );
    }
}

/// Concurrent edits of one row: each history event's `before` is the
/// previous event's `after`, so no edit vanishes from the record even when
/// two land between one handler's read and its write.
#[tokio::test]
async fn concurrent_edits_leave_an_unbroken_history() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, c) = city_article(&app).await;
    for (n, kind) in KINDS.iter().enumerate() {
        let claim = c[n];
        let path = add(&app, kind, claim, &editor).await;
        let bodies: Vec<Value> = (1..=12).map(kind.edit).collect();
        let edits = bodies
            .iter()
            .map(|b| app.send_json(Method::PATCH, &path, &editor, b));
        for resp in futures_util::future::join_all(edits).await {
            assert_eq!(resp.status(), 200);
        }
        let history = app.history(claim, &editor).await;
        let edited_action = format!("{}_edited", kind.action);
        let edited: Vec<&Value> = history
            .iter()
            .filter(|e| e["action"] == edited_action.as_str())
            .collect();
        assert_eq!(edited.len(), 12, "{history:#?}");
        let mut value = "edit 0";
        for e in edited {
            assert_eq!(e["before"][kind.field], value, "{history:#?}");
            value = e["after"][kind.field].as_str().unwrap();
        }
        let now: Vec<Value> = app
            .get(&format!("/api/v1/claims/{claim}/{}", kind.list), &editor)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            now[0][kind.field], value,
            "the last event is the stored state"
        );
    }
}
