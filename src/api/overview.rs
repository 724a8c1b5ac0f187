//! GET /overview: what a start page shows to anyone signed in.

use super::auth::{Auth, Viewer};
use super::error::{ApiError, ErrorBody};
use super::state::AppState;
use crate::store::overview::{self, Activity, StatusCount};
use actix_web::{HttpResponse, web};
use serde::Serialize;

const RECENT: i64 = 20;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Overview {
    /// Claims of live articles by status and verdict (not-a-claim left out).
    pub counts: Vec<StatusCount>,
    /// The latest history events of live articles, newest first.
    pub recent: Vec<Activity>,
}

/// Counts of claims by status and verdict, and recent activity (viewer and
/// up). The counts scan every live claim: cheap at thousands, a second or
/// so at a million.
#[utoipa::path(get, path = "/overview", tag = "claims",
    responses((status = 200, body = Overview), (status = 401, body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let counts = overview::status_counts(&mut conn).await?;
    let recent = overview::recent_activity(&mut conn, RECENT).await?;
    Ok(HttpResponse::Ok().json(Overview { counts, recent }))
}
