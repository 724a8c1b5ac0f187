//! Every transition and every refusal of the workflow, without HTTP or a
//! database.

use super::*;
use crate::config::VerdictLabel;

fn scale() -> Vec<VerdictLabel> {
    ["true", "false"]
        .iter()
        .enumerate()
        .map(|(i, l)| VerdictLabel {
            label: (*l).into(),
            ordinal: i as i32 + 1,
            colour: "#000".into(),
        })
        .collect()
}

fn claim(status: Status) -> ClaimState {
    ClaimState {
        status,
        kind: ClaimKind::Indirect,
        source: Some(Span {
            start: 0,
            end: 3,
            text: "Ann".into(),
        }),
        cue: Some(Span {
            start: 4,
            end: 8,
            text: "said".into(),
        }),
        content: Span {
            start: 9,
            end: 20,
            text: "it is so now".into(),
        },
        speaker: Some("Ann".into()),
        speaker_type: None,
        verdict: None,
        verdict_note: None,
        proposed_by: None,
        verdict_by: None,
        assignee: None,
        not_a_claim: false,
    }
}

fn actor(role: Role) -> Actor {
    Actor {
        id: UserId::new(),
        role,
    }
}

fn moving(to: Status) -> ClaimEdit {
    ClaimEdit {
        status: Some(to),
        ..Default::default()
    }
}

#[test]
fn every_status_pair_is_allowed_or_refused_as_the_workflow_says() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let allowed = [
        (
            Status::Unreviewed,
            Status::InProgress,
            Role::Checker,
            HistoryAction::ReviewStarted,
        ),
        (
            Status::InProgress,
            Status::VerdictProposed,
            Role::Checker,
            HistoryAction::VerdictProposed,
        ),
        (
            Status::InProgress,
            Status::Unreviewed,
            Role::Checker,
            HistoryAction::ReviewReset,
        ),
        (
            Status::VerdictProposed,
            Status::Approved,
            Role::Editor,
            HistoryAction::VerdictApproved,
        ),
        (
            Status::VerdictProposed,
            Status::InProgress,
            Role::Checker,
            HistoryAction::ProposalWithdrawn,
        ),
        (
            Status::Approved,
            Status::InProgress,
            Role::Editor,
            HistoryAction::Reopened,
        ),
    ];
    for &from in Status::ALL {
        for &to in Status::ALL {
            if from == to {
                continue;
            }
            let mut c = claim(from);
            c.verdict = Some("true".into());
            let rule = allowed.iter().find(|r| r.0 == from && r.1 == to);
            for &role in &[Role::Checker, Role::Editor, Role::Admin] {
                let got = plan(&c, moving(to), actor(role), policy);
                match rule {
                    None => assert_eq!(
                        got.unwrap_err(),
                        ReviewError::InvalidTransition { from, to },
                        "{from} -> {to}"
                    ),
                    Some(&(_, _, needs, action)) if role >= needs => {
                        let p = got.unwrap_or_else(|e| panic!("{from} -> {to} as {role}: {e}"));
                        assert_eq!(p.change.status, Some(to));
                        assert_eq!(p.action, action, "{from} -> {to}");
                    }
                    Some(&(_, _, needs, _)) => assert!(
                        matches!(got, Err(ReviewError::RoleTooLow { needs: n, .. }) if n == needs),
                        "{from} -> {to} as {role}"
                    ),
                }
            }
        }
    }
    assert_eq!(transitions().len(), allowed.len());
}

#[test]
fn staying_in_a_status_is_no_transition_even_for_a_viewer() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let p = plan(
        &claim(Status::Approved),
        moving(Status::Approved),
        actor(Role::Viewer),
        policy,
    )
    .unwrap();
    assert!(p.change.is_empty());
    assert_eq!(p.action, HistoryAction::ClaimUpdated);
}

#[test]
fn self_approval_is_refused_unless_configured() {
    let s = scale();
    let me = actor(Role::Editor);
    let mut c = claim(Status::VerdictProposed);
    c.verdict = Some("false".into());
    c.proposed_by = Some(me.id);
    let refuse = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    assert_eq!(
        plan(&c, moving(Status::Approved), me, refuse).unwrap_err(),
        ReviewError::SelfApproval
    );
    let allow = Policy {
        allow_self_approval: true,
        verdicts: &s,
    };
    assert!(plan(&c, moving(Status::Approved), me, allow).is_ok());
}

