//! What core works out for the app and the plan document alike: the golden thread read both
//! ways (a priority's actions through its outcomes, in the app's `Derived` and in the plan
//! document), each measure's chart model (drawn by the PDF and by the app), and an edit
//! reporting the thread and the charts when it changes them.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use chrono::Local;
use common::{example_at, temp_dir};
use planbook_core::document::{self, ExportOptions, Item};
use planbook_core::live::{Derived, Live};
use planbook_core::model::*;
use planbook_core::{Workbook, thread::Thread};

fn action(w: &Workbook, code: &str) -> Id {
    let rows: Vec<Action> = w.list().unwrap();
    rows.into_iter().find(|r| r.code == code).unwrap().id
}
fn priority(w: &Workbook, code: &str) -> Id {
    let rows: Vec<Priority> = w.list().unwrap();
    rows.into_iter().find(|r| r.code == code).unwrap().id
}
fn outcome(w: &Workbook, code: &str) -> Id {
    let rows: Vec<Outcome> = w.list().unwrap();
    rows.into_iter().find(|r| r.code == code).unwrap().id
}

#[test]
fn the_app_is_sent_p6_served_by_a05_through_o10() {
    let dir = temp_dir();
    let (_, w) = example_at(dir.path(), "plan.sqlite");
    let derived = Derived::read(&w).unwrap();
    let (p6, a05, o10) = (priority(&w, "P6"), action(&w, "A05"), outcome(&w, "O10"));
    let link = derived
        .thread
        .serving
        .iter()
        .find(|l| l.priority_id == p6 && l.action_id == a05)
        .expect("A05 serves P6");
    assert!(!link.directly);
    assert_eq!(link.through, vec![o10]);
    // P6's own actions are there too, linked directly.
    for code in ["A08", "A09"] {
        let a = action(&w, code);
        assert!(
            derived
                .thread
                .serving
                .iter()
                .any(|l| l.priority_id == p6 && l.action_id == a && l.directly),
            "{code}"
        );
    }
    // Reading only the links gives what reading the whole content gives.
    assert_eq!(Thread::of(&w.content().unwrap()).view(), derived.thread);
}

#[test]
fn the_plan_document_lists_a05_under_p6_through_o10() {
    let dir = temp_dir();
    let (_, w) = example_at(dir.path(), "plan.sqlite");
    let html = document::export_html(&w.content().unwrap(), &ExportOptions::default());
    // The chapter's heading (the contents list names it first), to the next chapter's.
    let p6 = html.rfind(">Priority P6").expect("P6's chapter");
    let next = html[p6..].find("<h1").map(|i| p6 + i).unwrap_or(html.len());
    let chapter = &html[p6..next];
    for code in ["A05", "A08", "A09"] {
        assert!(
            chapter.contains(&format!("{code} ")),
            "{code} in P6's chapter"
        );
    }
    assert!(chapter.contains("Through outcome O10"), "{chapter}");
    // The annex says the same the other way round.
    let annex = &html[html.rfind(">Annex A").unwrap()..];
    assert!(annex.contains("(through outcome O10)"));
}

#[test]
fn each_measure_with_readings_has_a_chart_inside_its_plot() {
    let dir = temp_dir();
    let (_, w) = example_at(dir.path(), "plan.sqlite");
    let charts = Derived::read(&w).unwrap().charts;
    let readings: Vec<Reading> = w.list().unwrap();
    let measures: Vec<Measure> = w.list().unwrap();
    let with_readings = measures
        .iter()
        .filter(|m| {
            readings
                .iter()
                .any(|r| r.measure_id == m.id && r.value.is_some())
        })
        .count();
    assert!(with_readings > 0);
    assert_eq!(charts.len(), with_readings);
    for c in &charts {
        let m = measures.iter().find(|m| m.id == c.measure_id).unwrap();
        assert!(c.chart.alt.starts_with("Line chart of "), "{}", c.chart.alt);
        assert!(c.chart.alt.contains(&m.title));
        assert!(!c.chart.line.is_empty());
        for p in &c.chart.line {
            assert!((0.0..=c.chart.width).contains(&p.x), "{p:?}");
            assert!((0.0..=c.chart.height).contains(&p.y), "{p:?}");
        }
        if m.target_value.is_some() {
            assert!(c.chart.target_y.is_some());
            assert!(c.chart.labels.iter().any(|l| l.text.starts_with("Target ")));
        }
    }
}

#[test]
fn the_pdf_draws_the_chart_model_it_shares_with_the_app() {
    let dir = temp_dir();
    let (_, w) = example_at(dir.path(), "plan.sqlite");
    let charts = Derived::read(&w).unwrap().charts;
    let layout = document::layout(&w.content().unwrap(), &ExportOptions::default()).unwrap();
    let lines: Vec<&Vec<(f32, f32)>> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Polyline { points, .. } => Some(points),
            _ => None,
        })
        .collect();
    // Every drawn line is some chart model's line, moved to where the chart sits.
    assert!(!lines.is_empty());
    for drawn in lines {
        let (dx, dy) = (drawn[0].0, drawn[0].1);
        assert!(
            charts.iter().any(|c| c.chart.line.len() == drawn.len()
                && c.chart.line.iter().zip(drawn).all(|(m, d)| {
                    let (mx, my) = (m.x - c.chart.line[0].x, m.y - c.chart.line[0].y);
                    (mx - (d.0 - dx)).abs() < 0.01 && (my - (d.1 - dy)).abs() < 0.01
                })),
            "a line drawn from no model: {drawn:?}"
        );
    }
}

