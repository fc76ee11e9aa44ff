// The backend as the open workbook's views and dialogs see it: every command that names a
// workbook, with this workbook's handle filled in, and the shell's events. One object, held by
// the session, so there is one way to the Rust side below App (no `backend` + `workbook` props).
import type { Backend } from './backend';
import { sheetImporter, type SheetImporter } from './sheetImport';
import type { WorkbookId } from './wire';

/** The Backend's commands whose first argument is a workbook handle. */
type WorkbookCommand = {
  [K in keyof Backend]: Parameters<Backend[K]> extends [WorkbookId, ...unknown[]] ? K : never;
}[keyof Backend];

type Rest<F> = F extends (workbook: WorkbookId, ...args: infer A) => unknown ? A : never;

export type Remote = {
  readonly [K in WorkbookCommand]: (...args: Rest<Backend[K]>) => ReturnType<Backend[K]>;
} & {
  readonly workbook: WorkbookId;
  /** The shell's events (export progress, a shared plan's news), which name no workbook. */
  readonly events: Pick<Backend, 'onExportProgress' | 'onSharedPlan'>;
  /** A spreadsheet import into this workbook, whose later steps name no workbook. */
  readonly sheetImport: SheetImporter;
};

export function bindWorkbook(backend: Backend, workbook: WorkbookId): Remote {
  // A Proxy rather than a list of names, so a command added to Backend needs no second entry
  // here: the type above picks the commands, and each call passes the handle first.
  return new Proxy({} as Remote, {
    get(_target, name) {
      if (name === 'workbook') {
        return workbook;
      }
      if (name === 'events') {
        return backend;
      }
      if (name === 'sheetImport') {
        return sheetImporter(backend, workbook);
      }
      // Only the backend's own commands: anything else (a symbol, `then` asked by a Promise
      // looking for a thenable) is not there.
      const command = typeof name === 'string' ? (backend as unknown as Record<string, unknown>)[name] : undefined;
      if (typeof command !== 'function') {
        return undefined;
      }
      return (...args: unknown[]) => (command as (...a: unknown[]) => unknown)(workbook, ...args);
    },
  });
}
