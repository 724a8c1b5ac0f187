//! Report contents and counts, rendered from a sample with every case.
use super::*;
use chrono::TimeZone;
use serde_json::json;

pub fn scale() -> Vec<VerdictLabel> {
    ["true", "mostly_true", "mixed", "false"]
        .iter()
        .enumerate()
        .map(|(i, l)| VerdictLabel {
            label: l.to_string(),
            ordinal: i as i32 + 1,
            colour: "#000".into(),
        })
        .collect()
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).unwrap()
}

fn claim(article: ArticleId, n: i32, content: &str) -> ClaimRow {
    ClaimRow {
        id: ClaimId::new(),
        article_id: article,
        ordinal: n,
        kind: ClaimKind::Indirect,
        origin: crate::review::Origin::Extracted,
        source_start: Some(0),
        source_end: Some(5),
        source_text: Some("The mayor".into()),
        cue_start: Some(6),
        cue_end: Some(10),
        cue_text: Some("said".into()),
        content_start: 11,
        content_end: 20,
        content_text: content.into(),
        content_pieces: json!([]),
        speaker: Some("Ana Ruiz".into()),
        speaker_type: Some("person".into()),
        speaker_resolved: true,
        checkworthiness: 0.7,
        status: Status::Unreviewed,
        verdict: None,
        verdict_note: None,
        proposed_by: None,
        verdict_by: None,
        not_a_claim: false,
        assignee_id: None,
        version: 1,
        created_at: at(),
        updated_at: at(),
        extraction_corrected: false,
    }
}

/// An article with an approved, a proposed, a fresh and a dismissed claim,
/// whose texts hold every character the formats must escape.
pub fn sample() -> Report {
    let article = Article {
        id: ArticleId::new(),
        title: Some("Bridge <b>costs</b> & \"delays\"".into()),
        url: Some("https://news.example.org/bridge?a=1&b=2".into()),
        outlet: Some("Example News".into()),
        published_at: Some(at()),
        body: String::new(),
        body_sha256: String::new(),
        language: "en".into(),
        extractor_version: 4,
        created_by: None,
        created_at: at(),
        updated_at: at(),
        deleted_at: None,
    };
    let mut a = claim(
        article.id,
        1,
        "the bridge cost $4 million, \"twice\" the *plan*",
    );
    a.status = Status::Approved;
    a.verdict = Some("mostly_false".into());
    a.verdict_note = Some("Audit: $3.1m | not $4m".into());
    let mut b = claim(article.id, 2, "=HYPERLINK(\"http://evil\")");
    b.status = Status::VerdictProposed;
    b.verdict = Some("true".into());
    let mut c = claim(article.id, 3, "</script><script>alert(1)</script>");
    c.kind = ClaimKind::Unattributed;
    c.source_text = None;
    c.cue_text = None;
    c.speaker = None;
    let mut d = claim(article.id, 4, "Must read");
    d.not_a_claim = true;
    let ev = Evidence {
        id: crate::review::EvidenceId::new(),
        claim_id: a.id,
        url: "https://audit.example.gov/report (final).pdf".into(),
        title: Some("City audit [2026]".into()),
        publisher: Some("Audit office".into()),
        excerpt: Some("Total: $3.1m".into()),
        stance: Stance::Refutes,
        added_by: crate::review::UserId::new(),
        added_at: at(),
        updated_at: at(),
        version: 1,
    };
    let mut scale = scale();
    scale.push(VerdictLabel {
        label: "mostly_false".into(),
        ordinal: 5,
        colour: "#000".into(),
    });
    Report::new(
        &article,
        &[a, b, c, d],
        &[ev],
        Publisher {
            name: "Desk & Co".into(),
            url: Some("https://desk.example.org/".into()),
            review_url: Some("https://desk.example.org/checks/{claim_id}?a={article_id}".into()),
        },
        &scale,
        at(),
        Provenance {
            generated_by: "Ann Editor".into(),
            include: Include::All,
            extractor_version: 4,
        },
    )
}

fn with_include(include: Include) -> Report {
    let r = sample();
    // Rebuild from the same rows: the sample's claims are a (approved),
    // b (proposed), c (unreviewed), d (dismissed).
    let mut claims: Vec<ClaimRow> = Vec::new();
    let article = ArticleId::new();
    for (i, status) in [
        Status::Approved,
        Status::VerdictProposed,
        Status::InProgress,
        Status::Unreviewed,
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = claim(article, i as i32, &format!("that claim {i} holds"));
        c.status = status;
        c.verdict = Some("false".into());
        claims.push(c);
    }
    claims[3].not_a_claim = true;
    let art = Article {
        id: article,
        title: Some("T".into()),
        url: None,
        outlet: None,
        published_at: None,
        body: "x".into(),
        body_sha256: "x".into(),
        language: "en".into(),
        extractor_version: 4,
        created_by: None,
        created_at: at(),
        updated_at: at(),
        deleted_at: None,
    };
    Report::new(
        &art,
        &claims,
        &[],
        r.publisher.clone(),
        &r.verdict_scale,
        at(),
        Provenance {
            generated_by: "cli".into(),
            include,
            extractor_version: 4,
        },
    )
}

