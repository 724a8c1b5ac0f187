//! The role the server's pool connects as. `database.url` names the owner:
//! it applies migrations and may do anything. Requests are served through a
//! role that owns nothing and may only read and write rows, and only append
//! to the history, so no request can disable the history's triggers
//! (`session_replication_role` needs a superuser, `ALTER TABLE` the owner).

use super::lock_keys;
use anyhow::{Context, bail};
use diesel::sql_types::{Bool, Text};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

/// A role name we may put into SQL as it is: lower-case letters, digits and
/// underscores, not starting with a digit, as PostgreSQL folds names.
pub fn valid_name(role: &str) -> bool {
    let mut chars = role.chars();
    matches!(chars.next(), Some('a'..='z' | '_'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && role.len() <= 63
        && !role.starts_with("pg_")
}

/// Creates `role` if it is missing (which needs CREATEROLE; a DBA may create
/// it beforehand instead) and grants it what serving needs in the database
/// `conn` (the owner's connection) is on. Instances starting together take
/// turns (concurrent GRANTs on one table fail in PostgreSQL).
pub async fn ensure(conn: &mut AsyncPgConnection, role: &str) -> anyhow::Result<()> {
    if !valid_name(role) {
        bail!("database.app_role '{role}' is not a plain lower-case name (letters, digits, _)");
    }
    super::advisory_lock(conn, lock_keys::MIGRATIONS).await?;
    let result = grant(conn, role).await;
    let _ = super::advisory_unlock(conn, lock_keys::MIGRATIONS).await;
    result
}

/// The owner's connection for [`ensure`].
pub async fn connect_owner(owner_url: &str) -> Result<AsyncPgConnection, diesel::ConnectionError> {
    AsyncPgConnection::establish(owner_url).await
}

#[derive(diesel::QueryableByName)]
struct Flags {
    #[diesel(sql_type = Bool)]
    exists: bool,
    #[diesel(sql_type = Bool)]
    privileged: bool,
}

async fn grant(conn: &mut AsyncPgConnection, role: &str) -> anyhow::Result<()> {
    let flags = || {
        diesel::sql_query(
            "SELECT count(*) > 0 AS exists, \
                    coalesce(bool_or(rolsuper OR rolbypassrls OR rolcreaterole), false) AS privileged \
             FROM pg_roles WHERE rolname = $1",
        )
        .bind::<Text, _>(role)
    };
    let found: Flags = flags().get_result(conn).await?;
    if !found.exists {
        // Servers on other databases of the cluster may create it at the
        // same moment: whoever loses finds it made.
        diesel::sql_query(format!(
            "DO $$ BEGIN \
               CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS; \
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; \
             END $$"
        ))
        .execute(conn)
        .await
        .with_context(|| {
            format!(
                "cannot create the serving role '{role}'; create it as a DBA \
                 (CREATE ROLE {role} LOGIN PASSWORD '…') and set database.app_password, \
                 or set database.app_role = \"\" to serve as the owner"
            )
        })?;
    }
    let found: Flags = flags().get_result(conn).await?;
    if found.privileged {
        bail!(
            "the serving role '{role}' is a superuser or may create roles or bypass row \
             security: serving through it would defeat its purpose"
        );
    }
    let statements = [
        "DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO {role}', current_database()); END $$".to_owned(),
        "GRANT USAGE ON SCHEMA public TO {role}".to_owned(),
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}".to_owned(),
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}".to_owned(),
        // Tables a later migration adds (or re-creates while servers run)
        // are usable at once; the revokes below are re-applied at each start.
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}".to_owned(),
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}".to_owned(),
        // The history is append-only, and the schema is the owner's.
        "REVOKE UPDATE, DELETE, TRUNCATE ON claim_events FROM {role}".to_owned(),
        "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON __diesel_schema_migrations FROM {role}"
            .to_owned(),
    ];
    for s in statements {
        diesel::sql_query(s.replace("{role}", role))
            .execute(conn)
            .await
            .with_context(|| format!("granting the serving role '{role}' its rights failed"))?;
    }
    Ok(())
}

/// `owner_url` with the user (and password) replaced by the serving role's.
pub fn url_for(owner_url: &str, role: &str, password: &str) -> anyhow::Result<String> {
    let mut url = url::Url::parse(owner_url).context("database.url is not a URL")?;
    let no_host = || anyhow::anyhow!("database.url names no host to log in to as '{role}'");
    url.set_username(role).map_err(|()| no_host())?;
    url.set_password((!password.is_empty()).then_some(password))
        .map_err(|()| no_host())?;
    Ok(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_put_into_sql() {
        assert!(valid_name("claimdesk_app"));
        assert!(valid_name("_x9"));
        for bad in [
            "",
            "9a",
            "App",
            "a-b",
            "a;drop",
            "a b",
            "pg_monitor",
            "\"x\"",
        ] {
            assert!(!valid_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_serving_url_keeps_host_port_and_database_and_swaps_the_user() {
        let u = url_for(
            "postgres://postgres:s3cret@127.0.0.1:5432/claims?sslmode=disable",
            "claimdesk_app",
            "",
        )
        .unwrap();
        assert_eq!(
            u,
            "postgres://claimdesk_app@127.0.0.1:5432/claims?sslmode=disable"
        );
        let socket = url_for("postgresql://postgres@%2Ftmp%2Fpg:5433/db", "app", "p w").unwrap();
        assert_eq!(socket, "postgresql://app:p%20w@%2Ftmp%2Fpg:5433/db");
    }
}
