use crate::fixtures::ids;
use crate::helpers::*;
use claimdesk::extract::{Claim, ClaimKind, Pieces, Span};
use claimdesk::store::claims::NewClaim;
use claimdesk::store::schema::{claim_events, claims, comments};
use claimdesk::store::users::Role;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use uuid::Uuid;

const BODY: &str = "The mayor said the harbour tunnel will open in March. Critics disagree.";

async fn ingest_json(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.send_json(Method::POST, "/api/v1/articles", token, body)
        .await
}

async fn ingest_ok(app: &TestApp, token: &str, body: &Value) -> Uuid {
    let resp = ingest_json(app, token, body).await;
    assert_eq!(resp.status(), 201);
    let v: Value = resp.json().await.unwrap();
    v["article"]["id"].as_str().unwrap().parse().unwrap()
}

async fn upload(app: &TestApp, token: &str, form: Form) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/articles", Some(token))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn json_ingest_stores_the_article_and_the_same_body_twice_is_200_with_the_same_id() {
    let app = spawn_app().await;
    let (user, token) = app.login_as(Role::Checker).await;
    let article = json!({"title": "Tunnel", "url": "https://news.example/tunnel", "outlet": "Harbour Post",
                         "published_at": "2026-11-20T08:00:00+01:00", "body": BODY});
    let resp = ingest_json(&app, &token, &article).await;
    assert_eq!(resp.status(), 201);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let first: Value = resp.json().await.unwrap();
    assert_eq!(first["created"], true);
    let id = first["article"]["id"].as_str().unwrap();
    assert_eq!(location, format!("/api/v1/articles/{id}"));
    assert_eq!(first["article"]["created_by"], json!(user.id));
    assert_eq!(first["article"]["published_at"], "2026-11-20T07:00:00Z");

    let resp = ingest_json(
        &app,
        &token,
        &json!({"body": BODY, "title": "Another title"}),
    )
    .await;
    assert_eq!(resp.status(), 200);
    let again: Value = resp.json().await.unwrap();
    assert_eq!(again["created"], false);
    assert_eq!(again["article"]["id"], id);
    assert_eq!(
        again["article"]["title"], "Tunnel",
        "the existing article, unchanged"
    );

    let (_, viewer) = app.login_as(Role::Viewer).await;
    let got: Value = app.get(&location, &viewer).await.json().await.unwrap();
    assert_eq!(got["body"], BODY);
    assert_eq!(got["outlet"], "Harbour Post");
    // The claims are the extractor's, stored in its order.
    let expected: Vec<String> = claimdesk::extract::extract(BODY)
        .iter()
        .map(|c| c.content.text())
        .collect();
    let stored: Vec<&str> = got["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["content_text"].as_str().unwrap())
        .collect();
    assert_eq!(stored, expected);
}

#[tokio::test]
async fn viewers_cannot_ingest_and_bad_inputs_are_refused_clearly() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    assert_error(
        ingest_json(&app, &viewer, &json!({"body": BODY})).await,
        403,
        "forbidden",
    )
    .await;
    let (_, token) = app.login_as(Role::Editor).await;
    assert_error(
        ingest_json(&app, &token, &json!({"body": " \n\t "})).await,
        422,
        "empty_body",
    )
    .await;
    let html_chrome_only = json!({"body": "<nav>Home</nav><script>x()</script>", "format": "html"});
    assert_error(
        ingest_json(&app, &token, &html_chrome_only).await,
        422,
        "empty_body",
    )
    .await;
    for url in ["ftp://example.org/a", "javascript:alert(1)", "not a url"] {
        let b = assert_error(
            ingest_json(&app, &token, &json!({"body": BODY, "url": url})).await,
            422,
            "invalid_url",
        )
        .await;
        assert!(b["message"].as_str().unwrap().contains(url), "{b}");
    }
    let resp = ingest_json(
        &app,
        &token,
        &json!({"body": BODY, "published_at": "20/11/2026"}),
    )
    .await;
    assert_error(resp, 422, "invalid_published_at").await;
    assert_error(
        ingest_json(&app, &token, &json!({"text": BODY})).await,
        422,
        "invalid_body",
    )
    .await;
    let resp = app
        .request(Method::POST, "/api/v1/articles", Some(&token))
        .header("content-type", "text/plain")
        .body(BODY)
        .send()
        .await
        .unwrap();
    assert_error(resp, 415, "unsupported_media_type").await;
    let mut conn = app.db().await;
    assert_eq!(
        claimdesk::store::articles::count_live(&mut conn)
            .await
            .unwrap(),
        0,
        "nothing stored"
    );
}

