//! Property tests of the merge: random edit scripts applied to two copies of one workbook.
//!
//! Each side edits only rows it "owns" (pre-existing rows are shared out between the sides;
//! rows a side adds are its own), so the scripts never conflict, and then:
//! - merge(A, B) and merge(B, A) give the same content;
//! - no edit of either side is lost (every field it changed has its value, every row it added
//!   is there, every row it deleted is gone);
//! - merging the same copy twice changes nothing the second time;
//! - merging an unchanged copy changes nothing.
//!
//! The cases are deterministic (`PLANBOOK_MERGE_SEED` picks another seed; `PLANBOOK_MERGE_CASES`
//! another count).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use common::{Rng, example_at, temp_dir};
use planbook_core::model::*;
use planbook_core::sync::copy::{CopyOptions, send_copy};
use planbook_core::sync::diff::{RowChange, diff};
use planbook_core::sync::merge;
use planbook_core::{Access, Content, Workbook};
use serde_json::json;

/// The rows one side may touch.
#[derive(Default)]
struct Owned {
    priorities: Vec<Id>,
    outcomes: Vec<Id>,
    actions: Vec<Id>,
    partners: Vec<Id>,
    sections: Vec<Id>,
}

fn share_out(c: &Content, side: usize) -> Owned {
    let mine = |ids: Vec<Id>| {
        ids.into_iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == side)
            .map(|(_, id)| id)
            .collect()
    };
    Owned {
        priorities: mine(c.priorities.iter().map(|r| r.id.clone()).collect()),
        outcomes: mine(c.outcomes.iter().map(|r| r.id.clone()).collect()),
        actions: mine(c.actions.iter().map(|r| r.id.clone()).collect()),
        partners: mine(c.partners.iter().map(|r| r.id.clone()).collect()),
        sections: mine(c.sections.iter().map(|r| r.id.clone()).collect()),
    }
}

fn words(rng: &mut Rng, side: usize) -> String {
    const W: &[&str] = &[
        "community",
        "care",
        "housing",
        "digital",
        "staff",
        "wellbeing",
        "Dorset",
        "access",
        "ŵyl",
        "café",
    ];
    let n = 1 + rng.below(5);
    let body: Vec<&str> = (0..n).map(|_| W[rng.below(W.len())]).collect();
    format!("{} {}", if side == 0 { "A:" } else { "B:" }, body.join(" "))
}

/// Runs a random script of `steps` edits on `wb` for `side`, touching only what it owns.
fn script(wb: &mut Workbook, own: &mut Owned, rng: &mut Rng, side: usize, steps: usize) {
    for _ in 0..steps {
        match rng.below(10) {
            0 | 1 => {
                if let Some(id) = rng.pick(&own.actions).cloned() {
                    let field = ["title", "description", "progress_note"][rng.below(3)];
                    wb.set(Kind::Action, &id, field, json!(words(rng, side)))
                        .unwrap();
                }
            }
            2 => {
                if let Some(id) = rng.pick(&own.actions).cloned() {
                    let status = ActionStatus::ALL[rng.below(ActionStatus::ALL.len())];
                    wb.set(
                        Kind::Action,
                        &id,
                        "status",
                        serde_json::to_value(status).unwrap(),
                    )
                    .unwrap();
                }
            }
            3 => {
                if let Some(id) = rng.pick(&own.priorities).cloned() {
                    wb.set(
                        Kind::Priority,
                        &id,
                        ["title", "summary", "theme"][rng.below(3)],
                        json!(words(rng, side)),
                    )
                    .unwrap();
                }
                if let Some(id) = rng.pick(&own.sections).cloned() {
                    wb.set(Kind::Section, &id, "body", json!(words(rng, side)))
                        .unwrap();
                }
            }
            4 => {
                let a = wb
                    .add(Action {
                        title: words(rng, side),
                        lead_partner_id: rng.pick(&own.partners).cloned(),
                        ..Default::default()
                    })
                    .unwrap();
                own.actions.push(a.id);
            }
            5 => match rng.below(3) {
                0 => own.priorities.push(
                    wb.add(Priority {
                        title: words(rng, side),
                        ..Default::default()
                    })
                    .unwrap()
                    .id,
                ),
                1 => own.outcomes.push(
                    wb.add(Outcome {
                        statement: words(rng, side),
                        ..Default::default()
                    })
                    .unwrap()
                    .id,
                ),
                _ => own.partners.push(
                    wb.add(Partner {
                        name: words(rng, side),
                        ..Default::default()
                    })
                    .unwrap()
                    .id,
                ),
            },
            6 => {
                let (Some(a), Some(p)) = (
                    rng.pick(&own.actions).cloned(),
                    rng.pick(&own.priorities).cloned(),
                ) else {
                    continue;
                };
                if rng.below(2) == 0 {
                    wb.link(Kind::ActionPriority, &a, &p).unwrap()
                } else {
                    wb.unlink(Kind::ActionPriority, &a, &p).map(|_| a).unwrap()
                };
                if let Some(o) = rng.pick(&own.outcomes).cloned() {
                    wb.link(Kind::ActionOutcome, &a_or(&own.actions, rng), &o)
                        .unwrap();
                }
            }
            7 => {
                // Deletions take dependants along; only this side's own rows depend on them.
                let kind = [Kind::Action, Kind::Outcome, Kind::Priority][rng.below(3)];
                let list = match kind {
                    Kind::Action => &mut own.actions,
                    Kind::Outcome => &mut own.outcomes,
                    _ => &mut own.priorities,
                };
                if !list.is_empty() {
                    let id = list.remove(rng.below(list.len()));
                    wb.delete(kind, &id).unwrap();
                }
            }
            8 if side == 0 => {
                // Only one side reorders, so positions never conflict.
                if let Some(id) = rng.pick(&own.priorities).cloned() {
                    let n = wb.count(Kind::Priority).unwrap() as usize;
                    wb.move_to(Kind::Priority, &id, rng.below(n)).unwrap();
                }
            }
            _ => {
                if let Some(a) = rng.pick(&own.actions).cloned() {
                    wb.add(Milestone {
                        action_id: a,
                        title: words(rng, side),
                        ..Default::default()
                    })
                    .unwrap();
                }
            }
        }
    }
}

