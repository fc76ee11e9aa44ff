//! The overview, the first view a workbook opens on, and the golden thread read both ways in
//! the window: checked against what core says of the same workbook.

use std::collections::BTreeMap;

use planbook_core::thread::Thread;
use serde_json::{Value, json};

use crate::desktop::desktop;

#[test]
fn e2e_the_overview_shows_every_priority_with_its_action_statuses_and_p6_lists_a05_through_o10() {
    let Some(desktop) = desktop() else { return };
    let [file] = desktop.example_workbooks([("Our Dorset.sqlite", "Our Dorset")]);
    let content = planbook_core::Workbook::open(&file, planbook_core::Access::ReadOnly)
        .unwrap()
        .content()
        .unwrap();
    // What core says each priority's actions are, by status (its golden thread).
    let thread = Thread::of(&content);
    let expected: Vec<Value> = content
        .priorities
        .iter()
        .map(|p| {
            let mut counts: BTreeMap<String, u32> = BTreeMap::new();
            for (a, _) in thread.actions_of(&p.id) {
                let action = content.actions.iter().find(|x| &x.id == a).unwrap();
                let word = serde_json::to_value(action.status).unwrap();
                *counts.entry(word.as_str().unwrap().to_owned()).or_default() += 1;
            }
            json!({ "code": p.code, "statuses": counts })
        })
        .collect();
    assert_eq!(expected.len(), 6);

    let app = desktop.launch(&[&file]);
    app.wait_text("plan-title", |t| t.contains("Our Dorset"));
    // The first view is the overview, first in the navigation.
    app.get("overview-heading");
    assert_eq!(
        app.js("return document.querySelector('nav[aria-label=\"Workbook\"] a').dataset.testid;"),
        json!("nav-overview")
    );
    let shown = app.js(
        "return Array.from(document.querySelectorAll('[data-testid=\"overview-priority\"]')).map(card => ({
           code: card.dataset.code,
           statuses: Object.fromEntries(Array.from(card.querySelectorAll('[data-testid=\"overview-status\"]'))
             .map(s => [s.dataset.status, Number(s.querySelector('.overview__count').innerText.replace(/\\D/g, ''))])),
           words: card.innerText,
         }));",
    );
    let shown = shown.as_array().unwrap();
    assert_eq!(shown.len(), 6, "{shown:?}");
    for (card, want) in shown.iter().zip(&expected) {
        assert_eq!(card["code"], want["code"]);
        assert_eq!(card["statuses"], want["statuses"], "{}", card["words"]);
        // In words, not only shapes: each status's label is on the card.
        for status in want["statuses"].as_object().unwrap().keys() {
            let label = planbook_core::model::ActionStatus::ALL
                .iter()
                .find(|s| serde_json::to_value(s).unwrap() == json!(status))
                .unwrap()
                .label();
            assert!(card["words"].as_str().unwrap().contains(label), "{label}");
        }
    }

    // P6, opened from the overview in one click, lists A05, which serves it through O10.
    let p6 = app.wait_for_css("[data-testid='overview-priority'][data-code='P6'] h3 button");
    app.click(&p6);
    app.wait_text("priority-heading", |t| t.starts_with("P6 "));
    let list = app.wait_text("priority-actions", |t| t.contains("A05"));
    assert!(list.contains("A08") && list.contains("A09"), "{list}");
    assert!(list.contains("Serves it through O10"), "{list}");
    app.quit();
}
