//! Articles coming in, by whichever door: JSON or file upload, URL fetch, bulk
//! import. Each door hands over bytes or text plus metadata; this module turns
//! them into the one [`ArticleInput`] form (decoded, HTML reduced to text,
//! fields checked) and stores it through `store::articles::ingest`, so every
//! door dedupes, extracts and validates the same way.

use crate::extract::html::PageMeta;
use crate::extract::{self, Claim};
use crate::store::StoreError;
use crate::store::articles::{self, ArticleInput, Ingested};
use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use serde::Deserialize;
use std::path::Path;

/// How the body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    Text,
    /// Stored as written: Markdown is readable as plain text, and claim
    /// offsets must point into what a reviewer sees.
    Markdown,
    /// Reduced to its readable text; only that text is stored.
    Html,
}

impl Format {
    pub const EXTENSIONS: &'static str = ".txt, .md, .html or .htm";

    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }

    /// From a `Content-Type` value; its `charset` is for
    /// [`decode_declared`].
    pub fn from_media_type(value: &str) -> Option<Format> {
        let essence = value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "text/plain" => Some(Format::Text),
            "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
            "text/html" | "application/xhtml+xml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Why an input was refused. Each has a stable code for the API and a
/// message that tells the person what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the article body is empty")]
    EmptyBody,
    #[error("{0}")]
    NotText(String),
    #[error("{0}")]
    InvalidUrl(String),
    #[error("{0}")]
    InvalidDate(String),
    #[error("{0}")]
    InvalidField(String),
    #[error("{0}")]
    TooManyClaims(String),
}

/// Why an article was not stored: its input, or the store.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Refuses an article with more claims than a desk can review or a page
/// can show (`server.max_claims_per_article`): a data dump pasted as an
/// article would otherwise hold hundreds of thousands.
pub fn check_claim_count(found: usize, max: usize) -> Result<(), InputError> {
    if found > max {
        return Err(InputError::TooManyClaims(format!(
            "the text holds {found} claims, more than the {max} an article may hold: split it into articles"
        )));
    }
    Ok(())
}

impl InputError {
    pub fn code(&self) -> &'static str {
        match self {
            InputError::EmptyBody => "empty_body",
            InputError::NotText(_) => "not_text",
            InputError::InvalidUrl(_) => "invalid_url",
            InputError::InvalidDate(_) => "invalid_published_at",
            InputError::InvalidField(_) => "invalid_field",
            InputError::TooManyClaims(_) => "too_many_claims",
        }
    }
}

/// Article metadata as supplied, before checking.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// RFC 3339, e.g. `2026-11-26T09:30:00Z`.
    pub published_at: Option<String>,
}

const MAX_FIELD_CHARS: usize = 2000;

/// Bytes → text. Binary content and other encodings are refused with the
/// offset of the first offending byte, so the person can find it. `what`
/// names the input in the message: "the file", "the page", "the line".
pub fn decode<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // NUL never occurs in text but is in nearly every binary format.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::NotText(format!(
            "{what} is binary, not text (NUL byte at offset {at})"
        )));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        InputError::NotText(format!(
            "{what} is not UTF-8 text (invalid byte at offset {}); only UTF-8 is accepted",
            e.valid_up_to()
        ))
    })
}

/// Bytes in the encoding they declare → text. A byte-order mark wins, then
/// the `charset` of `content_type`, then (for HTML) a `<meta charset>` in the
/// first 1024 bytes, as browsers do; with none of them the bytes must be
/// UTF-8 (see [`decode`]). Bytes that are invalid in the declared encoding
/// are refused, never replaced, so stored text is what the source said.
pub fn decode_declared(
    bytes: &[u8],
    content_type: Option<&str>,
    format: Format,
    what: &str,
) -> Result<String, InputError> {
    let declared = encoding_rs::Encoding::for_bom(bytes).or_else(|| {
        let label = content_type.and_then(charset_param).or_else(|| {
            (format == Format::Html)
                .then(|| meta_charset(bytes))
                .flatten()
        })?;
        encoding_rs::Encoding::for_label(label.as_bytes()).map(|e| (e, 0))
    });
    match declared {
        Some((enc, bom)) if enc != encoding_rs::UTF_8 => {
            // A page that says it is ASCII or Latin-1 is windows-1252 in
            // practice, which is what encoding_rs maps those labels to.
            let text = enc
                .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
                .ok_or_else(|| {
                    InputError::NotText(format!(
                        "{what} is not valid {} text, the encoding it declares",
                        enc.name()
                    ))
                })?;
            if text.contains('\0') {
                return Err(InputError::NotText(format!("{what} is binary, not text")));
            }
            Ok(text.into_owned())
        }
        _ => decode(bytes, what).map(str::to_owned),
    }
}

