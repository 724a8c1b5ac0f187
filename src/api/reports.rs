//! Verification reports of one article, in the format asked for.

use super::auth::{Auth, Viewer};
use super::claim_query::ClaimListQuery;
use super::error::ApiError;
use super::error::ErrorBody;
use super::error::not_found_as;
use super::error_code::ErrorCode;
use super::report_stream::Streamed;
use super::state::AppState;
use crate::report::{Format, Include, Provenance, Publisher, Report, Scope};
use crate::review::ArticleId;
use crate::store::articles;
use crate::store::claims::ClaimRow;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// json (default), jsonl (JSON Lines; or ndjson), csv, markdown (or
    /// md), html, claimreview (JSON-LD; or jsonld, json-ld). Lower case,
    /// exactly as listed.
    #[param(schema_with = format_schema)]
    pub format: Option<String>,
    /// Which claims: `approved` verdicts only (the default for html,
    /// markdown and claimreview, meant for publication), `reviewed`
    /// (approved and proposed), or `all` (the default for json, jsonl and
    /// csv).
    #[param(schema_with = include_schema)]
    pub include: Option<String>,
}

fn include_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(Include::NAMES))
        .build()
}

/// The names `format` accepts: each format's name, then its aliases.
pub const FORMAT_NAMES: [&str; 10] = [
    "json",
    "jsonl",
    "ndjson",
    "csv",
    "markdown",
    "md",
    "html",
    "claimreview",
    "jsonld",
    "json-ld",
];

fn format_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(FORMAT_NAMES))
        .default(Some(serde_json::json!("json")))
        .build()
}

/// A report format named exactly as the document lists it.
fn parse_format(name: &str) -> Option<Format> {
    FORMAT_NAMES
        .contains(&name)
        .then(|| Format::parse(name))
        .flatten()
}

/// A verification report of an article (viewer and up): every claim not
/// dismissed, in reading order, with status, verdict, note and evidence.
/// `html` is a printable page shown in the browser; the other formats
/// download as files. `claimreview` holds approved verdicts only.
#[utoipa::path(get, path = "/articles/{id}/report", tag = "articles",
    params(("id" = Uuid, Path, description = "Article id"), ReportQuery),
    responses(
        (status = 200, description = "The report; Content-Type follows the format"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such article, or deleted"),
        (status = 422, body = ErrorBody, description = "invalid_format (with `allowed`): an unknown format or include"),
    ))]
pub async fn article_report(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    path: web::Path<ArticleId>,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let (format, include) = choice(query.format.as_deref(), query.include.as_deref())?;
    let mut conn = state.conn().await?;
    let (article, rows, ev) = articles::report_rows(&mut conn, path.into_inner())
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    drop(conn);
    let report = Report::configured(
        &article,
        &rows,
        &ev,
        &state.settings,
        include,
        &requester(&auth),
    );
    respond(&report, format)
}

fn requester(auth: &Auth<Viewer>) -> String {
    format!("{} <{}>", auth.user.name, auth.user.email)
}

/// The format and the include choice asked for, with their defaults.
fn choice(format: Option<&str>, include: Option<&str>) -> Result<(Format, Include), ApiError> {
    let name = format.unwrap_or("json");
    let format = parse_format(name).ok_or_else(|| ApiError::Validation {
        code: ErrorCode::InvalidFormat,
        message: format!(
            "unknown report format {name:?}; use one of {}",
            Format::NAMES.join(", ")
        ),
        details: Some(serde_json::json!({ "allowed": Format::NAMES })),
    })?;
    let include = match include {
        None => Include::default_for(format),
        Some(i) => Include::parse(i).ok_or_else(|| ApiError::Validation {
            code: ErrorCode::InvalidFormat,
            message: format!(
                "unknown include {i:?}; use one of {}",
                Include::NAMES.join(", ")
            ),
            details: Some(serde_json::json!({ "allowed": Include::NAMES })),
        })?,
    };
    Ok((format, include))
}