#[tokio::test]
async fn an_html_upload_is_stored_as_its_readable_text() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let html = "<html><head><title>Tunnel opens</title><style>p{color:red}</style></head><body>\
        <nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>\
        <article><h1>Tunnel opens</h1><p>The mayor said the tunnel\n   opens in March.</p>\
        <script>track()</script><p>Critics disagree.</p></article><footer>Contact us</footer></body></html>";
    let form = Form::new()
        .part(
            "file",
            Part::bytes(html.as_bytes().to_vec())
                .file_name("tunnel.HTML")
                .mime_str("text/html")
                .unwrap(),
        )
        .text("outlet", "Harbour Post");
    let resp = upload(&app, &token, form).await;
    assert_eq!(resp.status(), 201);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["article"]["title"], "Tunnel opens", "from <title>");
    assert_eq!(v["article"]["outlet"], "Harbour Post");
    let got: Value = app
        .get(
            &format!("/api/v1/articles/{}", v["article"]["id"].as_str().unwrap()),
            &token,
        )
        .await
        .json()
        .await
        .unwrap();
    // The headline is the title, not body; navigation, script and footer go.
    assert_eq!(
        got["body"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        "The mayor said the tunnel opens in March. Critics disagree."
            .split(' ')
            .collect::<Vec<_>>()
    );

    // A .txt upload with the same text as a JSON body dedupes against it.
    let form = Form::new().part(
        "file",
        Part::bytes(b"Plain words.\r\n".to_vec()).file_name("a.txt"),
    );
    let first: Value = upload(&app, &token, form).await.json().await.unwrap();
    let resp = ingest_json(&app, &token, &json!({"body": "Plain words."})).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["article"]["id"],
        first["article"]["id"]
    );
}

#[tokio::test]
async fn binary_non_utf8_and_unsupported_uploads_are_refused_with_a_reason() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let latin1 = Form::new().part(
        "file",
        Part::bytes(b"Caf\xe9 society".to_vec()).file_name("old.txt"),
    );
    let b = assert_error(upload(&app, &token, latin1).await, 422, "not_text").await;
    assert!(
        b["message"]
            .as_str()
            .unwrap()
            .contains("not UTF-8 text (invalid byte at offset 3)"),
        "{b}"
    );
    let png = Form::new().part(
        "file",
        Part::bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).file_name("photo.txt"),
    );
    let b = assert_error(upload(&app, &token, png).await, 422, "not_text").await;
    assert!(b["message"].as_str().unwrap().contains("binary"), "{b}");
    let pdf = Form::new().part(
        "file",
        Part::bytes(b"%PDF-1.7".to_vec()).file_name("report.pdf"),
    );
    let b = assert_error(
        upload(&app, &token, pdf).await,
        415,
        "unsupported_media_type",
    )
    .await;
    assert!(b["message"].as_str().unwrap().contains("report.pdf"), "{b}");
    let no_file = Form::new().text("title", "Only a title");
    assert_error(upload(&app, &token, no_file).await, 422, "missing_file").await;
    let two_files = Form::new()
        .part("file", Part::bytes(b"One.".to_vec()).file_name("a.txt"))
        .part("file", Part::bytes(b"Two.".to_vec()).file_name("b.txt"));
    assert_error(upload(&app, &token, two_files).await, 422, "invalid_field").await;
    let bad_url = Form::new()
        .part("file", Part::bytes(b"Words.".to_vec()).file_name("a.md"))
        .text("url", "file:///etc/passwd");
    assert_error(upload(&app, &token, bad_url).await, 422, "invalid_url").await;
}