/// `charset` of a media type: `text/html; charset="ISO-8859-1"`.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_owned())
    })
}

/// The charset an HTML document declares in its head: `<meta charset=x>` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset=") {
            let value: String = tag[c + 8..]
                .iter()
                .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
                .take_while(|&&b| b.is_ascii_alphanumeric() || b"-_:.".contains(&b))
                .map(|&b| b as char)
                .collect();
            if !value.is_empty() {
                return Some(value);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The text to store for a body written in `format`, and for HTML what the
/// page says about itself: HTML reduced to its article text, line ends
/// unified, surrounding blank space dropped.
pub fn body_text(raw: &str, format: Format) -> (String, PageMeta) {
    let (text, meta) = match format {
        Format::Html => {
            let page = extract::html::page(raw);
            (page.text, page.meta)
        }
        Format::Text | Format::Markdown => (
            raw.replace("\r\n", "\n").replace('\r', "\n"),
            PageMeta::default(),
        ),
    };
    (text.trim().to_owned(), meta)
}

/// Metadata fields once checked: trimmed, empty ones absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckedMetadata {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
}

/// Checks metadata fields: no NUL, at most 2,000 characters, an http(s)
/// URL, an RFC 3339 date. For ingest and for later edits alike.
pub fn check_metadata(meta: Metadata) -> Result<CheckedMetadata, InputError> {
    let field = |name: &str, v: Option<String>| -> Result<Option<String>, InputError> {
        let v = v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        match v {
            Some(s) if s.contains('\0') => Err(InputError::InvalidField(format!(
                "{name} holds a NUL character"
            ))),
            Some(s) if s.chars().count() > MAX_FIELD_CHARS => Err(InputError::InvalidField(
                format!("{name} is longer than {MAX_FIELD_CHARS} characters"),
            )),
            other => Ok(other),
        }
    };
    let url = field("url", meta.url)?;
    if let Some(u) = &url {
        check_url(u)?;
    }
    let published_at = field("published_at", meta.published_at)?
        .map(|s| parse_date(&s))
        .transpose()?;
    Ok(CheckedMetadata {
        title: field("title", meta.title)?,
        url,
        outlet: field("outlet", meta.outlet)?,
        published_at,
    })
}

/// Checks the metadata and the body and builds what the store takes.
pub fn article(meta: Metadata, body: String) -> Result<ArticleInput, InputError> {
    if body.trim().is_empty() {
        return Err(InputError::EmptyBody);
    }
    // PostgreSQL text cannot hold NUL; refused here, before the duplicate
    // check could return an existing article and drop the fields unread.
    if body.contains('\0') {
        return Err(InputError::NotText("the body holds a NUL character".into()));
    }
    let m = check_metadata(meta)?;
    Ok(ArticleInput {
        title: m.title,
        url: m.url,
        outlet: m.outlet,
        published_at: m.published_at,
        body,
    })
}

/// Everything between decoded text and what the store takes: HTML reduced
/// to text, the page's own title, date, outlet and canonical URL standing in
/// for fields the person left out (a page value that would not pass the
/// checks is ignored, never an error), fields checked.
/// Parsing HTML is CPU work that grows fast with nesting depth: async
/// callers run this on a blocking thread.
pub fn prepare(mut meta: Metadata, raw: &str, format: Format) -> Result<ArticleInput, InputError> {
    let (text, page) = body_text(raw, format);
    fill(&mut meta.title, page.title, |_| true);
    fill(&mut meta.outlet, page.outlet, |_| true);
    fill(&mut meta.url, page.canonical_url, |u| check_url(u).is_ok());
    fill(
        &mut meta.published_at,
        page.published_at.map(|d| d.to_rfc3339()),
        |_| true,
    );
    article(meta, text)
}

