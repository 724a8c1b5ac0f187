//! Claim extraction: article text in, attributed and unattributed assertions out.
//! Pure: no I/O, no network, no model downloads.

mod claim;
pub mod html;

pub use claim::{Claim, ClaimKind, Pieces, Span};
pub use html::html_to_text;

/// Bumped whenever extraction output can change, so stored articles know
/// which extractor produced their claims (and `reextract` knows when to run).
pub const EXTRACTOR_VERSION: i32 = 1;

/// Extracts every claim from `text`, in order of their content's start.
pub fn extract(_text: &str) -> Vec<Claim> {
    Vec::new()
}
