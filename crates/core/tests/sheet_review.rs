//! An update round reviewed like a merge (docs/spreadsheets.md, "An update round"): the
//! planner declines whole rows or single changes and only the rest is applied, as one edit;
//! priorities, outcomes and partners named only by what was declined are not made; and the
//! mapping a tracker was read with is remembered in the workbook for the next round.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use std::collections::BTreeSet;

use planbook_core::model::ActionStatus;
use planbook_core::sheet::{self, Declined, DeclinedChange, Mapping, Outcome};

/// The sheet row of the plan's row for the action with `code`.
fn row_of(plan: &sheet::ImportPlan, code: &str) -> usize {
    plan.rows
        .iter()
        .find(|r| match &r.outcome {
            Outcome::Update { code: c, .. } | Outcome::Unchanged { code: c, .. } => c == code,
            Outcome::Create { code: c, .. } => c == code,
            Outcome::SetAside { .. } => false,
        })
        .unwrap()
        .row
}

#[test]
fn declined_rows_and_changes_are_left_out_and_the_rest_is_one_edit() {
    let dir = common::temp_dir();
    let (_, mut wb) = common::example_at(dir.path(), "plan.sqlite");
    let before = wb.content().unwrap();
    let csv = dir.path().join("tracker.csv");
    sheet::export(&before, &csv, None).unwrap();
    let mut text = std::fs::read_to_string(&csv).unwrap();
    let (a, b) = (&before.actions[0], &before.actions[1]);
    for (x, note) in [(a, "Delayed by the winter"), (b, "Going well")] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&x.code))
            .unwrap()
            .to_owned();
        let edited =
            line.replacen(x.status.label(), "At risk", 1)
                .replacen(&x.progress_note, note, 1);
        text = text.replacen(&line, &edited, 1);
    }
    // Two new rows: one accepted, one declined whose lead partner is new.
    text.push_str(",Accepted new action,,,,,,,,,\n");
    text.push_str(",Declined new action,,Brand New Trust,,,,,,,\n");
    std::fs::write(&csv, &text).unwrap();

    let plan = sheet::prepare(&csv, None, &Mapping::default(), &before).unwrap();
    assert_eq!((plan.updated(), plan.created()), (2, 2), "{:#?}", plan.rows);
    let Outcome::Update { changes, .. } = &plan.rows[0].outcome else {
        panic!("{:#?}", plan.rows[0])
    };
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["status", "progress_note"]);
    assert_eq!(
        (changes[0].before.as_str(), changes[0].after.as_str()),
        (a.status.label(), "At risk"),
        "Planbook's value beside the sheet's"
    );
    assert_eq!(plan.new_rows.len(), 1, "{:#?}", plan.new_rows);

    let declined_new = plan.rows.last().unwrap().row;
    let declined = Declined {
        rows: BTreeSet::from([row_of(&plan, &b.code), declined_new]),
        changes: BTreeSet::from([DeclinedChange {
            row: row_of(&plan, &a.code),
            field: "status".into(),
        }]),
    };
    let report = sheet::apply_declining(&mut wb, &plan, &declined).unwrap();
    assert_eq!((report.created, report.updated, report.new_rows), (1, 1, 0));
    let after = wb.content().unwrap();
    let a2 = after.actions.iter().find(|x| x.id == a.id).unwrap();
    assert_eq!(a2.status, a.status, "the declined status is as it was");
    assert_eq!(
        a2.progress_note, "Delayed by the winter",
        "the accepted note"
    );
    let b2 = after.actions.iter().find(|x| x.id == b.id).unwrap();
    assert_eq!(b2, b, "a declined row changes nothing");
    let titles: Vec<&str> = after.actions.iter().map(|x| x.title.as_str()).collect();
    assert!(titles.contains(&"Accepted new action"));
    assert!(!titles.contains(&"Declined new action"));
    assert_eq!(
        after.partners, before.partners,
        "the partner only a declined row named is not made"
    );

    // One edit: one Undo takes all of it back.
    wb.undo().unwrap();
    let undone = wb.content().unwrap();
    assert_eq!(undone.actions.len(), before.actions.len());
    let a3 = undone.actions.iter().find(|x| x.id == a.id).unwrap();
    assert_eq!(a3.progress_note, a.progress_note);

    // Declining every change of a row leaves it as it was, and it is not counted.
    let plan = sheet::prepare(&csv, None, &Mapping::default(), &undone).unwrap();
    let row = row_of(&plan, &a.code);
    let declined = Declined {
        rows: BTreeSet::new(),
        changes: ["status", "progress_note"]
            .map(|f| DeclinedChange {
                row,
                field: f.into(),
            })
            .into(),
    };
    let report = sheet::apply_declining(&mut wb, &plan, &declined).unwrap();
    assert_eq!((report.created, report.updated, report.new_rows), (2, 1, 1));
    let after = wb.content().unwrap();
    let a4 = after.actions.iter().find(|x| x.id == a.id).unwrap();
    assert_eq!((a4.status, &a4.progress_note), (a.status, &a.progress_note));
    let b2 = after.actions.iter().find(|x| x.id == b.id).unwrap();
    assert_eq!(
        (b2.status, b2.progress_note.as_str()),
        (ActionStatus::AtRisk, "Going well")
    );
}

