//! HTTP: routes, handlers and auth, all JSON under `/api/v1`.

pub mod article_edit;
pub mod articles;
mod attachments;
pub mod auth;
mod claim_query;
pub mod claim_views;
pub mod claims;
pub mod comments;
mod db_text;
pub mod error;
pub mod error_code;
pub mod events;
pub mod evidence;
mod frontend;
pub mod health;
mod integral;
mod json_object;
pub mod links;
pub mod live;
mod methods;
mod nullable;
pub mod openapi;
pub mod overview;
mod paging;
pub mod people;
mod preconditions;
pub mod report_stream;
pub mod reports;
pub mod request_log;
pub mod routes;
pub mod schemas;
pub mod session;
pub mod speakers;
pub mod state;
pub mod tokens;
pub mod users;
mod views;
pub mod workflow;

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use actix_web::{HttpRequest, HttpResponse, web};
use error::ApiError;
use error_code::ErrorCode;
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;

/// Registers every route. Shared by `serve` and the tests.
pub fn configure(json_limit: usize, upload_limit: usize) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(json_config(json_limit))
            .app_data(web::PayloadConfig::new(upload_limit))
            .app_data(web::PathConfig::default().error_handler(path_error))
            .app_data(web::QueryConfig::default().error_handler(query_error))
            .route("/healthz", web::get().to(health::healthz))
            .route("/readyz", web::get().to(health::readyz))
            .service(
                web::scope("/api/v1")
                    .wrap(actix_web::middleware::from_fn(json_object::require_object))
                    .configure(routes::register),
            )
            .configure(frontend::configure);
    }
}

fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(move |err, _req| json_error(err, limit).into())
}

fn json_error(err: JsonPayloadError, limit: usize) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge { limit }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType(
            "the body must be JSON (Content-Type: application/json)".into(),
        ),
        JsonPayloadError::Deserialize(e) => json_body_error(e),
        JsonPayloadError::Payload(PayloadError::Overflow) => ApiError::PayloadTooLarge { limit },
        other => ApiError::bad_request(ErrorCode::BadRequest, other.to_string()),
    }
}

/// A JSON body that does not parse (400) or does not fit the shape (422).
fn json_body_error(e: serde_json::Error) -> ApiError {
    if e.is_data() {
        ApiError::validation(
            ErrorCode::InvalidBody,
            format!("the JSON body does not fit: {e}"),
        )
    } else {
        ApiError::bad_request(
            ErrorCode::MalformedJson,
            format!("the body is not valid JSON: {e}"),
        )
    }
}

fn path_error(_err: PathError, req: &HttpRequest) -> actix_web::Error {
    // A malformed id names nothing that exists.
    ApiError::bad_request(
        ErrorCode::InvalidPath,
        format!("{} is not a valid resource path", req.path()),
    )
    .into()
}

fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::validation(
        ErrorCode::InvalidQuery,
        format!("invalid query parameters: {err}"),
    )
    .into()
}

pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!(
        "no route for {} {}",
        req.method(),
        req.path()
    )))
}

/// Turns a panicking handler into a logged 500 with the usual JSON body,
/// instead of a dropped connection. (`request_log::middleware`, wrapped
/// outside, renders the `Err` through `ApiError::error_response` while the
/// request id is current, so the body carries it.)
pub async fn recover_panics<F, B>(call: F) -> Result<ServiceResponse<BoxBody>, actix_web::Error>
where
    F: std::future::Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
    B: actix_web::body::MessageBody + 'static,
{
    match AssertUnwindSafe(call).catch_unwind().await {
        Ok(res) => res.map(|r| r.map_into_boxed_body()),
        Err(_) => Err(ApiError::internal(anyhow::anyhow!("handler panicked")).into()),
    }
}