/// Sets a field the person left blank to the page's value, if that is fit
/// to store.
fn fill(field: &mut Option<String>, page: Option<String>, ok: impl Fn(&str) -> bool) {
    if field.as_deref().is_none_or(|v| v.trim().is_empty()) {
        *field =
            page.filter(|v| !v.contains('\0') && v.chars().count() <= MAX_FIELD_CHARS && ok(v));
    }
}

/// An absolute http(s) URL with a host.
pub fn check_url(s: &str) -> Result<url::Url, InputError> {
    let url = url::Url::parse(s.trim())
        .map_err(|e| InputError::InvalidUrl(format!("'{s}' is not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(InputError::InvalidUrl(format!(
            "'{s}' is not an http(s) URL (scheme '{}')",
            url.scheme()
        )));
    }
    if url.host().is_none() {
        return Err(InputError::InvalidUrl(format!("'{s}' has no host")));
    }
    Ok(url)
}

fn parse_date(s: &str) -> Result<DateTime<Utc>, InputError> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| {
            InputError::InvalidDate(format!(
                "published_at '{s}' is not an RFC 3339 date-time such as 2026-11-26T09:30:00Z: {e}"
            ))
        })
}

/// The live article with this body, if any: checked before extracting, so a
/// repeated upload or import costs no extraction.
pub async fn existing(
    conn: &mut AsyncPgConnection,
    body: &str,
) -> Result<Option<articles::Article>, StoreError> {
    articles::find_live_by_sha(conn, &articles::body_sha256(body)).await
}

/// Extracts on a blocking thread (extraction is CPU-bound and synchronous)
/// and stores the article with its claims. An extractor panic is re-raised
/// here, where the API turns it into a logged 500.
pub async fn ingest(
    conn: &mut AsyncPgConnection,
    input: ArticleInput,
    created_by: Option<crate::review::UserId>,
    max_claims: usize,
) -> Result<Ingested, IngestError> {
    if let Some(article) = existing(conn, &input.body).await? {
        return Ok(Ingested {
            article,
            created: false,
        });
    }
    let (input, claims) = extract_blocking(input).await;
    check_claim_count(claims.len(), max_claims)?;
    Ok(articles::ingest(conn, &input, &claims, created_by).await?)
}

