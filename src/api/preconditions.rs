//! Versions sent by clients: `If-Match` headers and `version` fields.

use super::error::ApiError;
use super::error_code::ErrorCode;
use actix_web::HttpRequest;
use actix_web::http::header;

/// The version in `If-Match` (`"3"`, `W/"3"` or `3`), if sent.
pub fn if_match(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(v) = req.headers().get(header::IF_MATCH) else {
        return Ok(None);
    };
    let raw = v.to_str().unwrap_or_default().trim();
    let tag = raw.strip_prefix("W/").unwrap_or(raw).trim_matches('"');
    tag.parse::<i32>().map(Some).map_err(|_| {
        ApiError::validation(
            ErrorCode::InvalidIfMatch,
            format!("If-Match must be a version such as \"3\", not {raw}"),
        )
    })
}

/// The version a claim write is based on: `If-Match` or the body's
/// `version`; both must agree when both are sent.
pub fn expected_version(req: &HttpRequest, body: Option<i32>) -> Result<i32, ApiError> {
    match (if_match(req)?, body) {
        (Some(h), Some(b)) if h != b => Err(ApiError::validation(
            ErrorCode::VersionMismatch,
            format!("If-Match says version {h} but the body says {b}"),
        )),
        (Some(v), _) | (None, Some(v)) => Ok(v),
        (None, None) => Err(ApiError::validation(
            ErrorCode::VersionRequired,
            "send the claim version you read, as If-Match: \"<version>\" or `version` in the body",
        )),
    }
}
