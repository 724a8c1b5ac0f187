//! What every handler shares: the pool, settings, signing keys, limiters.

use super::error::ApiError;
use super::tokens::JwtKeys;
use crate::config::Settings;
use crate::store::{DbConn, DbPool};
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::num::NonZeroU32;

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

type KeyedLimiter = RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>;

/// Login attempts per account and per client IP, each a token bucket.
pub struct LoginLimiter {
    per_account: KeyedLimiter,
    per_ip: KeyedLimiter,
}

impl LoginLimiter {
    pub fn new(per_account_per_minute: u32, per_ip_per_minute: u32) -> Self {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("max(1) is non-zero"));
        LoginLimiter {
            per_account: RateLimiter::keyed(quota(per_account_per_minute)),
            per_ip: RateLimiter::keyed(quota(per_ip_per_minute)),
        }
    }

    pub fn check(&self, account: &str, ip: &str) -> Result<(), ApiError> {
        // Keyed state grows with every new key; drop the idle ones now and then.
        if self.per_ip.len() > 10_000 || self.per_account.len() > 10_000 {
            self.per_ip.retain_recent();
            self.per_account.retain_recent();
        }
        let clock = DefaultClock::default();
        for (limiter, key) in [(&self.per_ip, ip), (&self.per_account, account)] {
            if let Err(not_until) = limiter.check_key(&key.to_owned()) {
                let wait = not_until.wait_time_from(clock.now());
                return Err(ApiError::TooManyRequests {
                    retry_after_secs: wait.as_secs().max(1),
                });
            }
        }
        Ok(())
    }
}
