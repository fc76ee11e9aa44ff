// A large workbook for the windowing tests and the UI profile: the shape `planbook generate
// --actions N` makes (N/150 priorities, clamped to 3..40, three outcomes each, one measure
// with four readings per outcome, one priority, outcome and supporting partner per action),
// built here on the recorded example (its plan, aims, sections, partners and glossary, as core
// made them) because 10,000 recorded actions would make recorded.json tens of megabytes. Data
// only: no rules. `priorities` sets fewer columns for the matrix's tests (jsdom draws a box in
// tens of microseconds).
import type { Content, Derived } from '../wire';
import { exampleContent } from '../replay';

const T = '2026-11-23T18:00:00.000Z';
const stamp = { created_at: T, updated_at: T };

export function bigContent(actions: number, priorities: number = Math.min(40, Math.max(3, Math.floor(actions / 150)))): Content {
  const c = exampleContent();
  const nPriorities = priorities;
  const nOutcomes = nPriorities * 3;
  c.priorities = [];
  c.outcomes = [];
  c.measures = [];
  c.readings = [];
  c.actions = [];
  c.milestones = [];
  c.priority_outcomes = [];
  c.action_priorities = [];
  c.action_outcomes = [];
  c.action_partners = [];
  for (let p = 0; p < nPriorities; p++) {
    c.priorities.push({ id: `pri-${p}`, code: `P${p + 1}`, title: `Priority ${p + 1}`, summary: '', theme: '', position: p + 1, ...stamp });
  }
  for (let o = 0; o < nOutcomes; o++) {
    c.outcomes.push({ id: `out-${o}`, code: `O${o + 1}`, statement: `Outcome ${o + 1}`, position: o + 1, ...stamp });
    c.priority_outcomes.push({ id: `po-${o}`, priority_id: `pri-${Math.floor(o / 3)}`, outcome_id: `out-${o}`, ...stamp });
    c.measures.push({
      id: `mea-${o}`,
      outcome_id: `out-${o}`,
      title: `Measure ${o + 1}`,
      unit: '%',
      direction: 'higher_is_better',
      baseline_value: 40,
      baseline_date: '2024-04-01',
      target_value: 55,
      target_date: '2029-03-31',
      source: '',
      position: 1,
      ...stamp,
    });
    for (let r = 0; r < 4; r++) {
      c.readings.push({ id: `rea-${o}-${r}`, measure_id: `mea-${o}`, date: '2025-03-31', value: 41 + r, note: '', ...stamp });
    }
  }
  for (let a = 0; a < actions; a++) {
    const o = (a * 7) % nOutcomes;
    c.actions.push({
      id: `act-${a}`,
      code: `A${a + 1}`,
      title: `Action number ${a + 1}`,
      description: '',
      lead_partner_id: c.partners[a % c.partners.length]!.id,
      start_date: '2024-04-01',
      due_date: '2027-03-31',
      status: 'on_track',
      progress_note: '',
      position: a + 1,
      ...stamp,
    });
    c.action_priorities.push({ id: `ap-${a}`, action_id: `act-${a}`, priority_id: `pri-${Math.floor(o / 3)}`, ...stamp });
    c.action_outcomes.push({ id: `ao-${a}`, action_id: `act-${a}`, outcome_id: `out-${o}`, ...stamp });
    c.action_partners.push({ id: `apa-${a}`, action_id: `act-${a}`, partner_id: c.partners[(a + 1) % c.partners.length]!.id, ...stamp });
  }
  return c;
}

/** What core derives for such a workbook, as far as these tests need it: each action serving
 * the priorities it is linked to directly. A stand-in for `workbook_derived` only because the
 * content is generated here (the real rule, and "through" an outcome, is core's: thread.rs,
 * tested in crates/core/tests/thread_and_charts.rs and, in the app, on the recorded example). */
export function bigDerived(c: Content): Derived {
  return {
    thread: {
      serving: c.action_priorities.map((l) => ({ priority_id: l.priority_id, action_id: l.action_id, directly: true, through: [] })),
      crossings: [],
    },
    charts: [],
  };
}
