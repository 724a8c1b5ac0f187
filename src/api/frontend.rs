//! The review frontend, compiled into the binary so `serve` needs no files.
//! Plain ES modules: `index.html` loads `app.js`, which imports the rest.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

const JS: &str = "text/javascript; charset=utf-8";

/// (URL path, content type, body) of every frontend file.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("../../frontend/index.html"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_str!("../../frontend/style.css"),
    ),
    ("/app.js", JS, include_str!("../../frontend/app.js")),
    ("/dom.js", JS, include_str!("../../frontend/dom.js")),
    ("/api.js", JS, include_str!("../../frontend/api.js")),
    ("/state.js", JS, include_str!("../../frontend/state.js")),
    ("/review.js", JS, include_str!("../../frontend/review.js")),
    (
        "/articles.js",
        JS,
        include_str!("../../frontend/articles.js"),
    ),
    ("/panel.js", JS, include_str!("../../frontend/panel.js")),
    ("/history.js", JS, include_str!("../../frontend/history.js")),
    (
        "/attachments.js",
        JS,
        include_str!("../../frontend/attachments.js"),
    ),
    ("/similar.js", JS, include_str!("../../frontend/similar.js")),
    ("/live.js", JS, include_str!("../../frontend/live.js")),
    ("/queue.js", JS, include_str!("../../frontend/queue.js")),
    ("/admin.js", JS, include_str!("../../frontend/admin.js")),
    (
        "/overview.js",
        JS,
        include_str!("../../frontend/overview.js"),
    ),
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    // For working on the frontend: its files read from this folder on each
    // request, so a change shows on reload without rebuilding the binary.
    let dev_dir = std::env::var_os("CLAIMDESK_FRONTEND_DIR").map(std::path::PathBuf::from);
    for &(path, content_type, body) in ASSETS {
        match dev_dir.clone() {
            None => {
                cfg.route(path, web::get().to(move || asset(content_type, body)));
            }
            Some(dir) => {
                let file = dir.join(if path == "/" {
                    "index.html"
                } else {
                    &path[1..]
                });
                cfg.route(
                    path,
                    web::get().to(move || {
                        let file = file.clone();
                        async move {
                            match tokio::fs::read_to_string(&file).await {
                                Ok(text) => asset(content_type, text).await,
                                Err(e) => HttpResponse::NotFound()
                                    .body(format!("{}: {e}", file.display())),
                            }
                        }
                    }),
                );
            }
        }
    }
}

async fn asset(content_type: &'static str, body: impl Into<String>) -> HttpResponse {
    let body: String = body.into();
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ))
        .insert_header(("referrer-policy", "same-origin"))
        .body(body)
}
