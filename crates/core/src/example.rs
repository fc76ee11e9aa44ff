//! The bundled Our Dorset example, built from `assets/examples/our-dorset.json`.
//!
//! The source file is written for people: rows refer to each other by short readable keys
//! ("P1", "nhs-dorset") instead of UUIDs, and links are listed with the row that makes them.
//! Ids are derived from the keys, so the example's ids are the same on every machine.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::content::{Content, JSON_FORMAT, JSON_VERSION};
use crate::error::{Error, Result};
use crate::model::*;

/// The examples Planbook ships, by the name the CLI and the app use.
pub const EXAMPLES: &[(&str, &str)] = &[(
    "our-dorset",
    include_str!("../../../assets/examples/our-dorset.json"),
)];

/// The content of a bundled example.
pub fn content(name: &str) -> Result<Content> {
    let (_, text) = EXAMPLES.iter().find(|(n, _)| *n == name).ok_or_else(|| {
        let names: Vec<&str> = EXAMPLES.iter().map(|(n, _)| *n).collect();
        Error::Invalid(format!(
            "there is no example called “{name}”; the examples are: {}",
            names.join(", ")
        ))
    })?;
    let source: Source = serde_json::from_str(text)
        .map_err(|e| Error::Json(format!("the example “{name}”: {e}")))?;
    Ok(source.build(name))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    plan: Plan,
    aims: Vec<SourceAim>,
    sections: Vec<SourceSection>,
    partners: Vec<SourcePartner>,
    outcomes: Vec<SourceOutcome>,
    priorities: Vec<SourcePriority>,
    measures: Vec<SourceMeasure>,
    actions: Vec<SourceAction>,
    glossary: Vec<GlossaryTerm>,
    engagements: Vec<Engagement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceAim {
    key: String,
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceSection {
    title: String,
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcePartner {
    key: String,
    name: String,
    short_name: String,
    kind: PartnerKind,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceOutcome {
    key: String,
    statement: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcePriority {
    key: String,
    title: String,
    summary: String,
    #[serde(default)]
    theme: String,
    aims: Vec<String>,
    outcomes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMeasure {
    outcome: String,
    title: String,
    unit: String,
    direction: Direction,
    baseline: (Option<f64>, Option<NaiveDate>),
    target: (Option<f64>, Option<NaiveDate>),
    source: String,
    #[serde(default)]
    readings: Vec<(NaiveDate, f64, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceAction {
    key: String,
    title: String,
    description: String,
    lead: Option<String>,
    #[serde(default)]
    partners: Vec<String>,
    start_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    status: ActionStatus,
    #[serde(default)]
    progress_note: String,
    priorities: Vec<String>,
    outcomes: Vec<String>,
    #[serde(default)]
    milestones: Vec<(String, Option<NaiveDate>, Option<NaiveDate>)>,
}

impl Source {
    fn build(self, name: &str) -> Content {
        let at = now();
        let id = |kind: &str, key: &str| Id::from_key(&format!("{name}/{kind}/{key}"));
        let stamps = || (at.clone(), at.clone());
        let mut c = Content {
            format: JSON_FORMAT.into(),
            version: JSON_VERSION,
            ..Content::default()
        };
        let (created_at, updated_at) = stamps();
        c.plan = Plan {
            id: id("plan", "plan"),
            created_at,
            updated_at,
            ..self.plan
        };
        for (n, a) in self.aims.into_iter().enumerate() {
            let (created_at, updated_at) = stamps();
            c.aims.push(Aim {
                id: id("aim", &a.key),
                title: a.title,
                description: a.description,
                position: n as i64 + 1,
                created_at,
                updated_at,
            });
        }
        for (n, s) in self.sections.into_iter().enumerate() {
            let (created_at, updated_at) = stamps();
            c.sections.push(Section {
                id: id("section", &s.title),
                title: s.title,
                body: s.body,
                position: n as i64 + 1,
                created_at,
                updated_at,
            });
        }
        for (n, p) in self.partners.into_iter().enumerate() {
            let (created_at, updated_at) = stamps();
            c.partners.push(Partner {
                id: id("partner", &p.key),
                name: p.name,
                short_name: p.short_name,
                kind: p.kind,
                position: n as i64 + 1,
                created_at,
                updated_at,
            });
        }
        for (n, o) in self.outcomes.into_iter().enumerate() {
            let (created_at, updated_at) = stamps();
            c.outcomes.push(Outcome {
                id: id("outcome", &o.key),
                code: o.key,
                statement: o.statement,
                position: n as i64 + 1,
                created_at,
                updated_at,
            });
        }
        for (n, p) in self.priorities.into_iter().enumerate() {
            let (created_at, updated_at) = stamps();
            let pid = id("priority", &p.key);
            for aim in &p.aims {
                let (created_at, updated_at) = stamps();
                c.priority_aims.push(PriorityAim {
                    id: id("priority_aim", &format!("{}-{aim}", p.key)),
                    priority_id: pid.clone(),
                    aim_id: id("aim", aim),
                    created_at,
                    updated_at,
                });
            }
            for outcome in &p.outcomes {
                let (created_at, updated_at) = stamps();
                c.priority_outcomes.push(PriorityOutcome {
                    id: id("priority_outcome", &format!("{}-{outcome}", p.key)),
                    priority_id: pid.clone(),
                    outcome_id: id("outcome", outcome),
                    created_at,
                    updated_at,
                });
            }
            c.priorities.push(Priority {
                id: pid,
                code: p.key,
                title: p.title,
                summary: p.summary,
                theme: p.theme,
                position: n as i64 + 1,
                created_at,
                updated_at,
            });
        }
        let mut per_outcome = std::collections::HashMap::<String, i64>::new();
        for m in self.measures {
            let (created_at, updated_at) = stamps();
            let position = per_outcome
                .entry(m.outcome.clone())
                .and_modify(|n| *n += 1)
                .or_insert(1);
            let mid = id("measure", &m.title);
            for (date, value, note) in m.readings {
                let (created_at, updated_at) = stamps();
                c.readings.push(Reading {
                    id: id("reading", &format!("{}-{date}", m.title)),
                    measure_id: mid.clone(),
                    date: Some(date),
                    value: Some(value),
                    note,
                    created_at,
                    updated_at,
                });
            }
            c.measures.push(Measure {
                id: mid,
                outcome_id: id("outcome", &m.outcome),
                title: m.title,
                unit: m.unit,
                direction: m.direction,
                baseline_value: m.baseline.0,
                baseline_date: m.baseline.1,
                target_value: m.target.0,
                target_date: m.target.1,
                source: m.source,
                position: *position,
                created_at,
                updated_at,
            });
        }
        for (n, a) in self.actions.into_iter().enumerate() {
            let (created_at, updated_at) = stamps();
            let aid = id("action", &a.key);
            let link_id = |kind: &str, other: &str| id(kind, &format!("{}-{other}", a.key));
            for p in &a.priorities {
                let (created_at, updated_at) = stamps();
                c.action_priorities.push(ActionPriority {
                    id: link_id("action_priority", p),
                    action_id: aid.clone(),
                    priority_id: id("priority", p),
                    created_at,
                    updated_at,
                });
            }
            for o in &a.outcomes {
                let (created_at, updated_at) = stamps();
                c.action_outcomes.push(ActionOutcome {
                    id: link_id("action_outcome", o),
                    action_id: aid.clone(),
                    outcome_id: id("outcome", o),
                    created_at,
                    updated_at,
                });
            }
            for p in &a.partners {
                let (created_at, updated_at) = stamps();
                c.action_partners.push(ActionPartner {
                    id: link_id("action_partner", p),
                    action_id: aid.clone(),
                    partner_id: id("partner", p),
                    created_at,
                    updated_at,
                });
            }
            for (k, (title, due_date, completed_on)) in a.milestones.into_iter().enumerate() {
                let (created_at, updated_at) = stamps();
                c.milestones.push(Milestone {
                    id: link_id("milestone", &title),
                    action_id: aid.clone(),
                    title,
                    due_date,
                    completed_on,
                    position: k as i64 + 1,
                    created_at,
                    updated_at,
                });
            }
            c.actions.push(Action {
                id: aid,
                code: a.key,
                title: a.title,
                description: a.description,
                lead_partner_id: a.lead.as_deref().map(|l| id("partner", l)),
                start_date: a.start_date,
                due_date: a.due_date,
                status: a.status,
                progress_note: a.progress_note,
                position: n as i64 + 1,
                created_at,
                updated_at,
            });
        }
        for g in self.glossary {
            let (created_at, updated_at) = stamps();
            c.glossary.push(GlossaryTerm {
                id: id("glossary", &g.term),
                created_at,
                updated_at,
                ..g
            });
        }
        for (n, e) in self.engagements.into_iter().enumerate() {
            let (created_at, updated_at) = stamps();
            c.engagements.push(Engagement {
                id: id("engagement", &n.to_string()),
                created_at,
                updated_at,
                ..e
            });
        }
        c
    }
}