fn a_or(actions: &[Id], rng: &mut Rng) -> Id {
    actions[rng.below(actions.len())].clone()
}

/// Every field, row addition and row deletion of `side` (relative to `base`) is in `result`.
fn assert_nothing_lost(base: &Content, side: &Content, result: &Content, who: &str) {
    let result_rows = planbook_core::sync::diff::rows_of(result).unwrap();
    let find = |kind: Kind, id: &Id| result_rows.get(&kind).and_then(|r| r.get(id));
    for change in diff(base, side).unwrap() {
        match change.change {
            RowChange::Added => assert!(
                find(change.kind, &change.id).is_some(),
                "{who}'s new {} {} was lost",
                change.kind,
                change.name
            ),
            RowChange::Removed => assert!(
                find(change.kind, &change.id).is_none(),
                "{who}'s deletion of {} was lost",
                change.name
            ),
            RowChange::Changed { fields } => {
                if let Some(row) = find(change.kind, &change.id) {
                    for f in fields {
                        // Positions are renumbered as a whole list; compare the order, not numbers.
                        if f.field.name != "position" {
                            assert_eq!(
                                row.get(f.field.name),
                                Some(&f.after),
                                "{who}'s change of {}.{} was lost",
                                change.name,
                                f.field.name
                            );
                        }
                    }
                } else if fields.iter().any(|f| f.field.name != "position") {
                    // A place in a reordered list does not keep a row the other side deleted.
                    panic!("{who} changed {} but it is gone", change.name);
                }
            }
        }
    }
}

fn merge_into(mine: &Path, theirs: &Path) -> (Content, merge::MergeReport) {
    let mut m = Workbook::open(mine, Access::Edit).unwrap();
    let t = Workbook::open(theirs, Access::ReadOnly).unwrap();
    let plan = merge::plan(&m, &t).unwrap();
    assert!(
        plan.conflicts.is_empty(),
        "scripts that do not overlap made conflicts: {:#?}",
        plan.conflicts
    );
    let report = merge::apply(&mut m, &plan, &[]).unwrap();
    assert!(m.integrity_check().unwrap().is_empty());
    (m.content().unwrap(), report)
}

/// One random case: both sides' files after their scripts, and what each side saw.
struct Case {
    number: usize,
    a: Vec<u8>,
    b: Vec<u8>,
    base: Content,
    ca: Content,
    cb: Content,
}

