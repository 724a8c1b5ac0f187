//! The HTTP side of live updates: who may follow an article, and the
//! headers that keep proxies from buffering the stream.

use super::auth::{Auth, Viewer};
use super::error::{ApiError, ErrorBody, not_found_as};
use super::state::AppState;
use crate::review::ArticleId;
use crate::store::articles;
use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web;

/// Changes to one article's claims as they happen (Server-Sent Events).
/// Each `claim` event's data is `{id, article_id, claim_id, action,
/// actor_id, actor_name}` (one history event); `resync` means some may have
/// been missed, so read the article again. A comment line every 20 s keeps
/// the stream open; it ends after 10 minutes (browsers reconnect).
#[utoipa::path(get, path = "/articles/{id}/events", tag = "articles",
    params(("id" = Uuid, Path, description = "Article id")),
    responses(
        (status = 200, content_type = "text/event-stream", body = String, description = "A stream of `claim` and `resync` events"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn events(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    path: web::Path<ArticleId>,
) -> Result<HttpResponse, ApiError> {
    let article = path.into_inner();
    {
        let mut conn = state.conn().await?;
        articles::find_live(&mut conn, article)
            .await
            .map_err(|e| not_found_as(e, "article"))?;
    }
    let stream = state.live.stream(article);
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        // Compression would hold events back until a block fills.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(stream))
}
