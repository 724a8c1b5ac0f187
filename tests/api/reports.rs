use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

/// City hall with [0] approved as mostly false with evidence, [2] proposed
/// as true, [3] dismissed as not a claim, [1] untouched.
async fn reviewed_city(app: &TestApp) -> (Uuid, Vec<Uuid>, String) {
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (article, c) = city_article(app).await;
    for &id in &[c[0], c[2]] {
        app.patch_ok(id, &checker, json!({"status": "in_progress"}))
            .await;
    }
    app.patch_ok(
        c[0],
        &checker,
        json!({"status": "verdict_proposed", "verdict": "mostly_false", "verdict_note": "Rate was 4.6%"}),
    )
    .await;
    app.patch_ok(c[0], &editor, json!({"status": "approved"}))
        .await;
    app.patch_ok(
        c[2],
        &checker,
        json!({"status": "verdict_proposed", "verdict": "true"}),
    )
    .await;
    app.patch_ok(c[3], &editor, json!({"not_a_claim": true}))
        .await;
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{}/evidence", c[0]),
            &checker,
            &json!({"url": "https://stats.example.org/labour/2025", "title": "Labour survey",
                    "publisher": "Statistics Office", "stance": "refutes"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let (_, viewer) = app.login_as(Role::Viewer).await;
    (article, c, viewer)
}

async fn report(app: &TestApp, article: Uuid, format: &str, token: &str) -> reqwest::Response {
    app.get(
        &format!("/api/v1/articles/{article}/report?format={format}"),
        token,
    )
    .await
}

#[tokio::test]
async fn json_report_lists_reviewed_claims_with_evidence() {
    let app = spawn_app().await;
    let (article, c, viewer) = reviewed_city(&app).await;
    let resp = app
        .get(&format!("/api/v1/articles/{article}/report"), &viewer)
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/json");
    assert_eq!(resp.headers()["cache-control"], "no-store");
    assert_eq!(
        resp.headers()["content-disposition"],
        "attachment; filename=\"city-hall-report.json\""
    );
    let r: Value = resp.json().await.unwrap();
    assert_eq!(r["article"]["title"], "City hall");
    assert_eq!(r["summary"]["claims"], 3);
    assert_eq!(r["summary"]["dismissed"], 1);
    assert_eq!(
        r["summary"]["by_status"],
        json!({"approved": 1, "unreviewed": 1, "verdict_proposed": 1})
    );
    assert_eq!(
        r["summary"]["approved_verdicts"],
        json!({"mostly_false": 1})
    );
    let claims = r["claims"].as_array().unwrap();
    let ids: Vec<&str> = claims.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [c[0].to_string(), c[1].to_string(), c[2].to_string()],
        "reading order, dismissed left out"
    );
    assert_eq!(claims[0]["verdict"], "mostly_false");
    assert_eq!(claims[0]["verdict_note"], "Rate was 4.6%");
    assert_eq!(claims[0]["speaker"], "Ann Lee");
    assert_eq!(claims[0]["evidence"][0]["stance"], "refutes");
    assert_eq!(claims[0]["evidence"][0]["publisher"], "Statistics Office");
    assert_eq!(claims[2]["status"], "verdict_proposed");
    assert_eq!(claims[2]["verdict"], "true", "awaiting approval");
    assert_eq!(claims[2]["number"], 3, "the review screen's number");
    assert_eq!(r["summary"]["found"], 4);
    assert_eq!(r["summary"]["left_out"], 0);
    assert_eq!(r["provenance"]["include"], "all");
    assert_eq!(
        r["provenance"]["extractor_version"],
        claimdesk::extract::EXTRACTOR_VERSION
    );
    assert!(
        r["provenance"]["generated_by"]
            .as_str()
            .unwrap()
            .contains('@')
    );

    // Sent back, the proposal is withdrawn: no verdict is reported for it.
    let (_, editor) = app.login_as(Role::Editor).await;
    app.patch_ok(c[2], &editor, json!({"status": "in_progress"}))
        .await;
    let r: Value = report(&app, article, "json", &viewer)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["claims"][2]["status"], "in_progress");
    assert!(r["claims"][2]["verdict"].is_null(), "{:#}", r["claims"][2]);
    let md = report(&app, article, "markdown&include=all", &viewer)
        .await
        .text()
        .await
        .unwrap();
    assert!(!md.contains("(proposed"), "{md}");

    // Approved only: the others are left out, and the counts say so.
    let r: Value = report(&app, article, "json&include=approved", &viewer)
        .await
        .json()
        .await
        .unwrap();
    let s = &r["summary"];
    assert_eq!(r["claims"].as_array().unwrap().len(), 1);
    assert_eq!(
        (
            s["found"].as_u64(),
            s["dismissed"].as_u64(),
            s["left_out"].as_u64(),
            s["claims"].as_u64()
        ),
        (Some(4), Some(1), Some(2), Some(1))
    );
    assert_eq!(r["claims"][0]["number"], 1);
    let resp = report(&app, article, "json&include=some", &viewer).await;
    assert_error(resp, 422, "invalid_format").await;
}

