//! Articles: ingest (JSON, file upload, URL fetch), list, read, delete and
//! re-extract. Every way in goes through `crate::ingest`.

use super::auth::{Auth, Checker, Editor, Viewer};
use super::claim_views::ClaimSummary;
use super::error::ApiError;
use super::error::ErrorBody;
use super::error::not_found_as;
use super::error_code::ErrorCode;
use super::paging;
use super::state::AppState;
use crate::extract;
use crate::fetch::{self, FetchError};
use crate::ingest::{self, Format, InputError, Metadata};
use crate::review::{ArticleId, UserId};
use crate::store::articles::{self, ArticleMeta, ListFilter};
use crate::store::claims;
use crate::store::reading_order;
use crate::store::reextract::{self, ReextractCounts};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use std::path::Path;

impl From<InputError> for ApiError {
    fn from(e: InputError) -> Self {
        let code = match e {
            InputError::EmptyBody => ErrorCode::EmptyBody,
            InputError::NotText(_) => ErrorCode::NotText,
            InputError::InvalidUrl(_) => ErrorCode::InvalidUrl,
            InputError::InvalidDate(_) => ErrorCode::InvalidPublishedAt,
            InputError::InvalidField(_) => ErrorCode::InvalidField,
            InputError::TooManyClaims(_) => ErrorCode::TooManyClaims,
        };
        ApiError::validation(code, e.to_string())
    }
}

impl From<ingest::IngestError> for ApiError {
    fn from(e: ingest::IngestError) -> Self {
        match e {
            ingest::IngestError::Input(e) => e.into(),
            ingest::IngestError::Store(e) => e.into(),
        }
    }
}

impl From<FetchError> for ApiError {
    fn from(e: FetchError) -> Self {
        match e {
            FetchError::InvalidUrl(m) => ApiError::validation(ErrorCode::InvalidUrl, m),
            e @ FetchError::ForbiddenAddress { .. } => {
                ApiError::validation(ErrorCode::ForbiddenAddress, e.to_string())
            }
            FetchError::TooLarge { limit } => ApiError::PayloadTooLarge { limit },
            FetchError::Failed(m) => ApiError::BadGateway {
                code: ErrorCode::FetchFailed,
                message: m,
            },
        }
    }
}

/// An article sent as JSON.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArticle {
    #[schema(max_length = 2000)]
    pub title: Option<String>,
    /// http(s) only.
    #[schema(
        max_length = 2000,
        pattern = "^([hH][tT][tT][pP][sS]?://([-!\"$&'()*+,;=0-9A-Za-z_`{}~]+\\.)*[A-Za-z][-!\"$&'()*+,;=0-9A-Za-z_`{}~]*([/?#][!-~]*)?)?$"
    )]
    pub url: Option<String>,
    #[schema(max_length = 2000)]
    pub outlet: Option<String>,
    /// RFC 3339, e.g. `2026-11-26T09:30:00Z`.
    #[schema(
        pattern = "^([0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"
    )]
    pub published_at: Option<String>,
    /// How `body` is written; `html` is reduced to its readable text.
    #[serde(default)]
    pub format: Format,
    /// Must hold text (for `html`, readable text once the markup is gone).
    #[schema(
        pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$"
    )]
    pub body: String,
}

/// An article upload as `multipart/form-data` (documentation only; the
/// handler reads the parts as they stream in).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ArticleUpload {
    /// A `.txt`, `.md`, `.html` or `.htm` file (by its name, else by the
    /// part's Content-Type), UTF-8 unless it declares another charset.
    #[schema(value_type = String, content_media_type = "text/plain", pattern = "^[^\\u0000]*[^\\u0000\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000]*$")]
    pub file: Vec<u8>,
    #[schema(max_length = 2000)]
    pub title: Option<String>,
    #[schema(
        max_length = 2000,
        pattern = "^([hH][tT][tT][pP][sS]?://([-!\"$&'()*+,;=0-9A-Za-z_`{}~]+\\.)*[A-Za-z][-!\"$&'()*+,;=0-9A-Za-z_`{}~]*([/?#][!-~]*)?)?$"
    )]
    pub url: Option<String>,
    #[schema(max_length = 2000)]
    pub outlet: Option<String>,
    #[schema(
        pattern = "^([0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"
    )]
    pub published_at: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IngestedArticle {
    /// False when an article with the same body already existed; it is the
    /// one returned.
    pub created: bool,
    pub claim_count: i64,
    pub article: ArticleMeta,
}

