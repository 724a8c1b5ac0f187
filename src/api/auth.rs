//! Who is asking: the `Auth<R>`
//! extractor that every protected handler takes. A handler that needs an
//! editor asks for `Auth<Editor>`; a missing check is a visible absence.

use super::error::ApiError;
use super::error_code::ErrorCode;
use super::state::AppState;
use crate::review::workflow::Actor;
use crate::review::{Role, UserId};
use crate::store::users::{self, User};
use actix_web::dev::Payload;
use actix_web::http::{Method, header};
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use std::marker::PhantomData;
use std::net::IpAddr;

pub const SESSION_COOKIE: &str = "claimdesk_session";

/// A role a handler requires, as a type.
pub trait MinRole {
    const ROLE: Role;
}
pub struct Viewer;
pub struct Checker;
pub struct Editor;
pub struct Admin;
impl MinRole for Viewer {
    const ROLE: Role = Role::Viewer;
}
impl MinRole for Checker {
    const ROLE: Role = Role::Checker;
}
impl MinRole for Editor {
    const ROLE: Role = Role::Editor;
}
impl MinRole for Admin {
    const ROLE: Role = Role::Admin;
}

/// The authenticated user, whose current role is at least `R`.
pub struct Auth<R: MinRole> {
    pub user: User,
    /// The session the token belongs to, and when the token expires.
    pub session: Session,
    _role: PhantomData<R>,
}

/// One login's session, which logging out ends.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub id: uuid::Uuid,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

impl<R: MinRole> Auth<R> {
    pub fn id(&self) -> UserId {
        self.user.id
    }
    pub fn role(&self) -> Role {
        self.user.role()
    }
    /// The signed-in user as the review rules see them.
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.user.id,
            role: self.user.role(),
        }
    }
}

impl<R: MinRole + 'static> FromRequest for Auth<R> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?
                .clone();
            let (token, from_cookie) = token_from(&req)?;
            if from_cookie {
                check_origin(&req, &state)?;
            }
            let claims = state.jwt.verify(&token)?;
            let Some(sid) = claims.sid else {
                return Err(ApiError::unauthorized(
                    ErrorCode::TokenRevoked,
                    "this token was issued before sessions could be logged out one by one; log in again",
                ));
            };
            let mut conn = state.conn().await?;
            let (user, logged_out) = match users::find_for_session(&mut conn, claims.sub, sid).await
            {
                Ok(found) => found,
                Err(crate::store::StoreError::NotFound) => {
                    return Err(ApiError::unauthorized(
                        ErrorCode::InvalidToken,
                        "the token is not valid",
                    ));
                }
                Err(e) => return Err(e.into()),
            };
            if let Some(why) = session_ended(&user, claims.token_version, logged_out) {
                return Err(ApiError::unauthorized(ErrorCode::TokenRevoked, why));
            }
            if user.role() < R::ROLE {
                return Err(ApiError::forbidden(
                    ErrorCode::Forbidden,
                    format!(
                        "this needs the {} role or higher; you are {}",
                        R::ROLE,
                        user.role()
                    ),
                ));
            }
            let expires_at = chrono::DateTime::from_timestamp(claims.exp, 0).ok_or_else(|| {
                ApiError::unauthorized(ErrorCode::InvalidToken, "the token is not valid")
            })?;
            Ok(Auth {
                user,
                session: Session {
                    id: sid,
                    expires_at,
                },
                _role: PhantomData,
            })
        })
    }
}

/// Why a session no longer holds, if it does not: its account disabled or
/// its password changed since the token was issued (`token_version`), or
/// the session logged out. Checked on every request, and again by open
/// event streams.
pub fn session_ended(user: &User, token_version: i32, logged_out: bool) -> Option<&'static str> {
    if user.disabled_at.is_some() || user.token_version != token_version {
        Some("the session was revoked (password changed or account disabled); log in again")
    } else if logged_out {
        Some("the session was ended by logging out; log in again")
    } else {
        None
    }
}

