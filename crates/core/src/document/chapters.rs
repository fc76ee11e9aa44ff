//! The priority chapters and the annexes of the document model. Each returns its blocks, in
//! reading order, for `model::build` to put in place; headings get their anchors there.

use std::collections::HashMap;

use super::chart;
use super::flow::{Block, Cell, CellPara, Span, Table};
use super::words::{amount, coded, day_date, long_date, short_date, words_for};
use crate::content::Content;
use crate::model::{Action, ActionStatus, Id, Measure, Milestone, Partner};
use crate::thread::{Serving, Thread};

/// The actions shown, given the status filter, in their order.
fn shown_actions<'a>(c: &'a Content, statuses: &[ActionStatus]) -> Vec<&'a Action> {
    c.actions
        .iter()
        .filter(|a| statuses.contains(&a.status))
        .collect()
}

pub(super) fn priorities(c: &Content, statuses: &[ActionStatus]) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::heading(1, "Our priorities", true, true));
    if c.priorities.is_empty() {
        b.push(Block::note("No priorities have been written yet."));
        return b;
    }
    b.push(Block::para(format!(
        "We have chosen {} priorities. Each of the following chapters sets out what a priority is about, the outcomes it is expected to lead to and how we will know, and the actions we will take.",
        words_for(c.priorities.len())
    )));
    let partners: HashMap<&Id, &Partner> = c.partners.iter().map(|p| (&p.id, p)).collect();
    let actions = shown_actions(c, statuses);
    let action_index: HashMap<&Id, &Action> = actions.iter().map(|a| (&a.id, *a)).collect();
    // A priority's actions are those the golden thread says serve it: linked to it, or to one
    // of its outcomes (`thread`), each saying through which.
    let thread = Thread::of(c);
    let outcome_codes: HashMap<&Id, &str> = c
        .outcomes
        .iter()
        .map(|o| (&o.id, o.code.as_str()))
        .collect();
    let mut supporting: HashMap<&Id, Vec<&Partner>> = HashMap::new();
    for l in &c.action_partners {
        if let Some(p) = partners.get(&l.partner_id) {
            supporting.entry(&l.action_id).or_default().push(p);
        }
    }
    for list in supporting.values_mut() {
        list.sort_by_key(|p| p.position);
    }
    let mut milestones: HashMap<&Id, Vec<&Milestone>> = HashMap::new();
    for m in &c.milestones {
        milestones.entry(&m.action_id).or_default().push(m);
    }
    for list in milestones.values_mut() {
        list.sort_by_key(|m| m.position);
    }
    let aims: HashMap<&Id, (i64, &str)> = c
        .aims
        .iter()
        .map(|a| (&a.id, (a.position, a.title.as_str())))
        .collect();
    let mut measures: HashMap<&Id, Vec<&Measure>> = HashMap::new();
    for m in &c.measures {
        measures.entry(&m.outcome_id).or_default().push(m);
    }
    let readings = chart::dated_readings(&c.readings);
    let outcomes: HashMap<&Id, &crate::model::Outcome> =
        c.outcomes.iter().map(|o| (&o.id, o)).collect();

    for (n, p) in c.priorities.iter().enumerate() {
        // The first priority follows the short introduction; each later one starts a page.
        b.push(Block::heading(
            2,
            format!("Priority {}", coded(&p.code, &p.title)),
            true,
            n > 0,
        ));
        let mut facts = Vec::new();
        if !p.theme.trim().is_empty() {
            facts.push(Span::bold("Theme: "));
            facts.push(Span::plain(format!("{}. ", p.theme)));
        }
        let mut serves: Vec<(i64, &str)> = c
            .priority_aims
            .iter()
            .filter(|l| l.priority_id == p.id)
            .filter_map(|l| aims.get(&l.aim_id).copied())
            .collect();
        serves.sort();
        let serves: Vec<&str> = serves.into_iter().map(|s| s.1).collect();
        if !serves.is_empty() {
            facts.push(Span::bold("Contributes to our aims: "));
            facts.push(Span::plain(format!("{}.", serves.join("; "))));
        }
        if !facts.is_empty() {
            b.push(Block::Paragraph(facts));
        }
        if !p.summary.trim().is_empty() {
            b.push(Block::Lead(vec![Span::plain(&p.summary)]));
        }
        b.push(Block::heading(3, "What this will lead to", false, false));
        let linked: Vec<_> = c
            .priority_outcomes
            .iter()
            .filter(|l| l.priority_id == p.id)
            .filter_map(|l| outcomes.get(&l.outcome_id))
            .collect();
        let mut linked = linked;
        linked.sort_by_key(|o| (o.position, o.code.clone()));
        if linked.is_empty() {
            b.push(Block::note(
                "No outcomes have been linked to this priority yet.",
            ));
        }
        for o in linked {
            b.push(Block::heading(
                4,
                coded(&o.code, &o.statement),
                false,
                false,
            ));
            let ms = measures.get(&o.id).map(Vec::as_slice).unwrap_or(&[]);
            if ms.is_empty() {
                b.push(Block::note("No measure has been set for this outcome yet."));
            }
            for m in ms {
                measure(
                    &mut b,
                    m,
                    readings.get(&m.id).map(Vec::as_slice).unwrap_or(&[]),
                );
            }
        }
        b.push(Block::heading(3, "What we will do", false, false));
        let mut list: Vec<(&Action, &Serving)> = thread
            .actions_of(&p.id)
            .filter_map(|(a, serving)| Some((*action_index.get(a)?, serving)))
            .collect();
        list.sort_by_key(|(a, _)| a.position);
        if list.is_empty() {
            b.push(Block::note("No actions are listed for this priority."));
            continue;
        }
        let rows = list
            .iter()
            .map(|(a, serving)| {
                let steps = milestones.get(&a.id).map(Vec::as_slice).unwrap_or(&[]);
                let mut row = action_row(a, &partners, supporting.get(&a.id), steps);
                if !serving.directly {
                    row[0].insert(1, CellPara::muted(through(serving, &outcome_codes)));
                }
                row
            })
            .collect();
        b.push(Block::Table(Table {
            caption: format!("Actions for priority {}", coded(&p.code, &p.title)),
            columns: vec![
                ("Action".into(), 0.37),
                ("Lead".into(), 0.14),
                ("Supporting partners".into(), 0.15),
                ("When".into(), 0.17),
                ("Status".into(), 0.17),
            ],
            rows,
        }));
    }
    b
}

