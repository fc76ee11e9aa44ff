// The golden thread as core worked it out (ContentState.derived.thread: who serves which
// priority, directly or through which of its outcomes), indexed both ways for the views. The
// rule itself is core's (crates/core/src/thread.rs); nothing here decides who serves what, it
// only looks core's answer up and puts it in the plan's order.
//
// Indexes are cached by the answer's identity: the thread is replaced whole when an edit
// changes it, so a lookup is a map read, never a scan per row shown.
import { byId, orderOf } from './relations';
import type { Action, Content, Id, Outcome, Priority, ServingLink, ThreadView } from './wire';

type Index = { byPriority: Map<Id, ServingLink[]>; byAction: Map<Id, ServingLink[]>; link: Map<string, ServingLink> };

const cache = new WeakMap<ThreadView, Index>();

function index(thread: ThreadView): Index {
  let ix = cache.get(thread);
  if (ix === undefined) {
    ix = { byPriority: new Map(), byAction: new Map(), link: new Map() };
    for (const l of thread.serving) {
      push(ix.byPriority, l.priority_id, l);
      push(ix.byAction, l.action_id, l);
      ix.link.set(`${l.action_id}|${l.priority_id}`, l);
    }
    cache.set(thread, ix);
  }
  return ix;
}

function push(m: Map<Id, ServingLink[]>, key: Id, l: ServingLink) {
  const list = m.get(key);
  if (list === undefined) {
    m.set(key, [l]);
  } else {
    list.push(l);
  }
}

/** An action serving a priority, with how (core's `Serving`). */
export type Served<T> = { row: T; link: ServingLink };

const actionsCache = new WeakMap<ThreadView, WeakMap<readonly Action[], Map<Id, Served<Action>[]>>>();

/** The actions serving a priority, linked to it or through its outcomes, in the actions' order. */
export function actionsServing(c: Content, thread: ThreadView, priorityId: Id): Served<Action>[] {
  let perActions = actionsCache.get(thread);
  if (perActions === undefined) {
    perActions = new WeakMap();
    actionsCache.set(thread, perActions);
  }
  let perPriority = perActions.get(c.actions);
  if (perPriority === undefined) {
    perPriority = new Map();
    perActions.set(c.actions, perPriority);
  }
  let found = perPriority.get(priorityId);
  if (found === undefined) {
    found = inOrder(index(thread).byPriority.get(priorityId), (l) => l.action_id, c.actions);
    perPriority.set(priorityId, found);
  }
  return found;
}

/** The priorities an action serves, directly or through their outcomes, in the priorities' order. */
export function prioritiesServed(c: Content, thread: ThreadView, actionId: Id): Served<Priority>[] {
  return inOrder(index(thread).byAction.get(actionId), (l) => l.priority_id, c.priorities);
}

/** How an action serves a priority, if it does. */
export function serving(thread: ThreadView, actionId: Id, priorityId: Id): ServingLink | undefined {
  return index(thread).link.get(`${actionId}|${priorityId}`);
}

function inOrder<T extends { id: Id }>(links: ServingLink[] | undefined, end: (l: ServingLink) => Id, rows: readonly T[]): Served<T>[] {
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
