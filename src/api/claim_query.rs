//! The filters of `GET /claims`, checked and turned into the store's filter.

use super::error::ApiError;
use super::error_code::ErrorCode;
use super::paging::{self, Page};
use crate::config::VerdictLabel;
use crate::review::workflow::check_verdict;
use crate::review::{ClaimId, ClaimKind, Status, UserId};
use crate::store::claims::{AssigneeFilter, ClaimFilter};
use serde::Deserialize;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;
const MAX_QUERY_CHARS: usize = 500;

/// Filters of `GET /claims`. Each narrows the list; invalid values are 422.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClaimListQuery {
    /// unreviewed, in_progress, verdict_proposed or approved
    #[param(schema_with = super::schemas::status)]
    pub status: Option<String>,
    /// A label of the verdict scale.
    #[param(value_type = Option<super::schemas::Verdict>)]
    pub verdict: Option<String>,
    /// The normalised speaker, case-insensitive.
    #[param(
        pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
    )]
    pub speaker: Option<String>,
    /// A user id, `me` or `none`.
    #[param(
        pattern = "^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
    )]
    pub assignee: Option<String>,
    /// An article id.
    #[param(value_type = Option<Uuid>)]
    pub article: Option<String>,
    /// direct, indirect, mixed or unattributed
    #[param(schema_with = super::schemas::kind)]
    pub kind: Option<String>,
    /// In [0, 1].
    #[param(value_type = Option<f64>, minimum = 0, maximum = 1)]
    pub min_checkworthiness: Option<String>,
    /// true or false
    #[param(value_type = Option<bool>)]
    pub not_a_claim: Option<String>,
    /// Full-text search over content, speaker and verdict note (web search syntax: "quoted phrase", or, -not).
    #[param(
        min_length = 1,
        max_length = 500,
        pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
    )]
    pub q: Option<String>,
    /// Cursor from the previous page's `next_cursor` (empty: the first page).
    #[param(
        pattern = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$"
    )]
    pub after: Option<String>,
    /// 1 to 200, default 50.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
}

pub fn invalid_filter(name: &str, message: impl std::fmt::Display) -> ApiError {
    ApiError::validation(
        ErrorCode::InvalidFilter,
        format!("filter `{name}`: {message}"),
    )
}

impl ClaimListQuery {
    pub fn filter(&self, verdicts: &[VerdictLabel], me: UserId) -> Result<ClaimFilter, ApiError> {
        let mut f = ClaimFilter::default();
        if let Some(s) = &self.status {
            f.status = Some(s.parse::<Status>()?);
        }
        if let Some(v) = &self.verdict {
            check_verdict(verdicts, v)?;
            f.verdict = Some(v.clone());
        }
        if let Some(s) = &self.speaker {
            if s.trim().is_empty() {
                return Err(invalid_filter("speaker", "must not be empty"));
            }
            f.speaker = Some(s.trim().to_owned());
        }
        f.assignee = match self.assignee.as_deref() {
            None => None,
            Some("me") => Some(AssigneeFilter::User(me)),
            Some("none") => Some(AssigneeFilter::Nobody),
            Some(v) => Some(AssigneeFilter::User(v.parse().map_err(|_| {
                invalid_filter(
                    "assignee",
                    format!("'{v}' is not a user id, `me` or `none`"),
                )
            })?)),
        };
        if let Some(a) = &self.article {
            f.article = Some(
                a.parse()
                    .map_err(|_| invalid_filter("article", format!("'{a}' is not an id")))?,
            );
        }
        if let Some(k) = &self.kind {
            f.kind = Some(k.parse::<ClaimKindName>()?.0);
        }
        if let Some(m) = &self.min_checkworthiness {
            let v: f32 = m
                .parse()
                .ok()
                .filter(|v: &f32| (0.0..=1.0).contains(v))
                .ok_or_else(|| {
                    invalid_filter(
                        "min_checkworthiness",
                        format!("'{m}' is not a number in [0, 1]"),
                    )
                })?;
            f.min_checkworthiness = Some(v);
        }
        if let Some(n) = &self.not_a_claim {
            f.not_a_claim = Some(
                n.parse()
                    .map_err(|_| invalid_filter("not_a_claim", "must be true or false"))?,
            );
        }
        if let Some(q) = &self.q {
            if q.trim().is_empty() || q.chars().count() > MAX_QUERY_CHARS {
                return Err(invalid_filter(
                    "q",
                    format!("must have 1 to {MAX_QUERY_CHARS} characters"),
                ));
            }
            f.q = Some(q.clone());
        }
        Ok(f)
    }

    pub fn page(&self) -> Result<Page<ClaimId>, ApiError> {
        paging::parse(
            self.after.as_deref(),
            self.limit.as_deref(),
            DEFAULT_LIMIT,
            MAX_LIMIT,
        )
    }
}

/// A claim kind named by a client: 422 `invalid_kind` listing the kinds.
pub struct ClaimKindName(pub ClaimKind);

impl std::str::FromStr for ClaimKindName {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        ClaimKind::parse(s)
            .map(ClaimKindName)
            .ok_or_else(|| ApiError::Validation {
                code: ErrorCode::InvalidKind,
                message: format!("unknown claim kind '{s}'"),
                details: Some(
                    serde_json::json!({"allowed": ClaimKind::ALL.map(ClaimKind::as_str)}),
                ),
            })
    }
}