#[test]
fn whoever_set_the_verdict_may_not_approve_it_either() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let (editor, checker, other) = (
        actor(Role::Editor),
        actor(Role::Checker),
        actor(Role::Editor),
    );
    // The editor writes the verdict while the claim is in progress...
    let mut c = claim(Status::InProgress);
    let set = ClaimEdit {
        verdict: Some(Some("false".into())),
        ..Default::default()
    };
    let p = plan(&c, set.clone(), editor, policy).unwrap();
    assert_eq!(p.change.verdict_by, Some(Some(editor.id)));
    (c.verdict, c.verdict_by) = (Some("false".into()), Some(editor.id));
    // ...a checker moves it on untouched, becoming its proposer...
    let p = plan(&c, moving(Status::VerdictProposed), checker, policy).unwrap();
    assert_eq!(p.change.proposed_by, Some(Some(checker.id)));
    assert_eq!(
        p.change.verdict_by, None,
        "a move leaves the verdict's author"
    );
    (c.status, c.proposed_by) = (Status::VerdictProposed, Some(checker.id));
    // ...and the editor still may not approve their own verdict.
    assert_eq!(
        plan(&c, moving(Status::Approved), editor, policy).unwrap_err(),
        ReviewError::SelfApproval
    );
    assert!(!allowed_actions(&c, editor, policy).contains(&ClaimAction::Approve));
    assert!(plan(&c, moving(Status::Approved), other, policy).is_ok());
    assert!(allowed_actions(&c, other, policy).contains(&ClaimAction::Approve));
    let allow = Policy {
        allow_self_approval: true,
        ..policy
    };
    assert!(plan(&c, moving(Status::Approved), editor, allow).is_ok());
    // The note is part of the finding; writing what is there changes nothing.
    let note = ClaimEdit {
        verdict_note: Some(Some("per the census".into())),
        ..Default::default()
    };
    let p = plan(&c, note, other, policy).unwrap();
    assert_eq!(p.change.verdict_by, Some(Some(other.id)));
    assert_eq!(
        plan(&c, set, other, policy).unwrap().change.verdict_by,
        None
    );
}

#[test]
fn proposing_needs_a_verdict_from_the_scale_and_records_the_proposer() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let c = claim(Status::InProgress);
    let me = actor(Role::Checker);
    assert_eq!(
        plan(&c, moving(Status::VerdictProposed), me, policy).unwrap_err(),
        ReviewError::VerdictRequired {
            allowed: vec!["true".into(), "false".into()]
        }
    );
    let bad = ClaimEdit {
        verdict: Some(Some("maybe".into())),
        ..moving(Status::VerdictProposed)
    };
    assert!(matches!(
        plan(&c, bad, me, policy),
        Err(ReviewError::UnknownVerdict { .. })
    ));
    let good = ClaimEdit {
        verdict: Some(Some(" true ".into())),
        ..moving(Status::VerdictProposed)
    };
    let p = plan(&c, good, me, policy).unwrap();
    assert_eq!(p.change.verdict, Some(Some("true".into())), "trimmed");
    assert_eq!(p.change.proposed_by, Some(Some(me.id)));
}

#[test]
fn sending_back_clears_the_proposer() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let mut c = claim(Status::VerdictProposed);
    c.verdict = Some("true".into());
    c.proposed_by = Some(UserId::new());
    let p = plan(&c, moving(Status::InProgress), actor(Role::Editor), policy).unwrap();
    assert_eq!(p.change.proposed_by, Some(None));
}

#[test]
fn an_approved_claim_is_locked_and_approval_takes_the_verdict_as_proposed() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let mut c = claim(Status::Approved);
    c.verdict = Some("true".into());
    let note = ClaimEdit {
        verdict_note: Some(Some("new".into())),
        ..Default::default()
    };
    assert_eq!(
        plan(&c, note.clone(), actor(Role::Editor), policy).unwrap_err(),
        ReviewError::ClaimApproved { locked: true }
    );
    c.status = Status::VerdictProposed;
    let approve_and_edit = ClaimEdit {
        status: Some(Status::Approved),
        ..note
    };
    assert_eq!(
        plan(&c, approve_and_edit, actor(Role::Editor), policy).unwrap_err(),
        ReviewError::ClaimApproved { locked: false }
    );
    // Assigning is not an edit of the finding.
    let who = Candidate {
        id: UserId::new(),
        role: Some(Role::Checker),
    };
    c.status = Status::Approved;
    let assign = ClaimEdit {
        assignee: Some(Some(who)),
        ..Default::default()
    };
    assert_eq!(
        plan(&c, assign, actor(Role::Checker), policy)
            .unwrap()
            .action,
        HistoryAction::Assigned
    );
}

#[test]
fn assignees_must_be_active_checkers_or_above() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let c = claim(Status::InProgress);
    for role in [None, Some(Role::Viewer)] {
        let who = Candidate {
            id: UserId::new(),
            role,
        };
        let edit = ClaimEdit {
            assignee: Some(Some(who)),
            ..Default::default()
        };
        assert_eq!(
            plan(&c, edit, actor(Role::Checker), policy).unwrap_err(),
            ReviewError::InvalidAssignee(who.id)
        );
    }
    let unassign = ClaimEdit {
        assignee: Some(None),
        ..Default::default()
    };
    assert!(
        plan(&c, unassign, actor(Role::Checker), policy)
            .unwrap()
            .change
            .is_empty()
    );
}