/// Ingest an article (checker and up): JSON, or a file upload as
/// `multipart/form-data` with a `file` part and optional title, url, outlet
/// and published_at parts. The same body twice returns the existing article
/// with 200.
#[utoipa::path(post, path = "/articles", tag = "articles",
    request_body(content(
        (NewArticle = "application/json"),
        (ArticleUpload = "multipart/form-data"),
    )),
    responses(
        (status = 201, body = IngestedArticle, description = "Stored with its extracted claims"),
        (status = 200, body = IngestedArticle, description = "The same body was already stored; that article"),
        (status = 400, body = ErrorBody, description = "malformed_json, malformed_multipart"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody, description = "Larger than server.upload_limit"),
        (status = 415, body = ErrorBody, description = "Neither JSON nor multipart, or a file type other than .txt, .md, .html"),
        (status = 422, body = ErrorBody, description = "empty_body, not_text, invalid_url, invalid_published_at, invalid_field, invalid_body, missing_file, too_many_claims"),
    ))]
pub async fn ingest(
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let limit = state.settings.server.upload_limit;
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let input = if content_type.starts_with("multipart/form-data") {
        from_multipart(&req, payload, limit).await?
    } else if content_type.starts_with("application/json") {
        from_json(&req, payload, limit).await?
    } else {
        return Err(ApiError::UnsupportedMediaType(
            "send the article as JSON (application/json) or as a file upload (multipart/form-data)"
                .into(),
        ));
    };
    store(&state, input, auth.id()).await
}

async fn store(
    state: &AppState,
    input: articles::ArticleInput,
    actor: UserId,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    let max = state.settings.server.max_claims_per_article;
    let done = ingest::ingest(&mut conn, input, Some(actor), max).await?;
    let claim_count = claims::count_for_article(&mut conn, done.article.id).await?;
    let body = IngestedArticle {
        created: done.created,
        claim_count,
        article: ArticleMeta::from(&done.article),
    };
    let location = format!("/api/v1/articles/{}", done.article.id);
    let mut resp = if done.created {
        HttpResponse::Created()
    } else {
        HttpResponse::Ok()
    };
    Ok(resp.insert_header((header::LOCATION, location)).json(body))
}

fn too_large_by_header(req: &HttpRequest, limit: usize) -> Result<(), ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > limit as u64 => Err(ApiError::PayloadTooLarge { limit }),
        _ => Ok(()),
    }
}

async fn from_json(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<articles::ArticleInput, ApiError> {
    too_large_by_header(req, limit)?;
    let mut buf = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::bad_request(ErrorCode::BadRequest, format!("cannot read the body: {e}"))
        })?;
        if buf.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        buf.extend_from_slice(&chunk);
    }
    let new: NewArticle = serde_json::from_slice(&buf).map_err(super::json_body_error)?;
    let meta = Metadata {
        title: new.title,
        url: new.url,
        outlet: new.outlet,
        published_at: new.published_at,
    };
    prepare(meta, new.body, new.format).await
}

/// `ingest::prepare` off the async worker: a page of deeply nested HTML
/// takes the parser seconds, and must not stall other requests meanwhile.
async fn prepare(
    meta: Metadata,
    raw: String,
    format: Format,
) -> Result<articles::ArticleInput, ApiError> {
    Ok(web::block(move || ingest::prepare(meta, &raw, format)).await??)
}

/// Metadata parts are short; anything bigger is a mistake.
const FIELD_LIMIT: usize = 64 * 1024;

