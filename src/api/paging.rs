//! One way to page: every list takes `limit` (1 to its maximum) and `after`
//! (the `next_cursor` of the previous page: the last id seen, since ids are
//! time-ordered UUIDv7), validated the same way with the same error codes.

use super::error::ApiError;
use super::error_code::ErrorCode;
use std::str::FromStr;

/// `after` and `limit` of a claim's history.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// `next_cursor` from the previous page (empty: the first page).
    #[param(pattern = "^[0-9]{0,18}$")]
    pub after: Option<String>,
    /// 1 to 500, default 100.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
}

/// `after` and `limit` of the speaker list.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SpeakerQuery {
    /// `next_cursor` from the previous page (empty: the first page); a
    /// speaker no longer in the list ends it.
    #[param(pattern = "^[^\\u0000]*$")]
    pub after: Option<String>,
    /// 1 to 500, default 100.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
}

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page<C> {
    pub after: Option<C>,
    pub limit: i64,
}

/// Parses `after` and `limit` as sent (strings, so a bad value gets our
/// error rather than the query extractor's).
pub fn parse<C: FromStr>(
    after: Option<&str>,
    limit: Option<&str>,
    default: i64,
    max: i64,
) -> Result<Page<C>, ApiError> {
    let after = match after.map(str::trim).filter(|a| !a.is_empty()) {
        // No list's ids or names hold NUL (the store refuses it in text).
        Some(a) if a.contains('\0') => {
            return Err(ApiError::validation(
                ErrorCode::InvalidCursor,
                "a cursor never holds NUL (U+0000)",
            ));
        }
        Some(a) => Some(a.parse().map_err(|_| {
            ApiError::validation(
                ErrorCode::InvalidCursor,
                format!("'{a}' is not a cursor from this list"),
            )
        })?),
        None => None,
    };
    let limit = match limit {
        Some(l) => l
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                ApiError::validation(
                    ErrorCode::InvalidLimit,
                    format!("limit must be an integer from 1 to {max}"),
                )
            })?,
        None => default,
    };
    Ok(Page { after, limit })
}

/// Cuts a page fetched with `limit + 1` rows to `limit`, returning the
/// cursor for the next page when there was more.
pub fn finish<T, C: ToString>(
    rows: &mut Vec<T>,
    limit: i64,
    id: impl Fn(&T) -> C,
) -> Option<String> {
    if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| id(r).to_string())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ClaimId;

    #[test]
    fn limits_and_cursors_are_checked_alike() {
        let p: Page<ClaimId> = parse(None, None, 50, 200).unwrap();
        assert_eq!((p.after, p.limit), (None, 50));
        let id = ClaimId::new();
        let p: Page<ClaimId> = parse(Some(&id.to_string()), Some("7"), 50, 200).unwrap();
        assert_eq!((p.after, p.limit), (Some(id), 7));
        for bad in ["0", "201", "x", "-1"] {
            let e = parse::<ClaimId>(None, Some(bad), 50, 200).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidLimit, "{bad}");
        }
        let e = parse::<ClaimId>(Some("nope"), None, 50, 200).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidCursor);
    }

    #[test]
    fn a_full_page_has_a_cursor() {
        let mut rows = vec![1, 2, 3];
        assert_eq!(finish(&mut rows, 2, |r| *r), Some("2".into()));
        assert_eq!(rows, vec![1, 2]);
        let mut rows = vec![1, 2];
        assert_eq!(finish(&mut rows, 2, |r| *r), None);
    }
}
