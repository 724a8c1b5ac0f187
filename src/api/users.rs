//! Account administration (admin only). The CLI offers the same operations.

use super::auth::{Admin, Auth};
use super::error::ErrorBody;
use super::error::{ApiError, not_found_as};
use super::error_code::ErrorCode;
use super::session::UserView;
use super::state::AppState;
use crate::review::{Role, UserId, accounts};
use crate::store::StoreError;
use crate::store::users;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

/// All accounts (admin).
#[utoipa::path(get, path = "/users", tag = "users",
    responses((status = 200, body = [UserView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let all = users::list(&mut conn).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(UserView::from).collect::<Vec<_>>()))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    #[schema(
        max_length = 254,
        pattern = "^[^@\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\u0000]+@[^.\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\u0000][^\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\u0000]*\\.[^\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\u0000]*[^.\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\u0000]$"
    )]
    pub email: String,
    #[schema(
        pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
    )]
    pub name: String,
    pub role: Role,
    /// 10 to 1024 characters.
    #[schema(min_length = 10, max_length = 1024)]
    pub password: String,
}

/// Create an account (admin).
#[utoipa::path(post, path = "/users", tag = "users", request_body = CreateUser,
    responses(
        (status = 201, body = UserView),
        (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "email_taken"),
        (status = 422, body = ErrorBody, description = "invalid_email, invalid_name, weak_password"),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    _auth: Auth<Admin>,
    body: web::Json<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    let CreateUser {
        email,
        name,
        role,
        password,
    } = body.into_inner();
    accounts::check_email(&email)?;
    let name = accounts::check_name(&name)?;
    accounts::check_password_policy(&password)?;
    let hash = state
        .hashing
        .run(move || accounts::hash_password(&password))
        .await?
        .map_err(ApiError::internal)?;
    let mut conn = state.conn().await?;
    match users::insert(&mut conn, &email, &name, &hash, role).await {
        Ok(user) => Ok(HttpResponse::Created().json(UserView::from(&user))),
        Err(StoreError::Conflict(_)) => Err(ApiError::Conflict {
            code: ErrorCode::EmailTaken,
            message: format!(
                "an account with email {} exists",
                users::normalize_email(&email)
            ),
            details: None,
        }),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
}

/// Change an account's role or disable/enable it (admin). Disabling
/// revokes the account's sessions.
#[utoipa::path(patch, path = "/users/{id}", tag = "users", request_body = UpdateUser,
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, body = UserView),
        (status = 403, body = ErrorBody, description = "forbidden (not an admin), self_lockout (disabling or demoting yourself)"),
        (status = 404, body = ErrorBody),
    ))]
pub async fn update(
    state: web::Data<AppState>,
    auth: Auth<Admin>,
    path: web::Path<UserId>,
    body: web::Json<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let UpdateUser { role, disabled } = body.into_inner();
    if id == auth.id() && (disabled == Some(true) || role.is_some_and(|r| r != Role::Admin)) {
        return Err(ApiError::forbidden(
            ErrorCode::SelfLockout,
            "an admin cannot disable or demote their own account",
        ));
    }
    let mut conn = state.conn().await?;
    let mut user = users::find(&mut conn, id)
        .await
        .map_err(|e| not_found_as(e, "user"))?;
    if let Some(role) = role {
        user = users::set_role(&mut conn, id, role).await?;
    }
    match disabled {
        Some(true) if user.disabled_at.is_none() => user = users::disable(&mut conn, id).await?,
        Some(false) if user.disabled_at.is_some() => user = users::enable(&mut conn, id).await?,
        _ => {}
    }
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}
