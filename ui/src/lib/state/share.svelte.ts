// A workbook kept in step with a shared plan on a server: its status as the header shows it
// (up to date, edits to send, offline, conflicts to settle; who else is in the plan and on
// which item), others' edits patched in as they arrive (the `shared-plan` event carries them as
// an edit's answer does), and where this planner is, said when the selected item changes.
// Rust keeps the workbook in step on its own; nothing here decides anything.
import type { Unlisten } from '../backend';
import type { Remote } from '../remote';
import { VIEWS } from '../views';
import type { Kind, ShareStatus, SharedSynced } from '../wire';
import type { ContentState } from './content.svelte';
import type { Edits } from './edits.svelte';
import type { Messages } from './messages.svelte';
import type { Route } from './router.svelte';

export class Share {
  status: ShareStatus | null = $state.raw(null);
  private said: string | null = null;

  constructor(
    private readonly remote: Remote,
    private readonly data: ContentState,
    private readonly edits: Edits,
    private readonly messages: Messages,
  ) {}

  /** Follows the shared plan's news for this workbook; reads its status when it is shared. */
  async start(shared: boolean): Promise<Unlisten> {
    const stop = await this.remote.events.onSharedPlan((synced) => this.apply(synced));
    if (shared) {
      await this.read();
    }
    return stop;
  }

  /** Reads the status (after opening, or after the workbook was just shared). */
  async read(): Promise<void> {
    try {
      this.status = await this.remote.shareStatus();
    } catch (error) {
      this.messages.fail(error);
    }
  }

  /** The status now, and what others' edits changed here, patched in like an edit's answer. */
  apply(synced: SharedSynced): void {
    if (synced.workbook !== this.remote.workbook) {
      return;
    }
    this.status = synced.status;
    if (synced.edited !== null) {
      this.edits.undoState = synced.edited.undo_state;
      this.data.apply(synced.edited.changes);
    }
  }

  /** Says where the planner is, when it changed: the item the view shows, or none. */
  here(route: Route): void {
    if (this.status === null) {
      return;
    }
    const item = itemOf(route);
    if (item !== this.said) {
      this.said = item;
      void this.remote.shareHere(item).catch(() => {});
    }
  }
}

/** The item a route shows, as presence names it (`kind:id`), or empty. */
export function itemOf(route: Route): string {
  if (route.id === null) {
    return '';
  }
  const view = VIEWS.find((v) => v.name === route.view);
  const opens = (view?.opens ?? {}) as Partial<Record<Kind, string | null>>;
  const kind = (Object.keys(opens) as Kind[]).find((k) => opens[k] === 'id');
  return kind === undefined ? '' : `${kind}:${route.id}`;
}
