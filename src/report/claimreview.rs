//! schema.org ClaimReview, the markup fact-check pages embed so search
//! engines can show the verdict. Only approved verdicts are published.

use super::{Report, ReportClaim, is_web_url};
use serde_json::{Map, Value, json};

/// Speakers that name a group ("Moscow and Pyongyang", "The White House
/// press office") are organisations; a two- to four-word capitalised name
/// without "and" is taken for a person.
/// schema.org's type for the speaker: the stored type when there is one
/// (a group of people is no Person), else a guess from the name's shape
/// for claims stored before speakers were typed.
fn author_type(c: &ReportClaim, name: &str) -> &'static str {
    match c.speaker_type.as_deref() {
        Some("person") => "Person",
        Some(_) => "Organization",
        None => speaker_type(name),
    }
}

fn speaker_type(name: &str) -> &'static str {
    let words: Vec<&str> = name.split_whitespace().collect();
    let person = (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words.iter().any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "house" | "office" | "department" | "ministry" | "council" | "party" | "committee"
            )
        });
    if person { "Person" } else { "Organization" }
}

fn review(r: &Report, c: &ReportClaim, verdict: &str) -> Value {
    let scale = &r.verdict_scale;
    // The scale's ordinals run best first (1 = best); consumers read a
    // rating the other way, higher being better, so the value is mirrored:
    // the best label rates `bestRating`, the worst `worstRating` (1).
    let best = scale.iter().map(|l| l.ordinal).min().unwrap_or(1);
    let worst = scale.iter().map(|l| l.ordinal).max().unwrap_or(1);
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    if let Some(l) = scale.iter().find(|l| l.label == verdict) {
        rating.insert("ratingValue".into(), json!(worst - l.ordinal + 1));
        rating.insert("bestRating".into(), json!(worst - best + 1));
        rating.insert("worstRating".into(), json!(1));
    }
    rating.insert("alternateName".into(), json!(Report::verdict_name(verdict)));

    let a = r.article_of(c);
    let mut appearance = Map::new();
    appearance.insert("@type".into(), json!("CreativeWork"));
    if let Some(u) = a.and_then(|a| a.url.as_deref()).filter(|u| is_web_url(u)) {
        appearance.insert("url".into(), json!(u));
    }
    if let Some(t) = a.and_then(|a| a.title.as_ref()) {
        appearance.insert("headline".into(), json!(t));
    }
    if let Some(p) = a.and_then(|a| a.published_at) {
        appearance.insert(
            "datePublished".into(),
            json!(p.format("%Y-%m-%d").to_string()),
        );
    }
    // A claim in the article's own voice is the outlet's.
    // An unresolved person ("she", "a source") is named by no one: the
    // markup leaves the author out rather than print a pronoun as a name.
    let author = match (&c.speaker, a.and_then(|a| a.outlet.as_ref())) {
        (Some(_), _) if !c.speaker_resolved && c.speaker_type.as_deref() == Some("person") => None,
        (Some(s), _) => Some(json!({"@type": author_type(c, s), "name": s})),
        (None, Some(o)) if c.cue.is_none() => Some(json!({"@type": "Organization", "name": o})),
        _ => None,
    };
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(au) = author {
        item.insert("author".into(), au);
    }
    item.insert("appearance".into(), Value::Object(appearance));

    let mut publisher = Map::new();
    publisher.insert("@type".into(), json!("Organization"));
    publisher.insert("name".into(), json!(r.publisher.name));
    if let Some(u) = r.publisher.url.as_deref().filter(|u| is_web_url(u)) {
        publisher.insert("url".into(), json!(u));
    }

    let mut review = Map::new();
    review.insert("@type".into(), json!("ClaimReview"));
    if let Some(t) = &r.publisher.review_url {
        let url = t
            .replace("{claim_id}", &c.id.to_string())
            .replace("{article_id}", &c.article_id.to_string());
        review.insert("url".into(), json!(url));
    }
    review.insert("identifier".into(), json!(c.id));
    review.insert("claimReviewed".into(), json!(c.claim_sentence()));
    review.insert(
        "datePublished".into(),
        json!(c.updated_at.format("%Y-%m-%d").to_string()),
    );
    review.insert("author".into(), Value::Object(publisher));
    review.insert("reviewRating".into(), Value::Object(rating));
    review.insert("itemReviewed".into(), Value::Object(item));
    if let Some(note) = &c.verdict_note {
        review.insert("reviewBody".into(), json!(note));
    }
    Value::Object(review)
}

