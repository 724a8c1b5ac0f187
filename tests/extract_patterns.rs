//! The extractor on the project's own sentences: one test per pattern the
//! issue lists, asserting kind, source, speaker, cue and content.

use claimdesk::extract::{Claim, ClaimKind, SpeakerType, extract};

fn attributed(text: &str) -> Vec<Claim> {
    extract(text)
        .into_iter()
        .filter(|c| c.cue.is_some())
        .collect()
}

fn by_cue<'a>(claims: &'a [Claim], cue: &str) -> &'a Claim {
    claims
        .iter()
        .find(|c| c.cue.as_ref().is_some_and(|s| s.text == cue))
        .unwrap_or_else(|| panic!("no claim with cue {cue:?} in {claims:#?}"))
}

fn pieces(c: &Claim) -> Vec<&str> {
    c.content.0.iter().map(|s| s.text.as_str()).collect()
}

fn source(c: &Claim) -> Option<&str> {
    c.source.as_ref().map(|s| s.text.as_str())
}

#[track_caller]
fn check(
    text: &str,
    cue: &str,
    kind: ClaimKind,
    src: Option<&str>,
    speaker: Option<&str>,
    content: &[&str],
) {
    let claims = attributed(text);
    let c = by_cue(&claims, cue);
    assert_eq!(c.kind, kind, "kind in {c:#?}");
    assert_eq!(source(c), src, "source in {c:#?}");
    assert_eq!(c.speaker.as_deref(), speaker, "speaker in {c:#?}");
    assert_eq!(pieces(c), content, "content in {c:#?}");
}

#[test]
fn indirect_speech_with_that_after_a_phrase() {
    check(
        "The minister stated during her second visit to Lagos since March 2019 that the two ports could share customs data.",
        "stated",
        ClaimKind::Indirect,
        Some("The minister"),
        Some("The minister"),
        &["that the two ports could share customs data"],
    );
}

#[test]
fn indirect_speech_without_that() {
    check(
        "Officials said the factory would close in May.",
        "said",
        ClaimKind::Indirect,
        Some("Officials"),
        Some("Officials"),
        &["the factory would close in May"],
    );
}

#[test]
fn inverted_order_keeps_the_apposition_in_the_source() {
    check(
        "The factory will close in May, said Maria Lopez, the agency's director.",
        "said",
        ClaimKind::Indirect,
        Some("Maria Lopez, the agency's director"),
        Some("Maria Lopez"),
        &["The factory will close in May"],
    );
    check(
        "“We are all props,” said Harbor delegate Tom Reyes.",
        "said",
        ClaimKind::Direct,
        Some("Harbor delegate Tom Reyes"),
        Some("Tom Reyes"),
        &["“We are all props,”"],
    );
}

#[test]
fn many_reporting_verbs() {
    let cases = [
        (
            "The senator denied that she had met the lobbyist.",
            "denied",
            "that she had met the lobbyist",
        ),
        (
            "The governor warned that the levee could fail.",
            "warned",
            "that the levee could fail",
        ),
        (
            "The coach insisted that the team was ready.",
            "insisted",
            "that the team was ready",
        ),
        (
            "Economists argued that rates would fall.",
            "argued",
            "that rates would fall",
        ),
        (
            "The company claimed that sales had doubled.",
            "claimed",
            "that sales had doubled",
        ),
        (
            "The police confirmed that two men were arrested.",
            "confirmed",
            "that two men were arrested",
        ),
        (
            "The mayor acknowledged that the budget was late.",
            "acknowledged",
            "that the budget was late",
        ),
        (
            "The candidate wrote that taxes were too high.",
            "wrote",
            "that taxes were too high",
        ),
        (
            "The actor tweeted that the show was cancelled.",
            "tweeted",
            "that the show was cancelled",
        ),
        (
            "The report found that emissions rose by 4 percent.",
            "found",
            "that emissions rose by 4 percent",
        ),
        (
            "The data showed that turnout fell.",
            "showed",
            "that turnout fell",
        ),
        (
            "The judge pointed out that the law was new.",
            "pointed out",
            "that the law was new",
        ),
        (
            "Smith told reporters that the deal was off.",
            "told",
            "that the deal was off",
        ),
        (
            "Johnson added that the plan was popular.",
            "added",
            "that the plan was popular",
        ),
        (
            "Most voters believe the economy is improving.",
            "believe",
            "the economy is improving",
        ),
    ];
    for (text, cue, content) in cases {
        let claims = attributed(text);
        let c = by_cue(&claims, cue);
        assert_eq!(pieces(c), [content], "{text}");
        assert_eq!(c.kind, ClaimKind::Indirect, "{text}");
        assert!(c.source.is_some(), "{text}");
    }
}

