//! The HTTP side of live updates: who may follow an article, and the
//! headers that keep proxies from buffering the stream.

use super::auth::{Auth, Viewer, session_ended};
use super::error::{ApiError, ErrorBody, not_found_as};
use super::live::SessionCheck;
use super::state::AppState;
use crate::review::ArticleId;
use crate::store::{articles, users};
use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web;

/// Whether the stream's session still holds: not logged out, the password
/// not changed since, the account not disabled. A failed check ends the
/// stream too (the browser reconnects, and is authenticated again).
fn session_check(state: web::Data<AppState>, auth: &Auth<Viewer>) -> SessionCheck {
    let (user, sid, token_version) = (auth.user.id, auth.session.id, auth.user.token_version);
    Box::new(move || {
        let state = state.clone();
        Box::pin(async move {
            let Ok(mut conn) = state.conn().await else {
                return false;
            };
            match users::find_for_session(&mut conn, user, sid).await {
                Ok((u, logged_out)) => session_ended(&u, token_version, logged_out).is_none(),
                Err(_) => false,
            }
        })
    })
}

/// Changes to one article's claims as they happen (Server-Sent Events).
/// Each `claim` event's data is `{id, article_id, claim_id, action,
/// actor_id, actor_name}` (one history event); `resync` means some may have
/// been missed, so read the article again. A comment line every 20 s keeps
/// the stream open; it ends after 10 minutes (browsers reconnect), and
/// within 10 s of its session ending (logout, password change, account
/// disabled); no event is sent to a session that has ended.
#[utoipa::path(get, path = "/articles/{id}/events", tag = "articles",
    params(("id" = Uuid, Path, description = "Article id")),
    responses(
        (status = 200, content_type = "text/event-stream", body = String, description = "A stream of `claim` and `resync` events"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn events(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    path: web::Path<ArticleId>,
) -> Result<HttpResponse, ApiError> {
    let article = path.into_inner();
    {
        let mut conn = state.conn().await?;
        articles::find_live(&mut conn, article)
            .await
            .map_err(|e| not_found_as(e, "article"))?;
    }
    let valid_for = (auth.session.expires_at - chrono::Utc::now())
        .to_std()
        .unwrap_or_default();
    let stream = state
        .live
        .stream(article, valid_for, session_check(state.clone(), &auth));
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        // Compression would hold events back until a block fills.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(stream))
}