#[test]
fn a_verdict_shows_only_approved_or_awaiting_approval() {
    let r = with_include(Include::All);
    let verdicts: Vec<Option<&str>> = r.claims.iter().map(|c| c.verdict.as_deref()).collect();
    assert_eq!(
        verdicts,
        [Some("false"), Some("false"), None],
        "the sent-back draft is hidden"
    );
    let md = r.render(Format::Markdown).unwrap();
    assert!(md.contains("(proposed, awaiting approval)"), "{md}");
    assert_eq!(md.matches("(proposed").count(), 1, "{md}");
}

#[test]
fn include_chooses_by_status_and_counts_add_up() {
    for (include, listed) in [
        (Include::Approved, 1),
        (Include::Reviewed, 2),
        (Include::All, 3),
    ] {
        let r = with_include(include);
        let s = &r.summary;
        assert_eq!(s.claims, listed, "{include:?}");
        assert_eq!(s.found, s.dismissed + s.left_out + s.claims);
        assert_eq!(s.by_status.values().sum::<usize>(), s.claims);
        assert_eq!(s.found, 4);
        // Numbers are positions among all the article's claims.
        let numbers: Vec<usize> = r.claims.iter().map(|c| c.number).collect();
        assert_eq!(numbers, (1..=listed).collect::<Vec<_>>());
    }
    let r = with_include(Include::Approved);
    assert_eq!(
        r.summary_line(),
        "4 claims found; 1 dismissed as not a claim; 2 left out (this report holds approved verdicts only); 1 listed: 1 approved."
    );
    assert!(
        r.render(Format::Html)
            .unwrap()
            .contains("holds approved verdicts only")
    );
}

#[test]
fn the_claim_reads_as_a_sentence() {
    let r = with_include(Include::All);
    assert_eq!(r.claims[0].claim_sentence(), "Claim 0 holds");
}

#[test]
fn dismissed_claims_are_counted_not_listed() {
    let r = sample();
    assert_eq!(r.claims.len(), 3);
    assert_eq!(r.summary.claims, 3);
    assert_eq!(r.summary.dismissed, 1);
    assert_eq!(r.claims[2].number, 3);
    assert_eq!(r.summary.approved_verdicts.get("mostly_false"), Some(&1));
    assert_eq!(
        r.summary.approved_verdicts.get("true"),
        None,
        "proposed only"
    );
    assert_eq!(r.claims[0].evidence.len(), 1);
    assert!(r.claims[1].evidence.is_empty());
}

#[test]
fn formats_parse_by_name_and_alias() {
    for n in Format::NAMES {
        assert!(Format::parse(n).is_some(), "{n}");
    }
    assert_eq!(Format::parse("MD"), Some(Format::Markdown));
    assert_eq!(Format::parse("json-ld"), Some(Format::ClaimReview));
    assert_eq!(Format::parse("pdf"), None);
}

#[test]
fn file_names_come_from_the_title() {
    let r = sample();
    assert_eq!(
        r.file_name(Format::Csv),
        "bridge-b-costs-b-delays-report.csv"
    );
    let mut untitled = r.clone();
    untitled.article.as_mut().unwrap().title = Some("¿¡".into());
    assert_eq!(
        untitled.file_name(Format::Markdown),
        format!("{}-report.md", r.article.as_ref().unwrap().id)
    );
}

#[test]
fn verdict_names_read_as_words() {
    assert_eq!(Report::verdict_name("mostly_true"), "Mostly true");
    assert_eq!(Report::verdict_name(""), "");
}

#[test]
fn summary_line_counts_by_status() {
    assert_eq!(
        sample().summary_line(),
        "4 claims found; 1 dismissed as not a claim; 3 listed: 1 approved, 1 unreviewed, 1 verdict proposed."
    );
}

/// ClaimReview's author takes the speaker's stored type; an unresolved
/// person ("she") is left out rather than printed as a name.
#[test]
fn claimreview_authors_are_typed_and_never_a_pronoun() {
    let mut r = sample();
    let approved = r
        .claims
        .iter()
        .position(|c| c.verdict.is_some() && c.status == Status::Approved)
        .unwrap();
    let author =
        |r: &Report| super::claimreview::render(r)["@graph"][0]["itemReviewed"]["author"].clone();
    r.claims[approved].speaker = Some("Harbor Residents".into());
    r.claims[approved].speaker_type = Some("group".into());
    assert_eq!(author(&r)["@type"], "Organization");
    r.claims[approved].speaker = Some("Ana Ruiz".into());
    r.claims[approved].speaker_type = Some("person".into());
    assert_eq!(author(&r)["@type"], "Person");
    r.claims[approved].speaker = Some("she".into());
    r.claims[approved].speaker_resolved = false;
    assert!(author(&r).is_null(), "{}", author(&r));
}
