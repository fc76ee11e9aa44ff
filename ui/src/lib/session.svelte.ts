// The open workbook as the window sees it: its content, what undo and redo would do, the plan
// health findings, and where the planner is. Every edit goes through here: it is sent to the
// Rust side (which saves it at once), then the content is read again. Nothing here decides
// anything about the plan; it only sends edits and shows what comes back.
import { tick } from 'svelte';
import type { Backend, FieldValue } from './backend';
import { asWireError } from './backend';
import type { Summary, WireError, WorkbookId } from './wire';
import type { Content, Edited, Finding, Id, JargonSpan, Kind, SearchHit, UndoState } from './wire';

export type ViewName =
  | 'plan'
  | 'aims'
  | 'narrative'
  | 'priorities'
  | 'outcomes'
  | 'measures'
  | 'actions'
  | 'matrix'
  | 'partners'
  | 'glossary'
  | 'engagement'
  | 'health'
  | 'search';

export type Route = { view: ViewName; id: Id | null };

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export type Toast = { message: string; undo: boolean };

export class Session {
  content: Content | null = $state(null);
  summary: Summary;
  undoState: UndoState = $state({ undo: null, redo: null });
  findings: Finding[] = $state([]);
  saveState: SaveState = $state('idle');
  error: WireError | null = $state(null);
  toast: Toast | null = $state(null);
  route: Route = $state({ view: 'plan', id: null });
  searchQuery = $state('');
  searchHits: SearchHit[] = $state([]);
  readonly backend: Backend;
  readonly workbook: WorkbookId;
  readonly readOnly: boolean;

  constructor(backend: Backend, workbook: WorkbookId, summary: Summary) {
    this.backend = backend;
    this.workbook = workbook;
    this.summary = $state(summary);
    this.readOnly = summary.read_only !== null;
  }

  /** Reads everything the window shows again: after an edit, or a change made elsewhere. */
  async refresh(): Promise<void> {
    try {
      const [content, findings, undoState] = await Promise.all([
        this.backend.workbookContent(this.workbook),
        this.backend.planHealth(this.workbook),
        this.backend.undoState(this.workbook),
      ]);
      this.content = content;
      this.findings = findings;
      this.undoState = undoState;
    } catch (error) {
      this.error = asWireError(error);
    }
  }

  /** Edits on their way to the Rust side (see `settled`). */
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Resolves when every edit sent so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Runs one edit: shows "Saving…", then "Saved" (or the error), then reads the content. */
  private edit<T>(op: () => Promise<T>, undoOf: (result: T) => UndoState): Promise<T | null> {
    const running = this.run(op, undoOf);
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    return running;
  }

  private async run<T>(op: () => Promise<T>, undoOf: (result: T) => UndoState): Promise<T | null> {
    if (this.readOnly) {
      return null;
    }
    this.saveState = 'saving';
    this.error = null;
    try {
      const result = await op();
      this.undoState = undoOf(result);
      this.saveState = 'saved';
      await this.refresh();
      return result;
    } catch (error) {
      this.saveState = 'failed';
      this.error = asWireError(error);
      // The field on screen may now differ from the file: show what was really saved.
      await this.refresh();
      return null;
    }
  }

  setField(kind: Kind, id: Id, field: string, value: FieldValue): Promise<Edited | null> {
    return this.edit(
      () => this.backend.setField(this.workbook, kind, id, field, value),
      (e) => e.undo_state,
    );
  }

  /** Adds a row and returns its id, or null when it could not be added. */
  async add(kind: Kind, fields: Record<string, FieldValue> = {}): Promise<Id | null> {
    const added = await this.edit(
      () => this.backend.addRow(this.workbook, kind, fields),
      (a) => a.undo_state,
    );
    return added === null ? null : added.id;
  }

  /** Adds a row, shows it (in `view`, when given) and puts the keyboard focus in it. */
  async create(kind: Kind, fields: Record<string, FieldValue> = {}, view: ViewName | null = null): Promise<Id | null> {
    const id = await this.add(kind, fields);
    if (id !== null) {
      if (view !== null) {
        this.route = { view, id };
      }
      await tick();
      await tick();
      focusItem(id);
    }
    return id;
  }

  /** Deletes at once, then offers Undo in a toast instead of asking "are you sure?". */
  async remove(kind: Kind, id: Id, what: string): Promise<void> {
    const done = await this.edit(
      () => this.backend.deleteRow(this.workbook, kind, id),
      (e) => e.undo_state,
    );
    if (done !== null) {
      this.toast = { message: `Deleted ${what}.`, undo: true };
    }
  }

  link(kind: Kind, a: Id, b: Id): Promise<Edited | null> {
    return this.edit(
      () => this.backend.link(this.workbook, kind, a, b),
      (e) => e.undo_state,
    );
  }

  unlink(kind: Kind, a: Id, b: Id): Promise<Edited | null> {
    return this.edit(
      () => this.backend.unlink(this.workbook, kind, a, b),
      (e) => e.undo_state,
    );
  }

  /** Moves a row, then gives the focus back to the first of `focus` that can take it. */
  async move(kind: Kind, id: Id, index: number, focus: string[] = []): Promise<void> {
    await this.edit(
      () => this.backend.moveRow(this.workbook, kind, id, index),
      (e) => e.undo_state,
    );
    await tick();
    for (const selector of focus) {
      const el = document.querySelector<HTMLButtonElement>(selector);
      if (el !== null && !el.disabled) {
        el.focus();
        break;
      }
    }
  }