/// The bearer header wins over the cookie: API clients never need CSRF checks.
fn token_from(req: &HttpRequest) -> Result<(String, bool), ApiError> {
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        let value = value.to_str().unwrap_or_default();
        return match value.strip_prefix("Bearer ") {
            Some(t) if !t.trim().is_empty() => Ok((t.trim().to_owned(), false)),
            _ => Err(ApiError::unauthorized(
                ErrorCode::InvalidToken,
                "the Authorization header must be `Bearer <token>`",
            )),
        };
    }
    match req.cookie(SESSION_COOKIE) {
        Some(c) if !c.value().is_empty() => Ok((c.value().to_owned(), true)),
        _ => Err(ApiError::unauthorized(
            ErrorCode::Unauthenticated,
            "log in first: send `Authorization: Bearer <token>` or the session cookie",
        )),
    }
}

/// CSRF defence for cookie-authenticated writes: SameSite=Strict already
/// keeps the cookie off cross-site requests in current browsers; the Origin
/// check covers older ones. A write must come from our own origin (scheme,
/// host and port the request was sent to) or one configured in
/// `server.allowed_origins`.
fn check_origin(req: &HttpRequest, state: &AppState) -> Result<(), ApiError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(origin_of);
    let server = &state.settings.server;
    let ok = origin.is_some_and(|o| {
        own_origin(req, &server.trusted_proxies).as_ref() == Some(&o)
            || server
                .allowed_origins
                .iter()
                .any(|a| origin_of(a).as_ref() == Some(&o))
    });
    if ok {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            ErrorCode::CsrfRejected,
            "a cookie-authenticated write must come from the workbench's own origin",
        ))
    }
}

/// The origin the request was sent to. The forwarding headers would let a
/// forged request name its own origin as ours, so they count only from a
/// configured proxy; anyone else gets the Host header and the scheme of
/// the connection itself.
fn own_origin(req: &HttpRequest, trusted_proxies: &[IpAddr]) -> Option<url::Origin> {
    let from_proxy = req.peer_addr().is_some_and(|peer| {
        let peer = peer.ip().to_canonical();
        trusted_proxies.iter().any(|p| p.to_canonical() == peer)
    });
    if from_proxy {
        let info = req.connection_info();
        return origin_at(info.scheme(), info.host());
    }
    let scheme = if req.app_config().secure() {
        "https"
    } else {
        "http"
    };
    let host = match req.headers().get(header::HOST) {
        Some(h) => h.to_str().ok()?,
        // HTTP/2 carries it in the URI instead.
        None => req.uri().authority()?.as_str(),
    };
    origin_at(scheme, host)
}

/// The origin of `scheme://host`, where `host` (with any port) came from a
/// header: anything that would make it more than a host and port, such as
/// `evil.example/` or `user@`, is no origin at all.
fn origin_at(scheme: &str, host: &str) -> Option<url::Origin> {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if host.is_empty() || !host.chars().all(plain) {
        return None;
    }
    origin_of(&format!("{scheme}://{host}"))
}

/// The origin of an http(s) URL or Origin header value: scheme, host and
/// port, the default port filled in, so `http://a` and `http://a:80` are
/// one origin. `null` and anything unreadable have none.
fn origin_of(url: &str) -> Option<url::Origin> {
    let url = url::Url::parse(url).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.origin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        let o = |u: &str| origin_of(u).unwrap();
        assert_eq!(
            o("http://localhost:8080/review?x=1"),
            o("http://localhost:8080")
        );
        assert_eq!(o("http://a.example"), o("http://a.example:80"));
        assert_eq!(o("https://A.example/"), o("https://a.example:443"));
        assert_ne!(o("https://a.example"), o("http://a.example"));
        assert_ne!(o("http://a.example:8080"), o("http://a.example"));
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("file:///etc/passwd"), None);
    }

    #[test]
    fn a_host_header_is_only_a_host_and_port() {
        assert_eq!(
            origin_at("http", "127.0.0.1:8080"),
            origin_of("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_at("http", "[::1]:8080"),
            origin_of("http://[::1]:8080")
        );
        for forged in ["evil.example@127.0.0.1", "127.0.0.1/x", "a b", ""] {
            assert_eq!(origin_at("http", forged), None, "{forged}");
        }
    }
}
