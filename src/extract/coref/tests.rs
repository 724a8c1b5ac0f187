use super::*;

fn lower() -> HashSet<String> {
    ["rival", "author", "when", "then", "reporter"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Resolves sources alone (no text mentions), each at its index.
fn run(sources: &[&str]) -> Vec<Speaker> {
    let srcs: Vec<Option<Source>> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Some(Source {
                text: s,
                at: i * 100,
                quoted_by: None,
                opens_sentence: true,
            })
        })
        .collect();
    resolve(&srcs, &[], &lower(), Layout::default())
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

fn names(sources: &[&str]) -> Vec<String> {
    run(sources).into_iter().map(|s| s.name).collect()
}

#[test]
fn variants_and_pronouns_merge() {
    let r = names(&[
        "Russian President Vladimir Putin",
        "He",
        "Putin",
        "Mr. Putin",
        "the president",
        "His",
    ]);
    for s in &r {
        assert_eq!(s, "Vladimir Putin", "{r:?}");
    }
}

#[test]
fn the_head_of_an_apposition_is_the_speaker() {
    assert_eq!(
        names(&["Lena Brandt, an economist at Northway Bank"]),
        ["Lena Brandt"]
    );
    assert_eq!(
        names(&["Dr. Ana Ruiz, a researcher at the national weather service"]),
        ["Ana Ruiz"]
    );
    assert_eq!(
        names(&["Joel Pollak of Breitbart California"]),
        ["Joel Pollak"]
    );
    assert_eq!(
        names(&["The state’s campaign chairman, Phil Lovas,"]),
        ["Phil Lovas"]
    );
    assert_eq!(
        names(&["Rep. G.K. Butterfield (D-N.C.), head of the Congressional Black Caucus"]),
        ["G.K. Butterfield"]
    );
}

#[test]
fn roles_and_sentence_words_before_a_name_are_not_the_name() {
    let r = names(&[
        "Former Secretary of State and Democratic presidential frontrunner Hillary Clinton",
        "Rival Hillary Clinton",
        "Sen. Lindsey Graham (R-SC)",
        "Author Roger Stone",
    ]);
    assert_eq!(
        r,
        [
            "Hillary Clinton",
            "Hillary Clinton",
            "Lindsey Graham",
            "Roger Stone"
        ]
    );
}

#[test]
fn an_organisations_name_runs_through_of_and_for() {
    let r = run(&[
        "the Roper Center for Public Opinion Research",
        "The nonpartisan Commission on Presidential Debates",
        "The commission",
    ]);
    assert_eq!(r[0].name, "Roper Center for Public Opinion Research");
    assert_eq!(r[1].name, "Commission on Presidential Debates");
    assert_eq!(r[2].name, "Commission on Presidential Debates");
    assert!(
        r.iter()
            .all(|s| s.kind == SpeakerType::Organisation && s.resolved)
    );
}

#[test]
fn pronouns_agree_in_gender_and_never_take_a_place() {
    let r = names(&["Mrs. Jane Roe", "Mr. John Doe", "She", "he"]);
    assert_eq!(r[2], "Jane Roe");
    assert_eq!(r[3], "John Doe");
    // A lone organisation or place is no "he".
    let r = run(&["FBI", "he"]);
    assert_eq!(r[1].name, "he");
    assert!(!r[1].resolved);
    assert_eq!(r[1].kind, SpeakerType::Person);
}

#[test]
fn unresolved_sources_stay_as_written() {
    let r = run(&["a source", "officials", "A Bloomberg poll", "the poll"]);
    let got: Vec<&str> = r.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        got,
        ["a source", "officials", "A Bloomberg poll", "the poll"]
    );
    assert!(r.iter().all(|s| !s.resolved));
    assert_eq!(r[1].kind, SpeakerType::Group);
    assert_eq!(r[2].kind, SpeakerType::Organisation);
}

#[test]
fn a_description_finds_the_entity_the_text_gave_that_role() {
    let mention = |text: &'static str, at, before: &[&'static str]| Mention {
        text,
        at,
        before: before.to_vec(),
        after: Vec::new(),
        sentence_start: false,
        and_next: false,
    };
    let ms = [
        mention(
            "Donald Trump",
            0,
            &["nominee", "presidential", "republican"],
        ),
        mention("Hillary Clinton", 50, &["nominee", "democratic"]),
    ];
    let srcs = [
        Some(Source {
            text: "The Republican nominee",
            at: 100,
            quoted_by: None,
            opens_sentence: true,
        }),
        Some(Source {
            text: "the Democratic nominee",
            at: 200,
            quoted_by: None,
            opens_sentence: true,
        }),
        Some(Source {
            text: "Trump",
            at: 300,
            quoted_by: None,
            opens_sentence: true,
        }),
        Some(Source {
            text: "she",
            at: 400,
            quoted_by: None,
            opens_sentence: true,
        }),
    ];
    let r: Vec<String> = resolve(&srcs, &ms, &lower(), Layout::default())
        .into_iter()
        .map(|s| s.unwrap().name)
        .collect();
    assert_eq!(
        r,
        [
            "Donald Trump",
            "Hillary Clinton",
            "Donald Trump",
            "Hillary Clinton"
        ]
    );
}

