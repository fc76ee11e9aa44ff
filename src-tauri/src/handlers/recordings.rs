//! The scenarios the UI tests replay (see `recorder.rs`): what the window asks in each, made
//! through the real handlers. A UI test names its scenario (`replay('edit-priority-title')`)
//! and may make only the calls recorded here; to test something new, add its calls here and
//! regenerate `ui/src/lib/recorded.json`.
//!
//! Most scenarios start from `example`: the Our Dorset example open for editing, read as the
//! window reads it on opening. They are set up the same way ([`Scenario::from`]), so the
//! replay answers their opening reads from `example`'s and the file holds them once.

use std::path::PathBuf;

use chrono::Utc;
use planbook_core::model::FieldType;
use planbook_core::{Access, Start};
use serde_json::json;

use super::recorder::Scenario;
use super::recordings_sharing::*;
use super::recordings_sheets::*;
use super::recordings_start::*;
use super::*;

/// Every scenario, in the order they are written to the file.
pub(super) fn all() -> Vec<Scenario> {
    vec![
        start(),
        new_example(),
        recent(),
        new_blank(),
        open_failed("open-failed", b"Dear all, please find attached the plan."),
        missing(),
        corrupt(),
        example(),
        in_onedrive(),
        read_only(),
        close(),
        menu_undo(),
        edit_priority_title(),
        edit_plan_numbers(),
        edit_hostile(),
        delete_partner(),
        move_aim(),
        link(),
        crossing_link(),
        jargon_fix(),
        section_markup(),
        section_script(),
        markup_italic(),
        refused_due(),
        refused_population(),
        picked_date(),
        date_in_words(),
        plan_field_errors(),
        add_priority(),
        add_reading(),
        add_milestone(),
        two_edits(),
        save_copy(),
        send_copy(),
        send_copy_refused(),
        merge_cancelled(),
        merge_clean(),
        merge_nothing(),
        merge_conflicts(),
        merge_refused(),
        super::recordings_shared::others(),
        super::recordings_shared::conflict(),
        restore(),
        export_pdf(),
        export_cancelled(),
        export_docx(),
        export_html_cancelled(),
        sheet_import(),
        sheet_not_a_status(),
        sheet_import_refused(),
        sheet_import_cancelled(),
        sheet_mapping(),
        sheet_export(),
        sheet_send_update(),
        sheet_bring_back(),
        sheet_remembered(),
    ]
}

pub(super) const W: WorkbookId = WorkbookId(1);

pub(super) fn wb(w: WorkbookId) -> Value {
    json!({ "workbook": w })
}

/// The Our Dorset example as a file in the scenario's folder.
pub(super) fn example_file(s: &Scenario, name: &str) -> PathBuf {
    let path = s.dir.path(name);
    let content = planbook_core::example::content("our-dorset").expect("the example");
    drop(Workbook::create(&path, Start::Content(Box::new(content))).expect("create the example"));
    path
}

/// A scenario with the example open at start for editing and read as the window reads it on
/// opening, as `example` has it (those reads are `example`'s, so they are not kept again).
pub(super) fn opened(name: &'static str, answers: &[&str]) -> Scenario {
    let mut s = Scenario::new(name, answers);
    let path = example_file(&s, "Our Dorset.sqlite");
    assert!(matches!(
        open_at_start(&s.state, Some(&path)),
        WindowState::Open { .. }
    ));
    opening_reads(&mut s, W);
    s.forget_calls();
    s
}

/// What the window reads on showing workbook `w`.
pub(super) fn opening_reads(s: &mut Scenario, w: WorkbookId) {
    s.read("window_state", json!({}), |st| Ok(window_state(st)))
        .unwrap();
    s.read("workbook_summary", wb(w), |st| workbook_summary(st, w))
        .unwrap();
    content_reads(s, w);
    s.read("undo_state", wb(w), |st| undo_state(st, w)).unwrap();
    text_jargon_reads(s, w);
}

