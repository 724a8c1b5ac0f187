//! Re-extraction without losing review work: which stored claims a newer
//! extraction of the same body keeps, moves, adds and drops. Claims someone
//! worked on are kept, moved to the span the new extractor found for them
//! when there is one; claims whose extraction a person made or corrected
//! are kept exactly as they are; claims nobody touched are replaced.

use super::{ClaimKind, Origin, Pieces, Span, Status};

/// What the extractor decided about one claim, stored or fresh.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub kind: ClaimKind,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Pieces,
    pub speaker: Option<String>,
    /// The speaker's type and whether it was resolved, as stored text
    /// ("person") and flag.
    pub speaker_type: Option<String>,
    pub speaker_resolved: bool,
    pub checkworthiness: f32,
}

/// What to do with each old and new claim. Indices point into the inputs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub unchanged: Vec<usize>,
    /// (old, new)
    pub update: Vec<(usize, usize)>,
    pub add: Vec<usize>,
    pub remove: Vec<usize>,
}

/// What people did to a stored claim, as far as re-extraction cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Nobody touched it: a new extraction replaces it.
    Untouched,
    /// Review work (status, verdict, evidence, comments, ...) but the
    /// extraction is the extractor's: kept, and moved to the span the new
    /// extraction finds for it.
    Reviewed,
    /// A person wrote its kind, spans or speaker (a correction, or a claim
    /// added by hand): kept exactly as it is. The new claim it matches is
    /// not added beside it, so a correction never comes back as a duplicate.
    Corrected,
}

/// Below this content overlap (intersection over union of the code point
/// ranges) an old and a new claim are about different text.
const MIN_OVERLAP: f64 = 0.3;

