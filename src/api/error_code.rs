//! Every error code the API can answer with, and its HTTP status. Clients
//! branch on these names, so they are a closed set: the OpenAPI document
//! lists them from here, and a test checks each route's documented codes.

use actix_web::http::StatusCode;

macro_rules! error_codes {
    ($($variant:ident = $name:literal => $status:ident,)+) => {
        /// A stable, machine-readable error code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode { $($variant,)+ }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $name,)+ }
            }

            pub fn status(self) -> StatusCode {
                match self { $(ErrorCode::$variant => StatusCode::$status,)+ }
            }
        }
    };
}

error_codes! {
    // 400: the request could not be read at all.
    BadRequest = "bad_request" => BAD_REQUEST,
    MalformedJson = "malformed_json" => BAD_REQUEST,
    MalformedMultipart = "malformed_multipart" => BAD_REQUEST,
    InvalidPath = "invalid_path" => BAD_REQUEST,
    // 401
    Unauthenticated = "unauthenticated" => UNAUTHORIZED,
    InvalidCredentials = "invalid_credentials" => UNAUTHORIZED,
    InvalidToken = "invalid_token" => UNAUTHORIZED,
    TokenExpired = "token_expired" => UNAUTHORIZED,
    TokenRevoked = "token_revoked" => UNAUTHORIZED,
    // 403
    Forbidden = "forbidden" => FORBIDDEN,
    CsrfRejected = "csrf_rejected" => FORBIDDEN,
    SelfApproval = "self_approval" => FORBIDDEN,
    WrongPassword = "wrong_password" => FORBIDDEN,
    SelfLockout = "self_lockout" => FORBIDDEN,
    NotAuthor = "not_author" => FORBIDDEN,
    // 404, 405
    NotFound = "not_found" => NOT_FOUND,
    MethodNotAllowed = "method_not_allowed" => METHOD_NOT_ALLOWED,
    // 409
    StaleVersion = "stale_version" => CONFLICT,
    Conflict = "conflict" => CONFLICT,
    EmailTaken = "email_taken" => CONFLICT,
    AlreadyLinked = "already_linked" => CONFLICT,
    // 413, 415
    PayloadTooLarge = "payload_too_large" => PAYLOAD_TOO_LARGE,
    UnsupportedMediaType = "unsupported_media_type" => UNSUPPORTED_MEDIA_TYPE,
    // 422: understood, but the content is invalid.
    InvalidBody = "invalid_body" => UNPROCESSABLE_ENTITY,
    InvalidText = "invalid_text" => UNPROCESSABLE_ENTITY,
    InvalidQuery = "invalid_query" => UNPROCESSABLE_ENTITY,
    InvalidFilter = "invalid_filter" => UNPROCESSABLE_ENTITY,
    InvalidCursor = "invalid_cursor" => UNPROCESSABLE_ENTITY,
    InvalidLimit = "invalid_limit" => UNPROCESSABLE_ENTITY,
    InvalidFormat = "invalid_format" => UNPROCESSABLE_ENTITY,
    InvalidStatus = "invalid_status" => UNPROCESSABLE_ENTITY,
    InvalidKind = "invalid_kind" => UNPROCESSABLE_ENTITY,
    InvalidStance = "invalid_stance" => UNPROCESSABLE_ENTITY,
    InvalidTransition = "invalid_transition" => UNPROCESSABLE_ENTITY,
    UnknownVerdict = "unknown_verdict" => UNPROCESSABLE_ENTITY,
    VerdictRequired = "verdict_required" => UNPROCESSABLE_ENTITY,
    ClaimApproved = "claim_approved" => UNPROCESSABLE_ENTITY,
    InvalidAssignee = "invalid_assignee" => UNPROCESSABLE_ENTITY,
    InvalidSpan = "invalid_span" => UNPROCESSABLE_ENTITY,
    InvalidSpeaker = "invalid_speaker" => UNPROCESSABLE_ENTITY,
    InvalidSpeakerType = "invalid_speaker_type" => UNPROCESSABLE_ENTITY,
    InvalidCheckworthiness = "invalid_checkworthiness" => UNPROCESSABLE_ENTITY,
    NoteTooLong = "note_too_long" => UNPROCESSABLE_ENTITY,
    ReasonTooLong = "reason_too_long" => UNPROCESSABLE_ENTITY,
    ReasonWithoutMove = "reason_without_move" => UNPROCESSABLE_ENTITY,
    TextTooLong = "text_too_long" => UNPROCESSABLE_ENTITY,
    CommentTooLong = "comment_too_long" => UNPROCESSABLE_ENTITY,
    EmptyComment = "empty_comment" => UNPROCESSABLE_ENTITY,
    VersionRequired = "version_required" => UNPROCESSABLE_ENTITY,
    VersionMismatch = "version_mismatch" => UNPROCESSABLE_ENTITY,
    InvalidIfMatch = "invalid_if_match" => UNPROCESSABLE_ENTITY,
    InvalidUrl = "invalid_url" => UNPROCESSABLE_ENTITY,
    ForbiddenAddress = "forbidden_address" => UNPROCESSABLE_ENTITY,
    InvalidEmail = "invalid_email" => UNPROCESSABLE_ENTITY,
    InvalidName = "invalid_name" => UNPROCESSABLE_ENTITY,
    WeakPassword = "weak_password" => UNPROCESSABLE_ENTITY,
    EmptyBody = "empty_body" => UNPROCESSABLE_ENTITY,
    TooManyClaims = "too_many_claims" => UNPROCESSABLE_ENTITY,
    MissingFile = "missing_file" => UNPROCESSABLE_ENTITY,
    NotText = "not_text" => UNPROCESSABLE_ENTITY,
    InvalidPublishedAt = "invalid_published_at" => UNPROCESSABLE_ENTITY,
    InvalidField = "invalid_field" => UNPROCESSABLE_ENTITY,
    NothingToChange = "nothing_to_change" => UNPROCESSABLE_ENTITY,
    UnsupportedContent = "unsupported_content" => UNPROCESSABLE_ENTITY,
    SameClaim = "same_claim" => UNPROCESSABLE_ENTITY,
    SameArticle = "same_article" => UNPROCESSABLE_ENTITY,
    SelectionTooLarge = "selection_too_large" => UNPROCESSABLE_ENTITY,
    // 429
    RateLimited = "rate_limited" => TOO_MANY_REQUESTS,
    // 5xx
    Internal = "internal" => INTERNAL_SERVER_ERROR,
    FetchFailed = "fetch_failed" => BAD_GATEWAY,
    DatabaseUnavailable = "database_unavailable" => SERVICE_UNAVAILABLE,
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case() {
        let mut names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n, "a code is listed twice");
    }
}