#[tokio::test]
async fn uploads_over_the_limit_are_413() {
    let app = spawn_app_with(|s| s.server.upload_limit = 1024).await;
    let (_, token) = app.login_as(Role::Checker).await;
    let big = "word ".repeat(400);
    let form = Form::new().part(
        "file",
        Part::bytes(big.clone().into_bytes()).file_name("big.txt"),
    );
    let b = assert_error(upload(&app, &token, form).await, 413, "payload_too_large").await;
    assert!(b["message"].as_str().unwrap().contains("1024"), "{b}");
    assert_error(
        ingest_json(&app, &token, &json!({"body": big})).await,
        413,
        "payload_too_large",
    )
    .await;
    // Just under the limit still goes in.
    let small = "word ".repeat(150);
    let form = Form::new().part(
        "file",
        Part::bytes(small.into_bytes()).file_name("small.txt"),
    );
    assert_eq!(upload(&app, &token, form).await.status(), 201);
}

#[tokio::test]
async fn the_list_pages_newest_first_and_filters_by_outlet_and_title() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let titles = [
        "100% true",
        "1000 true",
        "Budget vote",
        "budget_cuts",
        "Weather",
    ];
    let mut created = Vec::new();
    for (i, t) in titles.iter().enumerate() {
        let outlet = if i % 2 == 0 { "Post" } else { "Herald" };
        created.push(
            ingest_ok(
                &app,
                &token,
                &json!({"title": t, "outlet": outlet, "body": format!("Body {i}.")}),
            )
            .await,
        );
    }
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let page = |q: String| {
        let app = &app;
        let viewer = viewer.clone();
        async move {
            let resp = app.get(&format!("/api/v1/articles{q}"), &viewer).await;
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    let p1 = page("?limit=2".into()).await;
    assert_eq!(ids(&p1), vec![created[4], created[3]]);
    assert!(
        p1["items"][0].get("body").is_none(),
        "lists leave bodies out"
    );
    let p2 = page(format!(
        "?limit=2&after={}",
        p1["next_cursor"].as_str().unwrap()
    ))
    .await;
    assert_eq!(ids(&p2), vec![created[2], created[1]]);
    let p3 = page(format!(
        "?limit=2&after={}",
        p2["next_cursor"].as_str().unwrap()
    ))
    .await;
    assert_eq!(ids(&p3), vec![created[0]]);
    assert!(p3["next_cursor"].is_null());
    assert_eq!(ids(&page("".into()).await).len(), 5);

    assert_eq!(
        ids(&page("?outlet=Herald".into()).await),
        vec![created[3], created[1]]
    );
    // % and _ are literal characters, not wildcards.
    assert_eq!(ids(&page("?q=100%25".into()).await), vec![created[0]]);
    assert_eq!(ids(&page("?q=_".into()).await), vec![created[3]]);
    assert_eq!(
        ids(&page("?q=BUDGET".into()).await),
        vec![created[3], created[2]]
    );
    assert_eq!(
        ids(&page("?q=budget&outlet=Post".into()).await),
        vec![created[2]]
    );

    assert_error(
        app.get("/api/v1/articles?limit=0", &viewer).await,
        422,
        "invalid_limit",
    )
    .await;
    assert_error(
        app.get("/api/v1/articles?limit=201", &viewer).await,
        422,
        "invalid_limit",
    )
    .await;
    assert_error(
        app.get("/api/v1/articles?after=nope", &viewer).await,
        422,
        "invalid_cursor",
    )
    .await;
}

#[tokio::test]
async fn delete_is_for_editors_soft_recorded_and_once() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (editor_user, editor) = app.login_as(Role::Editor).await;
    let id = ingest_ok(&app, &checker, &json!({"body": BODY})).await;
    let path = format!("/api/v1/articles/{id}");
    assert_error(
        app.request(Method::DELETE, &path, Some(&checker))
            .send()
            .await
            .unwrap(),
        403,
        "forbidden",
    )
    .await;
    assert_eq!(app.get(&path, &checker).await.status(), 200);

    let resp = app
        .request(Method::DELETE, &path, Some(&editor))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let b = assert_error(app.get(&path, &checker).await, 404, "not_found").await;
    assert_eq!(b["message"], "article not found");
    assert_error(
        app.request(Method::DELETE, &path, Some(&editor))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    let list: Value = app
        .get("/api/v1/articles", &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"], json!([]));

    let mut conn = app.db().await;
    let events: Vec<(String, Option<Uuid>)> = claim_events::table
        .filter(claim_events::article_id.eq(id))
        .order(claim_events::id)
        .select((claim_events::action, claim_events::actor_id))
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        events.last().unwrap(),
        &("article_deleted".to_owned(), Some(editor_user.id))
    );
    assert_eq!(
        events.iter().filter(|e| e.0 == "article_deleted").count(),
        1
    );

    let resp = app
        .request(Method::POST, &format!("{path}/reextract"), Some(&editor))
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "not_found").await;

    // The body is free again: ingesting it anew makes a new article.
    let again = ingest_ok(&app, &checker, &json!({"body": BODY})).await;
    assert_ne!(again, id);
}

