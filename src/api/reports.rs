//! Verification reports of one article, in the format asked for.

use super::auth::{Auth, Viewer};
use super::error::ApiError;
use super::error::ErrorBody;
use super::error::not_found_as;
use super::error_code::ErrorCode;
use super::state::AppState;
use crate::report::{Format, Include, Report};
use crate::review::ArticleId;
use crate::store::articles;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// json (default), csv, markdown (or md), html, claimreview (JSON-LD;
    /// or jsonld, json-ld). Lower case, exactly as listed.
    #[param(schema_with = format_schema)]
    pub format: Option<String>,
    /// Which claims: `approved` verdicts only (the default for html,
    /// markdown and claimreview, meant for publication), `reviewed`
    /// (approved and proposed), or `all` (the default for json and csv).
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
pub const FORMAT_NAMES: [&str; 8] = [
    "json",
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
    let name = query.format.unwrap_or_else(|| "json".into());
    let format = parse_format(&name).ok_or_else(|| ApiError::Validation {
        code: ErrorCode::InvalidFormat,
        message: format!(
            "unknown report format {name:?}; use one of {}",
            Format::NAMES.join(", ")
        ),
        details: Some(serde_json::json!({ "allowed": Format::NAMES })),
    })?;
    let include = match query.include.as_deref() {
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
        &format!("{} <{}>", auth.user.name, auth.user.email),
    );
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
