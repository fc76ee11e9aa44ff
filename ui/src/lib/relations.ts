// Who is linked to whom, read from the content's link rows through indexes. Looking links up
// is not a business rule: it only follows what the Rust side sent.
//
// The indexes are built once per array and cached by the array's identity: the content is
// patched immutably (state/patch.ts), so an edit to one kind gives that kind a new array and
// leaves every other index as it was. A lookup is then a map read, not a scan of every link
// row for every row shown (which made the Actions view take seconds at 1,000 actions).
import type { Action, Content, Finding, Id, Kind, Outcome, Priority } from './wire';
import { CONTENT_FIELD } from './wire';

type Row = { id: Id };

const byIdCache = new WeakMap<readonly Row[], Map<Id, Row>>();
const orderCache = new WeakMap<readonly Row[], Map<Id, number>>();
const groupCache = new WeakMap<readonly Row[], Map<string, Map<Id, Row[]>>>();

/** Each row by its id. */
export function byId<T extends Row>(rows: readonly T[]): Map<Id, T> {
  let m = byIdCache.get(rows);
  if (m === undefined) {
    m = new Map(rows.map((r) => [r.id, r]));
    byIdCache.set(rows, m);
  }
  return m as Map<Id, T>;
}

/** Where each row stands in its list (the order the views show). */
export function orderOf(rows: readonly Row[]): Map<Id, number> {
  let m = orderCache.get(rows);
  if (m === undefined) {
    m = new Map(rows.map((r, i) => [r.id, i]));
    orderCache.set(rows, m);
  }
  return m;
}

/** The rows grouped by the id in one of their columns (a link row's end, a row's owner). */
export function groupBy<T extends Row, K extends keyof T & string>(rows: readonly T[], column: K): Map<Id, T[]> {
  let perColumn = groupCache.get(rows);
  if (perColumn === undefined) {
    perColumn = new Map();
    groupCache.set(rows, perColumn);
  }
  let m = perColumn.get(column);
  if (m === undefined) {
    m = new Map();
    for (const r of rows) {
      const key = r[column] as unknown as Id | null;
      if (key !== null) {
        const list = m.get(key);
        if (list === undefined) {
          m.set(key, [r]);
        } else {
          list.push(r);
        }
      }
    }
    perColumn.set(column, m);
  }
  return m as Map<Id, T[]>;
}

const endsCache = new WeakMap<readonly Row[], WeakMap<readonly Row[], Map<PropertyKey, Row[]>>>();

/** The rows of `targets` that the links name, in the order `targets` lists them. Cached by the
 * two lists' identities (a group of `groupBy` is the same array until its kind is patched), so
 * an edit to a priority's title does not sort every priority's thousands of actions again. */
function ends<L extends Row, T extends Row>(links: L[] | undefined, column: keyof L, targets: readonly T[]): T[] {
  if (links === undefined || links.length === 0) {
    return [];
  }
  let perTargets = endsCache.get(links);
  if (perTargets === undefined) {
    perTargets = new WeakMap();
    endsCache.set(links, perTargets);
  }
  let perColumn = perTargets.get(targets);
  if (perColumn === undefined) {
    perColumn = new Map();
    perTargets.set(targets, perColumn);
  }
  let found = perColumn.get(column) as T[] | undefined;
  if (found === undefined) {
    found = sortedEnds(links, column, targets);
    perColumn.set(column, found);
  }
  return found;
}