#[test]
fn an_aside_between_dashes_after_the_cue_is_skipped() {
    check(
        "The campaign chairman said — on the radio, as it happens — that the party raised $4 million that day.",
        "said",
        ClaimKind::Indirect,
        Some("The campaign chairman"),
        Some("The campaign chairman"),
        &["that the party raised $4 million that day"],
    );
    check(
        "The mayor said (in a letter to residents) that the bridge would reopen in June.",
        "said",
        ClaimKind::Indirect,
        Some("The mayor"),
        Some("The mayor"),
        &["that the bridge would reopen in June"],
    );
}

#[test]
fn a_source_keeps_its_prepositional_phrase() {
    check(
        "Critics of the toll plan have claimed that it will cost drivers more.",
        "have claimed",
        ClaimKind::Indirect,
        Some("Critics of the toll plan"),
        Some("Critics of the toll plan"),
        &["that it will cost drivers more"],
    );
    check(
        "Six in 10 voters said the economy was their top issue.",
        "said",
        ClaimKind::Indirect,
        Some("Six in 10 voters"),
        Some("Six in 10 voters"),
        &["the economy was their top issue"],
    );
    check(
        "The latest Harbor/Metro poll showed that the council leads by six points.",
        "showed",
        ClaimKind::Indirect,
        Some("The latest Harbor/Metro poll"),
        Some("The latest Harbor/Metro poll"),
        &["that the council leads by six points"],
    );
    // A verb before the preposition is not part of the subject.
    check(
        "Supporters gathered in the square said the vote was fair.",
        "said",
        ClaimKind::Indirect,
        Some("the square"),
        Some("the square"),
        &["the vote was fair"],
    );
}

#[test]
fn accused_and_asserted_are_two_claims_with_one_source() {
    let text = "The president accused Canada, Mexico, and Brazil of dumping steel on the market and asserted that his country was entitled to protect its industry.";
    let claims = attributed(text);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    let a = by_cue(&claims, "accused");
    let b = by_cue(&claims, "asserted");
    assert_eq!(source(a), Some("The president"));
    assert_eq!(source(b), Some("The president"));
    assert_eq!(
        pieces(a),
        ["Canada, Mexico, and Brazil of dumping steel on the market"]
    );
    assert_eq!(
        pieces(b),
        ["that his country was entitled to protect its industry"]
    );
}

#[test]
fn a_second_clause_with_its_own_speaker_is_a_second_claim() {
    let text = "The mayor said the bridge would reopen in June, and the contractor added that the repairs had cost $4 million.";
    let claims = attributed(text);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    let said = by_cue(&claims, "said");
    let added = by_cue(&claims, "added");
    assert_eq!(source(said), Some("The mayor"));
    assert_eq!(pieces(said), ["the bridge would reopen in June"]);
    assert_eq!(source(added), Some("the contractor"));
    assert_eq!(pieces(added), ["that the repairs had cost $4 million"]);

    let text = "The senator has described the plan as a tax on farmers, the county paper reported that she voted for it twice.";
    let claims = attributed(text);
    let reported = by_cue(&claims, "reported");
    assert_eq!(source(reported), Some("the county paper"));
    assert_eq!(pieces(reported), ["that she voted for it twice"]);
    let described = by_cue(&claims, "has described");
    assert_eq!(pieces(described), ["the plan as a tax on farmers"]);
}