/// A tracker of the planner's own, read with their choices of columns, statuses and
/// partners; the next file with the same headers is read the same way without a mapping
/// file, and one with other headers is not.
#[test]
fn the_mapping_is_remembered_for_a_tracker_with_the_same_headers() {
    let dir = common::temp_dir();
    let (_, mut wb) = common::example_at(dir.path(), "plan.sqlite");
    let content = wb.content().unwrap();
    let known = content.partners[0].name.clone();
    let first = dir.path().join("round 1.csv");
    std::fs::write(
        &first,
        "Ref,What we will do,Delivered by,RAG\nX1,Do a thing,DC,Purple\nX2,Do another,Our Friends,G\n",
    )
    .unwrap();
    let guessed = sheet::prepare_remembered(&first, wb.reader(), &content).unwrap();
    assert!(!guessed.remembered);
    let who = guessed
        .columns
        .iter()
        .find(|c| c.header == "Delivered by")
        .unwrap();
    assert_eq!(who.target.word(), "note", "not a header Planbook knows");

    let mut mapping = Mapping::default();
    mapping
        .columns
        .insert("Delivered by".into(), "lead_partner_id".into());
    mapping.statuses.insert("Purple".into(), "dropped".into());
    mapping.partners.insert("DC".into(), known.clone());
    // Mapped to no name: a new partner, even though it may be spelt like one already there.
    mapping.partners.insert("Our Friends".into(), String::new());
    let plan = sheet::prepare(&first, None, &mapping, &content).unwrap();
    let seen: Vec<(&str, Option<&str>)> = plan
        .partners
        .iter()
        .map(|p| (p.written.as_str(), p.partner.as_deref()))
        .collect();
    assert_eq!(seen, [("DC", Some(known.as_str())), ("Our Friends", None)]);
    let view = sheet::review::view(&plan, vec!["round 1".into()]);
    assert!(view.partner_choices.contains(&known));
    sheet::apply(&mut wb, &plan).unwrap();

    let second = dir.path().join("round 2.csv");
    std::fs::write(
        &second,
        "Ref,What we will do,Delivered by,RAG\nX1,Do a thing,DC,G\nX3,A third,DC,Purple\n",
    )
    .unwrap();
    let content = wb.content().unwrap();
    let again = sheet::prepare_remembered(&second, wb.reader(), &content).unwrap();
    assert!(again.remembered, "the same headers: the remembered mapping");
    assert_eq!(
        again.mapping.columns.get("Delivered by").unwrap(),
        "lead_partner_id"
    );
    assert_eq!(again.mapping.statuses.get("Purple").unwrap(), "dropped");
    assert_eq!(
        again.mapping.sheet, None,
        "the sheet's name is not remembered"
    );
    let lead = &content
        .partners
        .iter()
        .find(|p| p.name == known)
        .unwrap()
        .id;
    let Outcome::Create { .. } = &again.rows[1].outcome else {
        panic!("{:#?}", again.rows)
    };
    sheet::apply(&mut wb, &again).unwrap();
    let x3 = wb
        .content()
        .unwrap()
        .actions
        .into_iter()
        .find(|a| a.code == "X3")
        .unwrap();
    assert_eq!(x3.status, ActionStatus::Dropped);
    assert_eq!(x3.lead_partner_id.as_ref(), Some(lead));

    // Undo takes the import back but not what was learnt about the tracker.
    wb.undo().unwrap();
    let content = wb.content().unwrap();
    assert!(
        sheet::prepare_remembered(&second, wb.reader(), &content)
            .unwrap()
            .remembered
    );

    let other = dir.path().join("other.csv");
    std::fs::write(&other, "Ref,What we will do,Owner\nX9,Else,DC\n").unwrap();
    assert!(
        !sheet::prepare_remembered(&other, wb.reader(), &content)
            .unwrap()
            .remembered,
        "other headers: guessed afresh"
    );
}