#[tokio::test]
async fn claimreview_publishes_approved_verdicts_only() {
    let app = spawn_app_with(|s| {
        s.report.publisher = "City Desk".into();
        s.report.publisher_url = "https://desk.example.org/".into();
        s.report.review_url = "https://desk.example.org/checks/{claim_id}".into();
    })
    .await;
    let (article, c, viewer) = reviewed_city(&app).await;
    let resp = report(&app, article, "claimreview", &viewer).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/ld+json");
    let v: Value = resp.json().await.unwrap();
    let graph = v["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), 1, "{v:#}");
    let g = &graph[0];
    assert_eq!(g["@type"], "ClaimReview");
    assert_eq!(g["identifier"], c[0].to_string());
    assert_eq!(
        g["url"],
        format!("https://desk.example.org/checks/{}", c[0])
    );
    assert_eq!(
        g["claimReviewed"],
        "Unemployment fell to 4 percent last year"
    );
    assert_eq!(
        g["author"],
        json!({"@type": "Organization", "name": "City Desk", "url": "https://desk.example.org/"})
    );
    // The default scale: mostly_false is 4th of 8, best first; a rating
    // reads higher as better, so it is 5 of 8.
    assert_eq!(
        g["reviewRating"],
        json!({"@type": "Rating", "ratingValue": 5, "bestRating": 8, "worstRating": 1, "alternateName": "Mostly false"})
    );
    assert_eq!(g["itemReviewed"]["author"]["name"], "Ann Lee");
    assert_eq!(g["itemReviewed"]["appearance"]["headline"], "City hall");
}

#[tokio::test]
async fn csv_markdown_and_html_reports() {
    let app = spawn_app().await;
    let (article, _, viewer) = reviewed_city(&app).await;

    let resp = report(&app, article, "csv", &viewer).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/csv; charset=utf-8");
    let body = resp.text().await.unwrap();
    let mut rd = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("verdict")], "mostly_false");
    assert_eq!(&rows[0][col("evidence_count")], "1");
    assert_eq!(
        &rows[1][col("content")],
        "The city built 1,200 new homes in 2025."
    );

    let resp = report(&app, article, "md&include=reviewed", &viewer).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"],
        "text/markdown; charset=utf-8"
    );
    assert!(
        resp.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .ends_with("city-hall-report.md\"")
    );
    let md = resp.text().await.unwrap();
    assert!(md.starts_with("# Verification report: City hall\n"), "{md}");
    assert!(md.contains("## 1\\. Ann Lee: **Mostly false**"), "{md}");
    assert!(
        md.contains("## 3\\. Bo Diaz: True (proposed, awaiting approval)"),
        "{md}"
    );
    assert!(
        !md.contains("## 2\\."),
        "unreviewed claims are left out: {md}"
    );
    assert!(
        md.contains("[Labour survey](<https://stats.example.org/labour/2025>)"),
        "{md}"
    );

    let resp = report(&app, article, "html", &viewer).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/html; charset=utf-8");
    assert!(
        resp.headers().get("content-disposition").is_none(),
        "shown, not downloaded"
    );
    let csp = resp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    let html = resp.text().await.unwrap();
    assert!(html.contains("<h1>City hall</h1>"));
    assert!(html.contains("Mostly false</span>"));
    assert!(!html.contains("<script"));
}

