// The steps of a spreadsheet import as the import dialog takes them: choose the file (Rust's
// Open dialog), look at core's plan and change how the sheet is read, save the mapping, then
// Import, without the rows and changes the planner declined. One interface for both places it starts: File › Import a Spreadsheet… (into the
// open workbook, from the session's Remote) and the start screen's "Start from a
// spreadsheet" (a new workbook, from the Backend). Rust keeps the plan between the steps.
import type { Backend } from './backend';
import type { Declined, ImportView, RowOutcome, SheetChoices, SheetImported, SheetImportStarted, WorkbookId } from './wire';

export interface SheetImporter {
  start(): Promise<SheetImportStarted>;
  replan(choices: SheetChoices): Promise<ImportView>;
  /** Import, leaving out the rows and changes the planner declined. */
  apply(declined: Declined): Promise<SheetImported>;
  saveMapping(): Promise<string | null>;
}

/** The import into `workbook`, or into a new workbook with null. */
export function sheetImporter(backend: Backend, workbook: WorkbookId | null): SheetImporter {
  return {
    start: () => backend.importSheetDialog(workbook),
    replan: (choices) => backend.replanSheetImport(choices),
    apply: (declined) => backend.applySheetImport(declined),
    saveMapping: () => backend.saveSheetMapping(),
  };
}

/** What happens to a row, in a sentence (an update's changes are shown field by field). */
export function outcomeText(outcome: RowOutcome): string {
  switch (outcome.kind) {
    case 'create':
      return `New action ${outcome.code} “${outcome.title}”`;
    case 'update':
      return `Updates ${outcome.code} “${outcome.title}”`;
    case 'unchanged':
      return `${outcome.code} “${outcome.title}” is unchanged`;
    case 'set_aside':
      return `Set aside: ${outcome.reason}`;
  }
}
