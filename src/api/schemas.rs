//! Schemas for the OpenAPI document that the derives cannot state on their
//! own: enums the handlers check by hand, text that must not be blank, and
//! the verdict scale, which comes from the configuration.

use crate::review::{ClaimKind, Stance, Status};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Object, Ref, RefOr, Schema};

/// Text with at least one character that is not white space (Rust's
/// `char::is_whitespace`, which the handlers trim with). Unanchored: it
/// only asks for one such character somewhere.
pub const NOT_BLANK: &str = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$";

/// Text without NUL (U+0000), which PostgreSQL cannot store.
pub const NO_NUL: &str = "^[^\\u0000]*$";

/// An http(s) URL with a host name (the rule of `ingest::check_url`, kept
/// to ASCII names of the characters a WHATWG domain may hold, whose last
/// label starts with a letter so that it is never read as an IP address;
/// no port or user). The attributes repeat it: utoipa takes literals only.
pub const HTTP_URL: &str = "^[hH][tT][tT][pP][sS]?://([-!\"$&'()*+,;=0-9A-Za-z_`{}~]+\\.)*[A-Za-z][-!\"$&'()*+,;=0-9A-Za-z_`{}~]*([/?#][!-~]*)?$";

/// A version as `If-Match` carries it: `"3"`, `W/"3"` or `3`.
pub const IF_MATCH: &str = "^(W/)?\"[0-9]{1,9}\"$|^[0-9]{1,9}$";

/// The name of the verdict-scale component; `openapi::serve` lists the
/// configured labels in it.
pub const VERDICT: &str = "Verdict";

/// A label of the verdict scale (`GET /verdicts`). Documentation only.
#[derive(utoipa::ToSchema)]
#[schema(as = Verdict, value_type = String)]
#[allow(dead_code)]
pub struct Verdict(String);

fn string_enum<I: IntoIterator<Item = &'static str>>(values: I) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .build()
}

/// unreviewed, in_progress, verdict_proposed, approved
pub fn status() -> Object {
    string_enum(Status::names())
}

/// direct, indirect, mixed, unattributed
pub fn kind() -> Object {
    string_enum(ClaimKind::ALL.map(ClaimKind::as_str))
}

/// person, organisation, group (null when not known)
pub fn speaker_type() -> Object {
    let mut o =
        string_enum(crate::extract::SpeakerType::ALL.map(crate::extract::SpeakerType::as_str));
    o.schema_type = utoipa::openapi::schema::SchemaType::from_iter([
        utoipa::openapi::Type::String,
        utoipa::openapi::Type::Null,
    ]);
    if let Some(e) = o.enum_values.as_mut() {
        e.push(serde_json::Value::Null);
    }
    o
}

/// supports, refutes, context
pub fn stance() -> Object {
    string_enum(Stance::names())
}

/// The verdict scale as an enum of its labels.
pub fn verdict_scale(labels: &[String]) -> Schema {
    Schema::Object(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(labels.iter().cloned()))
            .description(Some("A label of the verdict scale (`GET /verdicts`)"))
            .build(),
    )
}

/// A reference to the verdict-scale component.
pub fn verdict_ref() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(VERDICT))
}
