//! Logging in and out, and the current user.

use super::auth::{Auth, SESSION_COOKIE, Viewer};
use super::error::ApiError;
use super::error::ErrorBody;
use super::error_code::ErrorCode;
use super::state::AppState;
use crate::review::UserId;
use crate::review::accounts::{self, DUMMY_HASH};
use crate::store::sessions;
use crate::store::users::{self, User};
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: users::Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        UserView {
            id: u.id,
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role(),
            disabled: u.disabled_at.is_some(),
            created_at: u.created_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    token: String,
    expires_at: DateTime<Utc>,
    user: UserView,
}

/// Log in with email and password: returns a JWT and sets it as an
/// HttpOnly, SameSite=Strict session cookie.
#[utoipa::path(post, path = "/auth/login", tag = "auth", security(()), request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, body = ErrorBody, description = "invalid_credentials"),
        (status = 429, body = ErrorBody, description = "rate_limited: too many failed attempts for this account or IP in the last minute (counted across all instances)"),
    ))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    let email = users::normalize_email(&email);
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let mut conn = state.conn().await?;
    let keys = state.login_limiter.attempt(&mut conn, &email, &ip).await?;
    let user = users::find_by_email(&mut conn, &email).await?;
    drop(conn);
    let active = user.filter(|u| u.disabled_at.is_none());
    // Unknown and disabled accounts still pay for one argon2 verification.
    let hash = active
        .as_ref()
        .map_or_else(|| DUMMY_HASH.to_owned(), |u| u.password_hash.clone());
    let ok = state
        .hashing
        .run(move || accounts::verify_password(&password, &hash))
        .await?;
    match active {
        Some(user) if ok => {
            let mut conn = state.conn().await?;
            state.login_limiter.succeeded(&mut conn, &keys).await?;
            token_response(&state, &user)
        }
        _ => Err(ApiError::unauthorized(
            ErrorCode::InvalidCredentials,
            "wrong email or password",
        )),
    }
}

fn token_response(state: &AppState, user: &User) -> Result<HttpResponse, ApiError> {
    let (token, claims) = state.jwt.issue(user)?;
    let cookie = Cookie::build(SESSION_COOKIE, token.clone())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.auth.cookie_secure)
        .max_age(CookieDuration::seconds(state.jwt.ttl.num_seconds()))
        .finish();
    Ok(HttpResponse::Ok().cookie(cookie).json(TokenResponse {
        token,
        expires_at: Utc
            .timestamp_opt(claims.exp, 0)
            .single()
            .unwrap_or_else(Utc::now),
        user: user.into(),
    }))
}

/// End the session: its token stops working at once, as bearer and as
/// cookie (later use is 401 `token_revoked`), and the cookie is cleared.
/// The user's other sessions go on.
#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody, description = "csrf_rejected")))]
pub async fn logout(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    sessions::revoke(&mut conn, auth.session.id, auth.session.expires_at).await?;
    let mut cookie = Cookie::build(SESSION_COOKIE, "")
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.auth.cookie_secure)
        .finish();
    cookie.make_removal();
    Ok(HttpResponse::NoContent().cookie(cookie).finish())
}

/// The logged-in user.
#[utoipa::path(get, path = "/me", tag = "auth",
    responses((status = 200, body = UserView), (status = 401, body = ErrorBody)))]
pub async fn me(auth: Auth<Viewer>) -> web::Json<UserView> {
    web::Json((&auth.user).into())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    /// 10 to 1024 characters.
    #[schema(min_length = 10, max_length = 1024)]
    pub new_password: String,
}

/// Changing the password revokes every other session; the response carries
/// a fresh token so this one goes on.
#[utoipa::path(put, path = "/me/password", tag = "auth", request_body = PasswordChange,
    responses(
        (status = 200, body = TokenResponse, description = "Changed; other sessions are revoked"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "wrong_password: the current password is wrong"),
        (status = 422, body = ErrorBody, description = "weak_password"),
        (status = 429, body = ErrorBody, description = "rate_limited: too many failed guesses at this account's password (logins included) in the last minute"),
    ))]
pub async fn change_password(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    req: HttpRequest,
    body: web::Json<PasswordChange>,
) -> Result<HttpResponse, ApiError> {
    let PasswordChange {
        current_password,
        new_password,
    } = body.into_inner();
    accounts::check_password_policy(&new_password)?;
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    // Guesses at the current password count as failed logins of the account.
    let mut conn = state.conn().await?;
    let keys = state
        .login_limiter
        .attempt(&mut conn, &auth.user.email, &ip)
        .await?;
    drop(conn);
    let hash = auth.user.password_hash.clone();
    let ok = state
        .hashing
        .run(move || accounts::verify_password(&current_password, &hash))
        .await?;
    if !ok {
        return Err(ApiError::forbidden(
            ErrorCode::WrongPassword,
            "the current password is wrong",
        ));
    }
    let new_hash = state
        .hashing
        .run(move || accounts::hash_password(&new_password))
        .await?
        .map_err(ApiError::internal)?;
    let mut conn = state.conn().await?;
    state.login_limiter.succeeded(&mut conn, &keys).await?;
    let user = users::set_password(&mut conn, auth.id(), &new_hash).await?;
    token_response(&state, &user)
}