/// The fields shown ask for the jargon in their text: every text of the workbook.
fn text_jargon_reads(s: &mut Scenario, w: WorkbookId) {
    let content = serde_json::to_value(workbook_content(&s.state, w).unwrap()).unwrap();
    for &kind in Kind::ALL {
        let rows = &content[kind.json_name()];
        let rows = rows
            .as_array()
            .map_or_else(|| vec![rows.clone()], Clone::clone);
        for row in rows {
            for (field, value) in row.as_object().into_iter().flatten() {
                let text_field = kind.field(field).map(|f| f.ty);
                let shown = matches!(
                    text_field,
                    Some(FieldType::ShortText | FieldType::LongText | FieldType::Tag)
                );
                if let Some(text) = value.as_str().filter(|t| shown && !t.trim().is_empty()) {
                    jargon_read(s, w, kind, field, text);
                }
            }
        }
    }
}

/// The content, plan health and what core derives (the thread, the charts): read on opening,
/// and again after a refused edit.
fn content_reads(s: &mut Scenario, w: WorkbookId) {
    s.read("workbook_content", wb(w), |st| workbook_content(st, w))
        .unwrap();
    s.read("plan_health", wb(w), |st| plan_health(st, w, st.today()))
        .unwrap();
    s.read("workbook_derived", wb(w), |st| workbook_derived(st, w))
        .unwrap();
}

/// The id of the row of `kind` whose code, title or name is `label` (not recorded).
pub(super) fn id_of(s: &Scenario, kind: Kind, label: &str) -> Id {
    let content = serde_json::to_value(workbook_content(&s.state, W).unwrap()).unwrap();
    let rows = &content[kind.json_name()];
    let rows = rows
        .as_array()
        .map_or_else(|| vec![rows.clone()], Clone::clone);
    let found = rows.iter().find(|r| {
        ["code", "title", "name", "key"]
            .iter()
            .any(|f| r[*f].as_str() == Some(label))
    });
    Id(
        found.unwrap_or_else(|| panic!("no {kind:?} “{label}”"))["id"]
            .as_str()
            .expect("an id")
            .to_owned(),
    )
}

/// Sets a field, and reads the jargon of its new text as the field then asks.
pub(super) fn set(
    s: &mut Scenario,
    kind: Kind,
    id: &Id,
    field: &str,
    value: Value,
) -> Result<Edited, WireError> {
    let args = json!({ "workbook": W, "kind": kind, "id": id, "field": field, "value": value });
    let done = s.step("set_field", args, |st| {
        set_field(st, W, kind, id, field, value.clone())
    });
    if let Some(text) = value.as_str() {
        jargon_read(s, W, kind, field, text);
    }
    done
}

fn jargon_read(s: &mut Scenario, w: WorkbookId, kind: Kind, field: &str, text: &str) {
    let args = json!({ "workbook": w, "kind": kind, "field": field, "text": text });
    s.read("jargon", args, |st| jargon(st, w, kind, field, text))
        .unwrap();
}

fn undo_redo(s: &mut Scenario, command: &str) {
    s.step(command, wb(W), |st| match command {
        "undo" => undo(st, W),
        _ => redo(st, W),
    })
    .unwrap();
}

// The open example.

fn example() -> Scenario {
    let mut s = opened("example", &[]);
    // Recorded here once for every scenario `from` this one.
    opening_reads(&mut s, W);
    s.read("recent_workbooks", json!({}), |st| Ok(recent_workbooks(st)))
        .unwrap();
    alias_recent_keys(&mut s);
    s.read("export_defaults", wb(W), |st| export_defaults(st, W))
        .unwrap();
    s.read("list_backups", wb(W), |st| list_backups(st, W))
        .unwrap();
    s.read("search", json!({ "workbook": W, "query": "homes" }), |st| {
        search(st, W, "homes")
    })
    .unwrap();
    s
}