/// One ClaimReview per approved claim, in a JSON-LD `@graph`.
pub fn render(r: &Report) -> Value {
    let graph: Vec<Value> = r
        .claims
        .iter()
        .filter(|c| c.approved())
        .filter_map(|c| c.verdict.as_deref().map(|v| review(r, c, v)))
        .collect();
    json!({"@context": "https://schema.org", "@graph": graph})
}

/// The document as text safe to paste into a publisher's
/// `<script type="application/ld+json">`: `<`, `>` and `&` (and the line
/// separators JavaScript treats as line ends) become `\uXXXX` escapes, so no
/// quoted text can close the script element. They only occur inside JSON
/// strings, where the escape means the same character.
pub fn to_script_safe_string(v: &Value) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(v)?;
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn no_quoted_text_can_close_the_script_element() {
        let v = json!({"claimReviewed": "</script><script>alert(1)</script> & <!-- \u{2028}"});
        let text = to_script_safe_string(&v).unwrap();
        for raw in ['<', '>', '&', '\u{2028}'] {
            assert!(!text.contains(raw), "{raw:?} in {text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v, "the same document");
        // The export itself: the sample's publisher is "Desk & Co".
        let export = sample().render(crate::report::Format::ClaimReview).unwrap();
        assert!(!export.contains('&') && !export.contains('<'), "{export}");
        assert!(export.contains("Desk \\u0026 Co"), "{export}");
    }

    #[test]
    fn approved_verdicts_become_claim_reviews() {
        let r = sample();
        let v = render(&r);
        assert_eq!(v["@context"], "https://schema.org");
        let graph = v["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 1, "only the approved claim: {v:#}");
        let g = &graph[0];
        assert_eq!(g["@type"], "ClaimReview");
        assert_eq!(
            g["url"],
            format!(
                "https://desk.example.org/checks/{}?a={}",
                r.claims[0].id, r.claims[0].article_id
            )
        );
        assert_eq!(
            g["claimReviewed"], "The bridge cost $4 million, \"twice\" the *plan*",
            "a readable sentence: capitalised, no leading 'that'"
        );
        assert_eq!(g["datePublished"], "2026-11-27");
        assert_eq!(g["author"]["name"], "Desk & Co");
        assert_eq!(g["author"]["url"], "https://desk.example.org/");
        // Mostly false, the worst of five labels: 1 of 5, higher is better.
        assert_eq!(g["reviewRating"]["ratingValue"], 1);
        assert_eq!(g["reviewRating"]["bestRating"], 5);
        assert_eq!(g["reviewRating"]["worstRating"], 1);
        assert_eq!(g["reviewRating"]["alternateName"], "Mostly false");
        assert_eq!(g["reviewBody"], "Audit: $3.1m | not $4m");
        assert_eq!(
            g["itemReviewed"]["author"],
            json!({"@type": "Person", "name": "Ana Ruiz"})
        );
        assert_eq!(
            g["itemReviewed"]["appearance"]["url"],
            "https://news.example.org/bridge?a=1&b=2"
        );
    }

    #[test]
    fn groups_are_organisations() {
        assert_eq!(speaker_type("Vladimir Putin"), "Person");
        assert_eq!(speaker_type("Moscow and Pyongyang"), "Organization");
        assert_eq!(speaker_type("White House"), "Organization");
        assert_eq!(speaker_type("officials"), "Organization");
    }
}
