//! Liveness and readiness probes, outside `/api/v1` and without auth.

use super::error::ApiError;
use super::state::AppState;
use actix_web::{HttpResponse, web};
use diesel_async::RunQueryDsl;
use serde_json::json;
use std::time::Duration;

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

/// 200 once the database answers, 503 while it does not; the pool reconnects
/// on its own, so readiness comes back without a restart.
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let probe = async {
        let mut conn = state.conn().await?;
        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .await
            .map_err(|e| ApiError::Unavailable(e.to_string()))
    };
    match tokio::time::timeout(Duration::from_secs(3), probe).await {
        Ok(Ok(_)) => Ok(HttpResponse::Ok().json(json!({"status": "ready"}))),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(ApiError::Unavailable("probe timed out".into())),
    }
}
