//! Claim extraction: article text in, attributed and unattributed assertions out.
//! Pure: no I/O, no network, no model downloads.
