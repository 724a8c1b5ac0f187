//! Session tokens: HS256 JWTs naming the user, their role, the token
//! version that revokes all of a user's sessions, and the session id that
//! logging out revokes alone.

use super::error::ApiError;
use super::error_code::ErrorCode;
use crate::review::{Role, UserId};
use crate::store::users::User;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct TokenClaims {
    pub sub: UserId,
    pub role: Role,
    pub token_version: i32,
    /// One per login. Tokens issued before sessions had ids lack it; they
    /// could not be logged out, so they are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<uuid::Uuid>,
    pub iat: i64,
    pub exp: i64,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    pub ttl: chrono::Duration,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl: chrono::Duration) -> Self {
        // HS256 is pinned: a token whose header names any other algorithm,
        // `none` included, is refused before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        // No leeway: the servers that check a token issued it (instances
        // on one database keep their clocks by NTP), so there is no foreign
        // clock to forgive; an expired session ends when it says.
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl,
        }
    }

    pub fn issue(&self, user: &User) -> Result<(String, TokenClaims), ApiError> {
        let now = chrono::Utc::now();
        let claims = TokenClaims {
            sub: user.id,
            role: user.role(),
            token_version: user.token_version,
            sid: Some(uuid::Uuid::new_v4()),
            iat: now.timestamp(),
            exp: (now + self.ttl).timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)?;
        Ok((token, claims))
    }

    pub fn verify(&self, token: &str) -> Result<TokenClaims, ApiError> {
        use jsonwebtoken::errors::ErrorKind;
        jsonwebtoken::decode::<TokenClaims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => ApiError::unauthorized(
                    ErrorCode::TokenExpired,
                    "the session has expired; log in again",
                ),
                _ => ApiError::unauthorized(ErrorCode::InvalidToken, "the token is not valid"),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_expired_a_second_ago_is_refused() {
        let keys = JwtKeys::new(&[7; 32], chrono::Duration::minutes(5));
        let now = chrono::Utc::now().timestamp();
        let token_for = |exp: i64| {
            let claims = TokenClaims {
                sub: UserId::new(),
                role: Role::Viewer,
                token_version: 0,
                sid: Some(uuid::Uuid::new_v4()),
                iat: now - 600,
                exp,
            };
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap()
        };
        assert!(keys.verify(&token_for(now + 60)).is_ok());
        let err = keys.verify(&token_for(now - 2)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::TokenExpired);
    }

    #[test]
    fn each_login_gets_its_own_session_id_and_old_tokens_have_none() {
        let keys = JwtKeys::new(&[7; 32], chrono::Duration::minutes(5));
        let now = chrono::Utc::now();
        let user = User {
            id: UserId::new(),
            email: "a@example.org".into(),
            name: "A".into(),
            password_hash: String::new(),
            role: Role::Viewer,
            token_version: 0,
            disabled_at: None,
            created_at: now,
            updated_at: now,
        };
        let (a, _) = keys.issue(&user).unwrap();
        let (b, _) = keys.issue(&user).unwrap();
        let (a, b) = (keys.verify(&a).unwrap(), keys.verify(&b).unwrap());
        assert!(a.sid.is_some() && b.sid.is_some());
        assert_ne!(a.sid, b.sid);

        let old = serde_json::json!({"sub": user.id, "role": "viewer", "token_version": 0,
            "iat": now.timestamp(), "exp": now.timestamp() + 60});
        let old =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &old, &keys.encoding).unwrap();
        assert_eq!(keys.verify(&old).unwrap().sid, None);
    }
}
