//! The OpenAPI document, generated from the handlers' annotations.

use super::auth::{Auth, Viewer};
use super::error::ErrorBody;
use super::error_code::ErrorCode;
use super::schemas;
use super::state::AppState;
use actix_web::{HttpResponse, web};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, Schema};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "claimdesk API", description = "Fact-check workbench: articles, claims, verdicts, evidence, reports."),
    servers((url = "/api/v1")),
    paths(
        super::session::login,
        super::session::logout,
        super::session::me,
        super::session::change_password,
        super::users::list,
        super::users::create,
        super::users::update,
        super::people::list,
        serve,
        super::claims::list,
        super::claims::get,
        super::claims::update,
        super::claims::history,
        super::claims::create_manual,
        super::workflow::verdicts,
        super::workflow::document,
        super::overview::get,
        super::speakers::list,
        super::evidence::create,
        super::evidence::list,
        super::evidence::update,
        super::evidence::delete,
        super::comments::create,
        super::comments::list,
        super::comments::update,
        super::comments::delete,
        super::links::similar,
        super::links::link,
        super::links::unlink,
        super::articles::list,
        super::articles::ingest,
        super::articles::fetch,
        super::articles::get,
        super::articles::delete,
        super::article_edit::update,
        super::events::events,
        super::articles::reextract,
        super::reports::article_report,
        super::reports::selection_report,
    ),
    components(schemas(ErrorBody, schemas::Verdict)),
    modifiers(&BearerAuth, &OperationIds, &CommonResponses, &IfMatchRule),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Operation ids from method and path (`get_claims_id_history`): unique by
/// construction, where the handlers' names (`list`, `get`, ...) repeat
/// across modules.
struct OperationIds;

impl Modify for OperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let ops = [
                ("get", item.get.as_mut()),
                ("put", item.put.as_mut()),
                ("post", item.post.as_mut()),
                ("patch", item.patch.as_mut()),
                ("delete", item.delete.as_mut()),
            ];
            for (method, op) in ops {
                if let Some(op) = op {
                    op.operation_id = Some(operation_id(method, path));
                }
            }
        }
    }
}

fn operation_id(method: &str, path: &str) -> String {
    let words = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    std::iter::once(method)
        .chain(words)
        .collect::<Vec<_>>()
        .join("_")
}

fn operations(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.patch.as_mut(),
        item.delete.as_mut(),
    ]
    .into_iter()
    .flatten()
}

/// The error responses every handler can give because of how the request
/// is read, added where an operation does not list them itself:
/// authentication (401), ids in the path (`invalid_path`), query strings
/// (`invalid_query`) and JSON bodies (`malformed_json`, `invalid_body`,
/// `invalid_text`, 413, 415). See `api::configure`.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let secured_by_default = openapi.security.as_ref().is_some_and(|s| !s.is_empty());
        for item in openapi.paths.paths.values_mut() {
            for op in operations(item) {
                let params = op.parameters.as_deref().unwrap_or_default();
                let has = |at: ParameterIn| params.iter().any(|p| p.parameter_in == at);
                let (path, query) = (has(ParameterIn::Path), has(ParameterIn::Query));
                let json = op
                    .request_body
                    .as_ref()
                    .is_some_and(|b| b.content.contains_key("application/json"));
                let secured = match &op.security {
                    Some(reqs) => reqs
                        .iter()
                        .any(|r| serde_json::to_value(r).is_ok_and(|v| v != serde_json::json!({}))),
                    None => secured_by_default,
                };
                let mut add = |status: &str, codes: &[(bool, &str)]| {
                    let text: Vec<&str> = codes.iter().filter(|c| c.0).map(|c| c.1).collect();
                    if !text.is_empty() && !op.responses.responses.contains_key(status) {
                        op.responses
                            .responses
                            .insert(status.to_owned(), error_response(&text.join("; ")));
                    }
                };
                add(
                    "400",
                    &[
                        (path, "invalid_path: an id in the path is not a UUID"),
                        (json, "malformed_json: the body is not JSON"),
                    ],
                );
                add(
                    "401",
                    &[(
                        secured,
                        "unauthenticated, invalid_token, token_expired, token_revoked",
                    )],
                );
                add(
                    "413",
                    &[(json, "payload_too_large: larger than server.json_limit")],
                );
                add(
                    "415",
                    &[(
                        json,
                        "unsupported_media_type: the body must be application/json",
                    )],
                );
                add(
                    "422",
                    &[
                        (query, "invalid_query: the query string does not fit"),
                        (json, "invalid_body: the JSON does not fit the schema"),
                        (json, "invalid_text: text holds a NUL character"),
                    ],
                );
            }
        }
    }
}

