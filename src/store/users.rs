//! Accounts: rows, roles and the queries on them.

use super::StoreError;
use super::schema::users;
use crate::review::UserId;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

pub use crate::review::Role;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub token_version: i32,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl User {
    pub fn role(&self) -> Role {
        self.role
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: UserId,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
}

pub use crate::review::accounts::normalize_email;

pub async fn insert(
    conn: &mut AsyncPgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Role,
) -> Result<User, StoreError> {
    let email = normalize_email(email);
    let new = NewUser {
        id: UserId::new(),
        email: &email,
        name: name.trim(),
        password_hash,
        role,
    };
    Ok(diesel::insert_into(users::table)
        .values(&new)
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}

pub async fn find(conn: &mut AsyncPgConnection, id: UserId) -> Result<User, StoreError> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .await?)
}

/// The user a session token names and whether that session was ended by
/// logging out, in one query: it runs on every authenticated request.
pub async fn find_for_session(
    conn: &mut AsyncPgConnection,
    id: UserId,
    sid: uuid::Uuid,
) -> Result<(User, bool), StoreError> {
    use super::schema::revoked_sessions;
    Ok(users::table
        .find(id)
        .select((
            User::as_select(),
            diesel::dsl::exists(revoked_sessions::table.find(sid)),
        ))
        .first(conn)
        .await?)
}

pub async fn find_by_email(
    conn: &mut AsyncPgConnection,
    email: &str,
) -> Result<Option<User>, StoreError> {
    Ok(users::table
        .filter(users::email.eq(normalize_email(email)))
        .select(User::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// Display names by id, for responses that mention people.
pub async fn names(
    conn: &mut AsyncPgConnection,
    ids: &[UserId],
) -> Result<std::collections::HashMap<UserId, String>, StoreError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(UserId, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn list(conn: &mut AsyncPgConnection) -> Result<Vec<User>, StoreError> {
    Ok(users::table
        .order(users::email)
        .select(User::as_select())
        .load(conn)
        .await?)
}

pub async fn count(conn: &mut AsyncPgConnection) -> Result<i64, StoreError> {
    Ok(users::table.count().get_result(conn).await?)
}

pub async fn set_role(
    conn: &mut AsyncPgConnection,
    id: UserId,
    role: Role,
) -> Result<User, StoreError> {
    Ok(diesel::update(users::table.find(id))
        .set((users::role.eq(role), users::updated_at.eq(diesel::dsl::now)))
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}

/// Disabling also bumps `token_version`, so tokens already issued stop working.
pub async fn disable(conn: &mut AsyncPgConnection, id: UserId) -> Result<User, StoreError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::disabled_at.eq(diesel::dsl::now),
            users::token_version.eq(users::token_version + 1),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}

/// A new password revokes every token issued under the old one.
pub async fn set_password(
    conn: &mut AsyncPgConnection,
    id: UserId,
    password_hash: &str,
) -> Result<User, StoreError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::token_version.eq(users::token_version + 1),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}

/// Re-enabling keeps `token_version`, so old tokens stay revoked.
pub async fn enable(conn: &mut AsyncPgConnection, id: UserId) -> Result<User, StoreError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::disabled_at.eq(None::<DateTime<Utc>>),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}
