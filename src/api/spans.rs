//! Spans sent by clients: code-point offsets into an article body, checked
//! and turned into the text they cover. The one place where the API converts
//! code points to Rust's byte offsets.

use super::error::ApiError;
use serde::Deserialize;

/// A stretch of the article body: `start`/`end` in Unicode code points, end
/// exclusive. The server takes the text from the body.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
pub struct SpanInput {
    #[serde(deserialize_with = "super::integral::int")]
    #[schema(minimum = 0)]
    pub start: i64,
    /// Greater than `start`, at most the body's length.
    #[serde(deserialize_with = "super::integral::int")]
    #[schema(minimum = 1)]
    pub end: i64,
}

/// A checked span and the text it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedSpan {
    pub start: i32,
    pub end: i32,
    pub text: String,
}

/// Checks `0 <= start < end <= length of body in code points` and slices.
/// `what` names the span in the error ("content", "source", "cue").
pub fn check(body: &str, span: SpanInput, what: &str) -> Result<CheckedSpan, ApiError> {
    let len = body.chars().count() as i64;
    if !(0 <= span.start && span.start < span.end && span.end <= len) {
        return Err(ApiError::validation(
            "invalid_span",
            format!(
                "the {what} span [{}, {}) must satisfy 0 <= start < end <= {len} (the body's length in code points)",
                span.start, span.end
            ),
        ));
    }
    let text: String = body
        .chars()
        .skip(span.start as usize)
        .take((span.end - span.start) as usize)
        .collect();
    // The body is capped by the upload limit, far below 2^31 code points.
    Ok(CheckedSpan {
        start: span.start as i32,
        end: span.end as i32,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let body = "Zoë said „ja“ 👍 twice";
        let s = check(body, SpanInput { start: 10, end: 12 }, "content").unwrap();
        assert_eq!(s.text, "ja");
        let s = check(body, SpanInput { start: 14, end: 15 }, "content").unwrap();
        assert_eq!(s.text, "👍");
        let len = body.chars().count() as i64;
        assert_eq!(
            check(body, SpanInput { start: 0, end: len }, "content")
                .unwrap()
                .text,
            body
        );
    }

    #[test]
    fn out_of_range_and_empty_spans_are_refused() {
        let body = "short";
        for (start, end) in [(-1, 2), (2, 2), (3, 2), (0, 6)] {
            let err = check(body, SpanInput { start, end }, "cue").unwrap_err();
            assert_eq!(err.code(), "invalid_span", "[{start}, {end})");
        }
    }
}