fn error_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build(),
    )
}

/// `If-Match` wherever it is taken: the forms `claims::if_match` reads.
struct IfMatchRule;

impl Modify for IfMatchRule {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            for op in operations(item) {
                for p in op.parameters.iter_mut().flatten() {
                    if p.parameter_in == ParameterIn::Header
                        && p.name.eq_ignore_ascii_case("if-match")
                    {
                        p.schema = Some(RefOr::T(Schema::Object(
                            ObjectBuilder::new()
                                .schema_type(Type::String)
                                .pattern(Some(schemas::IF_MATCH))
                                .build(),
                        )));
                    }
                }
            }
        }
    }
}

/// The document as this server runs: the verdict scale is the configured
/// one. Then what the derives cannot say: no text holds NUL (PostgreSQL
/// cannot store it; see `db_text`) but an error message quoting the
/// request, and an upload is a text file part
/// besides the metadata parts, nothing else.
pub fn document(verdicts: &[String]) -> serde_json::Value {
    let mut doc = ApiDoc::openapi();
    doc.components
        .get_or_insert_with(Default::default)
        .schemas
        .insert(
            schemas::VERDICT.to_owned(),
            schemas::verdict_scale(verdicts).into(),
        );
    let mut doc = serde_json::to_value(doc).expect("the document serializes");
    forbid_nul(&mut doc);
    // Except in error bodies, whose messages quote what the client sent.
    if let Some(props) = doc["components"]["schemas"]["ErrorBody"]["properties"].as_object_mut() {
        for p in props.values_mut() {
            if let Some(p) = p.as_object_mut() {
                p.remove("pattern");
            }
        }
    }
    list_error_codes(&mut doc);
    let upload =
        &mut doc["paths"]["/articles"]["post"]["requestBody"]["content"]["multipart/form-data"];
    upload["encoding"] = serde_json::json!({"file": {"contentType": "text/plain"}});
    let form = &mut doc["components"]["schemas"]["ArticleUpload"];
    form["additionalProperties"] = false.into();
    // Parts are text or absent; a form has no null.
    if let Some(props) = form["properties"].as_object_mut() {
        for p in props.values_mut() {
            if p["type"].is_array() {
                p["type"] = "string".into();
            }
        }
    }
    doc
}

/// Codes every route may answer with a status, whatever its description says.
fn generic_codes(status: u16) -> &'static [ErrorCode] {
    use ErrorCode as C;
    match status {
        400 => &[C::BadRequest],
        401 => &[
            C::Unauthenticated,
            C::InvalidToken,
            C::TokenExpired,
            C::TokenRevoked,
        ],
        403 => &[C::Forbidden, C::CsrfRejected],
        404 => &[C::NotFound],
        409 => &[C::Conflict],
        413 => &[C::PayloadTooLarge],
        415 => &[C::UnsupportedMediaType],
        429 => &[C::RateLimited],
        500 => &[C::Internal],
        502 => &[C::FetchFailed],
        503 => &[C::DatabaseUnavailable],
        _ => &[],
    }
}

/// The error codes of each error response, from the closed set in
/// [`ErrorCode`]: those its description names, plus those every route may
/// give with that status. Listed as `x-error-codes` and as an enum on the
/// body's `error`, so a client (and the property-based check) knows the
/// exact set.
fn list_error_codes(doc: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        let Some(methods) = item.as_object_mut() else {
            continue;
        };
        for op in methods.values_mut() {
            // How the request is read decides some codes (see `api::configure`).
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let has = |at: &str| params.iter().any(|p| p["in"] == at);
            let (path, query) = (has("path"), has("query"));
            let json = op["requestBody"]["content"]["application/json"].is_object();
            let read_codes = move |status: u16| -> Vec<ErrorCode> {
                use ErrorCode as C;
                let pick = |list: &[(bool, ErrorCode)]| {
                    list.iter().filter(|x| x.0).map(|x| x.1).collect::<Vec<_>>()
                };
                match status {
                    400 => pick(&[(path, C::InvalidPath), (json, C::MalformedJson)]),
                    422 => pick(&[
                        (query, C::InvalidQuery),
                        (json, C::InvalidBody),
                        (json || query, C::InvalidText),
                    ]),
                    _ => Vec::new(),
                }
            };
            let Some(responses) = op["responses"].as_object_mut() else {
                continue;
            };
            // Every route reads the database and may fail inside.
            for (status, text) in [
                (
                    "500",
                    "internal: the server failed; the body names the request id",
                ),
                (
                    "503",
                    "database_unavailable: the database does not answer; retry",
                ),
            ] {
                responses.entry(status).or_insert_with(|| {
                    json!({
                        "description": text,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                    })
                });
            }
            for (status, resp) in responses.iter_mut() {
                let Ok(status) = status.parse::<u16>() else {
                    continue;
                };
                if status < 400 {
                    continue;
                }
                let text = resp["description"].as_str().unwrap_or_default();
                let mut codes: Vec<ErrorCode> = ErrorCode::ALL
                    .iter()
                    .copied()
                    .filter(|c| c.status().as_u16() == status)
                    .filter(|c| names_code(text, c.as_str()))
                    .chain(generic_codes(status).iter().copied())
                    .chain(read_codes(status))
                    .collect();
                codes.sort_unstable();
                codes.dedup();
                let names: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
                resp["x-error-codes"] = json!(names);
                if let Some(content) = resp["content"]["application/json"].as_object_mut() {
                    content.insert(
                        "schema".into(),
                        json!({
                            "allOf": [{"$ref": "#/components/schemas/ErrorBody"}],
                            "properties": {"error": {"type": "string", "enum": names}},
                        }),
                    );
                }
                let _: &Value = resp;
            }
        }
    }
}

