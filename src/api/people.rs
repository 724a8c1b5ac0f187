//! The people work can be assigned to: a short read for checkers and up, so
//! the browser can offer an assignee list without the admin-only `/users`.

use super::auth::{Auth, Checker};
use super::error::{ApiError, ErrorBody};
use super::state::AppState;
use crate::review::{Role, UserId};
use crate::store::users;
use actix_web::{HttpResponse, web};
use serde::Serialize;

/// Someone who can work claims: an active account of role checker or up.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Person {
    pub id: UserId,
    pub name: String,
    pub role: Role,
}

/// Active accounts that can be assigned claims (checker and up), by name
/// (checker and up). No emails: this is for choosing an assignee.
#[utoipa::path(get, path = "/people", tag = "users",
    responses((status = 200, body = [Person]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Auth<Checker>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let mut people: Vec<Person> = users::list(&mut conn)
        .await?
        .into_iter()
        .filter(|u| u.disabled_at.is_none() && u.role() >= Role::Checker)
        .map(|u| Person {
            id: u.id,
            name: u.name,
            role: u.role,
        })
        .collect();
    people.sort_by_key(|p| p.name.to_lowercase());
    Ok(HttpResponse::Ok().json(people))
}