#[tokio::test]
async fn concurrent_ingests_of_one_body_make_one_article() {
    let app = spawn_app().await;
    let (_, token) = app.login_as(Role::Checker).await;
    let body = json!({"body": BODY});
    let sends: Vec<_> = (0..4).map(|_| ingest_json(&app, &token, &body)).collect();
    let mut created = 0;
    let mut ids = std::collections::HashSet::new();
    for resp in futures_util::future::join_all(sends).await {
        let status = resp.status().as_u16();
        assert!(status == 200 || status == 201, "{status}");
        created += usize::from(status == 201);
        ids.insert(resp.json::<Value>().await.unwrap()["article"]["id"].clone());
    }
    assert_eq!((created, ids.len()), (1, 1));
}

#[tokio::test]
async fn unknown_and_malformed_article_ids() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let path = format!("/api/v1/articles/{}", Uuid::now_v7());
    assert_error(app.get(&path, &editor).await, 404, "not_found").await;
    assert_error(
        app.request(Method::DELETE, &path, Some(&editor))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    let resp = app
        .request(Method::POST, &format!("{path}/reextract"), Some(&editor))
        .send()
        .await
        .unwrap();
    assert_error(resp, 404, "not_found").await;
    assert_error(
        app.get("/api/v1/articles/42", &editor).await,
        400,
        "invalid_path",
    )
    .await;
}

fn claim(start: usize, end: usize, speaker: &str) -> Claim {
    let text: String = BODY.chars().skip(start).take(end - start).collect();
    Claim {
        kind: ClaimKind::Indirect,
        source: None,
        speaker: Some(speaker.into()),
        speaker_type: None,
        speaker_resolved: true,
        cue: None,
        content: Pieces::single(Span { start, end, text }),
        checkworthiness: 0.6,
    }
}

/// Claims as an older extractor left them, straight into the database, in
/// place of the ones ingestion extracted.
async fn seed_claims(app: &TestApp, article: Uuid, claims_: &[Claim]) -> Vec<Uuid> {
    let mut conn = app.db().await;
    diesel::delete(claims::table.filter(claims::article_id.eq(article)))
        .execute(&mut conn)
        .await
        .unwrap();
    let rows: Vec<NewClaim> = claims_
        .iter()
        .enumerate()
        .map(|(i, c)| NewClaim::from_extracted(article.into(), i as i32, c))
        .collect();
    let ids = rows.iter().map(|r| r.id.uuid()).collect();
    diesel::insert_into(claims::table)
        .values(rows)
        .execute(&mut conn)
        .await
        .unwrap();
    ids
}