/// The rendered report with headers for its format: HTML shown under a
/// no-script policy, the rest downloaded as a named file.
fn respond(report: &Report, format: Format) -> Result<HttpResponse, ApiError> {
    let body = report.render(format).map_err(ApiError::internal)?;
    let mut resp = HttpResponse::Ok();
    resp.insert_header((header::CONTENT_TYPE, format.content_type()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if format == Format::Html {
        // Article text is escaped; the policy is a second wall: no scripts,
        // nothing fetched, only the page's own inline style.
        resp.insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ));
    } else {
        resp.insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", report.file_name(format)),
        ));
    }
    Ok(resp.body(body))
}

/// The most claims a selection report holds without `limit`.
const MAX_SELECTION: i64 = 5_000;

/// A verification report of a selection of the claims list (viewer and
/// up): every filter of `GET /claims` chooses the claims (`speaker` for one
/// speaker's claims across articles), `format` and `include` as for an
/// article's report. Claims are grouped by article, each numbered as on
/// the review screen. `jsonl`, `csv` and `markdown` without `limit`
/// stream the whole selection however large (in claim creation order,
/// grouped by article within each 2,000 claims; Markdown's counts close
/// the report); the other formats are single documents, and
/// without `limit` a selection of more than 5,000 claims is refused for
/// them: narrow it, or page it with `limit` and `after`.
#[utoipa::path(get, path = "/reports", tag = "claims",
    params(ReportQuery, ClaimListQuery),
    responses(
        (status = 200, description = "The report; Content-Type follows the format"),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_format (with `allowed`), selection_too_large, invalid_filter, invalid_status, unknown_verdict, invalid_kind, invalid_cursor, invalid_limit"),
    ))]
pub async fn selection_report(
    state: web::Data<AppState>,
    auth: Auth<Viewer>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    // The report's own parameters, then every other one as a claims filter
    // (unknown names are refused there, as on `GET /claims`).
    let pairs: Vec<(String, String)> =
        web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map_err(|e| ApiError::validation(ErrorCode::InvalidQuery, e.to_string()))?
            .into_inner();
    let (own, rest): (Vec<_>, Vec<_>) = pairs
        .into_iter()
        .partition(|(k, _)| k == "format" || k == "include");
    let get = |name: &str| own.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let (format, include) = choice(get("format"), get("include"))?;
    let rest = serde_urlencoded_pairs(&rest);
    let query = web::Query::<ClaimListQuery>::from_query(&rest)
        .map_err(|e| {
            ApiError::validation(
                ErrorCode::InvalidQuery,
                format!("invalid query parameters: {e}"),
            )
        })?
        .into_inner();
    let filter = query.filter(&state.settings.workflow.verdicts, auth.id())?;
    let page = query.page()?;
    let capped = query.limit.is_some();
    let filters: BTreeMap<String, String> = rest_pairs(&rest);
    let description = if filters.is_empty() {
        "of every article".to_owned()
    } else {
        let words: Vec<String> = filters.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        format!("where {}", words.join(", "))
    };
    let scope = Scope {
        description,
        filters,
    };
    if !capped && matches!(format, Format::Csv | Format::JsonLines | Format::Markdown) {
        return Streamed {
            generated_by: requester(&auth),
            state,
            filter,
            format,
            scope,
            include,
            generated_at: chrono::Utc::now(),
        }
        .respond(page.after)
        .await;
    }
    let cap = if capped { page.limit } else { MAX_SELECTION };
    let mut conn = state.conn().await?;
    let ((articles, numbered, evidence), more) =
        articles::selection_rows(&mut conn, &filter, page.after, cap).await?;
    if more && !capped {
        return Err(ApiError::validation(
            ErrorCode::SelectionTooLarge,
            format!(
                "the selection has more than {MAX_SELECTION} claims: narrow it, or page it with limit and after"
            ),
        ));
    }
    drop(conn);
    let claims: Vec<(usize, &ClaimRow)> = numbered.iter().map(|(n, c)| (*n, c)).collect();
    let report = Report::build(
        scope,
        &articles,
        &claims,
        &evidence,
        Publisher::from(&state.settings.report),
        &state.settings.workflow.verdicts,
        chrono::Utc::now(),
        Provenance {
            generated_by: requester(&auth),
            include,
            extractor_version: articles
                .iter()
                .map(|a| a.extractor_version)
                .max()
                .unwrap_or(0),
        },
    );
    respond(&report, format)
}

fn serde_urlencoded_pairs(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn rest_pairs(query: &str) -> BTreeMap<String, String> {
    url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != "after" && k != "limit")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
