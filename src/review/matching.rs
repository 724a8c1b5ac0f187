//! Re-extraction without losing review work: which stored claims a newer
//! extraction of the same body keeps, moves, adds and drops. Claims someone
//! worked on are kept, moved to the span the new extractor found for them
//! when there is one; claims nobody touched are replaced.

use super::{ClaimKind, Origin, Pieces, Span, Status};

/// What the extractor decided about one claim, stored or fresh.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub kind: ClaimKind,
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Pieces,
    pub speaker: Option<String>,
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

/// Below this content overlap (intersection over union of the code point
/// ranges) an old and a new claim are about different text.
const MIN_OVERLAP: f64 = 0.3;

/// Matches old claims to new ones. Identical extractions pair first, so an
/// unchanged claim keeps its id; then each worked-on claim takes the free
/// new claim whose content overlaps it most.
pub fn plan(old: &[Extraction], worked: &[bool], new: &[Extraction]) -> Plan {
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
        .filter(|(i, _)| worked[*i] && !old_done[*i])
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
            p.update.push((i, j));
        }
    }
    for i in (0..old.len()).filter(|&i| !old_done[i]) {
        if worked[i] {
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
        && (o.checkworthiness - n.checkworthiness).abs() < 1e-6
}

/// The review work a claim row carries by itself. Claims that evidence,
/// comments, history or links point to count as worked on too; the store
/// knows those.
pub struct OwnWork {
    pub status: Status,
    pub has_verdict: bool,
    pub has_note: bool,
    pub has_proposer: bool,
    pub has_assignee: bool,
    pub not_a_claim: bool,
    pub origin: Origin,
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(start: usize, end: usize, speaker: &str) -> Extraction {
        let text = "x".repeat(end - start);
        Extraction {
            kind: ClaimKind::Indirect,
            source: None,
            cue: None,
            content: Pieces::single(Span { start, end, text }),
            speaker: Some(speaker.into()),
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
        let worked = [false, true, false, true];
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
        let p = plan(&[ex(0, 100, "A")], &[true], &[ex(80, 180, "A")]);
        assert!(p.update.is_empty(), "IoU 20/180 is under the threshold");
        assert_eq!((p.unchanged, p.add), (vec![0], vec![0]));
    }

    #[test]
    fn same_speaker_breaks_a_tie_between_equal_overlaps() {
        let p = plan(
            &[ex(10, 20, "A")],
            &[true],
            &[ex(5, 20, "B"), ex(10, 25, "A")],
        );
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
            };
            f(&mut o);
            o.any()
        };
        assert!(!w(|_| {}));
        assert!(w(|o| o.status = Status::InProgress));
        assert!(w(|o| o.has_assignee = true));
        assert!(w(|o| o.origin = Origin::Manual));
    }
}
