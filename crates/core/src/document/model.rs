//! The document model built from a workbook: the blocks of every part the options include,
//! in reading order. The front parts (cover, contents, sections, aims, plan on a page) are
//! built here; the priority chapters and the annexes come from `chapters`, which returns
//! its blocks, so this module only assembles and never lends itself out.

use std::collections::{HashMap, HashSet};

use super::chapters;
use super::flow::{Block, Cell, CellPara, Cover, Doc, Span, Table};
use super::markup::{BodyBlock, parse_body};
use super::options::{ExportOptions, Part};
use super::words::{coded, group_thousands, long_date, words_for};
use crate::content::Content;
use crate::model::Id;

/// Builds the document model, applying the options (parts, statuses).
pub fn build(c: &Content, o: &ExportOptions) -> Doc {
    let statuses = &o.statuses;
    let mut blocks = Vec::new();
    if o.includes(Part::Cover) {
        blocks.push(cover(c, o));
    }
    if o.includes(Part::Contents) {
        blocks.push(Block::heading(1, "Contents", false, true));
        blocks.push(Block::Contents);
    }
    if o.includes(Part::Sections) {
        blocks.extend(sections(c));
    }
    if o.includes(Part::Aims) {
        blocks.extend(aims(c));
    }
    if o.includes(Part::PlanOnAPage) {
        blocks.extend(plan_on_a_page(c));
    }
    if o.includes(Part::Priorities) {
        blocks.extend(chapters::priorities(c, statuses));
    }
    if o.includes(Part::Engagement) {
        blocks.extend(chapters::engagement(c));
    }
    if o.includes(Part::Traceability) {
        blocks.extend(chapters::traceability(c, statuses));
    }
    if o.includes(Part::Partners) {
        blocks.extend(chapters::partners(c));
    }
    if o.includes(Part::Glossary) {
        blocks.extend(chapters::glossary(c));
    }
    give_anchors(&mut blocks);
    let plan = &c.plan;
    let subject = if plan.subtitle.trim().is_empty() {
        format!("The plan of {}", plan.partnership)
    } else {
        plan.subtitle.clone()
    };
    Doc {
        title: plan.title.clone(),
        author: plan.partnership.clone(),
        subject,
        lang: if plan.language.trim().is_empty() {
            "en-GB".into()
        } else {
            plan.language.clone()
        },
        draft: o.draft,
        blocks,
    }
}

/// Gives every heading its anchor, in reading order. Done once the whole document is known
/// because anchors must be unique across it: a repeated title gets "-2", "-3", and so on,
/// the first one keeping the plain anchor.
fn give_anchors(blocks: &mut [Block]) {
    let mut taken = HashSet::new();
    for block in blocks {
        let Block::Heading(h) = block else {
            continue;
        };
        let base: String = h
            .text
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .take(8)
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() { "part".into() } else { base };
        let mut anchor = base.clone();
        let mut n = 2;
        while !taken.insert(anchor.clone()) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        h.anchor = anchor;
    }
}

fn cover(c: &Content, o: &ExportOptions) -> Block {
    let p = &c.plan;
    let mut details = Vec::new();
    let mut add = |k: &str, v: String| {
        if !v.trim().is_empty() {
            details.push((k.to_owned(), v));
        }
    };
    add("Partnership", p.partnership.clone());
    add("Area", p.area.clone());
    add(
        "Population",
        p.population.map(group_thousands).unwrap_or_default(),
    );
    add(
        "Plan period",
        match (p.period_start, p.period_end) {
            (Some(s), Some(e)) => format!("{} to {}", long_date(s), long_date(e)),
            (Some(s), None) => format!("From {}", long_date(s)),
            (None, Some(e)) => format!("Until {}", long_date(e)),
            (None, None) => String::new(),
        },
    );
    add("Status", p.status.label().to_owned());
    add("Version", p.version_label.clone());
    add("Date", long_date(o.date()));
    Block::Cover(Cover {
        title: p.title.clone(),
        subtitle: p.subtitle.clone(),
        partnership: p.partnership.clone(),
        details,
        draft: o.draft,
    })
}