/// Matches old claims to new ones. Identical extractions pair first, so an
/// unchanged claim keeps its id; then each worked-on claim takes the free
/// new claim whose content overlaps it most.
pub fn plan(old: &[Extraction], work: &[Work], new: &[Extraction]) -> Plan {
    let worked = |i: usize| work[i] != Work::Untouched;
    let mut p = Plan::default();
    let mut old_done = vec![false; old.len()];
    let mut new_done = vec![false; new.len()];
    for (i, o) in old.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|&j| !new_done[j] && same_extraction(o, &new[j])) {
            old_done[i] = true;
            new_done[j] = true;
            p.unchanged.push(i);
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, o) in old
        .iter()
        .enumerate()
        .filter(|(i, _)| worked(*i) && !old_done[*i])
    {
        for (j, n) in new.iter().enumerate().filter(|(j, _)| !new_done[*j]) {
            let overlap = overlap(o, n);
            if overlap >= MIN_OVERLAP {
                // Same kind and speaker break near-ties between candidates.
                let bonus =
                    0.01 * f64::from(u8::from(o.kind == n.kind) + u8::from(o.speaker == n.speaker));
                pairs.push((overlap + bonus, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in pairs {
        if !old_done[i] && !new_done[j] {
            old_done[i] = true;
            new_done[j] = true;
            if work[i] == Work::Corrected {
                p.unchanged.push(i);
            } else {
                p.update.push((i, j));
            }
        }
    }
    for i in (0..old.len()).filter(|&i| !old_done[i]) {
        if worked(i) {
            p.unchanged.push(i);
        } else {
            p.remove.push(i);
        }
    }
    p.add = (0..new.len()).filter(|&j| !new_done[j]).collect();
    p.unchanged.sort_unstable();
    p.update.sort_unstable();
    p
}

fn overlap(o: &Extraction, n: &Extraction) -> f64 {
    let (a0, a1) = (o.content.start() as i64, o.content.end() as i64);
    let (b0, b1) = (n.content.start() as i64, n.content.end() as i64);
    let inter = (a1.min(b1) - a0.max(b0)).max(0);
    let union = a1.max(b1) - a0.min(b0);
    if union <= 0 {
        // Two empty spans at one point are the same place.
        return f64::from(u8::from(a0 == b0));
    }
    inter as f64 / union as f64
}

fn same_extraction(o: &Extraction, n: &Extraction) -> bool {
    o.kind == n.kind
        && o.source == n.source
        && o.cue == n.cue
        && o.content == n.content
        && o.speaker == n.speaker
        && o.speaker_type == n.speaker_type
        && o.speaker_resolved == n.speaker_resolved
        && (o.checkworthiness - n.checkworthiness).abs() < 1e-6
}

/// The work a claim row carries by itself. Claims that evidence, comments,
/// history or links point to count as worked on too; the store knows those.
pub struct OwnWork {
    pub status: Status,
    pub has_verdict: bool,
    pub has_note: bool,
    pub has_proposer: bool,
    pub has_assignee: bool,
    pub not_a_claim: bool,
    pub origin: Origin,
    /// Someone corrected the kind, a span or the speaker.
    pub extraction_corrected: bool,
}

impl OwnWork {
    pub fn any(&self) -> bool {
        self.status != Status::Unreviewed
            || self.has_verdict
            || self.has_note
            || self.has_proposer
            || self.has_assignee
            || self.not_a_claim
            || self.origin != Origin::Extracted
            || self.extraction_corrected
    }

    /// The claim's work for re-extraction; `referenced` when other rows
    /// (evidence, comments, history, links) point to it.
    pub fn work(&self, referenced: bool) -> Work {
        if self.extraction_corrected || self.origin != Origin::Extracted {
            Work::Corrected
        } else if self.any() || referenced {
            Work::Reviewed
        } else {
            Work::Untouched
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Work::{Corrected as C, Reviewed as R, Untouched as U};

    fn ex(start: usize, end: usize, speaker: &str) -> Extraction {
        let text = "x".repeat(end - start);
        Extraction {
            kind: ClaimKind::Indirect,
            source: None,
            cue: None,
            content: Pieces::single(Span { start, end, text }),
            speaker: Some(speaker.into()),
            speaker_type: None,
            speaker_resolved: true,
            checkworthiness: 0.5,
        }
    }

    #[test]
    fn identical_claims_stay_worked_ones_move_untouched_ones_go() {
        let old = [
            ex(0, 10, "A"),
            ex(20, 40, "B"),
            ex(50, 60, "C"),
            ex(70, 80, "D"),
        ];
        let worked = [U, R, U, R];
        let new = [ex(0, 10, "A"), ex(22, 40, "B"), ex(90, 99, "E")];
        let p = plan(&old, &worked, &new);
        assert_eq!(
            p.unchanged,
            vec![0, 3],
            "0 found again; 3 worked on, kept though not found"
        );
        assert_eq!(p.update, vec![(1, 1)]);
        assert_eq!(p.remove, vec![2]);
        assert_eq!(p.add, vec![2]);
    }

    #[test]
    fn little_overlap_is_different_text() {
        let p = plan(&[ex(0, 100, "A")], &[R], &[ex(80, 180, "A")]);
        assert!(p.update.is_empty(), "IoU 20/180 is under the threshold");
        assert_eq!((p.unchanged, p.add), (vec![0], vec![0]));
    }

    #[test]
    fn same_speaker_breaks_a_tie_between_equal_overlaps() {
        let p = plan(&[ex(10, 20, "A")], &[R], &[ex(5, 20, "B"), ex(10, 25, "A")]);
        assert_eq!(p.update, vec![(0, 1)]);
    }

    #[test]
    fn any_own_work_counts() {
        let w = |f: fn(&mut OwnWork)| {
            let mut o = OwnWork {
                status: Status::Unreviewed,
                has_verdict: false,
                has_note: false,
                has_proposer: false,
                has_assignee: false,
                not_a_claim: false,
                origin: Origin::Extracted,
                extraction_corrected: false,
            };
            f(&mut o);
            (o.any(), o.work(false))
        };
        assert_eq!(w(|_| {}), (false, U));
        assert_eq!(w(|o| o.status = Status::InProgress), (true, R));
        assert_eq!(w(|o| o.has_assignee = true), (true, R));
        assert_eq!(w(|o| o.origin = Origin::Manual), (true, C));
        assert_eq!(w(|o| o.extraction_corrected = true), (true, C));
        let o = OwnWork {
            status: Status::Unreviewed,
            has_verdict: false,
            has_note: false,
            has_proposer: false,
            has_assignee: false,
            not_a_claim: false,
            origin: Origin::Extracted,
            extraction_corrected: false,
        };
        assert_eq!(o.work(true), R, "a comment or evidence is review work");
    }

    #[test]
    fn a_corrected_claim_keeps_its_extraction_and_absorbs_the_one_it_corrected() {
        // A person narrowed [10, 30) to [11, 29); the extractor finds
        // [10, 30) again, and a new claim elsewhere.
        let old = [ex(0, 5, "A"), ex(11, 29, "B")];
        let new = [ex(0, 5, "A"), ex(10, 30, "B"), ex(40, 50, "C")];
        let p = plan(&old, &[U, C], &new);
        assert_eq!(p.unchanged, vec![0, 1], "the correction stays as it is");
        assert!(p.update.is_empty(), "nothing moves it back");
        assert_eq!(p.add, vec![2], "the claim it corrected is not added again");
        assert!(p.remove.is_empty());
        // Reviewed only, the same claim moves to the extractor's span.
        let p = plan(&old, &[U, R], &new);
        assert_eq!(p.update, vec![(1, 1)]);
        // A corrected claim the extractor no longer finds stays too.
        let p = plan(&old, &[U, C], &[ex(0, 5, "A")]);
        assert_eq!((p.unchanged, p.remove), (vec![0, 1], vec![]));
    }
}
