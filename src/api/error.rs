//! The one place errors become HTTP responses. Every error, including
//! actix's own extractor errors, unknown routes and panics, leaves as
//! `{"error": "<stable_code>", "message": "<human text>", ...details}`.

use super::error_code::ErrorCode;
use crate::review::{LimitedField, ReviewError, UnknownName};
use crate::store::StoreError;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde_json::{Map, Value, json};

#[derive(thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    /// 422: the request was understood but its content is invalid.
    #[error("{message}")]
    Validation {
        code: ErrorCode,
        message: String,
        details: Option<Value>,
    },
    /// 400: the request could not be read at all.
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: String },
    #[error("{message}")]
    Conflict {
        code: ErrorCode,
        message: String,
        details: Option<Value>,
    },
    #[error("{message}")]
    Unauthorized { code: ErrorCode, message: String },
    #[error("{message}")]
    Forbidden { code: ErrorCode, message: String },
    #[error("too many attempts; try again in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 502: a server we fetched from failed us.
    #[error("{message}")]
    BadGateway { code: ErrorCode, message: String },
    #[error("the database is unavailable")]
    Unavailable(String),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// 404 naming what is missing: `not_found("claim")` → "claim not found".
    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound(format!("{what} not found"))
    }
    pub fn validation(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::Validation {
            code,
            message: message.into(),
            details: None,
        }
    }
    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
        }
    }
    pub fn unauthorized(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::Unauthorized {
            code,
            message: message.into(),
        }
    }
    pub fn forbidden(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError::Forbidden {
            code,
            message: message.into(),
        }
    }
    pub fn internal(e: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(e.into())
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::Validation { code, .. }
            | ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Unauthorized { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::BadGateway { code, .. } => *code,
            ApiError::TooManyRequests { .. } => ErrorCode::RateLimited,
            ApiError::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            ApiError::UnsupportedMediaType(_) => ErrorCode::UnsupportedMediaType,
            ApiError::Unavailable(_) => ErrorCode::DatabaseUnavailable,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }
}

// Debug prints the whole cause chain, which is what the logs want.
impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{self}")?;
        let mut current = std::error::Error::source(self);
        while let Some(cause) = current {
            writeln!(f, "caused by: {cause}")?;
            current = cause.source();
        }
        Ok(())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code().status()
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(_) => tracing::error!(error = ?self, "request failed"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            _ => {}
        }
        let mut body = Map::new();
        body.insert("error".into(), json!(self.code()));
        body.insert("message".into(), json!(self.to_string()));
        if let ApiError::Validation {
            details: Some(Value::Object(extra)),
            ..
        }
        | ApiError::Conflict {
            details: Some(Value::Object(extra)),
            ..
        } = self
        {
            for (k, v) in extra {
                body.insert(k.clone(), v.clone());
            }
        }
        if let ApiError::Internal(_) = self
            && let Some(id) = super::request_log::current()
        {
            body.insert("request_id".into(), json!(id));
        }
        let mut resp = HttpResponse::build(self.status_code());
        if let ApiError::TooManyRequests { retry_after_secs } = self {
            resp.insert_header((header::RETRY_AFTER, HeaderValue::from(*retry_after_secs)));
        }
        resp.json(Value::Object(body))
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound("not found".into()),
            StoreError::Conflict(constraint) => ApiError::Conflict {
                code: ErrorCode::Conflict,
                message: format!("already exists ({constraint})"),
                details: None,
            },
            StoreError::Unavailable(cause) => ApiError::Unavailable(cause),
            StoreError::Query(e) if super::db_text::refused_nul(&e) => {
                ApiError::validation(ErrorCode::InvalidText, "text must not contain NUL (U+0000)")
            }
            StoreError::Query(e) => ApiError::Internal(e.into()),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

/// The body of every error response.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable, machine-readable code, e.g. `not_found`, `stale_version`.
    pub error: String,
    /// Human-readable explanation.
    pub message: String,
}

/// Maps the store's NotFound to a 404 that names what was missing.
pub fn not_found_as(e: StoreError, what: &'static str) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::not_found(what),
        other => other.into(),
    }
}

impl From<ReviewError> for ApiError {
    fn from(e: ReviewError) -> Self {
        use ErrorCode as C;
        let message = e.to_string();
        let allowed = |v: serde_json::Value| Some(json!({ "allowed": v }));
        let (code, details) = match &e {
            ReviewError::UnknownName(UnknownName {
                what,
                allowed: names,
                ..
            }) => (
                match *what {
                    "Status" => C::InvalidStatus,
                    "ClaimKind" => C::InvalidKind,
                    "Stance" => C::InvalidStance,
                    _ => C::InvalidBody,
                },
                allowed(json!(names)),
            ),
            ReviewError::InvalidTransition { from, .. } => {
                (C::InvalidTransition, allowed(json!(from.next())))
            }
            ReviewError::RoleTooLow { .. } => (C::Forbidden, None),
            ReviewError::SelfApproval => (C::SelfApproval, None),
            ReviewError::UnknownVerdict { allowed: a, .. } => {
                (C::UnknownVerdict, allowed(json!(a)))
            }
            ReviewError::VerdictRequired { allowed: a } => (C::VerdictRequired, allowed(json!(a))),
            ReviewError::ClaimApproved { .. } => (C::ClaimApproved, None),
            ReviewError::InvalidAssignee(_) => (C::InvalidAssignee, None),
            ReviewError::ReasonWithoutMove => (C::ReasonWithoutMove, None),
            ReviewError::TooLong { field, .. } | ReviewError::Empty { field } => (
                match (field, &e) {
                    (LimitedField::Comment, ReviewError::Empty { .. }) => C::EmptyComment,
                    (LimitedField::Comment, _) => C::CommentTooLong,
                    (LimitedField::VerdictNote, _) => C::NoteTooLong,
                    (LimitedField::Speaker, _) => C::InvalidSpeaker,
                    (LimitedField::Reason, _) => C::ReasonTooLong,
                    (LimitedField::EvidenceText(_), _) => C::TextTooLong,
                },
                None,
            ),
            ReviewError::InvalidSpan { .. } => (C::InvalidSpan, None),
            ReviewError::InvalidCheckworthiness => (C::InvalidCheckworthiness, None),
            ReviewError::NotAuthor { .. } => (C::NotAuthor, None),
            ReviewError::WeakPassword(_) => (C::WeakPassword, None),
            ReviewError::InvalidEmail(_) => (C::InvalidEmail, None),
            ReviewError::InvalidName => (C::InvalidName, None),
        };
        match code.status() {
            StatusCode::FORBIDDEN => ApiError::Forbidden { code, message },
            _ => ApiError::Validation {
                code,
                message,
                details,
            },
        }
    }
}

impl From<UnknownName> for ApiError {
    fn from(e: UnknownName) -> Self {
        ReviewError::from(e).into()
    }
}
