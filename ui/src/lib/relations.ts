// Who is linked to whom, read straight from the content's link rows. Looking links up is not
// a business rule: it only follows what the Rust side sent.
import type { Action, Content, Finding, Id, Kind, Outcome, Priority } from './wire';

function pick<T extends { id: Id }>(rows: T[], ids: Set<Id>): T[] {
  return rows.filter((r) => ids.has(r.id));
}

export function outcomesOfPriority(c: Content, priorityId: Id): Outcome[] {
  return pick(c.outcomes, new Set(c.priority_outcomes.filter((l) => l.priority_id === priorityId).map((l) => l.outcome_id)));
}

export function prioritiesOfOutcome(c: Content, outcomeId: Id): Priority[] {
  return pick(c.priorities, new Set(c.priority_outcomes.filter((l) => l.outcome_id === outcomeId).map((l) => l.priority_id)));
}

export function actionsOfPriority(c: Content, priorityId: Id): Action[] {
  return pick(c.actions, new Set(c.action_priorities.filter((l) => l.priority_id === priorityId).map((l) => l.action_id)));
}

export function actionsOfOutcome(c: Content, outcomeId: Id): Action[] {
  return pick(c.actions, new Set(c.action_outcomes.filter((l) => l.outcome_id === outcomeId).map((l) => l.action_id)));
}

export function prioritiesOfAction(c: Content, actionId: Id): Priority[] {
  return pick(c.priorities, new Set(c.action_priorities.filter((l) => l.action_id === actionId).map((l) => l.priority_id)));
}

export function outcomesOfAction(c: Content, actionId: Id): Outcome[] {
  return pick(c.outcomes, new Set(c.action_outcomes.filter((l) => l.action_id === actionId).map((l) => l.outcome_id)));
}

export function partnerName(c: Content, partnerId: Id | null): string {
  if (partnerId === null) {
    return 'No lead yet';
  }
  const p = c.partners.find((x) => x.id === partnerId);
  if (p === undefined) {
    return 'Unknown partner';
  }
  return p.short_name !== '' ? p.short_name : p.name;
}

/** The actions plan health reports as overdue (the rule is the Rust side's). */
export function overdueActions(findings: Finding[]): Set<Id> {
  return new Set(findings.filter((f) => f.kind === 'action_overdue' && f.entity === 'action').map((f) => f.id));
}

/** An item as a search result names it: "Action A09", "Priority P2", "Section “Involving people”". */
export function itemLabel(c: Content, entity: Kind, id: Id): string {
  const quoted = (s: string) => (s.trim() === '' ? '' : ` “${s}”`);
  const coded = (code: string, fallback: string) => (code.trim() !== '' ? ` ${code}` : quoted(fallback));
  switch (entity) {
    case 'plan':
      return 'Plan details';
    case 'aim':
      return `Aim${quoted(c.aims.find((r) => r.id === id)?.title ?? '')}`;
    case 'section':
      return `Section${quoted(c.sections.find((r) => r.id === id)?.title ?? '')}`;
    case 'priority': {
      const p = c.priorities.find((r) => r.id === id);
      return `Priority${p === undefined ? '' : coded(p.code, p.title)}`;
    }
    case 'outcome': {
      const o = c.outcomes.find((r) => r.id === id);
      return `Outcome${o === undefined ? '' : coded(o.code, o.statement)}`;
    }
    case 'action': {
      const a = c.actions.find((r) => r.id === id);
      return `Action${a === undefined ? '' : coded(a.code, a.title)}`;
    }
    case 'measure':
      return `Measure${quoted(c.measures.find((r) => r.id === id)?.title ?? '')}`;
    case 'reading':
      return 'Reading';
    case 'partner':
      return `Partner${quoted(c.partners.find((r) => r.id === id)?.name ?? '')}`;
    case 'milestone':
      return `Milestone${quoted(c.milestones.find((r) => r.id === id)?.title ?? '')}`;
    case 'glossary_term':
      return `Glossary term${quoted(c.glossary.find((r) => r.id === id)?.term ?? '')}`;
    case 'engagement':
      return `Engagement record${quoted(c.engagements.find((r) => r.id === id)?.who ?? '')}`;
    default:
      return 'Link';
  }
}