/// The example in a OneDrive folder, with a conflicting copy OneDrive kept beside it.
fn in_onedrive() -> Scenario {
    let mut s = Scenario::new("in-onedrive", &[]);
    std::fs::create_dir_all(s.dir.path("OneDrive - NHS Dorset")).unwrap();
    let path = example_file(&s, "OneDrive - NHS Dorset/Our Dorset.sqlite");
    std::fs::copy(
        &path,
        s.dir.path("OneDrive - NHS Dorset/Our Dorset-LAPTOP.sqlite"),
    )
    .unwrap();
    open_at_start(&s.state, Some(&path));
    opening_reads(&mut s, W);
    s
}

/// The example opened while someone else is editing it: read-only, saying why.
fn read_only() -> Scenario {
    let mut s = Scenario::new("read-only", &[]);
    let path = example_file(&s, "Our Dorset.sqlite");
    let before = Utc::now();
    let _editor = Workbook::open(&path, Access::Edit).expect("the other editor");
    let after = Utc::now();
    for at in [before, after] {
        s.alias(
            at.format("%-d %B %Y at %H:%M UTC").to_string(),
            "23 November 2026 at 18:00 UTC",
        );
    }
    let window = open_at_start(&s.state, Some(&path));
    let WindowState::Open {
        workbook,
        notice: Some(_),
    } = window
    else {
        panic!("not opened read-only: {window:?}");
    };
    opening_reads(&mut s, workbook);
    s
}

fn close() -> Scenario {
    let mut s = opened("close", &[]).from("example");
    s.step("close_workbook", wb(W), |st| Ok(close_workbook(st, W)))
        .unwrap();
    alias_recent_keys(&mut s);
    s.read("recent_workbooks", json!({}), |st| Ok(recent_workbooks(st)))
        .unwrap();
    s
}

// Edits.

fn menu_undo() -> Scenario {
    let mut s = opened("menu-undo", &[]).from("example");
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    set(
        &mut s,
        Kind::Plan,
        &plan,
        "title",
        "Typed, not yet saved".into(),
    )
    .unwrap();
    undo_redo(&mut s, "undo");
    undo_redo(&mut s, "redo");
    s
}

fn edit_priority_title() -> Scenario {
    let mut s = opened("edit-priority-title", &[]).from("example");
    let p1 = id_of(&s, Kind::Priority, "P1");
    set(
        &mut s,
        Kind::Priority,
        &p1,
        "title",
        "Prevention first".into(),
    )
    .unwrap();
    undo_redo(&mut s, "undo");
    undo_redo(&mut s, "redo");
    s
}

fn edit_plan_numbers() -> Scenario {
    let mut s = opened("edit-plan-numbers", &[]).from("example");
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    set(&mut s, Kind::Plan, &plan, "population", "812,500".into()).unwrap();
    set(&mut s, Kind::Plan, &plan, "period_end", Value::Null).unwrap();
    let a01 = id_of(&s, Kind::Action, "A01");
    set(&mut s, Kind::Action, &a01, "lead_partner_id", Value::Null).unwrap();
    s
}

fn edit_hostile() -> Scenario {
    let mut s = opened("edit-hostile", &[]).from("example");
    let hostile: Value = "<img src=x onerror=alert(1)>".into();
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    set(&mut s, Kind::Plan, &plan, "title", hostile.clone()).unwrap();
    let p1 = id_of(&s, Kind::Priority, "P1");
    set(&mut s, Kind::Priority, &p1, "title", hostile).unwrap();
    s
}

fn delete_partner() -> Scenario {
    let mut s = opened("delete-partner", &[]).from("example");
    let nhs = id_of(&s, Kind::Partner, "NHS Dorset (Integrated Care Board)");
    let args = json!({ "workbook": W, "kind": Kind::Partner, "id": nhs });
    s.step("delete_row", args, |st| {
        delete_row(st, W, Kind::Partner, &nhs)
    })
    .unwrap();
    undo_redo(&mut s, "undo");
    s
}

fn move_aim() -> Scenario {
    let mut s = opened("move-aim", &[]).from("example");
    let a1 = id_of(
        &s,
        Kind::Aim,
        "Improve outcomes in population health and healthcare",
    );
    let args = json!({ "workbook": W, "kind": Kind::Aim, "id": a1, "index": 1 });
    s.step("move_row", args, |st| move_row(st, W, Kind::Aim, &a1, 1))
        .unwrap();
    s
}

