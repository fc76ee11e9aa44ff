// The golden thread as core worked it out (ContentState.derived.thread: who serves which
// priority, directly or through which of its outcomes), indexed both ways for the views. The
// rule itself is core's (crates/core/src/thread.rs); nothing here decides who serves what, it
// only looks core's answer up and puts it in the plan's order.
//
// The index is built once from the whole thread read on opening (`threadOf`), then patched
// from each edit's `ThreadChange` (`patchThread`): the actions it names have their entries
// replaced, and only the priorities they served before or serve now are touched. A patched
// thread is a new object (the content is held as $state.raw, which sees replacements, not
// mutations); it shares every untouched list with the one before.
import { byId, orderOf } from './relations';
import type { Action, Content, Crossing, Id, Outcome, Priority, ServingLink, ThreadChange, ThreadView } from './wire';

/** Core's thread as the window holds it. */
export type Thread = {
  readonly byPriority: ReadonlyMap<Id, readonly ServingLink[]>;
  readonly byAction: ReadonlyMap<Id, readonly ServingLink[]>;
  /** The crossing links, by action. */
  readonly crossings: ReadonlyMap<Id, readonly Crossing[]>;
  /** `actionsServing`'s answers, by priority, for the actions array they were put in order by. */
  readonly served: { actions: readonly Action[] | null; byPriority: Map<Id, Served<Action>[]> };
};

/** The index of a whole thread (as read on opening, or sent whole by an edit). */
export function threadOf(view: ThreadView): Thread {
  const byPriority = new Map<Id, ServingLink[]>();
  const byAction = new Map<Id, ServingLink[]>();
  const crossings = new Map<Id, Crossing[]>();
  for (const l of view.serving) {
    push(byPriority, l.priority_id, l);
    push(byAction, l.action_id, l);
  }
  for (const x of view.crossings) {
    push(crossings, x.action, x);
  }
  return { byPriority, byAction, crossings, served: { actions: null, byPriority: new Map() } };
}

/** The thread with an edit's change applied: each action the change names has what was held
 * of it replaced by what the change sends of it (nothing, if it now serves nothing). */
export function patchThread(t: Thread, change: ThreadChange): Thread {
  if (change.whole) {
    return threadOf(change);
  }
  const named = new Set(change.actions);
  const sent = { byAction: new Map<Id, ServingLink[]>(), byPriority: new Map<Id, ServingLink[]>(), crossings: new Map<Id, Crossing[]>() };
  for (const l of change.serving) {
    push(sent.byAction, l.action_id, l);
    push(sent.byPriority, l.priority_id, l);
  }
  for (const x of change.crossings) {
    push(sent.crossings, x.action, x);
  }
  const byAction = new Map(t.byAction);
  const crossings = new Map(t.crossings);
  // The priorities the named actions served before, and those they serve now.
  const priorities = new Set<Id>(sent.byPriority.keys());
  for (const a of change.actions) {
    for (const l of t.byAction.get(a) ?? []) {
      priorities.add(l.priority_id);
    }
    byAction.delete(a);
    crossings.delete(a);
  }
  for (const [a, links] of sent.byAction) {
    byAction.set(a, links);
  }
  for (const [a, xs] of sent.crossings) {
    crossings.set(a, xs);
  }
  const byPriority = new Map(t.byPriority);
  const served = new Map(t.served.byPriority);
  for (const p of priorities) {
    const kept = (t.byPriority.get(p) ?? []).filter((l) => !named.has(l.action_id));
    const now = [...kept, ...(sent.byPriority.get(p) ?? [])];
    if (now.length === 0) {
      byPriority.delete(p);
    } else {
      byPriority.set(p, now);
    }
    served.delete(p);
  }
  return { byPriority, byAction, crossings, served: { actions: t.served.actions, byPriority: served } };
}

function push<T>(m: Map<Id, T[]>, key: Id, item: T) {
  const list = m.get(key);
  if (list === undefined) {
    m.set(key, [item]);
  } else {
    list.push(item);
  }
}

/** An action serving a priority, with how (core's `Serving`). */
export type Served<T> = { row: T; link: ServingLink };

/** The actions serving a priority, linked to it or through its outcomes, in the actions' order. */
export function actionsServing(c: Content, thread: Thread, priorityId: Id): Served<Action>[] {
  // A cache, not state: put in order once per priority, for as long as the actions are the same.
  const cache = thread.served;
  if (cache.actions !== c.actions) {
    cache.actions = c.actions;
    cache.byPriority.clear();
  }
  let found = cache.byPriority.get(priorityId);
  if (found === undefined) {
    found = inOrder(thread.byPriority.get(priorityId), (l) => l.action_id, c.actions);
    cache.byPriority.set(priorityId, found);
  }
  return found;
}

/** The priorities an action serves, directly or through their outcomes, in the priorities' order. */
export function prioritiesServed(c: Content, thread: Thread, actionId: Id): Served<Priority>[] {
  return inOrder(thread.byAction.get(actionId), (l) => l.priority_id, c.priorities);
}

/** How an action serves a priority, if it does (an action serves a few priorities at most). */
export function serving(thread: Thread, actionId: Id, priorityId: Id): ServingLink | undefined {
  return thread.byAction.get(actionId)?.find((l) => l.priority_id === priorityId);
}

function inOrder<T extends { id: Id }>(links: readonly ServingLink[] | undefined, end: (l: ServingLink) => Id, rows: readonly T[]): Served<T>[] {
  if (links === undefined) {
    return [];
  }
  const ids = byId(rows);
  const order = orderOf(rows);
  const out: Served<T>[] = [];
  for (const link of links) {
    const row = ids.get(end(link));
    if (row !== undefined) {
      out.push({ row, link });
    }
  }
  return out.sort((a, b) => order.get(a.row.id)! - order.get(b.row.id)!);
}

/** The outcomes a link goes through, as the plan lists them. */
export function throughOutcomes(c: Content, link: ServingLink): Outcome[] {
  const ids = byId(c.outcomes);
  return link.through.map((id) => ids.get(id)).filter((o): o is Outcome => o !== undefined);
}

/** "through O10", "through O3 and O4" (an outcome without a code by its statement). */
export function throughWords(c: Content, link: ServingLink): string {
  const names = throughOutcomes(c, link).map((o) => (o.code.trim() !== '' ? o.code : `“${o.statement}”`));
  if (names.length === 0) {
    return '';
  }
  const last = names.pop()!;
  return `through ${names.length === 0 ? last : `${names.join(', ')} and ${last}`}`;
}
