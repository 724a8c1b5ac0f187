use crate::fixtures::*;
use crate::helpers::*;
use claimdesk::store::users::Role;
use serde_json::{Value, json};

#[tokio::test]
async fn speakers_have_claim_counts_by_status_and_verdict() {
    let app = spawn_app().await;
    let (_, checker) = app.login_as(Role::Checker).await;
    let (_, c) = city_article(&app).await;
    let body = "ANN LEE said parks are cleaner. Bo Diaz said taxes rose.";
    let (_, more) = article(
        &app,
        "Parks",
        body,
        &[
            said(body, "ANN LEE", "ANN LEE", "said", "parks are cleaner"),
            said(body, "Bo Diaz", "Bo Diaz", "said", "taxes rose"),
        ],
    )
    .await;
    app.patch_ok(
        c[0],
        &checker,
        json!({"status": "in_progress", "verdict": "false"}),
    )
    .await;
    app.patch_ok(more[0], &checker, json!({"verdict": "true"}))
        .await;
    app.patch_ok(more[1], &checker, json!({"not_a_claim": true}))
        .await;

    let resp = app.get("/api/v1/speakers", &checker).await;
    assert_eq!(resp.status(), 200);
    let page: Value = resp.json().await.unwrap();
    let speakers = page["items"].as_array().unwrap();
    assert_eq!(speakers.len(), 2, "{speakers:?}");
    assert!(page["next_cursor"].is_null());

    // Pages of one: the cursor is the last speaker seen, any case.
    let first: Value = app
        .get("/api/v1/speakers?limit=1", &checker)
        .await
        .json()
        .await
        .unwrap();
    // Shown as the spelling most of their claims use.
    assert_eq!(first["items"][0]["speaker"], "Ann Lee");
    assert_eq!(first["items"][0]["names"], json!(["ANN LEE", "Ann Lee"]));
    assert_eq!(first["next_cursor"], "Ann Lee");
    let second: Value = app
        .get("/api/v1/speakers?limit=1&after=ann%20lee", &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["items"][0]["speaker"], "Bo Diaz");
    assert!(second["next_cursor"].is_null());
    let gone: Value = app
        .get("/api/v1/speakers?after=Nobody", &checker)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        gone["items"],
        json!([]),
        "a speaker no longer listed ends the list"
    );
    for (q, code) in [
        ("limit=0", "invalid_limit"),
        ("limit=501", "invalid_limit"),
        ("limit=", "invalid_limit"),
        ("sort=x", "invalid_query"),
    ] {
        let resp = app.get(&format!("/api/v1/speakers?{q}"), &checker).await;
        assert_error(resp, 422, code).await;
    }
    assert_eq!(
        speakers[0],
        json!({
            "speaker": "Ann Lee", "names": ["ANN LEE", "Ann Lee"], "speaker_type": "person", "claims": 3,
            "by_status": {"unreviewed": 2, "in_progress": 1, "verdict_proposed": 0, "approved": 0},
            "by_verdict": {"false": 1, "true": 1},
        })
    );
    assert_eq!(
        speakers[1],
        json!({
            "speaker": "Bo Diaz", "names": ["Bo Diaz"], "speaker_type": "person", "claims": 1,
            "by_status": {"unreviewed": 1, "in_progress": 0, "verdict_proposed": 0, "approved": 0},
            "by_verdict": {},
        })
    );
}

#[tokio::test]
async fn name_forms_of_one_speaker_are_one_speaker_in_the_list_and_the_filter() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let one = "Russian President Vladimir Putin said the talks went well. \
               Putin added that sanctions had failed.";
    let (_, a) = article(
        &app,
        "Talks",
        one,
        &[
            said(
                one,
                "Russian President Vladimir Putin",
                "Russian President Vladimir Putin",
                "said",
                "the talks went well",
            ),
            said(one, "Putin", "Putin", "added", "sanctions had failed"),
        ],
    )
    .await;
    let two = "Vladimir Putin said exports grew. Ann Lee said rents fell. \
               Bo Lee said rents rose. Lee said nothing changed.";
    let (_, b) = article(
        &app,
        "Follow-up",
        two,
        &[
            said(
                two,
                "Vladimir Putin",
                "Vladimir Putin",
                "said",
                "exports grew",
            ),
            said(two, "Ann Lee", "Ann Lee", "said", "rents fell"),
            said(two, "Bo Lee", "Bo Lee", "said", "rents rose"),
            said(two, "Lee", "Lee", "said", "nothing changed"),
        ],
    )
    .await;

    let page: Value = app
        .get("/api/v1/speakers", &viewer)
        .await
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    let putin = &items[0];
    assert_eq!(putin["speaker"], "Vladimir Putin", "{items:?}");
    assert_eq!(putin["claims"], 3);
    assert_eq!(
        putin["names"],
        json!([
            "Putin",
            "Russian President Vladimir Putin",
            "Vladimir Putin"
        ])
    );
    // "Lee" could be Ann Lee or Bo Lee: it stays a speaker of its own.
    assert_eq!(items.len(), 4, "{items:?}");

    // Any form selects every form, across articles.
    for form in [
        "Putin",
        "vladimir putin",
        "Russian President Vladimir Putin",
    ] {
        let path = format!("?speaker={}", form.replace(' ', "%20"));
        let mut got = ids(&app.list_claims(&path, &viewer).await);
        got.sort();
        let mut want = vec![a[0], a[1], b[0]];
        want.sort();
        assert_eq!(got, want, "speaker={form}");
    }
    assert_eq!(ids(&app.list_claims("?speaker=Lee", &viewer).await), [b[3]]);
    assert_eq!(
        ids(&app.list_claims("?speaker=ann%20lee", &viewer).await),
        [b[1]]
    );
}