/// A05 linked to P6 (from the combobox or the matrix), then A01 unlinked from O3.
/// A link that crosses: A10 serves P1, and is linked to O3, an outcome of P2 only; core's
/// answer names the crossing among the findings that appeared.
fn crossing_link() -> Scenario {
    let mut s = opened("crossing-link", &[]).from("example");
    let (a10, o3) = (
        id_of(&s, Kind::Action, "A10"),
        id_of(&s, Kind::Outcome, "O3"),
    );
    let args = json!({ "workbook": W, "kind": Kind::ActionOutcome, "a": a10, "b": o3 });
    s.step("link", args, |st| {
        super::link(st, W, Kind::ActionOutcome, &a10, &o3)
    })
    .unwrap();
    s
}

fn link() -> Scenario {
    let mut s = opened("link", &[]).from("example");
    let (a05, p6) = (
        id_of(&s, Kind::Action, "A05"),
        id_of(&s, Kind::Priority, "P6"),
    );
    let args = json!({ "workbook": W, "kind": Kind::ActionPriority, "a": a05, "b": p6 });
    s.step("link", args, |st| {
        super::link(st, W, Kind::ActionPriority, &a05, &p6)
    })
    .unwrap();
    let (a01, o3) = (
        id_of(&s, Kind::Action, "A01"),
        id_of(&s, Kind::Outcome, "O3"),
    );
    let args = json!({ "workbook": W, "kind": Kind::ActionOutcome, "a": a01, "b": o3 });
    s.step("unlink", args, |st| {
        unlink(st, W, Kind::ActionOutcome, &a01, &o3)
    })
    .unwrap();
    s
}

/// Jargon typed into the first section's body, then the plain words put in from its hint.
fn jargon_fix() -> Scenario {
    let mut s = opened("jargon-fix", &[]).from("example");
    let typed = "We will use the integrated care system.";
    let section = first_section(&s);
    set(&mut s, Kind::Section, &section, "body", typed.into()).unwrap();
    let glossary = workbook_content(&s.state, W).unwrap().glossary;
    let span = planbook_core::jargon::jargon_spans(typed, &glossary)
        .into_iter()
        .next()
        .expect("the glossary's term in the text");
    let fixed = format!(
        "{}{}{}",
        &typed[..span.start],
        span.replacement,
        &typed[span.end..]
    );
    set(&mut s, Kind::Section, &section, "body", fixed.into()).unwrap();
    s
}

fn first_section(s: &Scenario) -> Id {
    workbook_content(&s.state, W).unwrap().sections[0]
        .id
        .clone()
}

/// A section body with markup, a safe link and a script link.
fn section_markup() -> Scenario {
    let mut s = opened("section-markup", &[]).from("example");
    let body = "**Working together**\n\nWe will work as one.\n\n- one\n- two with [a link](https://example.org) and [bad](javascript:alert(1))";
    let section = first_section(&s);
    set(&mut s, Kind::Section, &section, "body", body.into()).unwrap();
    s
}

fn section_script() -> Scenario {
    let mut s = opened("section-script", &[]).from("example");
    let payload = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))";
    let section = first_section(&s);
    set(&mut s, Kind::Section, &section, "body", payload.into()).unwrap();
    s
}

/// The first words of the first section's body made italic from the toolbar.
fn markup_italic() -> Scenario {
    let mut s = opened("markup-italic", &[]).from("example");
    let section = workbook_content(&s.state, W).unwrap().sections[0].clone();
    let body = &section.body;
    assert!(body.starts_with("**What matters most"), "{body}");
    let italic = format!("{}*{}*{}", &body[..2], &body[2..19], &body[19..]);
    set(&mut s, Kind::Section, &section.id, "body", italic.into()).unwrap();
    s
}

