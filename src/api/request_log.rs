//! One log event per request, and a request id on every response.
//!
//! The id is the incoming `X-Request-Id` when that is sane (1–64 characters of
//! `[A-Za-z0-9._-]`), else a fresh UUIDv7. It leaves in `x-request-id` on every response the
//! app produces, errors and recovered panics included. While the request's handlers run it is
//! [`current`], so `ApiError` can put it in the body of a 500, and it is a field of the
//! `request` span around them, so whatever they log carries it.
//!
//! When the request completes, one event at INFO (`route` is the matched pattern, such as
//! `/api/v1/claims/{id}`, so ids stay out of it; the path when nothing matched):
//! `method route status latency_ms request_id`. Successful `/healthz` probes log at DEBUG
//! so they don't drown everything else.

use std::cell::Cell;
use std::fmt;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use tracing::Instrument;

/// The header the id arrives in and leaves in.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");
const MAX_LEN: usize = 64;

tokio::task_local! {
    static REQUEST_ID: HeaderValue;
}

/// The id of the request being handled, when called inside one.
pub fn current() -> Option<String> {
    REQUEST_ID
        .try_with(|id| id.to_str().ok().map(str::to_owned))
        .ok()
        .flatten()
}

/// Whether an incoming id is one we repeat: short, and nothing a log or header could misread.
pub fn is_sane(id: &[u8]) -> bool {
    (1..=MAX_LEN).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn request_id(headers: &HeaderMap) -> HeaderValue {
    match headers.get(&HEADER) {
        Some(id) if is_sane(id.as_bytes()) => id.clone(),
        _ => {
            let mut buf = uuid::Uuid::encode_buffer();
            let id = uuid::Uuid::now_v7().simple().encode_lower(&mut buf);
            HeaderValue::from_str(id).expect("hex digits are a valid header value")
        }
    }
}

/// The middleware; wrap it outside `recover_panics` so a panic still gets an id and a log line.
pub async fn middleware<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let started = Instant::now();
    let id = request_id(req.headers());
    let method = req.method().clone();
    let uri = req.uri().clone();
    let span = tracing::info_span!("request", request_id = id.to_str().unwrap_or_default());
    let result = REQUEST_ID
        .scope(id.clone(), next.call(req).instrument(span.clone()))
        .await;
    match result {
        Ok(mut res) => {
            res.headers_mut().insert(HEADER, id.clone());
            let route = res.request().match_pattern();
            let route = route.as_deref().unwrap_or(uri.path());
            log(&method, route, res.status(), started, &id);
            Ok(res)
        }
        Err(err) => {
            // The server would render this error after we return, when the id is no longer
            // current; render it now and hand the server the finished response.
            let mut resp =
                span.in_scope(|| REQUEST_ID.sync_scope(id.clone(), || err.error_response()));
            resp.headers_mut().insert(HEADER, id.clone());
            log(&method, uri.path(), resp.status(), started, &id);
            Err(Rendered::new(resp).into())
        }
    }
}

fn log(method: &Method, route: &str, status: StatusCode, started: Instant, id: &HeaderValue) {
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let request_id = id.to_str().unwrap_or_default();
    let status = status.as_u16();
    if status == 200 && route == "/healthz" {
        tracing::debug!(%method, route, status, latency_ms, request_id, "request");
    } else {
        tracing::info!(%method, route, status, latency_ms, request_id, "request");
    }
}

/// An error response rendered ahead of time, passed to the server as an error.
struct Rendered {
    status: StatusCode,
    response: Cell<Option<HttpResponse>>,
}

impl Rendered {
    fn new(response: HttpResponse) -> Self {
        Self {
            status: response.status(),
            response: Cell::new(Some(response)),
        }
    }
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rendered({})", self.status)
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error response {}", self.status)
    }
}

impl ResponseError for Rendered {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        // The server renders an error once; a second call gets the bare status.
        self.response
            .take()
            .unwrap_or_else(|| HttpResponse::new(self.status))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sane_ids_are_short_and_plain() {
        assert!(is_sane(b"a"));
        assert!(is_sane(b"req-42_v1.2"));
        assert!(is_sane("x".repeat(64).as_bytes()));
        assert!(!is_sane(b""));
        assert!(!is_sane("x".repeat(65).as_bytes()));
        for bad in ["a b", "a;b", "a/b", "a\tb", "é", "{id}", "a\"b"] {
            assert!(!is_sane(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn a_missing_or_insane_id_is_replaced_by_a_uuid() {
        let mut headers = HeaderMap::new();
        let fresh = request_id(&headers);
        assert_eq!(fresh.len(), 32);
        assert!(uuid::Uuid::parse_str(fresh.to_str().unwrap()).is_ok());
        headers.insert(HEADER, HeaderValue::from_static("not sane"));
        assert_ne!(request_id(&headers), "not sane");
        headers.insert(HEADER, HeaderValue::from_static("sane-1"));
        assert_eq!(request_id(&headers), "sane-1");
    }

    #[test]
    fn outside_a_request_there_is_no_current_id() {
        assert_eq!(current(), None);
        let id = REQUEST_ID.sync_scope(HeaderValue::from_static("abc"), current);
        assert_eq!(id.as_deref(), Some("abc"));
    }
}
