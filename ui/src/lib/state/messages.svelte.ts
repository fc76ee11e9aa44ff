// What the window tells the planner over the view: the toast ("Deleted …", with Undo) and the
// error banner (a refused edit, a failed read), each until dismissed or replaced.
import { asWireError } from '../backend';
import type { WireError } from '../wire';

export type Toast = { message: string; undo: boolean };

export class Messages {
  toast: Toast | null = $state(null);
  error: WireError | null = $state(null);

  /** Shows an error from the Rust side (anything else as the plain message asWireError gives). */
  fail(error: unknown): void {
    this.error = asWireError(error);
  }
}