fn sections(c: &Content) -> Vec<Block> {
    let mut out = vec![Block::heading(1, "About this plan", true, true)];
    if c.plan.vision.trim().is_empty() && c.sections.is_empty() {
        out.push(Block::note(
            "No vision or narrative sections have been written yet.",
        ));
    }
    if !c.plan.vision.trim().is_empty() {
        out.push(Block::heading(2, "Our vision", true, false));
        out.push(Block::Lead(vec![Span::plain(&c.plan.vision)]));
    }
    for s in &c.sections {
        out.push(Block::heading(2, s.title.clone(), true, false));
        out.extend(parse_body(&s.body).into_iter().map(|block| match block {
            BodyBlock::Paragraph(p) => Block::Paragraph(p),
            BodyBlock::Bullets(items) => Block::Bullets(items),
        }));
    }
    out
}

fn aims(c: &Content) -> Vec<Block> {
    let mut out = vec![Block::heading(1, "Our aims", true, true)];
    if c.aims.is_empty() {
        out.push(Block::note("No aims have been written yet."));
        return out;
    }
    out.push(Block::para(format!(
        "Everything in this plan serves {} aims. Each priority contributes to one or more of them.",
        words_for(c.aims.len())
    )));
    let priorities: HashMap<&Id, &crate::model::Priority> =
        c.priorities.iter().map(|p| (&p.id, p)).collect();
    let rows = c
        .aims
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let mut what = vec![CellPara::bold(&a.title)];
            if !a.description.trim().is_empty() {
                what.push(CellPara::plain(&a.description));
            }
            let mut served: Vec<&&crate::model::Priority> = c
                .priority_aims
                .iter()
                .filter(|l| l.aim_id == a.id)
                .filter_map(|l| priorities.get(&l.priority_id))
                .collect();
            served.sort_by_key(|p| p.position);
            let served: Vec<String> = served.iter().map(|p| coded(&p.code, &p.title)).collect();
            let by = if served.is_empty() {
                vec![CellPara::muted("No priority is linked to this aim yet.")]
            } else {
                served
                    .into_iter()
                    .map(|s| CellPara {
                        bullet: true,
                        ..CellPara::plain(s)
                    })
                    .collect()
            };
            vec![vec![CellPara::plain(format!("{}", n + 1))], what, by]
        })
        .collect();
    out.push(Block::Table(Table {
        caption: "Our aims and the priorities that contribute to them".into(),
        columns: vec![
            ("".into(), 0.06),
            ("Aim".into(), 0.47),
            ("Priorities that contribute".into(), 0.47),
        ],
        rows,
    }));
    out
}

fn plan_on_a_page(c: &Content) -> Vec<Block> {
    let mut out = vec![Block::heading(1, "Our plan on a page", true, true)];
    if !c.plan.vision.trim().is_empty() {
        out.push(Block::Lead(vec![Span::plain(&c.plan.vision)]));
    }
    if c.priorities.is_empty() {
        out.push(Block::note("No priorities have been written yet."));
        return out;
    }
    let outcomes: HashMap<&Id, &crate::model::Outcome> =
        c.outcomes.iter().map(|o| (&o.id, o)).collect();
    let rows = c
        .priorities
        .iter()
        .map(|p| {
            let mut left = vec![CellPara::bold(coded(&p.code, &p.title))];
            if !p.theme.trim().is_empty() {
                left.push(CellPara::muted(format!("Theme: {}", p.theme)));
            }
            let mut linked: Vec<&&crate::model::Outcome> = c
                .priority_outcomes
                .iter()
                .filter(|l| l.priority_id == p.id)
                .filter_map(|l| outcomes.get(&l.outcome_id))
                .collect();
            linked.sort_by_key(|o| o.position);
            let leads: Cell = linked
                .into_iter()
                .map(|o| CellPara {
                    bullet: true,
                    ..CellPara::plain(&o.statement)
                })
                .collect();
            let leads = if leads.is_empty() {
                vec![CellPara::muted("No outcomes yet.")]
            } else {
                leads
            };
            vec![left, leads]
        })
        .collect();
    out.push(Block::Table(Table {
        caption: "Our priorities and what they will lead to".into(),
        columns: vec![
            ("Our priority".into(), 0.42),
            ("This will lead to".into(), 0.58),
        ],
        rows,
    }));
    out
}
