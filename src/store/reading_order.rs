//! An article's claims in reading order, a page at a time.

use super::StoreError;
use super::claims::ClaimRow;
use super::schema::claims;
use crate::review::ArticleId;
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

/// Where a page of an article's claims starts: after the claim at
/// `content_start` with `ordinal` (reading order, the same as
/// [`for_article`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingPosition {
    pub content_start: i32,
    pub ordinal: i32,
}

impl std::fmt::Display for ReadingPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.content_start, self.ordinal)
    }
}

impl std::str::FromStr for ReadingPosition {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let (a, b) = s.split_once('.').ok_or(())?;
        let num = |t: &str| {
            (!t.is_empty() && t.bytes().all(|c| c.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
                .ok_or(())
        };
        Ok(ReadingPosition {
            content_start: num(a)?,
            ordinal: num(b)?,
        })
    }
}

impl ClaimRow {
    pub fn reading_position(&self) -> ReadingPosition {
        ReadingPosition {
            content_start: self.content_start,
            ordinal: self.ordinal,
        }
    }
}

/// Up to `limit` of an article's claims in reading order, after `after`.
pub async fn page_for_article(
    conn: &mut AsyncPgConnection,
    article_id: ArticleId,
    after: Option<ReadingPosition>,
    limit: i64,
) -> Result<Vec<ClaimRow>, StoreError> {
    let mut q = claims::table
        .filter(claims::article_id.eq(article_id))
        .order((claims::content_start.asc(), claims::ordinal.asc()))
        .select(ClaimRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some(p) = after {
        q = q.filter(
            claims::content_start
                .gt(p.content_start)
                .or(claims::content_start
                    .eq(p.content_start)
                    .and(claims::ordinal.gt(p.ordinal))),
        );
    }
    Ok(q.load(conn).await?)
}