  /** Undoes the last edit, after every edit already sent (the Undo button takes the focus
   * from a field, which then saves: that save must land before the undo). */
  async undo(): Promise<void> {
    this.toast = null;
    await this.settled();
    await this.edit(
      () => this.backend.undo(this.workbook),
      (e) => e.undo_state,
    );
  }

  async redo(): Promise<void> {
    this.toast = null;
    await this.settled();
    await this.edit(
      () => this.backend.redo(this.workbook),
      (e) => e.undo_state,
    );
  }

  /**
   * Edit › Undo or Redo from the menu (or its shortcut, which the menu catches before any
   * field sees it). A text field being typed in is saved first (its change event, which
   * saves only a value that differs from the saved one), so that what was typed is never
   * thrown away: Ctrl+Z while typing undoes the typing, and Redo brings it back. With
   * nothing to undo or redo the shortcut does nothing, as the disabled button would.
   */
  async fromMenu(action: 'undo' | 'redo'): Promise<void> {
    const field = document.activeElement;
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
      field.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await this.settled();
    if (this.undoState[action] === null) {
      return;
    }
    await (action === 'undo' ? this.undo() : this.redo());
  }

  /** Save a copy… and Export PDF…: Rust shows the dialog; the window says what was written. */
  async saveCopy(): Promise<void> {
    try {
      const name = await this.backend.saveCopyDialog(this.workbook);
      if (name !== null) {
        this.toast = { message: `Saved a copy as “${name}”.`, undo: false };
      }
    } catch (error) {
      this.error = asWireError(error);
    }
  }

  /** Jargon in a field's text, as the Rust side finds it; none when it cannot say. */
  async jargon(kind: Kind, field: string, text: string): Promise<JargonSpan[]> {
    if (text.trim() === '') {
      return [];
    }
    try {
      return await this.backend.jargon(this.workbook, kind, field, text);
    } catch {
      return [];
    }
  }

  async search(query: string): Promise<void> {
    this.searchQuery = query;
    if (query.trim() === '') {
      this.searchHits = [];
      return;
    }
    try {
      this.searchHits = await this.backend.search(this.workbook, query);
    } catch (error) {
      this.error = asWireError(error);
    }
    this.go('search');
  }

  go(view: ViewName, id: Id | null = null): void {
    this.route = { view, id };
  }

  /** Opens the item a finding or a search hit names, and puts the keyboard focus on it. */
  async open(entity: Kind, id: Id): Promise<void> {
    const c = this.content;
    let target: Route = { view: 'plan', id: null };
    const owner = <T extends { id: Id }>(rows: T[] | undefined, key: (r: T) => Id) => {
      const row = rows?.find((r) => r.id === id);
      return row === undefined ? null : key(row);
    };
    switch (entity) {
      case 'plan':
        target = { view: 'plan', id: null };
        break;
      case 'aim':
        target = { view: 'aims', id };
        break;
      case 'section':
        target = { view: 'narrative', id };
        break;
      case 'priority':
        target = { view: 'priorities', id };
        break;
      case 'outcome':
        target = { view: 'outcomes', id };
        break;
      case 'measure':
        target = { view: 'measures', id };
        break;
      case 'reading':
        target = { view: 'measures', id: owner(c?.readings, (r) => r.measure_id) };
        break;
      case 'partner':
        target = { view: 'partners', id };
        break;
      case 'action':
        target = { view: 'actions', id };
        break;
      case 'milestone':
        target = { view: 'actions', id: owner(c?.milestones, (m) => m.action_id) };
        break;
      case 'glossary_term':
        target = { view: 'glossary', id };
        break;
      case 'engagement':
        target = { view: 'engagement', id };
        break;
      case 'priority_aim':
        target = { view: 'priorities', id: owner(c?.priority_aims, (l) => l.priority_id) };
        break;
      case 'priority_outcome':
        target = { view: 'priorities', id: owner(c?.priority_outcomes, (l) => l.priority_id) };
        break;
      case 'action_priority':
        target = { view: 'actions', id: owner(c?.action_priorities, (l) => l.action_id) };
        break;
      case 'action_outcome':
        target = { view: 'actions', id: owner(c?.action_outcomes, (l) => l.action_id) };
        break;
      case 'action_partner':
        target = { view: 'actions', id: owner(c?.action_partners, (l) => l.action_id) };
        break;
    }
    this.route = target;
    await tick();
    await tick();
    focusItem(target.id);
  }
}

/** The fields a planner fills first in a new item: what it is called, not its code (which a
 * new item is given). */
const FIRST_FIELDS = ['title', 'statement', 'name', 'term', 'who'].map((f) => `[data-field="${f}"]`).join(', ');

/** Moves the keyboard focus to an item's first field (its title, where it has one; or its
 * heading) and shows it. */
export function focusItem(id: Id | null): void {
  const item = id === null ? document.querySelector('[data-view-heading]') : document.querySelector(`[data-item-id="${id}"]`);
  if (item === null) {
    return;
  }
  const first = item.matches('input, textarea, select, button, [tabindex]')
    ? item
    : (item.querySelector(FIRST_FIELDS) ?? item.querySelector('input, textarea, select'));
  const target = (first ?? item) as HTMLElement;
  if (typeof target.scrollIntoView === 'function') {
    target.scrollIntoView({ block: 'center' });
  }
  target.focus();
}