#[test]
fn cue_words_used_as_something_else_are_not_cues() {
    for text in [
        "Her interview aired on a late talk show in Ohio on Tuesday night.",
        "Voters in the valley will finally get their say on the new dam.",
        "It is safe to say the budget will not pass this year.",
        "The plan costs more than, say, a new bridge would cost the city.",
        "She helped found the cooperative in 2009 with four neighbours.",
    ] {
        let claims = attributed(text);
        assert!(claims.is_empty(), "{text:?} gave {claims:#?}");
    }
    // The verbs themselves still report.
    let claims = attributed("The figures show that exports fell by 8 percent in May.");
    assert_eq!(
        pieces(by_cue(&claims, "show")),
        ["that exports fell by 8 percent in May"]
    );
}

#[test]
fn a_greeting_is_not_a_stance() {
    let claims = attributed(
        "The mayor welcomed Ms. Okafor at the station. Crowds greeted her in the square.",
    );
    assert!(claims.is_empty(), "{claims:#?}");
    check(
        "The union welcomed the ruling on pensions.",
        "welcomed",
        ClaimKind::Indirect,
        Some("The union"),
        Some("The union"),
        &["the ruling on pensions"],
    );
}

#[test]
fn the_subject_of_a_worried_passive_is_the_source() {
    check(
        "Dairy farmers have been worried by the drought forecast for months.",
        "have been worried by",
        ClaimKind::Indirect,
        Some("Dairy farmers"),
        Some("Dairy farmers"),
        &["the drought forecast for months"],
    );
}

#[test]
fn according_to_before_and_after() {
    check(
        "According to the health ministry, 40 people were treated for burns.",
        "According to",
        ClaimKind::Indirect,
        Some("the health ministry"),
        Some("the health ministry"),
        &["40 people were treated for burns"],
    );
    check(
        "Forty people were treated for burns, according to the health ministry.",
        "according to",
        ClaimKind::Indirect,
        Some("the health ministry"),
        Some("the health ministry"),
        &["Forty people were treated for burns"],
    );
}

#[test]
fn nominal_cues() {
    check(
        "Her assertion was that the audit had been rigged.",
        "assertion was",
        ClaimKind::Indirect,
        Some("Her"),
        Some("Her"),
        &["that the audit had been rigged"],
    );
    let claims = attributed("There is no evidence for the mayor's claim that crime had fallen.");
    let c = by_cue(&claims, "claim");
    assert_eq!(pieces(c), ["that crime had fallen"]);
    assert_eq!(source(c), Some("the mayor's"));
}

#[test]
fn passive_attributions() {
    check(
        "It was reported that the talks had collapsed.",
        "was reported",
        ClaimKind::Indirect,
        None,
        None,
        &["that the talks had collapsed"],
    );
    check(
        "Mr. Okafor was quoted as saying the talks had collapsed.",
        "was quoted as saying",
        ClaimKind::Indirect,
        Some("Mr. Okafor"),
        Some("Okafor"),
        &["the talks had collapsed"],
    );
}

#[test]
fn colon_introduces_a_quote() {
    check(
        "The chancellor said: “The bridge will reopen on Friday.”",
        "said:",
        ClaimKind::Direct,
        Some("The chancellor"),
        Some("The chancellor"),
        &["“The bridge will reopen on Friday.”"],
    );
    check(
        "The mayor says: \"We will rebuild the bridge.\"",
        "says:",
        ClaimKind::Direct,
        Some("The mayor"),
        Some("The mayor"),
        &["\"We will rebuild the bridge.\""],
    );
    check(
        "Okafor: Bridge Will Reopen Friday\n\nThe bridge closed in June.",
        ":",
        ClaimKind::Indirect,
        Some("Okafor"),
        Some("Okafor"),
        &["Bridge Will Reopen Friday"],
    );
}

#[test]
fn quotes_before_the_cue_straight_and_curly() {
    check(
        "\"We will rebuild the school,\" the principal said.",
        "said",
        ClaimKind::Direct,
        Some("the principal"),
        Some("the principal"),
        &["\"We will rebuild the school,\""],
    );
    check(
        "“We will rebuild the school,” said Anna Berg.",
        "said",
        ClaimKind::Direct,
        Some("Anna Berg"),
        Some("Anna Berg"),
        &["“We will rebuild the school,”"],
    );
}

