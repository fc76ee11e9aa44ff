//! Large workbooks for benchmarks and stress tests (`planbook generate --actions N`).
//!
//! The result depends only on the number of actions and the seed: ids are derived from keys,
//! timestamps are fixed, and the "random" choices come from a small seeded generator, so two
//! runs give identical workbooks and benchmark runs compare like with like.

use chrono::NaiveDate;

use crate::content::{Content, JSON_FORMAT, JSON_VERSION};
use crate::error::{Error, Result};
use crate::example;
use crate::model::*;

/// The most actions `generate` makes: far beyond any real plan.
pub const MAX_ACTIONS: usize = 100_000;

/// SplitMix64: tiny, fast and good enough to vary words and dates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const VERBS: &[&str] = &[
    "Expand",
    "Introduce",
    "Review",
    "Pilot",
    "Extend",
    "Redesign",
    "Join up",
    "Train staff in",
    "Co-produce",
    "Evaluate",
    "Publish",
    "Commission",
];
const THINGS: &[&str] = &[
    "social prescribing",
    "community health hubs",
    "digital appointments",
    "falls prevention",
    "carers’ support",
    "healthy homes visits",
    "stop-smoking services",
    "mental health crisis care",
    "school nursing",
    "discharge to assess",
    "weight management",
    "Welsh-language services",
    "walking and cycling routes",
    "dementia-friendly cafés",
    "shared care records",
];
const PLACES: &[&str] = &[
    "in Weymouth and Portland",
    "across rural north Dorset",
    "in Poole town centre",
    "for Bournemouth’s coastal wards",
    "in Purbeck",
    "with GP practices in Bridport",
    "across the county",
    "in Ferndown and West Moors",
];
const DETAIL: &[&str] = &[
    "so that people get help earlier, closer to home.",
    "working with voluntary and community partners who already know the people most at risk.",
    "with the aim of reducing avoidable admissions by £1.2m a year.",
    "starting where health inequalities are widest – the plan’s “left behind” areas.",
    "and report progress to the partnership board every quarter.",
    "building on what residents told us at the 2024 engagement events.",
];