function sortedEnds<L extends Row, T extends Row>(links: L[], column: keyof L, targets: readonly T[]): T[] {
  const rows = byId(targets);
  const order = orderOf(targets);
  const found: T[] = [];
  for (const l of links) {
    const t = rows.get(l[column] as unknown as Id);
    if (t !== undefined) {
      found.push(t);
    }
  }
  return found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** One row of any kind by id (undefined when it is not in the content). */
export function rowOf(c: Content, kind: Kind, id: Id): Row | undefined {
  if (kind === 'plan') {
    return c.plan;
  }
  return byId(c[CONTENT_FIELD[kind]] as unknown as Row[]).get(id);
}

export function outcomesOfPriority(c: Content, priorityId: Id): Outcome[] {
  return ends(groupBy(c.priority_outcomes, 'priority_id').get(priorityId), 'outcome_id', c.outcomes);
}

export function prioritiesOfOutcome(c: Content, outcomeId: Id): Priority[] {
  return ends(groupBy(c.priority_outcomes, 'outcome_id').get(outcomeId), 'priority_id', c.priorities);
}

export function prioritiesOfAim(c: Content, aimId: Id): Priority[] {
  return ends(groupBy(c.priority_aims, 'aim_id').get(aimId), 'priority_id', c.priorities);
}

export function aimsOfPriority(c: Content, priorityId: Id): Id[] {
  return (groupBy(c.priority_aims, 'priority_id').get(priorityId) ?? []).map((l) => l.aim_id);
}

export function actionsOfPriority(c: Content, priorityId: Id): Action[] {
  return ends(groupBy(c.action_priorities, 'priority_id').get(priorityId), 'action_id', c.actions);
}

export function actionsOfOutcome(c: Content, outcomeId: Id): Action[] {
  return ends(groupBy(c.action_outcomes, 'outcome_id').get(outcomeId), 'action_id', c.actions);
}

export function prioritiesOfAction(c: Content, actionId: Id): Priority[] {
  return ends(groupBy(c.action_priorities, 'action_id').get(actionId), 'priority_id', c.priorities);
}

export function outcomesOfAction(c: Content, actionId: Id): Outcome[] {
  return ends(groupBy(c.action_outcomes, 'action_id').get(actionId), 'outcome_id', c.outcomes);
}

export function partnersOfAction(c: Content, actionId: Id): Id[] {
  return (groupBy(c.action_partners, 'action_id').get(actionId) ?? []).map((l) => l.partner_id);
}

/** Whether a link row joins the two (the matrix's boxes). */
export function linked(c: Content, kind: 'action_priority' | 'action_outcome', actionId: Id, targetId: Id): boolean {
  if (kind === 'action_priority') {
    return (groupBy(c.action_priorities, 'action_id').get(actionId) ?? []).some((l) => l.priority_id === targetId);
  }
  return (groupBy(c.action_outcomes, 'action_id').get(actionId) ?? []).some((l) => l.outcome_id === targetId);
}

export function measuresOfOutcome(c: Content, outcomeId: Id) {
  return groupBy(c.measures, 'outcome_id').get(outcomeId) ?? [];
}

export function readingsOfMeasure(c: Content, measureId: Id) {
  return groupBy(c.readings, 'measure_id').get(measureId) ?? [];
}

export function milestonesOfAction(c: Content, actionId: Id) {
  return groupBy(c.milestones, 'action_id').get(actionId) ?? [];
}

/** How many actions a partner leads, and how many it supports. */
export function partnerLoad(c: Content, partnerId: Id): { leads: number; supports: number } {
  return {
    leads: groupBy(c.actions, 'lead_partner_id').get(partnerId)?.length ?? 0,
    supports: groupBy(c.action_partners, 'partner_id').get(partnerId)?.length ?? 0,
  };
}

export function partnerName(c: Content, partnerId: Id | null): string {
  if (partnerId === null) {
    return 'No lead yet';
  }
  const p = byId(c.partners).get(partnerId);
  if (p === undefined) {
    return 'Unknown partner';
  }
  return p.short_name !== '' ? p.short_name : p.name;
}

const overdueCache = new WeakMap<Finding[], Set<Id>>();

/** The actions plan health reports as overdue (the rule is the Rust side's). */
export function overdueActions(findings: Finding[]): Set<Id> {
  let s = overdueCache.get(findings);
  if (s === undefined) {
    s = new Set(findings.filter((f) => f.kind === 'action_overdue' && f.entity === 'action').map((f) => f.id));
    overdueCache.set(findings, s);
  }
  return s;
}

/** An item as a search result names it: "Action A09", "Priority P2", "Section “Involving people”". */
export function itemLabel(c: Content, entity: Kind, id: Id): string {
  const quoted = (s: string) => (s.trim() === '' ? '' : ` “${s}”`);
  const coded = (code: string, fallback: string) => (code.trim() !== '' ? ` ${code}` : quoted(fallback));
  switch (entity) {
    case 'plan':
      return 'Plan details';
    case 'aim':
      return `Aim${quoted(byId(c.aims).get(id)?.title ?? '')}`;
    case 'section':
      return `Section${quoted(byId(c.sections).get(id)?.title ?? '')}`;
    case 'priority': {
      const p = byId(c.priorities).get(id);
      return `Priority${p === undefined ? '' : coded(p.code, p.title)}`;
    }
    case 'outcome': {
      const o = byId(c.outcomes).get(id);
      return `Outcome${o === undefined ? '' : coded(o.code, o.statement)}`;
    }
    case 'action': {
      const a = byId(c.actions).get(id);
      return `Action${a === undefined ? '' : coded(a.code, a.title)}`;
    }
    case 'measure':
      return `Measure${quoted(byId(c.measures).get(id)?.title ?? '')}`;
    case 'reading':
      return 'Reading';
    case 'partner':
      return `Partner${quoted(byId(c.partners).get(id)?.name ?? '')}`;
    case 'milestone':
      return `Milestone${quoted(byId(c.milestones).get(id)?.title ?? '')}`;
    case 'glossary_term':
      return `Glossary term${quoted(byId(c.glossary).get(id)?.term ?? '')}`;
    case 'engagement':
      return `Engagement record${quoted(byId(c.engagements).get(id)?.who ?? '')}`;
    default:
      return 'Link';
  }
}