#[test]
fn quote_after_the_cue() {
    check(
        "Anna Berg said, “We will rebuild the school.”",
        "said",
        ClaimKind::Direct,
        Some("Anna Berg"),
        Some("Anna Berg"),
        &["“We will rebuild the school.”"],
    );
}

#[test]
fn split_quote_is_one_claim_in_two_pieces() {
    check(
        "“The water is safe,” she said, “and the pipes are new.”",
        "said",
        ClaimKind::Direct,
        Some("she"),
        Some("she"),
        &["“The water is safe,”", "“and the pipes are new.”"],
    );
}

#[test]
fn quote_running_over_sentences_and_paragraphs() {
    let text = "Anna Berg runs the school.\n\n“We lost the roof,” Berg said. “We lost the library.\n\n“But we will rebuild.”";
    check(
        text,
        "said",
        ClaimKind::Direct,
        Some("Berg"),
        Some("Anna Berg"),
        &[
            "“We lost the roof,”",
            "“We lost the library.",
            "“But we will rebuild.”",
        ],
    );
}

#[test]
fn partial_quote_inside_indirect_speech_is_mixed() {
    check(
        "The envoy praised the agreement, calling it a “new chapter” in relations between the two countries.",
        "calling",
        ClaimKind::Mixed,
        Some("The envoy"),
        Some("The envoy"),
        &["it a “new chapter” in relations between the two countries"],
    );
}

/// A source nothing in the article resolves is its speaker as written and
/// is marked unresolved; a resolved one is typed.
#[test]
fn unresolved_speakers_say_so_and_speakers_are_typed() {
    let claims = attributed(
        "Officials said the bridge was safe. She said it was not. \
         The Harbor Authority said repairs were done. Dr. Ana Ruiz, a researcher at the port, said the water was clean.",
    );
    let by = |src: &str| claims.iter().find(|c| source(c) == Some(src)).unwrap();
    let officials = by("Officials");
    assert_eq!(officials.speaker.as_deref(), Some("Officials"));
    assert!(!officials.speaker_resolved);
    assert_eq!(officials.speaker_type, Some(SpeakerType::Group));
    let she = by("She");
    assert!(!she.speaker_resolved, "no woman is named before: {she:#?}");
    let port = by("The Harbor Authority");
    assert_eq!(port.speaker.as_deref(), Some("Harbor Authority"));
    assert_eq!(port.speaker_type, Some(SpeakerType::Organisation));
    assert!(port.speaker_resolved);
    let ruiz = by("Dr. Ana Ruiz, a researcher at the port,");
    assert_eq!(ruiz.speaker.as_deref(), Some("Ana Ruiz"));
    assert_eq!(ruiz.speaker_type, Some(SpeakerType::Person));
}

#[test]
fn pronouns_titles_and_name_variants_resolve_to_one_speaker() {
    let text = "German Chancellor Helga Brandt said the bridge would reopen. \
                Brandt added that tolls would stay. \
                Mrs. Brandt also said repairs would cost $4 million. \
                She told reporters that the contractor was fined. \
                The chancellor insisted that nobody was hurt.";
    let claims = attributed(text);
    assert_eq!(claims.len(), 5, "{claims:#?}");
    for c in &claims {
        assert_eq!(c.speaker.as_deref(), Some("Helga Brandt"), "{c:#?}");
    }
    assert_eq!(source(&claims[0]), Some("German Chancellor Helga Brandt"));
}

#[test]
fn group_sources_keep_the_whole_noun_phrase() {
    check(
        "The European Union and its partners have warned that the tariffs break trade rules.",
        "have warned",
        ClaimKind::Indirect,
        Some("The European Union and its partners"),
        Some("The European Union and its partners"),
        &["that the tariffs break trade rules"],
    );
}

