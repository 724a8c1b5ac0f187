//! The extractor's output types. These are the contract between `extract`
//! (which fills them), `store` (which persists them) and the CLI (which prints
//! them in the scorer's prediction format).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A stretch of the article body. `start`/`end` count Unicode code points
/// (end exclusive) into the body exactly as stored; `text` is kept so a span
/// can be re-anchored if offsets ever drift.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

// The SQL and OpenAPI derives let the store and the API use the extractor's
// vocabulary as it is, instead of a copy (`store::sql_types` maps it).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum ClaimKind {
    /// A verbatim quotation.
    Direct,
    /// Reported speech or thought, paraphrased.
    Indirect,
    /// Paraphrase with a partial verbatim quote inside.
    Mixed,
    /// An assertion in the article's own voice.
    Unattributed,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 4] = [
        ClaimKind::Direct,
        ClaimKind::Indirect,
        ClaimKind::Mixed,
        ClaimKind::Unattributed,
    ];

    /// The kind named `s` (as `as_str` spells it).
    pub fn parse(s: &str) -> Option<ClaimKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Mixed => "mixed",
            ClaimKind::Unattributed => "unattributed",
        }
    }
}

impl std::fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One or more pieces of text, in order. Content is discontinuous when a
/// quote is split around its cue ("…," she said, "…"). Serialised as a single
/// span object when there is one piece and as a list otherwise, which is the
/// scorer's prediction format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pieces(pub Vec<Span>);

impl Pieces {
    pub fn single(span: Span) -> Self {
        Pieces(vec![span])
    }
    /// Start of the first piece.
    pub fn start(&self) -> usize {
        self.0.first().map_or(0, |s| s.start)
    }
    /// End of the last piece.
    pub fn end(&self) -> usize {
        self.0.last().map_or(0, |s| s.end)
    }
    /// The pieces' texts joined by a space, for display and search.
    pub fn text(&self) -> String {
        self.0
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Serialize for Pieces {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Pieces {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(Span),
            Many(Vec<Span>),
        }
        Ok(match OneOrMany::deserialize(d)? {
            OneOrMany::One(s) => Pieces(vec![s]),
            OneOrMany::Many(v) => Pieces(v),
        })
    }
}

/// What kind of speaker a source names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    Person,
    Organisation,
    Group,
}

impl SpeakerType {
    pub const ALL: [SpeakerType; 3] = [
        SpeakerType::Person,
        SpeakerType::Organisation,
        SpeakerType::Group,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
            SpeakerType::Group => "group",
        }
    }

    pub fn parse(s: &str) -> Option<SpeakerType> {
        match s {
            "person" => Some(SpeakerType::Person),
            "organisation" | "organization" => Some(SpeakerType::Organisation),
            "group" => Some(SpeakerType::Group),
            _ => None,
        }
    }
}

fn resolved_by_default() -> bool {
    true
}

/// One assertion found in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// Who made it, as written ("Russian President Vladimir Putin", "His").
    /// `None` for unattributed assertions.
    pub source: Option<Span>,
    /// The normalised speaker the source resolves to ("Vladimir Putin").
    pub speaker: Option<String>,
    /// Person, organisation or group; `None` without a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_type: Option<SpeakerType>,
    /// False when `speaker` is the source as written because no antecedent
    /// was found with confidence ("officials", an unresolved "he").
    #[serde(default = "resolved_by_default")]
    pub speaker_resolved: bool,
    /// The attribution cue ("stated", "according to", ":"). `None` for
    /// unattributed assertions.
    pub cue: Option<Span>,
    pub content: Pieces,
    /// How worth checking the content is, in [0, 1].
    pub checkworthiness: f32,
}