#[tokio::test]
async fn report_errors_are_json() {
    let app = spawn_app().await;
    let (article, _, viewer) = reviewed_city(&app).await;
    let body = assert_error(
        report(&app, article, "pdf", &viewer).await,
        422,
        "invalid_format",
    )
    .await;
    assert_eq!(
        body["allowed"],
        json!(["json", "csv", "markdown", "html", "claimreview", "jsonl"])
    );
    assert_error(
        report(&app, Uuid::now_v7(), "json", &viewer).await,
        404,
        "not_found",
    )
    .await;
    let resp = app
        .request(
            Method::GET,
            &format!("/api/v1/articles/{article}/report"),
            None,
        )
        .send()
        .await
        .unwrap();
    assert_error(resp, 401, "unauthenticated").await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let resp = app
        .request(
            Method::DELETE,
            &format!("/api/v1/articles/{article}"),
            Some(&editor),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert_error(
        report(&app, article, "json", &viewer).await,
        404,
        "not_found",
    )
    .await;
}

/// `claimdesk report` prints the same report from the shell.
#[tokio::test]
async fn the_cli_prints_and_saves_reports() {
    let app = spawn_app().await;
    let (article, c, _) = reviewed_city(&app).await;
    let run = |args: Vec<String>| {
        let url = app.database_url.clone();
        async move {
            tokio::task::spawn_blocking(move || {
                std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
                    .args(&args)
                    .env("DATABASE_URL", url)
                    .env("CLAIMDESK_LOG", "warn")
                    .output()
                    .unwrap()
            })
            .await
            .unwrap()
        }
    };
    let out = run(vec![
        "report".into(),
        article.to_string(),
        "-f".into(),
        "md".into(),
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("# Verification report: City hall\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("## 1\\. Ann Lee: **Mostly false**"),
        "{stdout}"
    );

    let file = std::env::temp_dir().join(format!("claimdesk-report-{}.jsonld", Uuid::now_v7()));
    let out = run(vec![
        "report".into(),
        article.to_string(),
        "--format".into(),
        "claimreview".into(),
        "--out".into(),
        file.display().to_string(),
    ])
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    std::fs::remove_file(&file).unwrap();
    assert_eq!(v["@graph"][0]["identifier"], c[0].to_string());

    let missing = Uuid::now_v7();
    let out = run(vec!["report".into(), missing.to_string()]).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("no article {missing}")),
        "{stderr}"
    );
    let out = run(vec![
        "report".into(),
        article.to_string(),
        "-f".into(),
        "pdf".into(),
    ])
    .await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("use one of json, csv, markdown, html, claimreview"),
        "{stderr}"
    );
}

/// A report of a selection: every filter of the claims list chooses, the
/// claims keep their numbers in their articles, the filters are stated.
#[tokio::test]
async fn a_selection_report_holds_exactly_the_filtered_claims() {
    let app = spawn_app().await;
    let (article, c, viewer) = reviewed_city(&app).await;
    let text = "Ann Lee said the port handled a record 4 million containers.";
    let (other, more) = crate::fixtures::article(
        &app,
        "Port news",
        text,
        &[said(
            text,
            "Ann Lee",
            "Ann Lee",
            "said",
            "the port handled a record 4 million containers",
        )],
    )
    .await;
    let get = |q: &str| {
        let url = format!("/api/v1/reports?{q}");
        let (app, viewer) = (&app, &viewer);
        async move { app.get(&url, viewer).await }
    };
    let r: Value = get("speaker=ann%20lee&include=all")
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [c[0].to_string(), more[0].to_string()],
        "both of Ann Lee's claims, by article"
    );
    assert_eq!(r["claims"][0]["number"], 1);
    assert_eq!(
        r["claims"][1]["number"], 1,
        "numbered within its own article"
    );
    assert_eq!(r["articles"].as_array().unwrap().len(), 2);
    assert!(
        r.get("article").is_none(),
        "a selection has no single article"
    );
    assert_eq!(r["scope"]["filters"]["speaker"], "ann lee");
    assert!(
        r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["article_id"] == json!(article) || c["article_id"] == json!(other))
    );

    // Publication formats hold approved verdicts by default.
    let md = get("speaker=Ann%20Lee&format=markdown")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        md.contains("# Verification report: claims where speaker = Ann Lee"),
        "{md}"
    );
    assert!(md.contains("1 listed: 1 approved"), "{md}");
    let csv_text = get("status=verdict_proposed&format=csv")
        .await
        .text()
        .await
        .unwrap();
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], c[2].to_string());

    let resp = get("stauts=approved").await;
    assert_error(resp, 422, "invalid_query").await;
    let resp = get("status=done").await;
    assert_error(resp, 422, "invalid_status").await;
    let page: Value = get("limit=1").await.json().await.unwrap();
    assert!(page["claims"].is_array(), "{page:#}");
    assert_eq!(
        page["claims"].as_array().unwrap().len(),
        1,
        "limit pages the selection"
    );
}

