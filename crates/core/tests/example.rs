//! The Our Dorset example says what the seed pages say, in their words.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod common;

use common::{example_at, temp_dir};
use planbook_core::check::{FindingKind, plan_health};

#[test]
fn the_example_holds_the_seed_plan_in_its_own_words() {
    let dir = temp_dir();
    let (_p, wb) = example_at(dir.path(), "Our Dorset.sqlite");
    let c = wb.content().unwrap();
    assert_eq!(c.plan.title, "Our Dorset");
    assert_eq!(c.plan.population, Some(800_000));
    assert!(
        c.plan.notes.contains("ILLUSTRATIVE"),
        "made-up parts are marked as such"
    );
    let aims: Vec<_> = c.aims.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        aims[0],
        "Improve outcomes in population health and healthcare"
    );
    assert_eq!(aims[1], "Tackle inequalities in outcome and access");
    assert_eq!(aims[2], "Enhance productivity and value for money");
    assert!(aims[3].starts_with("Help the NHS deliver broader social and economic development"));
    assert_eq!(c.priorities.len(), 6);
    assert!(
        c.priorities
            .iter()
            .any(|p| p.title == "Using digital technology to deliver services in new ways")
    );
    assert!(c.priorities.iter().any(|p| p.theme == "Living Well"));
    let sections: Vec<_> = c.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        sections,
        [
            "The national picture",
            "What this means in your local area",
            "Our Dorset Integrated Care System",
            "Involving people"
        ]
    );
    for phrase in [
        "Healthy Homes Dorset",
        "stopping smoking and doing more exercise",
        "800,000 people",
    ] {
        assert!(
            c.sections.iter().any(|s| s.body.contains(phrase)),
            "{phrase}"
        );
    }
    assert!(
        c.outcomes
            .iter()
            .any(|o| o.statement == "Fewer people living in poverty")
    );
    assert_eq!(c.glossary[0].term, "integrated care system");
    assert_eq!(c.glossary[0].plain_words, "working together locally");
    assert!(c.partners.iter().any(|p| p.short_name == "NHS Dorset"));
    // Every priority leads to outcomes, and every action has links.
    for p in &c.priorities {
        assert!(
            c.priority_outcomes.iter().any(|l| l.priority_id == p.id),
            "{}",
            p.code
        );
    }
    for a in &c.actions {
        assert!(
            c.action_priorities.iter().any(|l| l.action_id == a.id),
            "{}",
            a.code
        );
        assert!(
            c.action_outcomes.iter().any(|l| l.action_id == a.id),
            "{}",
            a.code
        );
    }
}

#[test]
fn the_example_is_the_same_on_every_machine() {
    let a = planbook_core::example::content("our-dorset").unwrap();
    let b = planbook_core::example::content("our-dorset").unwrap();
    let ids =
        |c: &planbook_core::Content| c.actions.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(
        planbook_core::example::content("nowhere")
            .unwrap_err()
            .to_string(),
        "there is no example called “nowhere”; the examples are: our-dorset"
    );
}

#[test]
fn checking_the_example_finds_the_seed_jargon_and_the_illustrative_gaps() {
    let c = planbook_core::example::content("our-dorset").unwrap();
    let findings = plan_health(&c, "2026-11-23".parse().unwrap());
    let count = |k| findings.iter().filter(|f| f.kind == k).count();
    // The example uses its one glossary term in the section titled "Our Dorset Integrated
    // Care System" (a name: only suggested) and in quotation marks (the planners' own
    // explanation of the term, and people's words): one finding.
    assert_eq!(count(FindingKind::Jargon), 1, "{findings:#?}");
    assert!(
        findings
            .iter()
            .any(|f| f.message.contains("looks like a name")
                && f.message.contains("“working together locally”"))
    );
    assert_eq!(count(FindingKind::ActionOverdue), 1);
    assert_eq!(count(FindingKind::ActionWithoutDueDate), 1);
    assert_eq!(count(FindingKind::OutcomeWithoutMeasures), 3);
    assert_eq!(count(FindingKind::PriorityWithoutOutcomes), 0);
    // On the plan's first day nothing was overdue yet.
    let early = plan_health(&c, "2024-04-01".parse().unwrap());
    assert!(early.iter().all(|f| f.kind != FindingKind::ActionOverdue));
}