/// A due date core refuses; the window then reads the workbook again.
fn refused_due() -> Scenario {
    let mut s = opened("refused-due", &[]).from("example");
    let a01 = id_of(&s, Kind::Action, "A01");
    assert!(set(&mut s, Kind::Action, &a01, "due_date", "31/13/2027".into()).is_err());
    content_reads(&mut s, W);
    s
}

/// A due date picked from the calendar, which writes it as a planner would type it.
fn picked_date() -> Scenario {
    let mut s = opened("picked-date", &[]).from("example");
    let a01 = id_of(&s, Kind::Action, "A01");
    set(&mut s, Kind::Action, &a01, "due_date", "16/03/2027".into()).unwrap();
    s
}

/// A due date typed in words.
fn date_in_words() -> Scenario {
    let mut s = opened("date-in-words", &[]).from("example");
    let a01 = id_of(&s, Kind::Action, "A01");
    set(
        &mut s,
        Kind::Action,
        &a01,
        "due_date",
        "31 March 2027".into(),
    )
    .unwrap();
    s
}

/// Several of the plan's fields refused at once (for the error summary): an empty title and a
/// population with a fraction; then the population put right, and refused again.
fn plan_field_errors() -> Scenario {
    let mut s = opened("plan-field-errors", &[]).from("example");
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    assert!(set(&mut s, Kind::Plan, &plan, "title", "".into()).is_err());
    content_reads(&mut s, W);
    assert!(set(&mut s, Kind::Plan, &plan, "population", "812.5".into()).is_err());
    content_reads(&mut s, W);
    set(&mut s, Kind::Plan, &plan, "population", "812,500".into()).unwrap();
    assert!(set(&mut s, Kind::Plan, &plan, "population", "812.5".into()).is_err());
    content_reads(&mut s, W);
    s
}

fn refused_population() -> Scenario {
    let mut s = opened("refused-population", &[]).from("example");
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    assert!(set(&mut s, Kind::Plan, &plan, "population", "812.5".into()).is_err());
    content_reads(&mut s, W);
    set(&mut s, Kind::Plan, &plan, "population", "812,500".into()).unwrap();
    s
}

fn add(s: &mut Scenario, kind: Kind, fields: Value) -> Result<Id, WireError> {
    let args = json!({ "workbook": W, "kind": kind, "fields": fields });
    let map = fields.as_object().cloned().unwrap_or_default();
    Ok(s.step("add_row", args, |st| add_row(st, W, kind, map))?.id)
}

/// A new priority, then a new outcome linked to it (as the priority's "Add" does).
fn add_priority() -> Scenario {
    let mut s = opened("add-priority", &[]).from("example");
    let priority = add(&mut s, Kind::Priority, json!({})).unwrap();
    let outcome = add(&mut s, Kind::Outcome, json!({})).unwrap();
    let args = json!({ "workbook": W, "kind": Kind::PriorityOutcome, "a": priority, "b": outcome });
    s.step("link", args, |st| {
        super::link(st, W, Kind::PriorityOutcome, &priority, &outcome)
    })
    .unwrap();
    s
}

fn add_reading() -> Scenario {
    let mut s = opened("add-reading", &[]).from("example");
    let measure = workbook_content(&s.state, W).unwrap().measures[0]
        .id
        .clone();
    add(&mut s, Kind::Reading, json!({ "measure_id": measure })).unwrap();
    s
}

/// A milestone added to A01 with the title typed first (core refuses a milestone without one).
fn add_milestone() -> Scenario {
    let mut s = opened("add-milestone", &[]).from("example");
    let a01 = id_of(&s, Kind::Action, "A01");
    add(
        &mut s,
        Kind::Milestone,
        json!({ "action_id": a01, "title": "Pilot in two practices" }),
    )
    .unwrap();
    s
}

fn two_edits() -> Scenario {
    let mut s = opened("two-edits", &[]).from("example");
    let plan = id_of(&s, Kind::Plan, "Our Dorset");
    set(&mut s, Kind::Plan, &plan, "title", "Saved slowly".into()).unwrap();
    set(&mut s, Kind::Plan, &plan, "subtitle", "Then this".into()).unwrap();
    undo_redo(&mut s, "undo");
    s
}