/// "Through outcome O10", "Through outcomes O3 and O4": how an action not linked to a
/// priority serves it.
fn through(serving: &Serving, codes: &HashMap<&Id, &str>) -> String {
    let names: Vec<&str> = serving
        .through
        .iter()
        .map(|o| {
            codes
                .get(o)
                .copied()
                .filter(|c| !c.trim().is_empty())
                .unwrap_or("an outcome")
        })
        .collect();
    match names.as_slice() {
        [one] => format!("Through outcome {one}"),
        [init @ .., last] => format!("Through outcomes {} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

fn measure(b: &mut Vec<Block>, m: &Measure, readings: &[(chrono::NaiveDate, f64)]) {
    let when = |d: Option<chrono::NaiveDate>| d.map(|d| format!(" ({})", short_date(d)));
    let baseline = m
        .baseline_value
        .map(|v| {
            format!(
                "{}{}",
                amount(v, &m.unit),
                when(m.baseline_date).unwrap_or_default()
            )
        })
        .unwrap_or_else(|| "Not set".into());
    let target = m
        .target_value
        .map(|v| {
            format!(
                "{}{}",
                amount(v, &m.unit),
                when(m.target_date).unwrap_or_default()
            )
        })
        .unwrap_or_else(|| "Not set".into());
    let latest = readings
        .last()
        .map(|(d, v)| format!("{} ({})", amount(*v, &m.unit), short_date(*d)))
        .unwrap_or_else(|| "No readings yet".into());
    let mut what = vec![CellPara::bold(&m.title)];
    what.push(CellPara::muted(m.direction.label()));
    if !m.source.trim().is_empty() {
        what.push(CellPara::muted(format!("Source: {}", m.source)));
    }
    b.push(Block::Table(Table {
        caption: format!("Measure: {}", m.title),
        columns: vec![
            ("Measure".into(), 0.40),
            ("Baseline".into(), 0.20),
            ("Target".into(), 0.20),
            ("Latest reading".into(), 0.20),
        ],
        rows: vec![vec![
            what,
            vec![CellPara::plain(baseline)],
            vec![CellPara::plain(target)],
            vec![CellPara::plain(latest)],
        ]],
    }));
    if let Some(chart) = chart::of_measure(m, readings) {
        b.push(Block::Chart(chart));
    }
}

fn action_row(
    a: &Action,
    partners: &HashMap<&Id, &Partner>,
    supporting: Option<&Vec<&Partner>>,
    milestones: &[&Milestone],
) -> Vec<Cell> {
    let name = |p: &Partner| {
        if p.short_name.trim().is_empty() {
            p.name.clone()
        } else {
            p.short_name.clone()
        }
    };
    let mut what = vec![CellPara::bold(coded(&a.code, &a.title))];
    if !a.description.trim().is_empty() {
        what.push(CellPara::plain(&a.description));
    }
    if !a.progress_note.trim().is_empty() {
        what.push(CellPara::muted(format!("Progress: {}", a.progress_note)));
    }
    // Milestones under the action, as a list: what, when it is due, and when it was done.
    if !milestones.is_empty() {
        what.push(CellPara::bold("Milestones"));
        what.extend(milestones.iter().map(|m| milestone(m)));
    }
    let lead = a
        .lead_partner_id
        .as_ref()
        .and_then(|id| partners.get(id))
        .map(|p| CellPara::plain(name(p)))
        .unwrap_or_else(|| CellPara::muted("No lead yet"));
    let support: Cell = supporting
        .map(|ps| ps.iter().map(|p| CellPara::plain(name(p))).collect())
        .unwrap_or_default();
    let mut when = Vec::new();
    if let Some(s) = a.start_date {
        when.push(CellPara::plain(format!("From {}", short_date(s))));
    }
    match a.due_date {
        Some(d) => when.push(CellPara::plain(format!("Due {}", short_date(d)))),
        None => when.push(CellPara::muted("No due date")),
    }
    let status = vec![CellPara {
        shape: Some(a.status),
        ..CellPara::plain(a.status.label())
    }];
    vec![what, vec![lead], support, when, status]
}

/// One milestone as a list item: "Title: due 3 Mar 2027, done on 1 Feb 2027".
fn milestone(m: &Milestone) -> CellPara {
    let mut when = Vec::new();
    if let Some(d) = m.due_date {
        when.push(format!("due {}", day_date(d)));
    }
    match m.completed_on {
        Some(d) => when.push(format!("done on {}", day_date(d))),
        None => when.push("not done yet".into()),
    }
    let mut text = vec![Span::plain(m.title.trim())];
    text.push(Span::plain(format!(": {}", when.join(", "))));
    CellPara {
        text,
        bullet: true,
        ..CellPara::plain("")
    }
}

pub(super) fn engagement(c: &Content) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::heading(1, "How people were involved", true, true));
    if c.engagements.is_empty() {
        b.push(Block::note("No engagement has been recorded yet."));
        return b;
    }
    b.push(Block::para("We asked people who live and work here what matters to them. This is what they told us, and what we changed as a result: you said, we did."));
    let rows = c
        .engagements
        .iter()
        .map(|e| {
            let mut who = vec![CellPara::bold(&e.who)];
            if !e.how.trim().is_empty() {
                who.push(CellPara::plain(&e.how));
            }
            if let Some(d) = e.held_on {
                who.push(CellPara::muted(long_date(d)));
            }
            vec![
                who,
                vec![CellPara::plain(&e.what_they_said)],
                vec![CellPara::plain(&e.what_changed)],
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        caption: "You said, we did".into(),
        columns: vec![
            ("Who we heard from".into(), 0.28),
            ("You said".into(), 0.36),
            ("We did".into(), 0.36),
        ],
        rows,
    }));
    b
}

pub(super) fn traceability(c: &Content, statuses: &[ActionStatus]) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::heading(
        1,
        "Annex A: How actions serve priorities and outcomes",
        true,
        true,
    ));
    let actions = shown_actions(c, statuses);
    if actions.is_empty() {
        b.push(Block::note("No actions are listed."));
        return b;
    }
    b.push(Block::para("Every action, the priorities it serves and the outcomes it is expected to help bring about."));
    let priorities: HashMap<&Id, (i64, String)> = c
        .priorities
        .iter()
        .map(|p| (&p.id, (p.position, coded(&p.code, &p.title))))
        .collect();
    let outcomes: HashMap<&Id, (i64, String)> = c
        .outcomes
        .iter()
        .map(|o| (&o.id, (o.position, coded(&o.code, &o.statement))))
        .collect();
    // Links are stored in id order; the annex lists them in the plan's own order.
    // The priorities each action serves by the thread's rule, saying through which outcome
    // when it is not linked to the priority itself.
    let outcome_codes: HashMap<&Id, &str> = c
        .outcomes
        .iter()
        .map(|o| (&o.id, o.code.as_str()))
        .collect();
    let thread = Thread::of(c);
    let mut served: HashMap<&Id, Vec<(i64, String)>> = HashMap::new();
    for a in &actions {
        for (p, serving) in thread.priorities_of(&a.id) {
            if let Some((pos, name)) = priorities.get(p) {
                let name = if serving.directly {
                    name.clone()
                } else {
                    let how = through(serving, &outcome_codes);
                    format!("{name} ({}{})", how[..1].to_lowercase(), &how[1..])
                };
                served.entry(&a.id).or_default().push((*pos, name));
            }
        }
    }
    let mut ap: HashMap<&Id, Vec<&(i64, String)>> = HashMap::new();
    for (a, list) in &served {
        ap.insert(*a, list.iter().collect());
    }
    let mut ao: HashMap<&Id, Vec<&(i64, String)>> = HashMap::new();
    for l in &c.action_outcomes {
        if let Some(o) = outcomes.get(&l.outcome_id) {
            ao.entry(&l.action_id).or_default().push(o);
        }
    }
    let in_order = |mut v: Vec<&(i64, String)>| -> Cell {
        v.sort();
        v.into_iter().map(|(_, t)| CellPara::plain(t)).collect()
    };
    let none = || vec![CellPara::muted("None linked")];
    let rows = actions
        .iter()
        .map(|a| {
            vec![
                vec![CellPara::plain(coded(&a.code, &a.title))],
                ap.remove(&a.id).map(in_order).unwrap_or_else(none),
                ao.remove(&a.id).map(in_order).unwrap_or_else(none),
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        caption: "Which action serves which priority and outcome".into(),
        columns: vec![
            ("Action".into(), 0.36),
            ("Priorities".into(), 0.28),
            ("Outcomes".into(), 0.36),
        ],
        rows,
    }));
    b
}