/// JSON Lines and CSV of a selection stream page by page (here three claims
/// a page): every filtered claim once, numbered as on the review screen,
/// the report line first and the `end` line last with the count.
#[tokio::test]
async fn large_selections_stream_every_claim_once_in_jsonl_and_csv() {
    let app = spawn_app_with(|s| s.report.stream_page = 3).await;
    let (_, c, viewer) = reviewed_city(&app).await;
    let text = "Crime fell by a third. Rents rose twice as fast. Arrests doubled in May. The bridge opened in June.";
    let sentences = [
        "Crime fell by a third.",
        "Rents rose twice as fast.",
        "Arrests doubled in May.",
        "The bridge opened in June.",
    ];
    let (_, more) = crate::fixtures::article(
        &app,
        "Second city",
        text,
        &sentences.map(|s| stated(text, s, 0.5)),
    )
    .await;
    let listed: Value = app
        .get("/api/v1/claims?limit=200", &viewer)
        .await
        .json()
        .await
        .unwrap();
    let mut want: Vec<String> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["not_a_claim"] == false)
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    want.sort();
    assert!(want.len() > 6, "more than two pages: {}", want.len());
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["article_title"] == "City hall" || c["article_title"] == "Second city"),
        "each list item names its article: {listed:#}"
    );
    assert!(!more.is_empty());

    let resp = app.get("/api/v1/reports?format=jsonl", &viewer).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/x-ndjson");
    let text = resp.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["record"], "report");
    assert_eq!(lines[0]["provenance"]["include"], "all");
    let end = lines.last().unwrap();
    assert_eq!(end["record"], "end");
    let claims: Vec<&Value> = lines.iter().filter(|l| l["record"] == "claim").collect();
    assert_eq!(end["claims"], claims.len());
    let mut got: Vec<String> = claims
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    got.sort();
    assert_eq!(got, want, "each listed claim once, dismissed ones left out");
    let first = claims
        .iter()
        .find(|l| l["id"] == json!(c[0]))
        .expect("the approved claim");
    assert_eq!(first["number"], 1);
    assert_eq!(first["verdict"], "mostly_false");
    assert_eq!(first["article_title"], "City hall");

    // The same selection as CSV, and a filter narrowing it.
    let csv_text = app
        .get("/api/v1/reports?format=csv&include=reviewed", &viewer)
        .await
        .text()
        .await
        .unwrap();
    let mut rd = csv::Reader::from_reader(csv_text.as_bytes());
    let ids: Vec<String> = rd.records().map(|r| r.unwrap()[1].to_owned()).collect();
    assert_eq!(ids.len(), 2, "approved and proposed only: {ids:?}");
    assert!(ids.contains(&c[0].to_string()) && ids.contains(&c[2].to_string()));
    assert_eq!(
        csv_text.matches("number,claim_id").count(),
        1,
        "one header row"
    );
    let text = app
        .get("/api/v1/reports?format=jsonl&speaker=Bo%20Diaz", &viewer)
        .await
        .text()
        .await
        .unwrap();
    let n = text
        .lines()
        .filter(|l| l.contains("\"record\":\"claim\""))
        .count();
    let end: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(end["claims"], n);
    assert_eq!(end["summary"]["claims"], n);
    assert_eq!(
        end["extractor_versions"],
        json!([claimdesk::extract::EXTRACTOR_VERSION])
    );

    // Markdown streams too, its counts closing the report and adding up.
    let md = app
        .get("/api/v1/reports?format=markdown&include=all", &viewer)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(md.matches("# Verification report:").count(), 1, "{md}");
    assert_eq!(
        md.matches("\n## ").count(),
        want.len() + 1,
        "one section per claim, then the counts: {md}"
    );
    let counts = md.split("## Counts\n\n").nth(1).expect("counts at the end");
    assert!(
        counts.contains(&format!("; {} listed", want.len()))
            && counts.contains("1 dismissed as not a claim"),
        "{counts}"
    );

    // A bad filter is still a JSON error, before anything streams.
    let resp = app
        .get("/api/v1/reports?format=jsonl&status=done", &viewer)
        .await;
    assert_error(resp, 422, "invalid_status").await;
}
