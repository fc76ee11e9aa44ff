// Where the planner is: the view and the item in it. Which view shows which kind of item comes
// from the view declarations (views.ts), so opening a finding or a search hit needs no list of
// its own.
import { tick } from 'svelte';
import { rowOf } from '../relations';
import { VIEWS, type ViewName } from '../views';
import type { Id, Kind } from '../wire';
import type { ContentState } from './content.svelte';
import { focusItem } from './focus';

export type Route = { view: ViewName; id: Id | null };

export class Router {
  /** A workbook opens on the first view declared: the overview. */
  route: Route = $state({ view: VIEWS[0].name, id: null });

  constructor(private readonly data: ContentState) {}

  go(view: ViewName, id: Id | null = null): void {
    this.route = { view, id };
  }

  /** Where an item is shown: its view, and the item that view opens (the item itself, or
   * the one it belongs to: a milestone's action, a reading's measure, a link's first end). */
  routeOf(entity: Kind, id: Id): Route {
    const view = VIEWS.find((v) => entity in v.opens);
    if (view === undefined) {
      return { view: 'plan', id: null };
    }
    const column = (view.opens as Partial<Record<Kind, string | null>>)[entity] ?? null;
    if (column === null) {
      return { view: view.name, id: null };
    }
    if (column === 'id') {
      return { view: view.name, id };
    }
    const c = this.data.content;
    const row = c === null ? undefined : (rowOf(c, entity, id) as Record<string, unknown> | undefined);
    const owner = row?.[column];
    return { view: view.name, id: typeof owner === 'string' ? owner : null };
  }

  /** Opens the item a finding or a search hit names, and puts the keyboard focus on it. */
  async open(entity: Kind, id: Id): Promise<void> {
    const target = this.routeOf(entity, id);
    this.route = target;
    await tick();
    await tick();
    focusItem(target.id);
  }
}