/// The cases, made once per run and shared by the properties below: each property is its own
/// test, so a failure names the property.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let seed = std::env::var("PLANBOOK_MERGE_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x9E37_79B9_7F4A_7C15u64);
        let count: usize = std::env::var("PLANBOOK_MERGE_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(64);
        let mut rng = Rng(seed);
        let mut edits = 0;
        let cases = (0..count)
            .map(|number| {
                let dir = temp_dir();
                let (a_path, mut a) = example_at(dir.path(), "a.sqlite");
                let b_path = dir.path().join("b.sqlite");
                send_copy(
                    &a,
                    &b_path,
                    CopyOptions {
                        with_history: number % 2 == 0,
                    },
                )
                .unwrap();
                let mut b = Workbook::open(&b_path, Access::Edit).unwrap();
                let base = a.content().unwrap();
                let (mut own_a, mut own_b) = (share_out(&base, 0), share_out(&base, 1));
                let (na, nb) = (rng.below(25), rng.below(25));
                edits += na + nb;
                script(&mut a, &mut own_a, &mut rng, 0, na);
                script(&mut b, &mut own_b, &mut rng, 1, nb);
                let (ca, cb) = (a.content().unwrap(), b.content().unwrap());
                drop((a, b));
                Case {
                    number,
                    a: std::fs::read(&a_path).unwrap(),
                    b: std::fs::read(&b_path).unwrap(),
                    base,
                    ca,
                    cb,
                }
            })
            .collect();
        println!("merge properties: {count} cases, {edits} random edits, seed {seed:#x}");
        cases
    })
}

/// Runs `property` on every case, with the two sides' files in a fresh folder.
fn each_case(property: impl Fn(&Case, &Path, &Path)) {
    for case in cases() {
        let dir = temp_dir();
        let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
        std::fs::write(&a, &case.a).unwrap();
        std::fs::write(&b, &case.b).unwrap();
        property(case, &a, &b);
    }
}

#[test]
fn merging_either_way_round_gives_the_same_content() {
    each_case(|case, a, b| {
        let dir = a.parent().unwrap();
        let (a2, b2) = (dir.join("a2.sqlite"), dir.join("b2.sqlite"));
        std::fs::copy(a, &a2).unwrap();
        std::fs::copy(b, &b2).unwrap();
        let (ab, _) = merge_into(a, b);
        let (ba, _) = merge_into(&b2, &a2);
        let differences = diff(&ab, &ba).unwrap();
        assert!(
            differences.is_empty(),
            "case {}: merge(A,B) and merge(B,A) differ: {differences:#?}",
            case.number
        );
    });
}

#[test]
fn merging_loses_no_edit_of_either_side() {
    each_case(|case, a, b| {
        let (ab, _) = merge_into(a, b);
        assert_nothing_lost(
            &case.base,
            &case.ca,
            &ab,
            &format!("case {}: A", case.number),
        );
        assert_nothing_lost(
            &case.base,
            &case.cb,
            &ab,
            &format!("case {}: B", case.number),
        );
    });
}

#[test]
fn merging_keeps_my_order_of_priorities() {
    each_case(|case, a, b| {
        let (ab, _) = merge_into(a, b);
        let order = |c: &Content| {
            c.priorities
                .iter()
                .map(|p| p.id.clone())
                .collect::<Vec<_>>()
        };
        let kept: BTreeSet<_> = order(&ab).into_iter().collect();
        let a_order: Vec<_> = order(&case.ca)
            .into_iter()
            .filter(|id| kept.contains(id))
            .collect();
        let merged_order: Vec<_> = order(&ab)
            .into_iter()
            .filter(|id| a_order.contains(id))
            .collect();
        assert_eq!(
            merged_order, a_order,
            "case {}: A's order of priorities was lost",
            case.number
        );
    });
}

#[test]
fn merging_the_same_copy_again_changes_nothing() {
    each_case(|case, a, b| {
        merge_into(a, b);
        let (_, again) = merge_into(a, b);
        assert!(
            again.is_empty(),
            "case {}: a second merge changed {again:?}",
            case.number
        );
    });
}

#[test]
fn merging_an_unchanged_copy_changes_nothing() {
    each_case(|case, a, b| {
        merge_into(a, b);
        let wb = Workbook::open(a, Access::ReadOnly).unwrap();
        let c_path = a.parent().unwrap().join("c.sqlite");
        send_copy(&wb, &c_path, CopyOptions::default()).unwrap();
        drop(wb);
        let (_, unchanged) = merge_into(a, &c_path);
        assert!(
            unchanged.is_empty(),
            "case {}: merging an unchanged copy changed {unchanged:?}",
            case.number
        );
    });
}
