//! Every response carries `x-request-id`: the caller's when sane, else a fresh
//! one; a 500 also names it in its body, so a user can quote it.

use crate::helpers::*;
use claimdesk::store::users::Role;
use diesel_async::RunQueryDsl;
use reqwest::{Method, Response};
use serde_json::Value;

fn request_id(resp: &Response) -> String {
    resp.headers()
        .get("x-request-id")
        .unwrap_or_else(|| panic!("no x-request-id on {} {}", resp.status(), resp.url()))
        .to_str()
        .unwrap()
        .to_owned()
}

/// A generated id: a UUIDv7 in simple form.
fn assert_generated(id: &str) {
    assert_eq!(id.len(), 32, "{id}");
    let uuid = uuid::Uuid::parse_str(id).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_eq!(uuid.get_version_num(), 7, "{id}");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let mut seen = std::collections::HashSet::new();
    let cases = [
        (Method::GET, "/healthz", 200),
        (Method::GET, "/readyz", 200),
        (Method::GET, "/", 200),
        (Method::GET, "/app.js", 200),
        (Method::GET, "/style.css", 200),
        (Method::GET, "/api/v1/openapi.json", 401),
        (Method::GET, "/api/v1/me", 401),
        (Method::GET, "/api/v1/no-such-thing", 404),
        (Method::DELETE, "/elsewhere", 404),
        (Method::POST, "/api/v1/auth/login", 400),
    ];
    for (method, path, status) in cases {
        let mut rb = app.request(method.clone(), path, None);
        if method == Method::POST {
            rb = rb.header("content-type", "application/json").body("{");
        }
        let resp = rb.send().await.unwrap();
        assert_eq!(resp.status(), status, "{method} {path}");
        let id = request_id(&resp);
        assert_generated(&id);
        assert!(seen.insert(id), "{method} {path} reused an id");
    }

    let (_, token) = app.login_as(Role::Viewer).await;
    let resp = app.get("/api/v1/me", &token).await;
    assert_eq!(resp.status(), 200);
    assert_generated(&request_id(&resp));
}

#[tokio::test]
async fn a_sane_incoming_id_is_echoed() {
    let app = spawn_app().await;
    let long = "a".repeat(64);
    for sent in ["abc", "Req-42_v1.2", long.as_str(), "0"] {
        for path in ["/healthz", "/api/v1/no-such-thing"] {
            let resp = app
                .request(Method::GET, path, None)
                .header("x-request-id", sent)
                .send()
                .await
                .unwrap();
            assert_eq!(request_id(&resp), sent, "{path}");
        }
    }
}

#[tokio::test]
async fn an_insane_incoming_id_is_replaced() {
    let app = spawn_app().await;
    let too_long = "a".repeat(65);
    let insane: [&[u8]; 7] = [
        b"",
        too_long.as_bytes(),
        b"has space",
        b"semi;colon",
        b"{id}",
        b"line\tbreak",
        "caf\u{e9}".as_bytes(),
    ];
    for sent in insane {
        let resp = app
            .request(Method::GET, "/healthz", None)
            .header(
                "x-request-id",
                reqwest::header::HeaderValue::from_bytes(sent).unwrap(),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let id = request_id(&resp);
        assert_ne!(id.as_bytes(), sent);
        assert_generated(&id);
    }
}

#[tokio::test]
async fn a_database_fault_500_names_the_request_id() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Viewer).await;
    let mut conn = app.db().await;
    diesel::sql_query("ALTER TABLE users RENAME TO users_gone")
        .execute(&mut conn)
        .await
        .unwrap();

    let resp = app.get("/api/v1/me", &token).await;
    let id = request_id(&resp);
    assert_generated(&id);
    let body = assert_error(resp, 500, "internal").await;
    assert_eq!(body["request_id"], id.as_str(), "{body}");

    let resp = app
        .request(Method::GET, "/api/v1/me", Some(&token))
        .header("x-request-id", "support-ticket-7")
        .send()
        .await
        .unwrap();
    assert_eq!(request_id(&resp), "support-ticket-7");
    let body = assert_error(resp, 500, "internal").await;
    assert_eq!(body["request_id"], "support-ticket-7", "{body}");
}

async fn panicking() -> actix_web::HttpResponse {
    panic!("a handler bug")
}

#[tokio::test]
async fn a_recovered_panic_is_a_500_naming_the_request_id() {
    let settings = test_settings(&fresh_database().await);
    let app = spawn_with_routes(settings, |cfg| {
        cfg.route("/test/panic/{n}", actix_web::web::get().to(panicking));
    })
    .await;

    let resp = app
        .request(Method::GET, "/test/panic/1", None)
        .send()
        .await
        .unwrap();
    let id = request_id(&resp);
    assert_generated(&id);
    let body = assert_error(resp, 500, "internal").await;
    assert_eq!(body["request_id"], id.as_str(), "{body}");
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys.len(), 3, "error, message and request_id only: {body}");

    let resp = app
        .request(Method::GET, "/test/panic/2", None)
        .header("x-request-id", "abc.123")
        .send()
        .await
        .unwrap();
    assert_eq!(request_id(&resp), "abc.123");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["request_id"], "abc.123", "{body}");

    // The server survives and keeps answering.
    let resp = app
        .request(Method::GET, "/healthz", None)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn errors_other_than_500_keep_their_shape() {
    let app = spawn_app().await;
    let resp = app
        .request(Method::GET, "/api/v1/no-such-thing", None)
        .send()
        .await
        .unwrap();
    let body = assert_error(resp, 404, "not_found").await;
    assert!(body.get("request_id").is_none(), "{body}");
}