#[tokio::test]
async fn reextract_keeps_worked_claims_and_replaces_untouched_ones() {
    let app = spawn_app().await;
    let (checker_user, checker) = app.login_as(Role::Checker).await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let id = ingest_ok(&app, &checker, &json!({"body": BODY})).await;
    let seeded = seed_claims(
        &app,
        id,
        &[
            claim(0, 9, "Mayor"),
            claim(19, 53, "Mayor"),
            claim(54, 71, "Critics"),
        ],
    )
    .await;
    let mut conn = app.db().await;
    // Work on the second claim: a comment and a status.
    diesel::insert_into(comments::table)
        .values((
            comments::id.eq(Uuid::now_v7()),
            comments::claim_id.eq(seeded[1]),
            comments::author_id.eq(checker_user.id),
            comments::body.eq("Check the council minutes."),
        ))
        .execute(&mut conn)
        .await
        .unwrap();
    diesel::update(claims::table.find(seeded[1]))
        .set(claims::status.eq("in_progress"))
        .execute(&mut conn)
        .await
        .unwrap();

    let path = format!("/api/v1/articles/{id}/reextract");
    assert_error(
        app.request(Method::POST, &path, Some(&checker))
            .send()
            .await
            .unwrap(),
        403,
        "forbidden",
    )
    .await;
    let resp = app
        .request(Method::POST, &path, Some(&editor))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let counts: Value = resp.json().await.unwrap();
    // The untouched seeded claims give way to the extractor's; the worked one
    // stays, either kept as it was or moved onto an overlapping new claim.
    let fresh = claimdesk::extract::extract(BODY).len() as i64;
    let n = |k: &str| counts[k].as_i64().unwrap();
    assert_eq!(n("removed"), 2, "{counts}");
    assert_eq!(n("kept") + n("updated"), 1, "{counts}");
    assert_eq!(n("added"), fresh - n("updated"), "{counts}");

    let got: Value = app
        .get(&format!("/api/v1/articles/{id}"), &checker)
        .await
        .json()
        .await
        .unwrap();
    let claims_ = got["claims"].as_array().unwrap();
    assert_eq!(claims_.len() as i64, n("added") + 1);
    let worked = claims_
        .iter()
        .find(|c| c["id"] == json!(seeded[1]))
        .expect("the worked claim survives");
    assert_eq!(worked["status"], "in_progress");
    assert_eq!(worked["comment_count"], 1);
    let ordinals: Vec<i64> = claims_
        .iter()
        .map(|c| c["ordinal"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ordinals,
        (0..claims_.len() as i64).collect::<Vec<_>>(),
        "renumbered"
    );

    let actions: Vec<String> = claim_events::table
        .filter(claim_events::article_id.eq(id))
        .order(claim_events::id)
        .select(claim_events::action)
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(actions[0], "article_ingested");
    assert_eq!(actions[actions.len() - 1], "article_reextracted");
    let count = |a: &str| actions.iter().filter(|x| *x == a).count() as i64;
    assert_eq!(count("claim_removed"), 2);
    assert_eq!(count("claim_extracted"), n("added"));
}

#[tokio::test]
async fn reextract_moves_worked_claims_to_their_new_spans_and_adds_new_ones() {
    let app = spawn_app().await;
    let (checker_user, checker) = app.login_as(Role::Checker).await;
    let id = ingest_ok(&app, &checker, &json!({"body": BODY})).await;
    let seeded = seed_claims(
        &app,
        id,
        &[
            claim(0, 9, "Mayor"),
            claim(19, 50, "Mayor"),
            claim(54, 71, "Critics"),
        ],
    )
    .await;
    let mut conn = app.db().await;
    diesel::update(claims::table.find(seeded[1]))
        .set((
            claims::assignee_id.eq(checker_user.id),
            claims::verdict.eq("mostly_true"),
        ))
        .execute(&mut conn)
        .await
        .unwrap();
    // The new extractor: the untouched first claim again, the worked claim
    // with a longer span, a new claim, and the third claim gone.
    let fresh = [
        claim(0, 9, "Mayor"),
        claim(10, 18, "Mayor"),
        claim(19, 53, "Mayor"),
    ];
    let counts = claimdesk::store::reextract::reextract(&mut conn, id.into(), None, &fresh)
        .await
        .unwrap();
    assert_eq!(
        (counts.kept, counts.updated, counts.added, counts.removed),
        (1, 1, 1, 1)
    );

    let rows = claimdesk::store::claims::for_article(&mut conn, id.into())
        .await
        .unwrap();
    let shape: Vec<(i32, i32, i32)> = rows
        .iter()
        .map(|c| (c.ordinal, c.content_start, c.content_end))
        .collect();
    assert_eq!(shape, vec![(0, 0, 9), (1, 10, 18), (2, 19, 53)]);
    assert_eq!(
        rows[0].id.uuid(),
        seeded[0],
        "an unchanged claim keeps its id"
    );
    assert_eq!(
        rows[2].id.uuid(),
        seeded[1],
        "the worked claim moved, not replaced"
    );
    assert_eq!(rows[2].verdict.as_deref(), Some("mostly_true"));
    assert_eq!(rows[2].assignee_id, Some(checker_user.id.into()));
    assert_eq!(rows[2].version, 2, "a changed claim's version is bumped");
    assert_eq!(rows[0].version, 1);
    assert_eq!(rows[2].content_text, "harbour tunnel will open in March.");
    let history = claimdesk::store::events::for_claim(&mut conn, seeded[1].into())
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action.as_str(), "claim_reextracted");
    assert_eq!(history[0].before.as_ref().unwrap()["content_end"], 50);
    assert_eq!(history[0].after.as_ref().unwrap()["content_end"], 53);

    // Running the same extraction again changes nothing.
    let again = claimdesk::store::reextract::reextract(&mut conn, id.into(), None, &fresh)
        .await
        .unwrap();
    assert_eq!(
        (again.kept, again.updated, again.added, again.removed),
        (3, 0, 0, 0)
    );
}

