//! The claim, whole, in a real browser (tests/browser/claim.mjs): a deep
//! link, the check-worthiness threshold, overlapping claims, comments
//! edited and deleted (a stale edit keeps the draft), a manual claim and a
//! corrected span surviving re-extraction, a similar claim linked and its
//! approved verdict reused, the history with authors, changes by another
//! user arriving live, and a 5,000-word article at the default threshold.

use crate::browser::{browser, named};
use crate::fixtures::{article, said, stated};
use crate::helpers::*;
use claimdesk::store::users::Role;
use reqwest::Method;
use serde_json::{Value, json};

const TALKS: &str = "Putin Meets Kim in Vladivostok\n\n\
Vladimir Putin said that Moscow and Pyongyang could establish military cooperation. \
Moscow and Pyongyang denied claims of weapons transfers. \
Trade between the two countries grew by 40 percent last year, officials said. \
The weather was mild.\n\n\
Analyst Lena Brandt argued that sanctions have failed.";

const FOLLOW_UP: &str = "Kremlin Repeats Offer\n\n\
Days after the summit, Vladimir Putin said that Moscow and Pyongyang could establish military cooperation. \
Seoul called the plan dangerous.";

/// About 5,000 words of news prose with attributions, figures, questions
/// and colour: what a long feature looks like to the extractor.
fn long_article() -> String {
    let people = [
        "Mayor Ann Lee",
        "Minister Ravi Das",
        "Dr. Elena Ruiz",
        "Coach Tom Berg",
        "Senator Mia Chen",
    ];
    let topics = [
        "the harbour budget",
        "the tram line",
        "hospital waiting times",
        "the water tariff",
        "school meals",
    ];
    let mut out = String::from("The Long Year of the City\n\n");
    let mut words = 0;
    let mut i = 0usize;
    while words < 5000 {
        let p = people[i % people.len()];
        let t = topics[(i / 2) % topics.len()];
        let n = 3 + (i * 7) % 40;
        let para = format!(
            "{p} said that spending on {t} rose by {n} percent in {year}. \
             The council approved {m} new posts for {t} in March. \
             Residents gathered in the square on a grey morning and talked about the weekend. \
             Why would anyone wait {n} weeks for an answer? \
             Critics argued that {t} had cost the city {k} million euros more than planned. \
             It was a long meeting, and the coffee ran out before noon.\n\n",
            year = 2015 + i % 10,
            m = 10 + i % 90,
            k = 2 + i % 30,
        );
        words += para.split_whitespace().count();
        out.push_str(&para);
        i += 1;
    }
    out
}

#[tokio::test]
async fn the_claim_whole_in_the_browser() {
    let Some((dir, chromium)) = browser() else {
        return;
    };
    let app = spawn_app().await;
    let checker = named(&app, Role::Checker, "Cora Checker").await;
    let editor = named(&app, Role::Editor, "Edda Editor").await;

    let (talks, t) = article(
        &app,
        "Putin Meets Kim in Vladivostok",
        TALKS,
        &[
            said(
                TALKS,
                "Vladimir Putin",
                "Vladimir Putin",
                "said",
                "Moscow and Pyongyang could establish military cooperation",
            ),
            stated(
                TALKS,
                "Trade between the two countries grew by 40 percent last year, officials said.",
                0.9,
            ),
            // No one named: the source as written, marked unresolved.
            claimdesk::extract::Claim {
                speaker_type: Some(claimdesk::extract::SpeakerType::Group),
                speaker_resolved: false,
                ..said(
                    TALKS,
                    "officials",
                    "officials",
                    "said",
                    "Trade between the two countries grew by 40 percent last year",
                )
            },
            stated(TALKS, "The weather was mild.", 0.05),
            // A mis-extraction the editor corrects: the content is cut short.
            said(
                TALKS,
                "Analyst Lena Brandt",
                "Lena Brandt",
                "argued",
                "sanctions have",
            ),
        ],
    )
    .await;
    let (_, f) = article(
        &app,
        "Kremlin Repeats Offer",
        FOLLOW_UP,
        &[said(
            FOLLOW_UP,
            "Vladimir Putin",
            "Vladimir Putin",
            "said",
            "Moscow and Pyongyang could establish military cooperation",
        )],
    )
    .await;

    // The follow-up's Putin claim is approved as false, with evidence.
    let (_, ctoken) = login(&app, &checker).await;
    let (_, etoken) = login(&app, &editor).await;
    app.patch_ok(f[0], &ctoken, json!({"status": "in_progress"}))
        .await;
    let resp = app
        .send_json(
            Method::POST,
            &format!("/api/v1/claims/{}/evidence", f[0]),
            &ctoken,
            &json!({"url": "https://mofa.example.org/statement", "title": "Foreign ministry statement", "stance": "refutes", "excerpt": "No agreement on military cooperation exists."}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    app.patch_ok(
        f[0],
        &ctoken,
        json!({"status": "verdict_proposed", "verdict": "false"}),
    )
    .await;
    app.patch_ok(f[0], &etoken, json!({"status": "approved"}))
        .await;

    // The long article goes through the real extractor.
    let resp = app
        .send_json(
            Method::POST,
            "/api/v1/articles",
            &etoken,
            &json!({"title": "The Long Year of the City", "body": long_article()}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let long: Value = resp.json().await.unwrap();

    let shots = dir.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let names = [
        "claim-panel-1280.png",
        "claim-panel-820.png",
        "long-article-1280.png",
    ];
    for name in names {
        let _ = std::fs::remove_file(shots.join(name));
    }
    let config = json!({
        "base": app.address,
        "checker": checker,
        "editor": editor,
        "talks": talks,
        "claims": {"putin": t[0], "trade_stated": t[1], "trade_said": t[2], "weather": t[3], "brandt": t[4]},
        "follow_up_claim": f[0],
        "long": long["article"]["id"],
        "shots": shots,
    });
    let out = tokio::process::Command::new("node")
        .arg(dir.join("claim.mjs"))
        .arg(config.to_string())
        .env("CHROMIUM", &chromium)
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("claim scenarios ok"), "{stdout}\n{stderr}");
    for name in names {
        assert!(shots.join(name).exists(), "no screenshot {name}");
    }

    // What the browser did is in the database: the reused verdict is a
    // proposal by the editor citing the earlier one, and both human edits
    // survived the re-extraction.
    let putin = app.claim(t[0], &etoken).await;
    assert_eq!(putin["status"], "verdict_proposed", "{putin}");
    assert_eq!(putin["verdict"], "false");
    assert_eq!(
        putin["linked_claims"].as_array().unwrap().len(),
        1,
        "{putin}"
    );
    let brandt = app.claim(t[4], &etoken).await;
    assert_eq!(brandt["content_text"], "sanctions have failed", "{brandt}");
    let manual = app
        .list_claims(&format!("?article={talks}&q=weapons"), &etoken)
        .await;
    assert!(
        manual["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["origin"] == "manual"),
        "{manual}"
    );
}

async fn login(app: &TestApp, user: &Value) -> (Value, String) {
    let resp = app
        .login(
            user["email"].as_str().unwrap(),
            user["password"].as_str().unwrap(),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_owned();
    (body, token)
}
