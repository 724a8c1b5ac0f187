//! What the published API description promises, held against the server:
//! 405 with `Allow` for a method a path does not serve, the report format
//! as a query parameter, and the refusals the document states.

use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

async fn document(app: &TestApp, token: &str) -> Value {
    let resp = app.get("/api/v1/openapi.json", token).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn an_unserved_method_on_an_existing_path_is_405_with_allow() {
    let app = spawn_app().await;
    let id = Uuid::now_v7();
    let cases = [
        (Method::PUT, "/api/v1/claims".to_owned(), "GET"),
        (Method::DELETE, "/api/v1/me".to_owned(), "GET"),
        (Method::POST, format!("/api/v1/claims/{id}"), "GET, PATCH"),
        (
            Method::PUT,
            format!("/api/v1/evidence/{id}"),
            "PATCH, DELETE",
        ),
        (Method::GET, "/api/v1/articles/fetch".to_owned(), "POST"),
        (Method::GET, "/api/v1/auth/login".to_owned(), "POST"),
    ];
    for (method, path, allow) in cases {
        // No token: the method is wrong whoever asks.
        let resp = app
            .request(method.clone(), &path, None)
            .send()
            .await
            .unwrap();
        assert_eq!(
            resp.headers().get("allow").and_then(|v| v.to_str().ok()),
            Some(allow),
            "{method} {path}"
        );
        let body = assert_error(resp, 405, "method_not_allowed").await;
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(allow), "{message}");
    }
    // A path that does not exist stays a 404.
    let resp = app
        .request(Method::PUT, "/api/v1/no-such-thing", None)
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "not_found").await;
}

#[tokio::test]
async fn every_documented_path_answers_405_for_the_methods_it_lacks() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    let doc = document(&app, &token).await;
    let id = Uuid::now_v7().to_string();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let served: BTreeSet<String> = item
            .as_object()
            .unwrap()
            .keys()
            .map(|m| m.to_ascii_uppercase())
            .collect();
        let concrete = path.replace("{id}", &id).replace("{other_id}", &id);
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            if served.contains(method) {
                continue;
            }
            let resp = app
                .request(
                    Method::from_bytes(method.as_bytes()).unwrap(),
                    &format!("/api/v1{concrete}"),
                    Some(&token),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 405, "{method} {path}");
            let allow: BTreeSet<String> = resp.headers()["allow"]
                .to_str()
                .unwrap()
                .split(", ")
                .map(str::to_owned)
                .collect();
            assert_eq!(allow, served, "Allow of {path}");
        }
    }
}

#[tokio::test]
async fn the_report_format_is_a_query_parameter_with_its_names() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    let doc = document(&app, &token).await;
    let params = doc["paths"]["/articles/{id}/report"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let format = params.iter().find(|p| p["name"] == "format").unwrap();
    assert_eq!(format["in"], "query");
    assert_eq!(format["required"], false);
    assert_eq!(
        format["schema"]["enum"],
        json!([
            "json",
            "jsonl",
            "ndjson",
            "csv",
            "markdown",
            "md",
            "html",
            "claimreview",
            "jsonld",
            "json-ld"
        ])
    );
    let (article, _) = city_article(&app).await;
    let report = |format: &'static str| {
        let (app, token) = (&app, &token);
        async move {
            app.get(
                &format!("/api/v1/articles/{article}/report?format={format}"),
                token,
            )
            .await
        }
    };
    let resp = report("md").await;
    assert_eq!(resp.status(), 200);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/markdown")
    );
    // The names are exactly as listed: other spellings are refused.
    let body = assert_error(report("MD").await, 422, "invalid_format").await;
    assert_eq!(body["allowed"][0], "json");
}

#[tokio::test]
async fn the_document_lists_the_configured_verdicts_and_the_common_errors() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    let doc = document(&app, &token).await;
    let labels: Vec<Value> = app
        .get("/api/v1/verdicts", &token)
        .await
        .json::<Vec<Value>>()
        .await
        .unwrap()
        .iter()
        .map(|v| v["label"].clone())
        .collect();
    assert_eq!(
        doc["components"]["schemas"]["Verdict"]["enum"],
        json!(labels)
    );
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(ids.insert(op["operationId"].as_str().unwrap().to_owned()));
            let responses = op["responses"].as_object().unwrap();
            if path.contains('{') {
                assert!(
                    responses.contains_key("400"),
                    "{method} {path}: invalid_path"
                );
            }
            if op["requestBody"]["content"]["application/json"].is_object() {
                for s in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(s), "{method} {path}: {s}");
                }
            }
            if path != "/auth/login" {
                assert!(responses.contains_key("401"), "{method} {path}: 401");
            }
        }
    }
    let pieces = &doc["components"]["schemas"]["ClaimView"]["properties"]["content_pieces"];
    assert_eq!(pieces["type"], "array");
}

#[tokio::test]
async fn json_bodies_must_be_objects() {
    let app = spawn_app().await;
    let (admin, token) = app.login_as(Role::Admin).await;
    let other = app.create_user(Role::Viewer).await;
    for body in ["[null, true]", "  [\"viewer\", true]", "\"x\"", "3"] {
        let resp = app
            .request(
                Method::PATCH,
                &format!("/api/v1/users/{}", other.id),
                Some(&token),
            )
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_error(resp, 422, "invalid_body").await;
    }
    // An object still works, and locking yourself out is forbidden.
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/users/{}", other.id),
            &token,
            &json!({"disabled": true}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/users/{}", admin.id),
            &token,
            &json!({"role": "viewer"}),
        )
        .await;
    assert_error(resp, 403, "self_lockout").await;
}

#[tokio::test]
async fn nul_in_text_is_refused_as_422() {
    let app = spawn_app().await;
    let resp = app.login("ann\u{0}@example.org", "whatever password").await;
    assert_error(resp, 422, "invalid_text").await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (article, c) = city_article(&app).await;
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{}/comments", c[0]),
            &editor,
            &json!({"body": "a\u{0}b"}),
        )
        .await;
    assert_error(resp, 422, "invalid_text").await;
    let resp = app.get("/api/v1/claims?speaker=%00", &editor).await;
    assert_error(resp, 422, "invalid_text").await;
    // An article's fields, even when its body is already stored.
    let body = app
        .get(&format!("/api/v1/articles/{article}"), &editor)
        .await;
    let body: Value = body.json().await.unwrap();
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &editor,
            &json!({"body": body["body"], "title": "a\u{0}b"}),
        )
        .await;
    assert_error(resp, 422, "invalid_field").await;
    let (_, admin) = app.login_as(Role::Admin).await;
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/users",
            &admin,
            &json!({"email": "nul@example.org", "name": "Nul", "role": "viewer",
                    "password": "long enough\u{0}password"}),
        )
        .await;
    assert_error(resp, 422, "weak_password").await;
}

#[tokio::test]
async fn whole_numbers_written_with_a_fraction_are_integers() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (article, _) = city_article(&app).await;
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/articles/{article}/claims"),
            &editor,
            &json!({"kind": "unattributed", "content": {"start": 0.0, "end": 4.0}}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let claim: Value = resp.json().await.unwrap();
    let id = claim["id"].as_str().unwrap();
    let resp = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/claims/{id}"),
            &editor,
            &json!({"version": 1.0, "status": "in_progress"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/articles/{article}/claims"),
            &editor,
            &json!({"kind": "unattributed", "content": {"start": 0.5, "end": 4}}),
        )
        .await;
    assert_error(resp, 422, "invalid_body").await;
}
