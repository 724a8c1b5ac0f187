//! Articles with hand-built claims (the extractor is not needed to test the
//! workbench), and shortcuts for claim requests.

use crate::helpers::TestApp;
use claimdesk::extract::{Claim, ClaimKind, Pieces, Span};
use claimdesk::store::articles::{self, ArticleInput};
use claimdesk::store::schema::claims;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use reqwest::{Method, Response};
use serde_json::Value;
use uuid::Uuid;

/// The span of the first `needle` in `body`, in code points.
pub fn span_of(body: &str, needle: &str) -> Span {
    let byte = body
        .find(needle)
        .unwrap_or_else(|| panic!("'{needle}' is not in the body"));
    let start = body[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
        text: needle.to_owned(),
    }
}

/// An attributed claim: `source` `cue` `content`, all found in `body`.
pub fn said(body: &str, source: &str, speaker: &str, cue: &str, content: &str) -> Claim {
    Claim {
        kind: ClaimKind::Indirect,
        source: Some(span_of(body, source)),
        speaker: Some(speaker.to_owned()),
        speaker_type: Some(claimdesk::extract::SpeakerType::Person),
        speaker_resolved: true,
        cue: Some(span_of(body, cue)),
        content: Pieces::single(span_of(body, content)),
        checkworthiness: 0.8,
    }
}

/// An assertion in the article's own voice.
pub fn stated(body: &str, content: &str, checkworthiness: f32) -> Claim {
    Claim {
        kind: ClaimKind::Unattributed,
        source: None,
        speaker: None,
        speaker_type: None,
        speaker_resolved: true,
        cue: None,
        content: Pieces::single(span_of(body, content)),
        checkworthiness,
    }
}

/// Stores an article with `claims`; returns its id and the claim ids in
/// the order given.
pub async fn article(
    app: &TestApp,
    title: &str,
    body: &str,
    claims: &[Claim],
) -> (Uuid, Vec<Uuid>) {
    let mut conn = app.db().await;
    let input = ArticleInput {
        title: Some(title.to_owned()),
        body: body.to_owned(),
        ..Default::default()
    };
    let ingested = articles::ingest(&mut conn, &input, claims, None)
        .await
        .unwrap();
    assert!(ingested.created, "fixture bodies must differ");
    let ids: Vec<Uuid> = claims::table
        .filter(claims::article_id.eq(ingested.article.id))
        .order(claims::ordinal.asc())
        .select(claims::id)
        .load(&mut conn)
        .await
        .unwrap();
    (ingested.article.id.into(), ids)
}

pub const BODY: &str = "Mayor Ann Lee said unemployment fell to 4 percent last year. \
The city built 1,200 new homes in 2025. \
Councillor Bo Diaz claimed that crime doubled since the election. \
Lee added that the budget is balanced.";

/// One article with four claims: [0] Ann Lee on unemployment, [1] an
/// unattributed housing figure, [2] Bo Diaz on crime, [3] Ann Lee on the budget.
pub async fn city_article(app: &TestApp) -> (Uuid, Vec<Uuid>) {
    let claims = [
        said(
            BODY,
            "Mayor Ann Lee",
            "Ann Lee",
            "said",
            "unemployment fell to 4 percent last year",
        ),
        stated(BODY, "The city built 1,200 new homes in 2025.", 0.6),
        said(
            BODY,
            "Councillor Bo Diaz",
            "Bo Diaz",
            "claimed",
            "crime doubled since the election",
        ),
        said(BODY, "Lee", "Ann Lee", "added", "the budget is balanced"),
    ];
    article(app, "City hall", BODY, &claims).await
}

impl TestApp {
    pub async fn claim(&self, id: Uuid, token: &str) -> Value {
        let resp = self.get(&format!("/api/v1/claims/{id}"), token).await;
        assert_eq!(resp.status(), 200);
        resp.json().await.unwrap()
    }

    /// PATCHes a claim with its current version in the body.
    pub async fn patch_claim(&self, id: Uuid, token: &str, mut body: Value) -> Response {
        if body.get("version").is_none() {
            let version = self.claim(id, token).await["version"].clone();
            body["version"] = version;
        }
        self.send_json(Method::PATCH, &format!("/api/v1/claims/{id}"), token, &body)
            .await
    }

    /// PATCH that must succeed; returns the claim.
    pub async fn patch_ok(&self, id: Uuid, token: &str, body: Value) -> Value {
        let resp = self.patch_claim(id, token, body).await;
        let status = resp.status();
        let json: Value = resp.json().await.unwrap();
        assert_eq!(status, 200, "{json}");
        json
    }

    pub async fn history(&self, id: Uuid, token: &str) -> Vec<Value> {
        let resp = self
            .get(&format!("/api/v1/claims/{id}/history"), token)
            .await;
        assert_eq!(resp.status(), 200);
        let page: Value = resp.json().await.unwrap();
        assert!(
            page["next_cursor"].is_null(),
            "one page holds a test's history"
        );
        page["items"].as_array().unwrap().clone()
    }

    pub async fn list_claims(&self, query: &str, token: &str) -> Value {
        let resp = self.get(&format!("/api/v1/claims{query}"), token).await;
        let status = resp.status();
        let json: Value = resp.json().await.unwrap();
        assert_eq!(status, 200, "{json}");
        json
    }
}

/// The ids of a page's items.
pub fn ids(page: &Value) -> Vec<Uuid> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().parse().unwrap())
        .collect()
}