async fn from_multipart(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<articles::ArticleInput, ApiError> {
    too_large_by_header(req, limit.saturating_add(FIELD_LIMIT))?;
    let malformed = |e: actix_multipart::MultipartError| {
        ApiError::bad_request(
            ErrorCode::MalformedMultipart,
            format!("the multipart body cannot be read: {e}"),
        )
    };
    let mut parts = actix_multipart::Multipart::new(req.headers(), payload);
    let mut meta = Metadata::default();
    let mut file: Option<(Format, web::Bytes, Option<String>)> = None;
    while let Some(field) = parts.next().await {
        let mut field = field.map_err(malformed)?;
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            if file.is_some() {
                return Err(ApiError::validation(
                    ErrorCode::InvalidField,
                    "upload one article file at a time",
                ));
            }
            let filename = field
                .content_disposition()
                .and_then(|cd| cd.get_filename())
                .map(str::to_owned);
            let format = match &filename {
                Some(f) => Format::from_path(Path::new(f)),
                None => field
                    .content_type()
                    .and_then(|m| Format::from_media_type(m.essence_str())),
            }
            .ok_or_else(|| {
                ApiError::UnsupportedMediaType(format!(
                    "{} is not a supported article file; upload a {} file",
                    filename
                        .as_deref()
                        .map_or("the upload".to_owned(), |f| format!("'{f}'")),
                    Format::EXTENSIONS
                ))
            })?;
            let content_type = field.content_type().map(|m| m.to_string());
            let bytes = field
                .bytes(limit)
                .await
                .map_err(|_| ApiError::PayloadTooLarge { limit })?
                .map_err(malformed)?;
            file = Some((format, bytes, content_type));
            continue;
        }
        let value = field
            .bytes(FIELD_LIMIT)
            .await
            .map_err(|_| {
                ApiError::validation(
                    ErrorCode::InvalidField,
                    format!("the {name} part is longer than {FIELD_LIMIT} bytes"),
                )
            })?
            .map_err(malformed)?;
        let value = String::from_utf8(value.to_vec()).map_err(|_| {
            ApiError::validation(
                ErrorCode::InvalidField,
                format!("the {name} part is not UTF-8 text"),
            )
        })?;
        match name.as_str() {
            "title" => meta.title = Some(value),
            "url" => meta.url = Some(value),
            "outlet" => meta.outlet = Some(value),
            "published_at" => meta.published_at = Some(value),
            other => {
                return Err(ApiError::validation(
                    ErrorCode::InvalidField,
                    format!(
                        "unknown part '{other}': expected file, title, url, outlet, published_at"
                    ),
                ));
            }
        }
    }
    let (format, bytes, content_type) = file.ok_or_else(|| {
        ApiError::validation(ErrorCode::MissingFile, "the upload has no `file` part")
    })?;
    let raw = ingest::decode_declared(&bytes, content_type.as_deref(), format, "the file")?;
    prepare(meta, raw, format).await
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FetchArticle {
    /// The page to fetch: http(s), public addresses only (unless
    /// `fetch.allow_private`).
    #[schema(
        pattern = "^[hH][tT][tT][pP][sS]?://([-!\"$&'()*+,;=0-9A-Za-z_`{}~]+\\.)*[A-Za-z][-!\"$&'()*+,;=0-9A-Za-z_`{}~]*([/?#][!-~]*)?$"
    )]
    pub url: String,
    /// Defaults to the page's `<title>`.
    #[schema(max_length = 2000)]
    pub title: Option<String>,
    #[schema(max_length = 2000)]
    pub outlet: Option<String>,
}

/// Fetch a page by URL and ingest it (checker and up). HTML is reduced to
/// its readable text. Redirects are followed up to `fetch.max_redirects`,
/// each hop checked like the first.
#[utoipa::path(post, path = "/articles/fetch", tag = "articles", request_body = FetchArticle,
    responses(
        (status = 201, body = IngestedArticle),
        (status = 200, body = IngestedArticle, description = "The same body was already stored; that article"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody, description = "The page is larger than server.upload_limit"),
        (status = 422, body = ErrorBody, description = "invalid_url, forbidden_address, unsupported_content, not_text, empty_body, too_many_claims"),
        (status = 502, body = ErrorBody, description = "fetch_failed: unreachable, error status, timeout, too many redirects"),
    ))]
pub async fn fetch(
    state: web::Data<AppState>,
    auth: Auth<Checker>,
    body: web::Json<FetchArticle>,
) -> Result<HttpResponse, ApiError> {
    let FetchArticle { url, title, outlet } = body.into_inner();
    let url = ingest::check_url(&url)?;
    let limits = fetch::Limits {
        max_bytes: state.settings.server.upload_limit,
    };
    let page = fetch::fetch(&url, &state.settings.fetch, &limits).await?;
    let format = page
        .content_type
        .as_deref()
        .map_or_else(
            || Format::from_path(Path::new(page.url.path())),
            Format::from_media_type,
        )
        .ok_or_else(|| {
            ApiError::validation(
                ErrorCode::UnsupportedContent,
                format!(
                    "{} is {}, not an HTML or text page",
                    page.url,
                    page.content_type.as_deref().unwrap_or("of unknown type")
                ),
            )
        })?;
    let raw = ingest::decode_declared(
        &page.bytes,
        page.content_type.as_deref(),
        format,
        "the page",
    )?;
    let meta = Metadata {
        title,
        url: Some(page.url.to_string()),
        outlet,
        published_at: None,
    };
    let input = prepare(meta, raw, format).await?;
    store(&state, input, auth.id()).await
}

pub const DEFAULT_PAGE: i64 = 50;
pub const MAX_PAGE: i64 = 200;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `next_cursor` from the previous page (empty: the first page).
    #[param(
        pattern = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$"
    )]
    pub after: Option<String>,
    /// 1 to 200; default 50.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// Exact outlet name.
    pub outlet: Option<String>,
    /// Text in the title or the outlet (case-insensitive substring).
    pub q: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticlePage {
    pub items: Vec<ArticleMeta>,
    /// Pass as `after` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Articles, newest first (viewer and up). Bodies are left out.
#[utoipa::path(get, path = "/articles", tag = "articles", params(ListQuery),
    responses(
        (status = 200, body = ArticlePage),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "invalid_query, invalid_limit, invalid_cursor"),
    ))]
