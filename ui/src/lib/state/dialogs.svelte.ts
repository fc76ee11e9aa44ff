// The dialog open over the workbook, if any: one at a time. Opened by its button under the
// navigation or by its item in the File menu (whose ids are these names).
export const DIALOG_NAMES = [
  'export-pdf',
  'export-html',
  'export-docx',
  'export-sheet',
  'send-copy',
  'merge',
  'restore-backup',
  'import-sheet',
  'send-update',
  'bring-back-update',
  'share-on-server',
  'settle-shared',
] as const;
export type DialogName = (typeof DIALOG_NAMES)[number];

export function isDialogName(name: string): name is DialogName {
  return (DIALOG_NAMES as readonly string[]).includes(name);
}

/** Merging, restoring, importing and sharing change the workbook, so a read-only one offers none. */
const CHANGES_WORKBOOK: ReadonlySet<DialogName> = new Set([
  'merge',
  'restore-backup',
  'import-sheet',
  'bring-back-update',
  'share-on-server',
  'settle-shared',
]);

export class Dialogs {
  current: DialogName | null = $state(null);
  /** The partner "Send for an update…" was opened for (from the partner's card), if any. */
  lead: string | null = $state(null);

  constructor(private readonly readOnly: boolean) {}

  open(name: DialogName, lead: string | null = null): void {
    if (this.current !== null || (this.readOnly && CHANGES_WORKBOOK.has(name))) {
      return;
    }
    this.current = name;
    this.lead = lead;
  }

  close(): void {
    this.current = null;
    this.lead = null;
  }
}
