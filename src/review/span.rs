//! Spans: stretches of an article body in Unicode code points, end
//! exclusive. The extractor produces them, the store keeps them, clients
//! send them; this is the one place a client's offsets are checked and
//! turned into the text they cover.

use super::ReviewError;
pub use crate::extract::{Pieces, Span};

/// Checks `0 <= start < end <= length of body in code points` and slices.
/// `what` names the span in the refusal ("content", "source", "cue").
pub fn slice(body: &str, start: i64, end: i64, what: &'static str) -> Result<Span, ReviewError> {
    let len = body.chars().count();
    if !(0 <= start && start < end && end <= len as i64) {
        return Err(ReviewError::InvalidSpan {
            what,
            start,
            end,
            len,
        });
    }
    let (start, end) = (start as usize, end as usize);
    let text: String = body.chars().skip(start).take(end - start).collect();
    Ok(Span { start, end, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let body = "Zoë said „ja“ 👍 twice";
        assert_eq!(slice(body, 10, 12, "content").unwrap().text, "ja");
        assert_eq!(slice(body, 14, 15, "content").unwrap().text, "👍");
        let len = body.chars().count() as i64;
        assert_eq!(slice(body, 0, len, "content").unwrap().text, body);
    }

    #[test]
    fn out_of_range_and_empty_spans_are_refused() {
        for (start, end) in [(-1, 2), (2, 2), (3, 2), (0, 6)] {
            let err = slice("short", start, end, "cue").unwrap_err();
            assert!(
                matches!(
                    err,
                    ReviewError::InvalidSpan {
                        what: "cue",
                        len: 5,
                        ..
                    }
                ),
                "[{start}, {end}): {err:?}"
            );
        }
    }
}
