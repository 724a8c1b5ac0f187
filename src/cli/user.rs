//! `claimdesk user …`: account administration from the shell.

use super::database::Database;
use crate::config::Settings;
use crate::review::accounts;
use crate::store::users::{self, Role};
use crate::store::{self, StoreError};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is prompted for, or read from
    /// CLAIMDESK_PASSWORD when set (for scripts).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// viewer, checker, editor or admin
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// List all accounts.
    List,
    /// Change an account's role.
    SetRole {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// Disable an account; its sessions end at once.
    Disable {
        #[arg(long)]
        email: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
        .map_err(|e: crate::review::UnknownName| e.to_string())
}

pub async fn run(settings: &Settings, args: UserArgs) -> anyhow::Result<()> {
    // Read the password before starting anything, so a typo costs nothing.
    let password = match &args.command {
        UserCommand::Add { .. } => Some(read_password()?),
        _ => None,
    };
    if let UserCommand::Add { email, .. } = &args.command {
        accounts::check_email(email)?;
    }
    let db = Database::open(settings).await?;
    let result = run_with(&db.url, args, password).await;
    db.close().await;
    result
}

async fn run_with(url: &str, args: UserArgs, password: Option<String>) -> anyhow::Result<()> {
    store::migrate(url).await?;
    let pool = store::pool(url, 1);
    let mut conn = pool.get().await.context("cannot connect to the database")?;
    match args.command {
        UserCommand::Add { email, name, role } => {
            let password = password.expect("read above for Add");
            let hash =
                tokio::task::spawn_blocking(move || accounts::hash_password(&password)).await??;
            match users::insert(&mut conn, &email, &name, &hash, role).await {
                Ok(u) => println!("created {} ({}, {})", u.email, u.name, u.role()),
                Err(StoreError::Conflict(_)) => {
                    bail!("an account with email {email} already exists")
                }
                Err(e) => return Err(e.into()),
            }
        }
        UserCommand::List => {
            let all = users::list(&mut conn).await?;
            println!("{:<36}  {:<8}  {:<8}  NAME", "EMAIL", "ROLE", "STATE");
            for u in all {
                let state = if u.disabled_at.is_some() {
                    "disabled"
                } else {
                    "active"
                };
                println!(
                    "{:<36}  {:<8}  {:<8}  {}",
                    u.email,
                    u.role().as_str(),
                    state,
                    u.name
                );
            }
        }
        UserCommand::SetRole { email, role } => {
            let user = find(&mut conn, &email).await?;
            let u = users::set_role(&mut conn, user.id, role).await?;
            println!("{} is now {}", u.email, u.role());
        }
        UserCommand::Disable { email } => {
            let user = find(&mut conn, &email).await?;
            let u = users::disable(&mut conn, user.id).await?;
            println!("{} is disabled; its sessions are revoked", u.email);
        }
    }
    Ok(())
}

async fn find(
    conn: &mut diesel_async::AsyncPgConnection,
    email: &str,
) -> anyhow::Result<users::User> {
    users::find_by_email(conn, email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with email {email}"))
}

fn read_password() -> anyhow::Result<String> {
    let password = match std::env::var("CLAIMDESK_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let first = rpassword::prompt_password("Password: ").context(
                "cannot read the password (set CLAIMDESK_PASSWORD when not on a terminal)",
            )?;
            let again = rpassword::prompt_password("Password again: ")?;
            if first != again {
                bail!("the passwords differ");
            }
            first
        }
    };
    accounts::check_password_policy(&password)?;
    Ok(password)
}
