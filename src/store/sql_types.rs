//! How the review vocabulary and typed ids travel to and from PostgreSQL:
//! enums as their snake_case names in `text` columns (each under a CHECK
//! constraint), ids as `uuid`.

use crate::review::{
    ArticleId, ClaimId, ClaimKind, CommentId, EvidenceId, HistoryAction, Origin, Role, Stance,
    Status, UserId,
};
use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Text, Uuid as SqlUuid};

macro_rules! text_columns {
    ($($t:ty),+) => {$(
        impl ToSql<Text, Pg> for $t {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl FromSql<Text, Pg> for $t {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                let raw = <String as FromSql<Text, Pg>>::from_sql(value)?;
                <$t>::parse(&raw).ok_or_else(|| {
                    format!("unknown {} '{raw}' in the database", stringify!($t)).into()
                })
            }
        }
    )+};
}

macro_rules! uuid_columns {
    ($($t:ty),+) => {$(
        impl ToSql<SqlUuid, Pg> for $t {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <uuid::Uuid as ToSql<SqlUuid, Pg>>::to_sql(&self.0, out)
            }
        }

        impl FromSql<SqlUuid, Pg> for $t {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                <uuid::Uuid as FromSql<SqlUuid, Pg>>::from_sql(value).map(Self)
            }
        }
    )+};
}

text_columns!(Status, ClaimKind, Origin, Stance, Role, HistoryAction);
uuid_columns!(ArticleId, ClaimId, UserId, EvidenceId, CommentId);