/// A workbook with `actions` actions, built on the Our Dorset example's plan, sections,
/// aims and partners, with priorities, outcomes and measures in proportion.
pub fn content(actions: usize, seed: u64) -> Result<Content> {
    if actions > MAX_ACTIONS {
        return Err(Error::Invalid(format!(
            "{actions} actions is more than the {MAX_ACTIONS} a generated workbook may have"
        )));
    }
    let base = example::content("our-dorset")?;
    let mut rng = Rng(seed ^ 0x005e_ed0f_91a4_b00c);
    let at = Timestamp("2026-01-01T00:00:00.000Z".into());
    let key = |kind: &str, n: usize| Id::from_key(&format!("generated/{seed}/{kind}/{n}"));
    let mut c = Content {
        format: JSON_FORMAT.into(),
        version: JSON_VERSION,
        plan: Plan {
            title: format!("{} (generated, {actions} actions)", base.plan.title),
            created_at: at.clone(),
            updated_at: at.clone(),
            ..base.plan.clone()
        },
        aims: base.aims.clone(),
        sections: base.sections.clone(),
        partners: base.partners.clone(),
        glossary: base.glossary.clone(),
        engagements: base.engagements.clone(),
        ..Content::default()
    };
    // The example's rows carry the time they were built; fixed stamps keep output identical.
    fn restamp<T: Entity>(rows: &mut [T], at: &Timestamp) {
        for row in rows {
            let (_, created, updated) = row.stamps_mut();
            *created = at.clone();
            *updated = at.clone();
        }
    }
    restamp(&mut c.aims, &at);
    restamp(&mut c.sections, &at);
    restamp(&mut c.partners, &at);
    restamp(&mut c.glossary, &at);
    restamp(&mut c.engagements, &at);
    let n_priorities = (actions / 150).clamp(3, 40);
    let n_outcomes = n_priorities * 3;
    for p in 0..n_priorities {
        let id = key("priority", p);
        c.priorities.push(Priority {
            id: id.clone(),
            code: format!("P{}", p + 1),
            title: format!("{} {}", rng.pick(VERBS), rng.pick(THINGS)),
            summary: format!(
                "This priority brings together our work on {} {}, {}",
                rng.pick(THINGS),
                rng.pick(PLACES),
                rng.pick(DETAIL)
            ),
            theme: ["Living Well", "Ageing Well", "Starting Well"][p % 3].into(),
            position: p as i64 + 1,
            created_at: at.clone(),
            updated_at: at.clone(),
        });
        if let Some(aim) = c.aims.get(p % c.aims.len().max(1)) {
            c.priority_aims.push(PriorityAim {
                id: key("priority_aim", p),
                priority_id: id.clone(),
                aim_id: aim.id.clone(),
                created_at: at.clone(),
                updated_at: at.clone(),
            });
        }
    }
    let day0 = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default();
    for o in 0..n_outcomes {
        let id = key("outcome", o);
        c.outcomes.push(Outcome {
            id: id.clone(),
            code: format!("O{}", o + 1),
            statement: format!(
                "More people benefit from {} {}",
                rng.pick(THINGS),
                rng.pick(PLACES)
            ),
            position: o as i64 + 1,
            created_at: at.clone(),
            updated_at: at.clone(),
        });
        c.priority_outcomes.push(PriorityOutcome {
            id: key("priority_outcome", o),
            priority_id: key("priority", o / 3),
            outcome_id: id.clone(),
            created_at: at.clone(),
            updated_at: at.clone(),
        });
        let mid = key("measure", o);
        let baseline = 40.0 + rng.below(30) as f64;
        c.measures.push(Measure {
            id: mid.clone(),
            outcome_id: id,
            title: format!("People reached by {}", rng.pick(THINGS)),
            unit: "%".into(),
            direction: Direction::HigherIsBetter,
            baseline_value: Some(baseline),
            baseline_date: Some(day0),
            target_value: Some(baseline + 15.0),
            target_date: NaiveDate::from_ymd_opt(2029, 3, 31),
            source: "Generated figures".into(),
            position: 1,
            created_at: at.clone(),
            updated_at: at.clone(),
        });
        for r in 0..4 {
            c.readings.push(Reading {
                id: key(&format!("reading-{o}"), r),
                measure_id: mid.clone(),
                date: Some(day0 + chrono::Days::new(182 * (r as u64 + 1))),
                value: Some(baseline + r as f64 * 2.0 + rng.below(3) as f64),
                note: String::new(),
                created_at: at.clone(),
                updated_at: at.clone(),
            });
        }
    }
    for a in 0..actions {
        let id = key("action", a);
        let start = day0 + chrono::Days::new(rng.below(700) as u64);
        let lead = c
            .partners
            .get(rng.below(c.partners.len().max(1)))
            .map(|p| p.id.clone());
        c.actions.push(Action {
            id: id.clone(),
            code: format!("A{}", a + 1),
            title: format!(
                "{} {} {}",
                rng.pick(VERBS),
                rng.pick(THINGS),
                rng.pick(PLACES)
            ),
            description: format!(
                "We will {} {} {}",
                rng.pick(VERBS).to_lowercase(),
                rng.pick(THINGS),
                rng.pick(DETAIL)
            ),
            lead_partner_id: lead,
            start_date: Some(start),
            due_date: Some(start + chrono::Days::new(90 + rng.below(900) as u64)),
            status: ActionStatus::ALL[rng.below(ActionStatus::ALL.len())],
            progress_note: String::new(),
            position: a as i64 + 1,
            created_at: at.clone(),
            updated_at: at.clone(),
        });
        let outcome = rng.below(n_outcomes);
        c.action_priorities.push(ActionPriority {
            id: key("action_priority", a),
            action_id: id.clone(),
            priority_id: key("priority", outcome / 3),
            created_at: at.clone(),
            updated_at: at.clone(),
        });
        c.action_outcomes.push(ActionOutcome {
            id: key("action_outcome", a),
            action_id: id.clone(),
            outcome_id: key("outcome", outcome),
            created_at: at.clone(),
            updated_at: at.clone(),
        });
        if let Some(p) = c.partners.get(rng.below(c.partners.len().max(1))) {
            c.action_partners.push(ActionPartner {
                id: key("action_partner", a),
                action_id: id,
                partner_id: p.id.clone(),
                created_at: at.clone(),
                updated_at: at.clone(),
            });
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_workbook() {
        let a = content(300, 7).expect("generates");
        let b = content(300, 7).expect("generates");
        assert_eq!(a.to_json().ok(), b.to_json().ok());
        assert_eq!(a.actions.len(), 300);
        assert!(content(300, 8).expect("generates").actions != a.actions);
    }
}
