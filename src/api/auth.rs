//! Who is asking: JWT issue and verification, passwords, and the `Auth<R>`
//! extractor that every protected handler takes. A handler that needs an
//! editor asks for `Auth<Editor>`; a missing check is a visible absence.

use super::error::ApiError;
use super::state::AppState;
use crate::store::users::{self, Role, User};
use actix_web::dev::Payload;
use actix_web::http::{Method, header};
use actix_web::{FromRequest, HttpRequest, web};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use futures_util::future::LocalBoxFuture;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;
use uuid::Uuid;

pub const SESSION_COOKIE: &str = "claimdesk_session";

#[derive(Debug, Serialize, Deserialize)]
pub struct TokenClaims {
    pub sub: Uuid,
    pub role: Role,
    pub token_version: i32,
    pub iat: i64,
    pub exp: i64,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl: chrono::Duration,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl: chrono::Duration) -> Self {
        // HS256 is pinned: a token whose header names any other algorithm,
        // `none` included, is refused before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl,
        }
    }

    pub fn issue(&self, user: &User) -> Result<(String, TokenClaims), ApiError> {
        let now = chrono::Utc::now();
        let claims = TokenClaims {
            sub: user.id,
            role: user.role(),
            token_version: user.token_version,
            iat: now.timestamp(),
            exp: (now + self.ttl).timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)?;
        Ok((token, claims))
    }

    pub fn verify(&self, token: &str) -> Result<TokenClaims, ApiError> {
        use jsonwebtoken::errors::ErrorKind;
        jsonwebtoken::decode::<TokenClaims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => {
                    ApiError::unauthorized("token_expired", "the session has expired; log in again")
                }
                _ => ApiError::unauthorized("invalid_token", "the token is not valid"),
            })
    }
}

/// argon2id with the crate's default (OWASP-recommended) parameters.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

pub const MIN_PASSWORD_CHARS: usize = 10;

pub fn check_password_policy(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "the password must have at least {MIN_PASSWORD_CHARS} characters"
        ));
    }
    if password.contains('\0') {
        return Err("the password must not contain NUL (U+0000)".into());
    }
    if password.chars().count() > 1024 {
        return Err("the password is longer than 1024 characters".into());
    }
    Ok(())
}

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
    _role: PhantomData<R>,
}

impl<R: MinRole> Auth<R> {
    pub fn id(&self) -> Uuid {
        self.user.id
    }
    pub fn role(&self) -> Role {
        self.user.role()
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
            let mut conn = state.conn().await?;
            let user = match users::find(&mut conn, claims.sub).await {
                Ok(u) => u,
                Err(crate::store::StoreError::NotFound) => {
                    return Err(ApiError::unauthorized(
                        "invalid_token",
                        "the token is not valid",
                    ));
                }
                Err(e) => return Err(e.into()),
            };
            if user.disabled_at.is_some() || user.token_version != claims.token_version {
                return Err(ApiError::unauthorized(
                    "token_revoked",
                    "the session was revoked (password changed or account disabled); log in again",
                ));
            }
            if user.role() < R::ROLE {
                return Err(ApiError::forbidden(
                    "forbidden",
                    format!(
                        "this needs the {} role or higher; you are {}",
                        R::ROLE,
                        user.role()
                    ),
                ));
            }
            Ok(Auth {
                user,
                _role: PhantomData,
            })
        })
    }
}

/// The bearer header wins over the cookie: API clients never need CSRF checks.
fn token_from(req: &HttpRequest) -> Result<(String, bool), ApiError> {
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        let value = value.to_str().unwrap_or_default();
        return match value.strip_prefix("Bearer ") {
            Some(t) if !t.trim().is_empty() => Ok((t.trim().to_owned(), false)),
            _ => Err(ApiError::unauthorized(
                "invalid_token",
                "the Authorization header must be `Bearer <token>`",
            )),
        };
    }
    match req.cookie(SESSION_COOKIE) {
        Some(c) if !c.value().is_empty() => Ok((c.value().to_owned(), true)),
        _ => Err(ApiError::unauthorized(
            "unauthenticated",
            "log in first: send `Authorization: Bearer <token>` or the session cookie",
        )),
    }
}

/// CSRF defence for cookie-authenticated writes: SameSite=Strict already
/// keeps the cookie off cross-site requests in current browsers; the Origin
/// check covers older ones. A write must come from our own origin (the Host
/// it was sent to) or one configured in `server.allowed_origins`.
fn check_origin(req: &HttpRequest, state: &AppState) -> Result<(), ApiError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .map(origin_of);
    let host = req.connection_info().host().to_owned();
    let ok = match origin {
        Some(o) => {
            o.strip_prefix("http://")
                .or_else(|| o.strip_prefix("https://"))
                == Some(host.as_str())
                || state
                    .settings
                    .server
                    .allowed_origins
                    .iter()
                    .any(|a| a.trim_end_matches('/') == o)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "csrf_rejected",
            "a cookie-authenticated write must come from the workbench's own origin",
        ))
    }
}

/// `https://host:port/path?x` → `https://host:port`.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_strips_path() {
        assert_eq!(
            origin_of("http://localhost:8080/review?x=1"),
            "http://localhost:8080"
        );
        assert_eq!(origin_of("https://a.example"), "https://a.example");
    }

    #[test]
    fn password_round_trip_and_policy() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterx", &h));
        assert!(!verify_password("anything", "not a hash"));
        assert!(check_password_policy("short").is_err());
        assert!(check_password_policy("long enough pass").is_ok());
    }

    #[test]
    fn dummy_hash_costs_what_a_real_one_does() {
        let real = hash_password("whatever password").unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap().to_owned();
        assert_eq!(params(super::super::state::DUMMY_HASH), params(&real));
        assert!(PasswordHash::new(super::super::state::DUMMY_HASH).is_ok());
    }

    #[test]
    fn roles_are_ordered() {
        assert!(
            Role::Viewer < Role::Checker
                && Role::Checker < Role::Editor
                && Role::Editor < Role::Admin
        );
    }
}