/// Whether a response description names `code` as a word of its own.
fn names_code(text: &str, code: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_lowercase() || c == '_'))
        .any(|w| w == code)
}

/// Every plain string schema (no pattern, enum or format of its own) gets
/// the pattern "no NUL character".
fn forbid_nul(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let is_string = match map.get("type") {
                Some(Value::String(t)) => t == "string",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            let plain = !["pattern", "enum", "format", "const", "contentMediaType"]
                .iter()
                .any(|k| map.contains_key(*k));
            if is_string && plain {
                map.insert("pattern".into(), schemas::NO_NUL.into());
            }
            map.values_mut().for_each(forbid_nul);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_nul),
        _ => {}
    }
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document"), (status = 401, body = ErrorBody)))]
pub async fn serve(state: web::Data<AppState>, _auth: Auth<Viewer>) -> HttpResponse {
    let labels: Vec<String> = state
        .settings
        .workflow
        .verdicts
        .iter()
        .map(|v| v.label.clone())
        .collect();
    HttpResponse::Ok().json(document(&labels))
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn every_error_code_is_documented_for_some_route_with_its_status() {
        let doc = super::document(&["true".into(), "false".into()]);
        let mut listed = std::collections::HashSet::new();
        for item in doc["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                for (status, resp) in op["responses"].as_object().unwrap() {
                    for code in resp["x-error-codes"].as_array().into_iter().flatten() {
                        let code = code.as_str().unwrap();
                        let known = ErrorCode::ALL.iter().find(|c| c.as_str() == code);
                        let known = known.unwrap_or_else(|| panic!("unknown code {code}"));
                        assert_eq!(known.status().as_str(), status, "{code}");
                        listed.insert(code.to_owned());
                    }
                }
            }
        }
        // 405 answers methods a path does not declare, so no operation lists it.
        let missing: Vec<&str> = ErrorCode::ALL
            .iter()
            .filter(|c| **c != ErrorCode::MethodNotAllowed)
            .map(|c| c.as_str())
            .filter(|c| !listed.contains(*c))
            .collect();
        assert!(missing.is_empty(), "codes no route documents: {missing:?}");
    }

    use super::*;

    #[test]
    fn operation_ids_come_from_method_and_path() {
        assert_eq!(
            operation_id("delete", "/claims/{id}/links/{other_id}"),
            "delete_claims_id_links_other_id"
        );
        assert_eq!(operation_id("get", "/openapi.json"), "get_openapi_json");
    }

    /// utoipa takes patterns as literals only; they must not drift from
    /// the constants they copy.
    #[test]
    fn copied_patterns_match_their_constants() {
        fn patterns(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(p)) = m.get("pattern") {
                        out.push(p.clone());
                    }
                    m.values().for_each(|v| patterns(v, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| patterns(v, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        patterns(&document(&["true".into()]), &mut all);
        let url = schemas::HTTP_URL;
        let url_or_empty = format!("^({})?$", &url[1..url.len() - 1]);
        let (mut urls, mut texts) = (0, 0);
        for p in &all {
            if p.contains("[hH][tT]") {
                assert!(p == url || *p == url_or_empty, "{p}");
                urls += 1;
            }
            if p.contains("\\u3000][") {
                assert_eq!(p, schemas::NOT_BLANK);
                texts += 1;
            }
        }
        assert!(urls >= 5 && texts >= 5, "{urls} urls, {texts} texts");
    }
}