#[test]
fn limits_and_history_names_of_edits() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let c = claim(Status::InProgress);
    let me = actor(Role::Checker);
    let long = ClaimEdit {
        verdict_note: Some(Some("x".repeat(MAX_NOTE_CHARS + 1))),
        ..Default::default()
    };
    assert!(matches!(
        plan(&c, long, me, policy),
        Err(ReviewError::TooLong {
            field: LimitedField::VerdictNote,
            ..
        })
    ));
    let long = ClaimEdit {
        speaker: Some(Some("x".repeat(MAX_SPEAKER_CHARS + 1))),
        ..Default::default()
    };
    assert!(matches!(
        plan(&c, long, me, policy),
        Err(ReviewError::TooLong {
            field: LimitedField::Speaker,
            ..
        })
    ));
    let cases = [
        (
            ClaimEdit {
                not_a_claim: Some(true),
                ..Default::default()
            },
            HistoryAction::MarkedNotAClaim,
        ),
        (
            ClaimEdit {
                kind: Some(ClaimKind::Direct),
                ..Default::default()
            },
            HistoryAction::ExtractionCorrected,
        ),
        (
            ClaimEdit {
                content: Some(Span {
                    start: 10,
                    end: 20,
                    text: "t is so now".into(),
                }),
                ..Default::default()
            },
            HistoryAction::ExtractionCorrected,
        ),
        (
            ClaimEdit {
                verdict: Some(Some("false".into())),
                ..Default::default()
            },
            HistoryAction::VerdictEdited,
        ),
    ];
    for (edit, action) in cases {
        assert_eq!(plan(&c, edit, me, policy).unwrap().action, action);
    }
    // Sending what is already there changes nothing.
    let same = ClaimEdit {
        speaker: Some(Some(" Ann ".into())),
        kind: Some(ClaimKind::Indirect),
        ..Default::default()
    };
    assert!(plan(&c, same, me, policy).unwrap().change.is_empty());
}

#[test]
fn allowed_actions_follow_role_status_and_proposer() {
    use ClaimAction::*;
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    assert!(allowed_actions(&claim(Status::Unreviewed), actor(Role::Viewer), policy).is_empty());
    let checker = actor(Role::Checker);
    let editor = actor(Role::Editor);
    let got = allowed_actions(&claim(Status::Unreviewed), checker, policy);
    assert!(got.contains(&StartReview) && !got.contains(&Approve));
    let mut proposed = claim(Status::VerdictProposed);
    proposed.proposed_by = Some(editor.id);
    assert!(!allowed_actions(&proposed, checker, policy).contains(&Approve));
    assert!(
        !allowed_actions(&proposed, editor, policy).contains(&Approve),
        "own proposal"
    );
    assert!(allowed_actions(&proposed, actor(Role::Editor), policy).contains(&Approve));
    let approved = claim(Status::Approved);
    let got = allowed_actions(&approved, checker, policy);
    assert!(!got.contains(&Reopen) && !got.contains(&EditVerdict) && got.contains(&Comment));
    assert!(allowed_actions(&approved, editor, policy).contains(&Reopen));
}

#[test]
fn a_reason_goes_with_a_move_trimmed_and_bounded() {
    let s = scale();
    let policy = Policy {
        allow_self_approval: false,
        verdicts: &s,
    };
    let mut c = claim(Status::VerdictProposed);
    c.verdict = Some("true".into());
    let back = ClaimEdit {
        reason: Some("  the source is a parody account \n".into()),
        ..moving(Status::InProgress)
    };
    let planned = plan(&c, back, actor(Role::Editor), policy).unwrap();
    assert_eq!(planned.action, HistoryAction::ProposalWithdrawn);
    assert_eq!(
        planned.reason.as_deref(),
        Some("the source is a parody account")
    );
    // A blank reason is no reason.
    let blank = ClaimEdit {
        reason: Some("   ".into()),
        ..moving(Status::InProgress)
    };
    assert_eq!(
        plan(&c, blank, actor(Role::Editor), policy).unwrap().reason,
        None
    );
    // Without a move there is nothing for the reason to explain.
    let stay = ClaimEdit {
        reason: Some("why not".into()),
        ..moving(Status::VerdictProposed)
    };
    assert_eq!(
        plan(&c, stay, actor(Role::Editor), policy).unwrap_err(),
        ReviewError::ReasonWithoutMove
    );
    let long = ClaimEdit {
        reason: Some("x".repeat(MAX_REASON_CHARS + 1)),
        ..moving(Status::InProgress)
    };
    assert_eq!(
        plan(&c, long, actor(Role::Editor), policy).unwrap_err(),
        ReviewError::TooLong {
            field: LimitedField::Reason,
            max: MAX_REASON_CHARS
        }
    );
}