/// The extractor types speakers and says when it could not resolve one; a
/// person correcting the speaker resolves it, may type it, and a bad type
/// is refused with a clear code.
#[tokio::test]
async fn speakers_are_typed_and_a_hand_correction_resolves_them() {
    let app = spawn_app().await;
    let (_, editor) = app.login_as(Role::Editor).await;
    let body = "Officials said the bridge was safe. Dr. Ana Ruiz, a researcher at the port, said the water was clean.";
    let made: Value = app
        .send_json(
            reqwest::Method::POST,
            "/api/v1/articles",
            &editor,
            &json!({"title": "Bridge", "body": body}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = made["article"]["id"].as_str().unwrap();
    let got: Value = app
        .get(&format!("/api/v1/articles/{id}"), &editor)
        .await
        .json()
        .await
        .unwrap();
    let claims = got["claims"].as_array().unwrap();
    let by = |speaker: &str| {
        claims
            .iter()
            .find(|c| c["speaker"] == speaker)
            .unwrap_or_else(|| panic!("no claim by {speaker}: {got}"))
            .clone()
    };
    let officials = by("Officials");
    assert_eq!(officials["speaker_type"], "group");
    assert_eq!(officials["speaker_resolved"], false);
    let ruiz = by("Ana Ruiz");
    assert_eq!(ruiz["speaker_type"], "person");
    assert_eq!(ruiz["speaker_resolved"], true);

    let oid: uuid::Uuid = officials["id"].as_str().unwrap().parse().unwrap();
    let resp = app
        .patch_claim(oid, &editor, json!({"speaker_type": "crowd"}))
        .await;
    let err = assert_error(resp, 422, "invalid_speaker_type").await;
    assert_eq!(err["allowed"], json!(["person", "organisation", "group"]));
    let fixed = app
        .patch_ok(
            oid,
            &editor,
            json!({"speaker": "Harbor Authority", "speaker_type": "organisation"}),
        )
        .await;
    assert_eq!(fixed["speaker"], "Harbor Authority");
    assert_eq!(fixed["speaker_type"], "organisation");
    assert_eq!(fixed["speaker_resolved"], true);
    assert_eq!(fixed["extraction_corrected"], true);
    let history = app.history(oid, &editor).await;
    let last = history.last().unwrap();
    assert_eq!(last["after"]["speaker_type"], "organisation", "{last}");
}

/// "Ford" the carmaker and "Gerald Ford" share a last word but not a type:
/// across articles they are two speakers in the list and the filter, and
/// a similar claim of one is not "same speaker" for the other.
#[tokio::test]
async fn a_person_and_an_organisation_of_the_same_name_stay_apart() {
    let app = spawn_app().await;
    let (_, viewer) = app.login_as(Role::Viewer).await;
    let one = "Ford said the new plant in Ohio would open next spring with two thousand jobs.";
    let mut company = said(
        one,
        "Ford",
        "Ford",
        "said",
        "the new plant in Ohio would open next spring with two thousand jobs",
    );
    company.speaker_type = Some(claimdesk::extract::SpeakerType::Organisation);
    let (_, a) = article(&app, "Plant", one, &[company]).await;
    let two =
        "Gerald Ford said the new plant in Ohio would open next spring with two thousand jobs.";
    let (_, b) = article(
        &app,
        "Memoir",
        two,
        &[said(
            two,
            "Gerald Ford",
            "Gerald Ford",
            "said",
            "the new plant in Ohio would open next spring with two thousand jobs",
        )],
    )
    .await;

    let page: Value = app
        .get("/api/v1/speakers", &viewer)
        .await
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{items:?}");
    let typed: Vec<(String, String)> = items
        .iter()
        .map(|s| {
            (
                s["speaker"].as_str().unwrap().to_owned(),
                s["speaker_type"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        typed.contains(&("Ford".into(), "organisation".into())),
        "{typed:?}"
    );
    assert!(
        typed.contains(&("Gerald Ford".into(), "person".into())),
        "{typed:?}"
    );
    assert_eq!(
        ids(&app.list_claims("?speaker=Ford", &viewer).await),
        [a[0]]
    );
    assert_eq!(
        ids(&app.list_claims("?speaker=gerald%20ford", &viewer).await),
        [b[0]]
    );

    let similar: Value = app
        .get(&format!("/api/v1/claims/{}/similar", b[0]), &viewer)
        .await
        .json()
        .await
        .unwrap();
    let hit = similar
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["claim"]["id"] == json!(a[0]))
        .unwrap_or_else(|| panic!("the same words are similar: {similar}"))
        .clone();
    assert_eq!(hit["same_speaker"], false, "{hit}");
}
