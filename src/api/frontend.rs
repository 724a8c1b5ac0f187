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
    ("/queue.js", JS, include_str!("../../frontend/queue.js")),
    ("/admin.js", JS, include_str!("../../frontend/admin.js")),
    (
        "/overview.js",
        JS,
        include_str!("../../frontend/overview.js"),
    ),
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    for &(path, content_type, body) in ASSETS {
        cfg.route(path, web::get().to(move || asset(content_type, body)));
    }
}

async fn asset(content_type: &'static str, body: &'static str) -> HttpResponse {
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
