//! Fetching by URL. Every request goes to 127.0.0.1 only: a tiny page server
//! spawned by the test, or a refused address that is never connected to.

use crate::helpers::*;
use actix_web::{App, HttpResponse, HttpServer, web};
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};

const PAGE: &str = "<!doctype html><html><head><title>Ferry fares rise</title><script>ads()</script></head>\
    <body><header>The Harbour Post</header><nav><a href='/'>Home</a></nav>\
    <main><h1>Ferry fares rise</h1><p>Fares will rise by 12% in May, the operator said.</p></main>\
    <aside>Most read</aside><footer>© Harbour Post</footer></body></html>";

/// A route answering 200 with `body` as `content_type`.
fn bytes(content_type: &'static str, body: &'static [u8]) -> actix_web::Route {
    web::get().to(move || async move { HttpResponse::Ok().content_type(content_type).body(body) })
}

/// Pages: `/page`, `/hop/{n}` (n redirects, then the page), `/big`,
/// `/missing`, `/pdf`, and pages in legacy encodings (`/latin`,
/// `/meta-latin`, `/bad-latin`). Returns the base URL.
async fn page_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(|| {
        App::new()
            .route(
                "/page",
                web::get().to(|| async {
                    HttpResponse::Ok()
                        .content_type("text/html; charset=utf-8")
                        .body(PAGE)
                }),
            )
            .route(
                "/hop/{n}",
                web::get().to(|n: web::Path<u32>| async move {
                    let n = n.into_inner();
                    let next = if n <= 1 {
                        "/page".to_owned()
                    } else {
                        format!("/hop/{}", n - 1)
                    };
                    HttpResponse::Found()
                        .insert_header(("location", next))
                        .finish()
                }),
            )
            .route(
                "/to-ftp",
                web::get().to(|| async {
                    HttpResponse::Found()
                        .insert_header(("location", "ftp://127.0.0.1/x"))
                        .finish()
                }),
            )
            .route(
                "/big",
                web::get().to(|| async {
                    HttpResponse::Ok()
                        .content_type("text/plain")
                        .body("x".repeat(5000))
                }),
            )
            .route(
                "/latin",
                bytes(
                    "text/html; charset=ISO-8859-1",
                    b"<title>Caf\xE9 prices</title><p>A caf\xE9 au lait costs \x8050 more, the r\xE9gion said.</p>",
                ),
            )
            .route(
                "/meta-latin",
                bytes(
                    "text/html",
                    b"<meta charset=windows-1252><title>Na\xEFve</title><p>The \x93na\xEFve\x94 plan failed, critics said.</p>",
                ),
            )
            .route("/bad-latin", bytes("text/plain", b"caf\xE9"))
            .route(
                "/missing",
                web::get().to(|| async { HttpResponse::NotFound().finish() }),
            )
            .route("/pdf", bytes("application/pdf", b"%PDF-1.7"))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    format!("http://127.0.0.1:{port}")
}

async fn fetch(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.send_json(Method::POST, "/api/v1/articles/fetch", token, &body)
        .await
}

#[tokio::test]
async fn loopback_and_private_addresses_are_refused_by_default() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let base = page_server().await;
    // The page server is up, so only the address check can stop these.
    let port = base.rsplit(':').next().unwrap();
    for url in [
        format!("{base}/page"),
        base.replace("127.0.0.1", "localhost") + "/page",
        "http://[::1]:9/".into(),
        // The same loopback address in disguises URL parsers understand.
        format!("http://2130706433:{port}/page"),
        format!("http://0x7f.1:{port}/page"),
        format!("http://[::ffff:127.0.0.1]:{port}/page"),
    ] {
        let b = assert_error(
            fetch(&app, &token, json!({"url": url})).await,
            422,
            "forbidden_address",
        )
        .await;
        assert!(
            b["message"].as_str().unwrap().contains("not allowed"),
            "{b}"
        );
    }
    let (_, viewer) = app.login_as(Role::Viewer).await;
    assert_error(
        fetch(&app, &viewer, json!({"url": format!("{base}/page")})).await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn only_http_urls_are_fetched() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    for url in [
        "file:///etc/passwd",
        "ftp://127.0.0.1/a",
        "gopher://127.0.0.1/",
        "no scheme at all",
    ] {
        assert_error(
            fetch(&app, &token, json!({"url": url})).await,
            422,
            "invalid_url",
        )
        .await;
    }
}

#[tokio::test]
async fn a_fetched_page_is_stored_as_text_with_its_title_and_final_url() {
    let app = spawn_app_with(|s| s.fetch.allow_private = true).await;
    let (_, token) = app.login_as(Role::Checker).await;
    let base = page_server().await;
    let resp = fetch(
        &app,
        &token,
        json!({"url": format!("{base}/hop/2"), "outlet": "Harbour Post"}),
    )
    .await;
    assert_eq!(resp.status(), 201);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["article"]["title"], "Ferry fares rise");
    assert_eq!(v["article"]["url"], format!("{base}/page"));
    assert_eq!(v["article"]["outlet"], "Harbour Post");
    let got: Value = app
        .get(
            &format!("/api/v1/articles/{}", v["article"]["id"].as_str().unwrap()),
            &token,
        )
        .await
        .json()
        .await
        .unwrap();
    // The headline is the title, not body.
    assert_eq!(
        got["body"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        "Fares will rise by 12% in May, the operator said."
            .split(' ')
            .collect::<Vec<_>>()
    );
    // The same page again is the same article.
    let resp = fetch(&app, &token, json!({"url": format!("{base}/page")})).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["article"]["id"],
        v["article"]["id"]
    );
}