pub(super) fn partners(c: &Content) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::heading(1, "Annex B: Partners", true, true));
    if c.partners.is_empty() {
        b.push(Block::note("No partners are listed."));
        return b;
    }
    let rows = c
        .partners
        .iter()
        .map(|p| {
            vec![
                vec![CellPara::plain(&p.name)],
                vec![CellPara::plain(&p.short_name)],
                vec![CellPara::plain(p.kind.label())],
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        caption: "The partners in this plan".into(),
        columns: vec![
            ("Partner".into(), 0.52),
            ("Short name".into(), 0.2),
            ("Kind".into(), 0.28),
        ],
        rows,
    }));
    b
}

pub(super) fn glossary(c: &Content) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::heading(1, "Annex C: Glossary", true, true));
    if c.glossary.is_empty() {
        b.push(Block::note("No glossary terms are listed."));
        return b;
    }
    b.push(Block::para(
        "Words you may meet elsewhere, and the plain words we use instead.",
    ));
    let rows = c
        .glossary
        .iter()
        .map(|g| {
            vec![
                vec![CellPara::bold(&g.term)],
                vec![CellPara::plain(&g.plain_words)],
                vec![CellPara::plain(&g.definition)],
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        caption: "Glossary".into(),
        columns: vec![
            ("Term".into(), 0.26),
            ("We say".into(), 0.28),
            ("What it means".into(), 0.46),
        ],
        rows,
    }));
    b
}