#[test]
fn an_edit_reports_the_thread_and_the_charts_when_it_changes_them() {
    let dir = temp_dir();
    let (_, mut w) = example_at(dir.path(), "plan.sqlite");
    let mut live = Live::new();
    let today = Local::now().date_naive();
    let (a01, o10, p6) = (action(&w, "A01"), outcome(&w, "O10"), priority(&w, "P6"));

    // A text edit changes neither.
    let (_, changes) = live
        .edit(&mut w, today, |w| {
            w.set(Kind::Action, &a01, "title", "Renamed".into())
        })
        .unwrap();
    assert!(changes.thread.is_none());
    assert!(changes.charts.is_none());

    // A crossing link: the change names A01 alone, serving P6 through O10, with the crossing.
    live.derived(&w).unwrap();
    let (_, changes) = live
        .edit(&mut w, today, |w| w.link(Kind::ActionOutcome, &a01, &o10))
        .unwrap();
    let thread = changes.thread.expect("the thread changed");
    assert_eq!(thread.actions, vec![a01.clone()]);
    assert!(!thread.whole);
    assert!(thread.serving.iter().any(|l| l.priority_id == p6
        && l.action_id == a01
        && !l.directly
        && l.through == vec![o10.clone()]));
    assert!(
        thread
            .crossings
            .iter()
            .any(|x| x.action == a01 && x.outcome == o10)
    );
    let full = Derived::read(&w).unwrap().thread;
    let mut a01_serving: Vec<_> = full
        .serving
        .into_iter()
        .filter(|l| l.action_id == a01)
        .collect();
    a01_serving.sort_by(|a, b| a.priority_id.cmp(&b.priority_id));
    assert_eq!(thread.serving, a01_serving, "A01's servings, all of them");
    let a01_crossings: Vec<_> = full
        .crossings
        .into_iter()
        .filter(|x| x.action == a01)
        .collect();
    assert_eq!(thread.crossings, a01_crossings);

    // Undoing it goes back.
    let (_, changes) = live.edit(&mut w, today, Workbook::undo).unwrap();
    let thread = changes.thread.expect("undo changed the thread back");
    assert_eq!(thread.actions, vec![a01.clone()]);
    assert!(
        !thread
            .serving
            .iter()
            .any(|l| l.priority_id == p6 && l.action_id == a01)
    );

    // A new reading changes its measure's chart.
    let m: Measure = w.list::<Measure>().unwrap().remove(0);
    let (_, changes) = live
        .edit(&mut w, today, |w| {
            let mut fields = serde_json::Map::new();
            fields.insert("measure_id".into(), m.id.as_str().into());
            fields.insert("date".into(), "2030-01-01".into());
            fields.insert("value".into(), 1.0.into());
            w.add_fields(Kind::Reading, fields)
        })
        .unwrap();
    let charts = changes.charts.expect("the charts changed");
    let chart = charts.iter().find(|c| c.measure_id == m.id).unwrap();
    assert!(
        chart.chart.summary.contains("Jan 2030"),
        "{}",
        chart.chart.summary
    );
    assert_eq!(charts, Derived::read(&w).unwrap().charts);
}

/// "Through" lists follow the outcomes' order, so moving an outcome changes them: the move is
/// part of the thread's change, not left until the next link edit.
#[test]
fn moving_an_outcome_reorders_the_through_lists_it_is_in() {
    let dir = temp_dir();
    let (_, mut w) = example_at(dir.path(), "plan.sqlite");
    let mut live = Live::new();
    let today = Local::now().date_naive();
    let c = w.content().unwrap();
    let (p, first, second) = c
        .priorities
        .iter()
        .find_map(|p| {
            let mut mine: Vec<&Outcome> = c
                .outcomes
                .iter()
                .filter(|o| {
                    c.priority_outcomes
                        .iter()
                        .any(|l| l.priority_id == p.id && l.outcome_id == o.id)
                })
                .collect();
            mine.sort_by_key(|o| o.position);
            (mine.len() >= 2).then(|| (p.id.clone(), mine[0].id.clone(), mine[1].id.clone()))
        })
        .expect("a priority with two outcomes");
    let a01 = action(&w, "A01");
    for o in [&first, &second] {
        w.link(Kind::ActionOutcome, &a01, o).unwrap();
    }
    let through = |view: &planbook_core::thread::ThreadView| {
        view.serving
            .iter()
            .find(|l| l.priority_id == p && l.action_id == a01)
            .unwrap()
            .through
            .clone()
    };
    assert_eq!(
        through(&live.derived(&w).unwrap().thread),
        vec![first.clone(), second.clone()]
    );

    let (_, changes) = live
        .edit(&mut w, today, |w| w.move_to(Kind::Outcome, &second, 0))
        .unwrap();
    let change = changes
        .thread
        .expect("moving an outcome changes the thread");
    assert!(change.actions.contains(&a01), "{:?}", change.actions);
    let sent = change
        .serving
        .iter()
        .find(|l| l.priority_id == p && l.action_id == a01)
        .unwrap();
    assert_eq!(sent.through, vec![second.clone(), first.clone()]);
    assert_eq!(
        through(&Derived::read(&w).unwrap().thread),
        vec![second, first]
    );
}
