//! The review frontend, compiled into the binary so `serve` needs no files.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

const INDEX_HTML: &str = include_str!("../../frontend/index.html");
const APP_JS: &str = include_str!("../../frontend/app.js");
const STYLE_CSS: &str = include_str!("../../frontend/style.css");

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/",
        web::get().to(|| asset("text/html; charset=utf-8", INDEX_HTML)),
    )
    .route(
        "/app.js",
        web::get().to(|| asset("text/javascript; charset=utf-8", APP_JS)),
    )
    .route(
        "/style.css",
        web::get().to(|| asset("text/css; charset=utf-8", STYLE_CSS)),
    );
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