async fn extract_blocking(input: ArticleInput) -> (ArticleInput, Vec<Claim>) {
    match tokio::task::spawn_blocking(move || {
        let claims = extract::extract(&input.body);
        (input, claims)
    })
    .await
    {
        Ok(done) => done,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("extraction task was cancelled: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_binary_and_other_encodings_with_the_offset() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello", "the file").unwrap(), "hello");
        let e = decode(b"caf\xE9 au lait", "the file").unwrap_err();
        assert_eq!(e.code(), "not_text");
        assert!(e.to_string().contains("offset 3"), "{e}");
        let e = decode(b"\x89PNG\r\n\x1a\n\0\0\0", "the file").unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
    }

    #[test]
    fn declared_encodings_are_decoded() {
        let latin = b"caf\xE9 au lait \x96 50\x80";
        assert_eq!(
            decode_declared(
                latin,
                Some("text/plain; charset=ISO-8859-1"),
                Format::Text,
                "the page"
            )
            .unwrap(),
            "café au lait – 50€",
            "latin-1 is windows-1252 on the web"
        );
        let html = b"<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>R\xE9sum\xE9</title>";
        assert!(
            decode_declared(html, Some("text/html"), Format::Html, "the page")
                .unwrap()
                .contains("Résumé")
        );
        let html5 = b"<meta charset='shift_jis'>\x93\xfa\x96\x7b";
        assert_eq!(
            decode_declared(html5, None, Format::Html, "the file").unwrap(),
            "<meta charset='shift_jis'>日本"
        );
        // The header wins over the document.
        let utf8 = "<meta charset=iso-8859-1>café".as_bytes();
        assert_eq!(
            decode_declared(
                utf8,
                Some("text/html;charset=UTF-8"),
                Format::Html,
                "the page"
            )
            .unwrap(),
            "<meta charset=iso-8859-1>café"
        );
        let utf16 = b"\xFF\xFEh\0i\0";
        assert_eq!(
            decode_declared(utf16, None, Format::Text, "the file").unwrap(),
            "hi"
        );
        // Undeclared: UTF-8 or nothing, as before.
        let e = decode_declared(latin, None, Format::Text, "the file").unwrap_err();
        assert!(e.to_string().contains("not UTF-8"), "{e}");
        // A meta tag in a plain-text file declares nothing.
        assert!(decode_declared(b"<meta charset=latin1>\xE9", None, Format::Text, "x").is_err());
        let e = decode_declared(
            b"\x81\x20",
            Some("text/plain; charset=shift_jis"),
            Format::Text,
            "the page",
        )
        .unwrap_err();
        assert!(e.to_string().contains("not valid Shift_JIS"), "{e}");
    }

    #[test]
    fn formats_by_extension_and_media_type() {
        assert_eq!(Format::from_path(Path::new("a/B.HTM")), Some(Format::Html));
        assert_eq!(
            Format::from_path(Path::new("notes.md")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_path(Path::new("x.pdf")), None);
        assert_eq!(
            Format::from_media_type("text/html; charset=utf-8"),
            Some(Format::Html)
        );
        assert_eq!(Format::from_media_type("application/pdf"), None);
    }

    #[test]
    fn article_checks_fields() {
        let ok = article(
            Metadata {
                title: Some("  T ".into()),
                url: Some("https://example.org/a".into()),
                outlet: Some("".into()),
                published_at: Some("2026-11-26T09:30:00+01:00".into()),
            },
            "Body.".into(),
        )
        .unwrap();
        assert_eq!(ok.title.as_deref(), Some("T"));
        assert_eq!(ok.outlet, None);
        assert_eq!(
            ok.published_at.unwrap().to_rfc3339(),
            "2026-11-26T08:30:00+00:00"
        );
        let bad = |meta: Metadata| article(meta, "Body.".into()).unwrap_err().code();
        assert_eq!(
            bad(Metadata {
                url: Some("ftp://x.org/a".into()),
                ..Default::default()
            }),
            "invalid_url"
        );
        assert_eq!(
            bad(Metadata {
                url: Some("not a url".into()),
                ..Default::default()
            }),
            "invalid_url"
        );
        assert_eq!(
            bad(Metadata {
                published_at: Some("26/11/2026".into()),
                ..Default::default()
            }),
            "invalid_published_at"
        );
        assert_eq!(
            article(Metadata::default(), " \n\t".into()).unwrap_err(),
            InputError::EmptyBody
        );
    }

    #[test]
    fn body_text_unifies_line_ends_and_strips_html() {
        assert_eq!(body_text("a\r\nb\rc\n\n", Format::Text).0, "a\nb\nc");
        assert_eq!(
            body_text("<p>One</p><script>x</script><p>Two</p>", Format::Html).0,
            "One\n\nTwo"
        );
        assert_eq!(
            body_text("<title> A  page </title><p>x</p>", Format::Html)
                .1
                .title
                .as_deref(),
            Some("A page")
        );
    }

    #[test]
    fn page_metadata_fills_only_what_the_person_left_out() {
        let page = r#"<html><head><title>Page title</title>
            <meta property="og:site_name" content="The Example Post">
            <link rel="canonical" href="https://news.example.org/2026/vote">
            </head><body><article><p>The council voted on Tuesday to close the plant by March,
            after a year of debate over its cost to the town and the jobs it provides.</p>
            <p><time datetime="2026-11-20T08:00:00Z">20 November</time></p></article></body></html>"#;
        let got = prepare(Metadata::default(), page, Format::Html).unwrap();
        assert_eq!(got.title.as_deref(), Some("Page title"));
        assert_eq!(got.outlet.as_deref(), Some("The Example Post"));
        assert_eq!(
            got.url.as_deref(),
            Some("https://news.example.org/2026/vote")
        );
        assert_eq!(
            got.published_at.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-20T08:00:00+00:00")
        );
        let given = Metadata {
            title: Some("Mine".into()),
            url: Some("https://example.com/a".into()),
            ..Default::default()
        };
        let got = prepare(given, page, Format::Html).unwrap();
        assert_eq!(got.title.as_deref(), Some("Mine"));
        assert_eq!(got.url.as_deref(), Some("https://example.com/a"));
        // A canonical URL that would not pass the checks is ignored.
        let bad = page.replace("https://news.example.org/2026/vote", "ftp://x.org/a");
        assert_eq!(
            prepare(Metadata::default(), &bad, Format::Html)
                .unwrap()
                .url,
            None
        );
    }
}