#[test]
fn unattributed_assertions_are_scored() {
    let text = "The two states signed a 1987 treaty promising mutual aid in a flood. \
                Isn't that something? \
                I think this is a lovely town.";
    let claims = extract(text);
    let un: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Unattributed)
        .collect();
    let treaty = un
        .iter()
        .find(|c| c.content.text().contains("1987"))
        .unwrap_or_else(|| panic!("{claims:#?}"));
    assert!(treaty.source.is_none() && treaty.cue.is_none());
    // Calibrated: the chance a fact-checker picks the sentence, about 2.7 %
    // for a debate sentence on average.
    assert!(treaty.checkworthiness >= 0.15, "{treaty:#?}");
    assert!(
        !un.iter().any(|c| c.content.text().contains("something")),
        "questions are not claims"
    );
    for c in &claims {
        assert!((0.0..=1.0).contains(&c.checkworthiness));
        if c.content.text().contains("lovely") {
            assert!(c.checkworthiness < treaty.checkworthiness);
        }
    }
}

#[test]
fn page_chrome_never_becomes_a_claim() {
    let text = "Must read\n\nBy Jane Roe and John Doe\n\nThe council voted 6-1 to close the plant on Tuesday.\n\nShare this\n\nMore articles\n\nLatest\n\nPhoto: Jane Roe/AP";
    let claims = extract(text);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert!(claims[0].content.text().starts_with("The council voted"));
}

#[test]
fn abbreviations_do_not_split_sentences() {
    let text = "The U.N. envoy said on Jan. 5 at 7 p.m. that the U.S. delegation, led by Mr. J. R. Smith, would stay.";
    let claims = attributed(text);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    let c = &claims[0];
    assert_eq!(source(c), Some("The U.N. envoy"));
    assert_eq!(
        pieces(c),
        ["that the U.S. delegation, led by Mr. J. R. Smith, would stay"]
    );
}

#[test]
fn offsets_are_code_points_and_match_the_text() {
    let text =
        "Ünïcödé 🎉 line.\n\n“Prices rose 5%,” said Zoë Ångström, the bank’s chief economist.";
    let chars: Vec<char> = text.chars().collect();
    let claims = extract(text);
    assert!(!claims.is_empty());
    for c in &claims {
        let spans = c
            .content
            .0
            .iter()
            .chain(c.source.iter())
            .chain(c.cue.iter());
        for s in spans {
            let got: String = chars[s.start..s.end].iter().collect();
            assert_eq!(got, s.text);
        }
    }
    let c = by_cue(&claims, "said");
    assert_eq!(source(c), Some("Zoë Ångström, the bank’s chief economist"));
}

#[test]
fn output_is_deterministic() {
    let text = "“We will rebuild,” she said. Officials said the plant would close, according to the agency.";
    assert_eq!(extract(text), extract(text));
}

#[test]
fn claims_are_send_sync_and_threads_agree() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Claim>();
    let text = "“We will rebuild,” she said. Officials said the plant would close, according to the agency.";
    let alone = extract(text);
    let from_threads: Vec<Vec<Claim>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4).map(|_| s.spawn(|| extract(text))).collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for got in from_threads {
        assert_eq!(got, alone);
    }
}

/// Cue shapes newsrooms use every day, and a rhetorical question that
/// reports nobody.
#[test]
fn common_cue_shapes_and_questions() {
    check(
        "Mayor Dana Whitfield told reporters that the bridge would reopen in May.",
        "told",
        ClaimKind::Indirect,
        Some("Mayor Dana Whitfield"),
        Some("Dana Whitfield"),
        &["that the bridge would reopen in May"],
    );
    check(
        "The ministry did not deny that the talks had stalled.",
        "did not deny",
        ClaimKind::Indirect,
        Some("The ministry"),
        Some("The ministry"),
        &["that the talks had stalled"],
    );
    check(
        "The company said in a brief statement: \"We will cooperate fully.\"",
        "said in a brief statement:",
        ClaimKind::Direct,
        Some("The company"),
        Some("The company"),
        &["\"We will cooperate fully.\""],
    );
    check(
        "The council announced that fares would rise by 5 percent.",
        "announced",
        ClaimKind::Indirect,
        Some("The council"),
        Some("The council"),
        &["that fares would rise by 5 percent"],
    );
    check(
        "Protesters demanded that the plant be closed.",
        "demanded",
        ClaimKind::Indirect,
        Some("Protesters"),
        Some("Protesters"),
        &["that the plant be closed"],
    );
    let claims = extract("Why then would someone like Mr. Clarke want to sell the land?");
    assert!(claims.is_empty(), "a question is no claim: {claims:#?}");
}