pub async fn list(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = paging::parse::<ArticleId>(
        q.after.as_deref(),
        q.limit.as_deref(),
        DEFAULT_PAGE,
        MAX_PAGE,
    )?;
    let filter = ListFilter {
        after: page.after,
        limit: page.limit + 1,
        outlet: q.outlet.filter(|s| !s.is_empty()),
        text_contains: q.q.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
    };
    let mut conn = state.conn().await?;
    let mut items = articles::list(&mut conn, &filter).await?;
    let next_cursor = paging::finish(&mut items, page.limit, |a| a.id);
    Ok(HttpResponse::Ok().json(ArticlePage { items, next_cursor }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ArticleView {
    #[serde(flatten)]
    pub article: ArticleMeta,
    /// The text every claim offset points into (Unicode code points).
    pub body: String,
    /// In reading order: one page of them (`claims_limit`).
    pub claims: Vec<ClaimSummary>,
    /// Pass as `claims_after` for the article's next claims; null once
    /// `claims` reaches the last one.
    pub claims_next_cursor: Option<String>,
}

pub const DEFAULT_CLAIMS_PAGE: i64 = 1000;
pub const MAX_CLAIMS_PAGE: i64 = 5000;

/// Which of the article's claims come with it.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleClaimsQuery {
    /// `claims_next_cursor` of the previous answer (empty: from the first claim).
    #[param(pattern = "^([0-9]{1,10}\\.[0-9]{1,10})?$")]
    pub claims_after: Option<String>,
    /// 1 to 5000, default 1000.
    #[param(value_type = Option<i64>, minimum = 1, maximum = 5000)]
    pub claims_limit: Option<String>,
}

/// One article with its body and its claims in reading order, a page at a
/// time (viewer and up).
#[utoipa::path(get, path = "/articles/{id}", tag = "articles",
    params(("id" = Uuid, Path, description = "Article id"), ArticleClaimsQuery),
    responses(
        (status = 200, body = ArticleView),
        (status = 400, body = ErrorBody, description = "invalid_path"),
        (status = 422, body = ErrorBody, description = "invalid_cursor, invalid_limit"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such article, or deleted"),
    ))]
pub async fn get(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    path: web::Path<ArticleId>,
    query: web::Query<ArticleClaimsQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = paging::parse::<reading_order::ReadingPosition>(
        q.claims_after.as_deref(),
        q.claims_limit.as_deref(),
        DEFAULT_CLAIMS_PAGE,
        MAX_CLAIMS_PAGE,
    )?;
    let mut conn = state.conn().await?;
    let article = articles::find_live(&mut conn, path.into_inner())
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    let mut rows =
        reading_order::page_for_article(&mut conn, article.id, page.after, page.limit + 1).await?;
    let claims_next_cursor = paging::finish(&mut rows, page.limit, |c| c.reading_position());
    let claims = ClaimSummary::load(&mut conn, rows).await?;
    Ok(HttpResponse::Ok().json(ArticleView {
        article: ArticleMeta::from(&article),
        body: article.body,
        claims,
        claims_next_cursor,
    }))
}

/// Delete an article (editor and up). It disappears from lists and reads;
/// its claims and their history stay on record.
#[utoipa::path(delete, path = "/articles/{id}", tag = "articles",
    params(("id" = Uuid, Path, description = "Article id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such article, or already deleted"),
    ))]
pub async fn delete(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    path: web::Path<ArticleId>,
) -> Result<HttpResponse, ApiError> {
    let mut conn = state.conn().await?;
    articles::soft_delete(&mut conn, path.into_inner(), Some(auth.id()))
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    Ok(HttpResponse::NoContent().finish())
}

/// Re-run the extractor over the stored body (editor and up). Claims with
/// review work (status, verdict, assignee, evidence, comments, history,
/// manual) are kept and moved to their new span when the new extraction
/// finds one; untouched claims are replaced. One transaction.
#[utoipa::path(post, path = "/articles/{id}/reextract", tag = "articles",
    params(("id" = Uuid, Path, description = "Article id")),
    responses(
        (status = 200, body = ReextractCounts),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ))]
pub async fn reextract(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    path: web::Path<ArticleId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let mut conn = state.conn().await?;
    let article = articles::find_live(&mut conn, id)
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    let fresh = web::block(move || extract::extract(&article.body)).await?;
    let counts = reextract::reextract(&mut conn, id, Some(auth.id()), &fresh)
        .await
        .map_err(|e| not_found_as(e, "article"))?;
    Ok(HttpResponse::Ok().json(counts))
}
