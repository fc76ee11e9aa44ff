// The open workbook's session: one object per open workbook (Workbook.svelte makes it, the
// views get it through context.ts) that puts together the parts below, each holding one job.
//   remote    the way to the Rust side (remote.ts)
//   data      the content and plan health findings (state/content.svelte.ts)
//   edits     the edit queue, save state and undo state (state/edits.svelte.ts)
//   router    the view and item shown (state/router.svelte.ts)
//   search    the search and its hits (state/search.svelte.ts)
//   messages  the toast and the error banner (state/messages.svelte.ts)
//   fieldErrors  the refused fields of the view on screen (state/field-errors.svelte.ts)
//   dialogs   the dialog open over the workbook (state/dialogs.svelte.ts)
//   share     a shared plan's status and news (state/share.svelte.ts)
// Only what needs several of them lives here: reading everything, and adding an item then
// showing it.
import { tick } from 'svelte';
import type { Backend, FieldValue } from './backend';
import { bindWorkbook, type Remote } from './remote';
import { ContentState } from './state/content.svelte';
import { Dialogs } from './state/dialogs.svelte';
import { Edits } from './state/edits.svelte';
import { FieldErrors } from './state/field-errors.svelte';
import { focusItem } from './state/focus';
import { Messages } from './state/messages.svelte';
import { Router } from './state/router.svelte';
import { Search } from './state/search.svelte';
import { Share } from './state/share.svelte';
import type { ViewName } from './views';
import type { Id, Kind, Summary, WorkbookId } from './wire';

export class Session {
  readonly remote: Remote;
  readonly summary: Summary;
  readonly readOnly: boolean;
  readonly messages = new Messages();
  readonly fieldErrors = new FieldErrors();
  readonly data = new ContentState();
  readonly router = new Router(this.data);
  readonly edits: Edits;
  readonly search: Search;
  readonly dialogs: Dialogs;
  readonly share: Share;

  constructor(backend: Backend, workbook: WorkbookId, summary: Summary) {
    this.remote = bindWorkbook(backend, workbook);
    this.summary = summary;
    this.readOnly = summary.read_only !== null;
    this.edits = new Edits(this.remote, this.data, this.messages, this.readOnly, () => this.reload());
    this.search = new Search(this.remote, this.messages, this.router);
    this.dialogs = new Dialogs(this.readOnly);
    this.share = new Share(this.remote, this.data, this.edits, this.messages);
  }

  /** Reads everything the window shows: on open, after a merge or a restore (which answer
   * with a report, not the rows they changed), and after a refused edit. */
  async reload(): Promise<void> {
    try {
      await Promise.all([this.data.read(this.remote), this.edits.readUndoState()]);
    } catch (error) {
      this.messages.fail(error);
    }
  }

  /** Adds a row, shows it (in `view`, when given) and puts the keyboard focus in it. */
  async create(kind: Kind, fields: Record<string, FieldValue> = {}, view: ViewName | null = null): Promise<Id | null> {
    const id = await this.edits.add(kind, fields);
    if (id !== null) {
      if (view !== null) {
        this.router.go(view, id);
      }
      await tick();
      await tick();
      focusItem(id);
    }
    return id;
  }
}
