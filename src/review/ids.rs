//! Typed ids: an evidence id can never be passed where a claim id belongs.
//! Each is a UUIDv7 (time-ordered, so keyset paging by id is chronological)
//! and travels as a plain UUID string in JSON and as `uuid` in PostgreSQL.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            Serialize, Deserialize, utoipa::ToSchema,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[serde(transparent)]
        #[diesel(sql_type = diesel::sql_types::Uuid)]
        #[schema(value_type = String, format = Uuid)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                $name(Uuid::now_v7())
            }
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name(Uuid::nil())
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                $name(u)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )+};
}

typed_id! {
    ArticleId;
    ClaimId;
    UserId;
    EvidenceId;
    CommentId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_bare_uuids_and_order_by_time() {
        let a = ClaimId::new();
        let b = ClaimId::new();
        assert!(a < b, "v7 ids sort by creation");
        assert_eq!(serde_json::to_value(a).unwrap(), a.0.to_string());
        let back: ClaimId = a.to_string().parse().unwrap();
        assert_eq!(back, a);
        assert!("not-a-uuid".parse::<ArticleId>().is_err());
    }
}
