// The edit queue: every change the planner makes goes through here to the Rust side, which
// saves it at once and answers with what it changed; the content is patched from that answer
// (ContentState.apply), not read again. Shows "Saving…", "Saved" or the error, and keeps what
// Undo and Redo would do. Nothing here decides anything about the plan.
import { tick } from 'svelte';
import type { FieldValue } from '../backend';
import type { Remote } from '../remote';
import { asWireError } from '../backend';
import type { Changes, Id, Kind, UndoState, WireError } from '../wire';
import type { ContentState } from './content.svelte';
import { focusFirst } from './focus';
import type { Messages } from './messages.svelte';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

type Answer = { undo_state: UndoState; changes: Changes };

export class Edits {
  saveState: SaveState = $state('idle');
  undoState: UndoState = $state.raw({ undo: null, redo: null });

  /** Edits on their way to the Rust side (see `settled`). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly remote: Remote,
    private readonly data: ContentState,
    private readonly messages: Messages,
    readonly readOnly: boolean,
    /** Reads the whole workbook again: after a refused edit the field on screen may differ
     * from the file. */
    private readonly reread: () => Promise<void>,
  ) {}

  async readUndoState(): Promise<void> {
    this.undoState = await this.remote.undoState();
  }

  /** Resolves when every edit sent so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Runs one edit: shows "Saving…", then "Saved" (or the error), and patches the content. */
  private edit<T extends Answer>(op: () => Promise<T>): Promise<T | null> {
    const running = this.run(op);
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    return running;
  }

  private async run<T extends Answer>(op: () => Promise<T>): Promise<T | null> {
    this.messages.error = null;
    const outcome = await this.attempt(op);
    if (outcome === null) {
      return null;
    }
    if ('refused' in outcome) {
      this.messages.fail(outcome.refused);
      // The field on screen may now differ from the file: show what was really saved.
      await this.reread();
      return null;
    }
    return outcome.answer;
  }

  /** Sends one edit and patches the content from its answer, or says why it was refused;
   * null when the workbook is read-only. */
  private async attempt<T extends Answer>(op: () => Promise<T>): Promise<{ answer: T } | { refused: WireError } | null> {
    if (this.readOnly) {
      return null;
    }
    this.saveState = 'saving';
    try {
      const answer = await op();
      this.undoState = answer.undo_state;
      this.data.apply(answer.changes);
      this.saveState = 'saved';
      return { answer };
    } catch (error) {
      this.saveState = 'failed';
      return { refused: asWireError(error) };
    }
  }


  /** Sets a field the planner typed into, and says why it was refused instead of showing
   * the error banner: the field shows it (GOV.UK's pattern). A refused edit changes nothing
   * in the workbook, so nothing is read again and what was typed stays in the box. */
  async setFieldAt(kind: Kind, id: Id, field: string, value: FieldValue): Promise<{ refused: WireError | null }> {
    const running = this.attempt(() => this.remote.setField(kind, id, field, value));
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    const outcome = await running;
    return { refused: outcome !== null && 'refused' in outcome ? outcome.refused : null };
  }

  async setField(kind: Kind, id: Id, field: string, value: FieldValue): Promise<UndoState | null> {
    const done = await this.edit(() => this.remote.setField(kind, id, field, value));
    return done === null ? null : done.undo_state;
  }

  /** Adds a row and returns its id, or null when it could not be added. */
  async add(kind: Kind, fields: Record<string, FieldValue> = {}): Promise<Id | null> {
    const added = await this.edit(() => this.remote.addRow(kind, fields));
    return added === null ? null : added.id;
  }

  /** Deletes at once, then offers Undo in a toast instead of asking "are you sure?". */
  async remove(kind: Kind, id: Id, what: string): Promise<void> {
    const done = await this.edit(() => this.remote.deleteRow(kind, id));
    if (done !== null) {
      this.messages.toast = { message: `Deleted ${what}.`, undo: true };
    }
  }

  async link(kind: Kind, a: Id, b: Id): Promise<void> {
    await this.edit(() => this.remote.link(kind, a, b));
  }

  async unlink(kind: Kind, a: Id, b: Id): Promise<void> {
    await this.edit(() => this.remote.unlink(kind, a, b));
  }

  /** Moves a row, then gives the focus back to the first of `focus` that can take it. */
  async move(kind: Kind, id: Id, index: number, focus: string[] = []): Promise<void> {
    await this.edit(() => this.remote.moveRow(kind, id, index));
    await tick();
    focusFirst(focus);
  }

  /** Undoes the last edit, after every edit already sent (the Undo button takes the focus
   * from a field, which then saves: that save must land before the undo). */
  async undo(): Promise<void> {
    this.messages.toast = null;
    await this.settled();
    await this.edit(() => this.remote.undo());
  }

  async redo(): Promise<void> {
    this.messages.toast = null;
    await this.settled();
    await this.edit(() => this.remote.redo());
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
}
