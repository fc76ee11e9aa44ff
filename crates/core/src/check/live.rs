//! Plan health kept up to date edit by edit: the findings of one open workbook, and the facts
//! the rules read, patched from each edit's [`Changes`]. Only the items the changes can have
//! affected are checked again (the changed rows and the items whose findings read them; a
//! glossary change looks for that term in every text), so an edit costs what it touched, not
//! what the workbook holds. The result is always what a full [`super::plan_health`] would
//! find (`tests/live_health.rs` checks this after every one of many random edits).
//!
//! Whether an action is overdue depends on the day: the state remembers the day it checked
//! for, and checks everything again (from the facts it holds, not the file) when asked about
//! another day.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::facts::{Affected, Facts};
use super::{Finding, HealthChange};
use crate::content::Content;
use crate::store::{Changes, RowRef};

/// One open workbook's findings, kept current from its edits' changes.
#[derive(Debug, Clone)]
pub struct LiveHealth {
    facts: Facts,
    today: NaiveDate,
    findings: BTreeMap<String, Finding>,
    /// The keys of each item's findings, so an item checked again loses its old ones.
    by_item: HashMap<RowRef, BTreeSet<String>>,
}

impl LiveHealth {
    /// The state for `content` as of `today`, and its findings in [`super::plan_health`]'s
    /// order.
    pub fn new(content: &Content, today: NaiveDate) -> (LiveHealth, Vec<Finding>) {
        let facts = Facts::of(content);
        let listed = super::in_order(&facts, content, today);
        let mut live = LiveHealth {
            facts,
            today,
            findings: BTreeMap::new(),
            by_item: HashMap::new(),
        };
        for finding in &listed {
            live.keep(finding.clone());
        }
        (live, listed)
    }

    /// Every finding now, by key.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.values()
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Patches the facts with an edit's changes, checks again what they can have affected
    /// (everything, if `today` is not the day last checked for), and returns the findings
    /// that appeared, changed or went.
    pub fn apply(&mut self, changes: &Changes, today: NaiveDate) -> HealthChange {
        let mut affected = Affected::default();
        for row in &changes.rows {
            self.facts.put(row.clone(), &mut affected);
        }
        for row in &changes.removed {
            self.facts.remove(row, &mut affected);
        }
        if today != self.today {
            self.today = today;
            // Added to, not replaced: the items this edit removed are in `affected` but no
            // longer among all the items, and their findings must go.
            affected.items.extend(self.facts.all_items());
            affected.terms.clear();
        }
        let mut fresh: BTreeMap<String, Finding> = BTreeMap::new();
        let mut stale: BTreeSet<String> = BTreeSet::new();
        for item in &affected.items {
            stale.extend(self.by_item.get(item).into_iter().flatten().cloned());
            for finding in self.facts.findings_of(item, today) {
                fresh.insert(finding.key.clone(), finding);
            }
        }
        for term in &affected.terms {
            // A jargon finding's key ends with its term's id.
            let suffix = format!("/{term}");
            stale.extend(
                self.findings
                    .iter()
                    .filter(|(key, f)| {
                        f.kind == super::FindingKind::Jargon && key.ends_with(&suffix)
                    })
                    .map(|(key, _)| key.clone()),
            );
            let Some(glossary_term) = self.facts.glossary.get(term) else {
                continue;
            };
            for item in self.facts.texts_items() {
                let found = self
                    .facts
                    .jargon(item.kind, &item.id, std::iter::once(glossary_term));
                for finding in found {
                    fresh.insert(finding.key.clone(), finding);
                }
            }
        }
        let mut change = HealthChange::default();
        for key in stale {
            if !fresh.contains_key(&key) && self.drop_key(&key) {
                change.removed.push(key);
            }
        }
        for (key, finding) in fresh {
            if self.findings.get(&key) != Some(&finding) {
                self.keep(finding.clone());
                change.added.push(finding);
            }
        }
        change
    }

    fn keep(&mut self, finding: Finding) {
        let item = RowRef {
            kind: finding.entity,
            id: finding.id.clone(),
        };
        self.by_item
            .entry(item)
            .or_default()
            .insert(finding.key.clone());
        self.findings.insert(finding.key.clone(), finding);
    }

    fn drop_key(&mut self, key: &str) -> bool {
        let Some(finding) = self.findings.remove(key) else {
            return false;
        };
        let item = RowRef {
            kind: finding.entity,
            id: finding.id,
        };
        if let Some(keys) = self.by_item.get_mut(&item) {
            keys.remove(key);
            if keys.is_empty() {
                self.by_item.remove(&item);
            }
        }
        true
    }
}
