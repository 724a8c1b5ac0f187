//! Accounts: rows, roles and the queries on them.

use super::StoreError;
use super::schema::users;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Roles in increasing order of power; each can do everything the ones
/// before it can.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Checker,
    Editor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Checker, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Checker => "checker",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!("unknown role '{s}': expected one of viewer, checker, editor, admin")
            })
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    role: String,
    pub token_version: i32,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl User {
    /// The role column is constrained by a CHECK to the four names, so an
    /// unknown value can only mean a newer schema; treat it as least power.
    pub fn role(&self) -> Role {
        self.role.parse().unwrap_or(Role::Viewer)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
}

/// Emails compare case-insensitively; the column holds them lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn insert(
    conn: &mut AsyncPgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Role,
) -> Result<User, StoreError> {
    let email = normalize_email(email);
    let new = NewUser {
        id: super::new_id(),
        email: &email,
        name: name.trim(),
        password_hash,
        role: role.as_str(),
    };
    Ok(diesel::insert_into(users::table)
        .values(&new)
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}

pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> Result<User, StoreError> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
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
    id: Uuid,
    role: Role,
) -> Result<User, StoreError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::role.eq(role.as_str()),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}

/// Disabling also bumps `token_version`, so tokens already issued stop working.
pub async fn disable(conn: &mut AsyncPgConnection, id: Uuid) -> Result<User, StoreError> {
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
    id: Uuid,
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
pub async fn enable(conn: &mut AsyncPgConnection, id: Uuid) -> Result<User, StoreError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::disabled_at.eq(None::<DateTime<Utc>>),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(User::as_returning())
        .get_result(conn)
        .await?)
}
