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
    pub hashing: Hashing,
    pub live: super::live::Live,
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

/// Bounds the argon2 work running at once (each hash or verification takes
/// 19 MiB and a core for a while): requests beyond the bound wait their turn
/// instead of growing memory and starving everyone else.
pub struct Hashing(tokio::sync::Semaphore);

impl Hashing {
    pub fn new(at_once: usize) -> Self {
        Hashing(tokio::sync::Semaphore::new(at_once.max(1)))
    }

    /// One per core.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, usize::from))
    }

    /// Runs `f` (argon2 work) on a blocking thread once a slot is free.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self.0.acquire().await.map_err(ApiError::internal)?;
        Ok(actix_web::web::block(f).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[actix_web::test]
    async fn hashing_runs_no_more_than_its_bound_at_once() {
        let hashing = Hashing::new(2);
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let jobs = (0..8).map(|_| {
            let (now, most) = (now.clone(), most.clone());
            hashing.run(move || {
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(n, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(30));
                now.fetch_sub(1, Ordering::SeqCst);
            })
        });
        for r in futures_util::future::join_all(jobs).await {
            r.unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
