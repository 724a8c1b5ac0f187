//! What every handler shares: the pool, settings, signing keys, limiters.

use super::error::ApiError;
use super::tokens::JwtKeys;
use crate::config::Settings;
use crate::store::{DbConn, DbPool, logins};
use diesel_async::AsyncPgConnection;

pub struct AppState {
    pub pool: DbPool,
    pub settings: Settings,
    pub jwt: JwtKeys,
    pub login_limiter: LoginLimiter,
}

impl AppState {
    pub async fn conn(&self) -> Result<DbConn, ApiError> {
        self.pool
            .get()
            .await
            .map_err(|e| ApiError::Unavailable(e.to_string()))
    }
}

/// Failed logins allowed per minute, per account and per client IP. The
/// counters live in PostgreSQL (`store::logins`), so every instance on the
/// database enforces one limit, and successful logins do not count.
pub struct LoginLimiter {
    per_account: i32,
    per_ip: i32,
}

/// The keys a login attempt counts under.
pub struct LoginKeys {
    account: String,
    ip: String,
}

impl LoginLimiter {
    pub fn new(per_account_per_minute: u32, per_ip_per_minute: u32) -> Self {
        let n = |v: u32| i32::try_from(v.max(1)).unwrap_or(i32::MAX);
        LoginLimiter {
            per_account: n(per_account_per_minute),
            per_ip: n(per_ip_per_minute),
        }
    }

    /// Counts one attempt for the IP, then for the account; refuses it when
    /// either is past its limit for this minute. Call [`Self::succeeded`]
    /// when the password was right.
    pub async fn attempt(
        &self,
        conn: &mut AsyncPgConnection,
        account: &str,
        ip: &str,
    ) -> Result<LoginKeys, ApiError> {
        if rand::random::<u8>() == 0 {
            logins::prune(conn).await?;
        }
        let keys = LoginKeys {
            account: format!("account:{account}"),
            ip: format!("ip:{ip}"),
        };
        for (key, limit) in [(&keys.ip, self.per_ip), (&keys.account, self.per_account)] {
            let (attempts, window_left) = logins::count_attempt(conn, key).await?;
            if attempts > limit {
                return Err(ApiError::TooManyRequests {
                    retry_after_secs: (window_left.ceil() as u64).max(1),
                });
            }
        }
        Ok(keys)
    }

    /// Takes back the attempt: a successful login is not a failure.
    pub async fn succeeded(
        &self,
        conn: &mut AsyncPgConnection,
        keys: &LoginKeys,
    ) -> Result<(), ApiError> {
        logins::refund(conn, &keys.ip).await?;
        logins::refund(conn, &keys.account).await?;
        Ok(())
    }
}