#[tokio::test]
async fn an_editor_edits_an_articles_details_and_the_history_says_what_changed() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &editor,
            &json!({"title": "Old title", "outlet": "Harbour Times", "body": "The port earned 3 million euros, the treasurer said."}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let id = resp.json::<Value>().await.unwrap()["article"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/articles/{id}");

    // Checkers may not; bad fields are refused with their codes; an empty
    // patch says so.
    let resp = app
        .send_json(Method::PATCH, &path, &checker, &json!({"title": "x"}))
        .await;
    assert_error(resp, 403, "forbidden").await;
    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &editor,
            &json!({"url": "ftp://example.org/a"}),
        )
        .await;
    assert_error(resp, 422, "invalid_url").await;
    let resp = app
        .send_json(Method::PATCH, &path, &editor, &json!({"title": "a\u{0}b"}))
        .await;
    assert_error(resp, 422, "invalid_field").await;
    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &editor,
            &json!({"published_at": "yesterday"}),
        )
        .await;
    assert_error(resp, 422, "invalid_published_at").await;
    let resp = app
        .send_json(Method::PATCH, &path, &editor, &json!({}))
        .await;
    assert_error(resp, 422, "nothing_to_change").await;

    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &editor,
            &json!({"title": "  New title ", "outlet": null, "published_at": "2026-11-30T08:00:00Z"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let meta: Value = resp.json().await.unwrap();
    assert_eq!(meta["title"], "New title");
    assert!(meta["outlet"].is_null(), "{meta}");
    assert_eq!(meta["published_at"], "2026-11-30T08:00:00Z");
    let article: Value = app.get(&path, &checker).await.json().await.unwrap();
    assert_eq!(article["title"], "New title");

    // Found by outlet no more, by its new title yes; an unchanged field
    // sent again writes no event.
    let page: Value = app
        .get("/api/v1/articles?q=harbour", &checker)
        .await
        .json()
        .await
        .unwrap();
    assert!(page["items"].as_array().unwrap().is_empty(), "{page}");
    let resp = app
        .send_json(
            Method::PATCH,
            &path,
            &editor,
            &json!({"title": "New title"}),
        )
        .await;
    assert_eq!(resp.status(), 200);

    let mut conn = app.db().await;
    let events: Vec<(String, Option<Value>, Option<Value>)> = claim_events::table
        .filter(claim_events::action.eq("article_edited"))
        .select((
            claim_events::action,
            claim_events::before,
            claim_events::after,
        ))
        .load(&mut conn)
        .await
        .unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    let (_, before, after) = &events[0];
    assert_eq!(before.as_ref().unwrap()["title"], "Old title");
    assert_eq!(before.as_ref().unwrap()["outlet"], "Harbour Times");
    assert_eq!(after.as_ref().unwrap()["title"], "New title");
    assert!(after.as_ref().unwrap().get("url").is_none(), "{after:?}");
}

#[tokio::test]
async fn the_article_search_matches_outlets_too() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    for (title, outlet, body) in [
        (
            "Port figures",
            "Harbour Times",
            "The port earned 3 million euros, the treasurer said.",
        ),
        (
            "Tram figures",
            "City Post",
            "The tram carried 40,000 riders, the operator said.",
        ),
    ] {
        let resp = app
            .send_json(
                Method::POST,
                "/api/v1/articles",
                &editor,
                &json!({"title": title, "outlet": outlet, "body": body}),
            )
            .await;
        assert_eq!(resp.status(), 201);
    }
    let titles = |page: Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let page: Value = app
        .get("/api/v1/articles?q=harbour", &editor)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(titles(page), ["Port figures"]);
    let page: Value = app
        .get("/api/v1/articles?q=figures", &editor)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(titles(page).len(), 2);
}