/// Pages in a legacy encoding are decoded by what they declare, in the
/// header or in a meta tag; an undeclared non-UTF-8 page is refused.
#[tokio::test]
async fn pages_in_declared_encodings_are_decoded() {
    let app = spawn_app_with(|s| s.fetch.allow_private = true).await;
    let (_, token) = app.login_as(Role::Checker).await;
    let base = page_server().await;
    for (path, title, text) in [
        (
            "/latin",
            "Café prices",
            "A café au lait costs €50 more, the région said.",
        ),
        (
            "/meta-latin",
            "Naïve",
            "The “naïve” plan failed, critics said.",
        ),
    ] {
        let resp = fetch(&app, &token, json!({"url": format!("{base}{path}")})).await;
        assert_eq!(resp.status(), 201, "{path}");
        let v: Value = resp.json().await.unwrap();
        assert_eq!(v["article"]["title"], title);
        let got: Value = app
            .get(
                &format!("/api/v1/articles/{}", v["article"]["id"].as_str().unwrap()),
                &token,
            )
            .await
            .json()
            .await
            .unwrap();
        assert!(got["body"].as_str().unwrap().ends_with(text), "{got}");
    }
    let b = assert_error(
        fetch(&app, &token, json!({"url": format!("{base}/bad-latin")})).await,
        422,
        "not_text",
    )
    .await;
    assert!(b["message"].as_str().unwrap().contains("not UTF-8"), "{b}");
}

#[tokio::test]
async fn redirects_are_capped_and_each_hop_is_checked() {
    let app = spawn_app_with(|s| {
        s.fetch.allow_private = true;
        s.fetch.max_redirects = 3;
    })
    .await;
    let (_, token) = app.login_as(Role::Checker).await;
    let base = page_server().await;
    assert_eq!(
        fetch(&app, &token, json!({"url": format!("{base}/hop/3")}))
            .await
            .status(),
        201
    );
    let b = assert_error(
        fetch(&app, &token, json!({"url": format!("{base}/hop/4")})).await,
        502,
        "fetch_failed",
    )
    .await;
    assert!(
        b["message"]
            .as_str()
            .unwrap()
            .contains("more than 3 redirects"),
        "{b}"
    );
    let b = assert_error(
        fetch(&app, &token, json!({"url": format!("{base}/to-ftp")})).await,
        502,
        "fetch_failed",
    )
    .await;
    assert!(
        b["message"]
            .as_str()
            .unwrap()
            .contains("not an http(s) URL"),
        "{b}"
    );
}

#[tokio::test]
async fn failing_oversized_and_non_text_pages() {
    let app = spawn_app_with(|s| {
        s.fetch.allow_private = true;
        s.server.upload_limit = 1024;
    })
    .await;
    let (_, token) = app.login_as(Role::Checker).await;
    let base = page_server().await;
    let b = assert_error(
        fetch(&app, &token, json!({"url": format!("{base}/missing")})).await,
        502,
        "fetch_failed",
    )
    .await;
    assert!(b["message"].as_str().unwrap().contains("404"), "{b}");
    assert_error(
        fetch(&app, &token, json!({"url": format!("{base}/big")})).await,
        413,
        "payload_too_large",
    )
    .await;
    assert_error(
        fetch(&app, &token, json!({"url": format!("{base}/pdf")})).await,
        422,
        "unsupported_content",
    )
    .await;
    // Nothing listens on port 9 of the loopback address.
    assert_error(
        fetch(&app, &token, json!({"url": "http://127.0.0.1:9/"})).await,
        502,
        "fetch_failed",
    )
    .await;
}
