// The fields of the view on screen whose value was refused, for the error summary at the top
// of the view (GOV.UK's error summary, shown only when several fields are wrong). Each field
// says so itself when its value is refused, and takes its error back when its value is saved
// or it leaves the screen (so leaving the view leaves its errors behind).

/** One refused field: its input's element id (the summary's link moves the focus there) and
 * the refusal in words that name the item, as messages away from the field do. */
export type FieldError = { inputId: string; message: string };

export class FieldErrors {
  list: FieldError[] = $state([]);

  /** Records (or replaces) the error of the field whose input is `inputId`. */
  set(error: FieldError): void {
    this.list = [...this.list.filter((e) => e.inputId !== error.inputId), error];
  }

  clear(inputId: string): void {
    if (this.list.some((e) => e.inputId === inputId)) {
      this.list = this.list.filter((e) => e.inputId !== inputId);
    }
  }
}
