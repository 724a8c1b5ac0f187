//! One row per claim, for spreadsheets. Evidence goes in one cell, one
//! source per line, so the row count is the claim count.

use super::{Report, ReportError};
use std::collections::HashMap;

const HEADER: [&str; 16] = [
    "number",
    "claim_id",
    "kind",
    "speaker",
    "source",
    "cue",
    "content",
    "checkworthiness",
    "status",
    "verdict",
    "verdict_note",
    "evidence_count",
    "evidence",
    "updated_at",
    "article_id",
    "article_title",
];

/// Spreadsheets run a cell that starts with one of these as a formula; a
/// leading apostrophe keeps article text inert (OWASP's CSV injection advice).
fn inert(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

pub fn render(r: &Report) -> Result<String, ReportError> {
    Ok(header()? + &rows(r)?)
}

/// The header row alone: a streamed export writes it once.
pub fn header() -> Result<String, ReportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)?;
    finish(w)
}

/// One row per claim, without the header.
pub fn rows(r: &Report) -> Result<String, ReportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let titles: HashMap<_, _> = r.articles.iter().map(|a| (a.id, a)).collect();
    let opt = |s: &Option<String>| s.as_deref().map(inert).unwrap_or_default();
    for c in &r.claims {
        let evidence = c
            .evidence
            .iter()
            .map(|e| {
                let title = e
                    .title
                    .as_deref()
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default();
                format!("{}: {}{title}", e.stance, e.url)
            })
            .collect::<Vec<_>>()
            .join("\n");
        w.write_record([
            c.number.to_string(),
            c.id.to_string(),
            c.kind.to_string(),
            opt(&c.speaker),
            opt(&c.source),
            opt(&c.cue),
            inert(&c.content),
            format!("{:.2}", c.checkworthiness),
            c.status.to_string(),
            c.verdict.clone().unwrap_or_default(),
            opt(&c.verdict_note),
            c.evidence.len().to_string(),
            inert(&evidence),
            c.updated_at.to_rfc3339(),
            c.article_id.to_string(),
            titles
                .get(&c.article_id)
                .and_then(|a| a.title.as_deref())
                .map(inert)
                .unwrap_or_default(),
        ])?;
    }
    finish(w)
}

fn finish(w: ::csv::Writer<Vec<u8>>) -> Result<String, ReportError> {
    let bytes = w
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;

    #[test]
    fn rows_round_trip_through_a_csv_reader() {
        let out = sample().render(super::super::Format::Csv).unwrap();
        let mut rd = ::csv::Reader::from_reader(out.as_bytes());
        assert_eq!(rd.headers().unwrap().len(), super::HEADER.len());
        let rows: Vec<::csv::StringRecord> = rd.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            &rows[0][6],
            "the bridge cost $4 million, \"twice\" the *plan*"
        );
        assert_eq!(&rows[0][9], "mostly_false");
        assert_eq!(&rows[0][10], "Audit: $3.1m | not $4m");
        assert_eq!(&rows[0][11], "1");
        assert!(rows[0][12].starts_with("refutes: https://audit.example.gov/"));
        // A formula in the article stays text.
        assert_eq!(&rows[1][6], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(&rows[2][4], "", "no source");
    }
}