#[test]
fn a_surname_shared_by_two_people_is_the_one_named_last() {
    let mention = |text: &'static str, at| Mention {
        text,
        at,
        before: Vec::new(),
        after: Vec::new(),
        sentence_start: false,
        and_next: false,
    };
    let ms = [mention("Hillary Clinton", 0), mention("Bill Clinton", 100)];
    let srcs = [Some(Source {
        text: "Clinton",
        at: 200,
        quoted_by: None,
        opens_sentence: true,
    })];
    let r = resolve(&srcs, &ms, &lower(), Layout::default());
    assert_eq!(r[0].as_ref().unwrap().name, "Bill Clinton");
}

#[test]
fn i_inside_a_quote_is_the_quoted_speaker() {
    let srcs = [
        Some(Source {
            text: "Anna Berg",
            at: 50,
            quoted_by: None,
            opens_sentence: true,
        }),
        Some(Source {
            text: "I",
            at: 10,
            quoted_by: Some(0),
            opens_sentence: false,
        }),
    ];
    let r = resolve(&srcs, &[], &lower(), Layout::default());
    assert_eq!(r[1].as_ref().unwrap().name, "Anna Berg");
}

#[test]
fn names_joined_by_and_are_a_group() {
    let r = run(&["Brian Fallon and Jennifer Palmieri"]);
    assert_eq!(r[0].name, "Brian Fallon and Jennifer Palmieri");
    assert_eq!(r[0].kind, SpeakerType::Group);
}

/// The speaker of each attribution `extract` finds in `text`, by source.
fn speakers_in(text: &str) -> Vec<(String, String, bool)> {
    crate::extract::extract(text)
        .into_iter()
        .filter_map(|c| {
            let source = c.source?.text;
            Some((source, c.speaker.unwrap_or_default(), c.speaker_resolved))
        })
        .collect()
}

fn speaker_of_source(text: &str, source: &str) -> (String, bool) {
    let all = speakers_in(text);
    all.iter()
        .find(|(s, _, _)| s == source)
        .map(|(_, sp, r)| (sp.clone(), *r))
        .unwrap_or_else(|| panic!("no source {source:?} in {all:?}"))
}

#[test]
fn a_description_without_a_stated_role_is_the_person_the_passage_is_about() {
    let text = "Marta Kovacs says the budget leaves rural clinics short.\n\n\
        The Social Democratic candidate was speaking Friday in Pecs, hours after \
        Laszlo Nagy visited the plant.\n\n\
        The former mayor said voters would judge the cuts in May.\n";
    assert_eq!(
        speaker_of_source(text, "The former mayor"),
        ("Marta Kovacs".into(), true)
    );
    // An anonymous post is not whoever the passage is about.
    let text = "Marta Kovacs says the budget leaves rural clinics short.\n\n\
        The official said the ministry would review the figures.\n";
    assert_eq!(
        speaker_of_source(text, "The official"),
        ("The official".into(), false)
    );
}

#[test]
fn a_description_does_not_look_back_across_a_section_break() {
    let text = "Marta Kovacs says the budget leaves rural clinics short.\n\n\
        ___.\n\n\
        The former mayor said voters would judge the cuts in May.\n";
    assert_eq!(
        speaker_of_source(text, "The former mayor"),
        ("The former mayor".into(), false)
    );
}

#[test]
fn a_description_inside_a_sentence_or_of_an_unmarked_kind_is_not_guessed() {
    // Inside a sentence, "the businessman" is as often someone else as
    // the person just quoted.
    let text = "\u{201c}It was offensive,\u{201d} said Ari Vance.\n\n\
        Instead, the businessman has insisted that the deal was fair.\n";
    assert!(!speaker_of_source(text, "the businessman").1);
    // "The company" after a name that does not say it is one.
    let text = "In the Dunmore Freight scandal, drivers were paid late for months.\n\n\
        The company said that it had settled every claim by June.\n";
    assert!(!speaker_of_source(text, "The company").1);
    // A sentence's first word the article writes in lower case elsewhere,
    // or a day, is no one the description can mean.
    let text = "Bank executives were not charged.\n\n\
        The bank said that it had fired the employees.\n";
    assert!(!speaker_of_source(text, "The bank").1);
    let text = "Thursday brought no news.\n\n\
        The inspector said that the site was safe.\n";
    assert!(!speaker_of_source(text, "The inspector").1);
}

#[test]
fn people_named_in_a_title_case_headline_are_mentioned_there() {
    let text = "Hillary Clinton Goes After Donald Trump On Trade.\n\n\
        If it worked in Ohio, it might work in Michigan.\n\
        The Democratic nominee said that the deal cost jobs.\n";
    assert_eq!(
        speaker_of_source(text, "The Democratic nominee"),
        ("Hillary Clinton".into(), true)
    );
}

#[test]
fn they_after_a_pair_of_names_as_subject_is_that_pair() {
    let text = "The United States and South Korea began joint drills on Monday. \
        They said the exercises were defensive.\n";
    assert_eq!(
        speaker_of_source(text, "They"),
        ("United States and South Korea".into(), true)
    );
    // With no such subject just before, "They" stays as written.
    let text = "The drills began on Monday near the border.\n\n\
        They said the exercises were defensive.\n";
    assert_eq!(speaker_of_source(text, "They"), ("They".into(), false));
}
