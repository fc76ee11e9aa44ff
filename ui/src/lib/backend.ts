// The one place the UI talks to the Rust side. App receives a Backend, so tests can give it
// the replay of recorded replies (replay.ts); the real one calls the app's Tauri commands
// (docs/ipc.md) and listens to its events. Below the open workbook, views and dialogs alike reach it only through the
// session's `Remote` (remote.ts): the same commands with the workbook's handle filled in.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Summary, WindowState, WireError, WorkbookId } from './wire';
import type {
  Added,
  Edited,
  BackupInfo,
  Content,
  CopySent,
  Derived,
  DocumentExported,
  DocumentFormat,
  ExportOptions,
  Finding,
  Id,
  JargonSpan,
  Kind,
  MergeChoice,
  MergeReport,
  MergeStarted,
  NewStart,
  PdfExported,
  Progress,
  RecentWorkbook,
  SearchHit,
  UndoState,
  ImportView,
  Declined,
  SheetChoices,
  SheetFormat,
  SheetImported,
  SheetImportStarted,
  ConflictView,
  ServerPlan,
  ShareStatus,
  SharedSynced,
} from './wire';

/** A field's value as it crosses the edge: text, a number, a "YYYY-MM-DD" date, or nothing. */
export type FieldValue = string | number | boolean | null;

/** Stops listening. */
export type Unlisten = () => void;

export interface Backend {
  /** What the window shows: no workbook, an open workbook, or why it could not be opened. */
  windowState(): Promise<WindowState>;
  recentWorkbooks(): Promise<RecentWorkbook[]>;
  openRecent(key: string): Promise<WindowState>;
  openWorkbookDialog(): Promise<WindowState>;
  newWorkbookDialog(start: NewStart): Promise<WindowState>;
  saveCopyDialog(workbook: WorkbookId): Promise<string | null>;
  /** Rust asks where, then writes the plan document; null if the planner cancelled. */
  exportPdfDialog(workbook: WorkbookId, options: ExportOptions): Promise<PdfExported | null>;
  /** Rust asks where, then writes the plan document as a web page or a Word document. */
  exportDocumentDialog(workbook: WorkbookId, format: DocumentFormat, options: ExportOptions): Promise<DocumentExported | null>;
  /** What the export dialog starts with for this plan (DRAFT until approved or published). */
  exportDefaults(workbook: WorkbookId): Promise<ExportOptions>;
  /** Rust opens the plan document last exported from this workbook in the system's program. */
  openExport(workbook: WorkbookId): Promise<void>;
  /** Rust shows that document, selected, in the system's file manager. */
  showExportInFolder(workbook: WorkbookId): Promise<void>;
  closeWorkbook(workbook: WorkbookId): Promise<WindowState>;

  /** Rust asks for a spreadsheet and works out its import into `workbook`, or into a new
   * workbook with null; nothing changes until applySheetImport. See sheetImport.ts. */
  importSheetDialog(workbook: WorkbookId | null): Promise<SheetImportStarted>;
  /** The import worked out again with the planner's choices (also "Look again"). */
  replanSheetImport(choices: SheetChoices): Promise<ImportView>;
  /** Carries the import out but for the rows and changes the planner `declined`: one
   * undoable edit, or (after a Save dialog) a new workbook. */
  applySheetImport(declined: Declined): Promise<SheetImported>;
  /** Rust asks where, then writes the mapping file that reads the sheet this way. */
  saveSheetMapping(): Promise<string | null>;
  /** Rust asks where, then writes the actions tracker (.xlsx or .csv): every action, or with
   * `lead` ("Send for an update…") those that partner leads; null if cancelled. */
  exportSheetDialog(workbook: WorkbookId, format: SheetFormat, lead: string | null): Promise<DocumentExported | null>;

  /** Rust asks where, then writes a copy for sending; null if the planner cancelled. */
  sendCopyDialog(workbook: WorkbookId, withHistory: boolean): Promise<CopySent | null>;
  /** Rust asks for a colleague's copy and merges it at once, or lists the conflicts. */
  mergeDialog(workbook: WorkbookId): Promise<MergeStarted>;
  /** Settles the conflicts of the merge mergeDialog listed (one choice each, in order). */
  finishMerge(workbook: WorkbookId, choices: MergeChoice[]): Promise<MergeReport>;
  listBackups(workbook: WorkbookId): Promise<BackupInfo[]>;
  restoreBackup(workbook: WorkbookId, fileName: string): Promise<MergeReport>;
  /** After a corrupt file failed to open: Rust asks where, and recovers what can be read. */
  recoverDialog(): Promise<WindowState>;

  /** The open workbook at a glance. Rejects with a WireError. */
  workbookSummary(workbook: WorkbookId): Promise<Summary>;
  workbookContent(workbook: WorkbookId): Promise<Content>;
  /** The golden thread and each measure's chart, as core works them out (never the window). */
  workbookDerived(workbook: WorkbookId): Promise<Derived>;
  planHealth(workbook: WorkbookId): Promise<Finding[]>;
  search(workbook: WorkbookId, query: string): Promise<SearchHit[]>;
  jargon(workbook: WorkbookId, kind: Kind, field: string, text: string): Promise<JargonSpan[]>;
  undoState(workbook: WorkbookId): Promise<UndoState>;

  /** The editing commands answer with what they changed (rows by kind and id, findings that
   * appeared and went), which the session patches its copy with: see state/patch.ts. */
  addRow(workbook: WorkbookId, kind: Kind, fields: Record<string, FieldValue>): Promise<Added>;
  setField(workbook: WorkbookId, kind: Kind, id: Id, field: string, value: FieldValue): Promise<Edited>;
  deleteRow(workbook: WorkbookId, kind: Kind, id: Id): Promise<Edited>;
  link(workbook: WorkbookId, kind: Kind, a: Id, b: Id): Promise<Edited>;
  unlink(workbook: WorkbookId, kind: Kind, a: Id, b: Id): Promise<Edited>;
  moveRow(workbook: WorkbookId, kind: Kind, id: Id, index: number): Promise<Edited>;
  undo(workbook: WorkbookId): Promise<Edited>;
  redo(workbook: WorkbookId): Promise<Edited>;

  /** File › Share on a Server…: makes a shared plan of the workbook on the server. */
  shareOnServer(workbook: WorkbookId, request: ServerPlan): Promise<ShareStatus>;
  /** File › Open a Shared Plan…: Rust checks the plan is there, asks where to keep the local
   * copy, makes it and shows it; null if the planner cancelled. */
  openSharedPlan(request: ServerPlan): Promise<WindowState | null>;
  /** The header's status of a shared workbook (null when it is not shared). */
  shareStatus(workbook: WorkbookId): Promise<ShareStatus | null>;
  /** Where the planner is (`kind:id` of the selected item, or empty), for others to see. */
  shareHere(workbook: WorkbookId, item: string): Promise<void>;
  /** The conflicts with the shared plan's edits, as a merge lists them. */
  sharedConflicts(workbook: WorkbookId): Promise<ConflictView[]>;
  /** Settles them (one choice each, in order) and syncs. */
  settleShared(workbook: WorkbookId, choices: MergeChoice[]): Promise<SharedSynced>;

  /** The shell's events (docs/ipc.md). Each returns a function that stops listening. */
  onWindowState(handler: (state: WindowState) => void): Promise<Unlisten>;
  onMenu(handler: (item: string) => void): Promise<Unlisten>;
  onExportProgress(handler: (progress: Progress) => void): Promise<Unlisten>;
  /** A shared workbook's status changed, or others' edits changed rows in it. */
  onSharedPlan(handler: (synced: SharedSynced) => void): Promise<Unlisten>;
}

/** Runs a command by name with its arguments: Tauri's invoke, or the UI tests' replay. */
export type Call = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;
/** Follows an event by name: Tauri's listen, or the UI tests' replay. */
export type Listen = <T>(event: string, handler: (payload: T) => void) => Promise<Unlisten>;

/** The Backend over commands and events: the one place their names and arguments are written
 * (the UI tests' replay backend is this too, over the recorded replies). */
export function commandBackend(call: Call, listen: Listen): Backend {
  return {
    windowState: () => call('window_state'),
    recentWorkbooks: () => call('recent_workbooks'),
    openRecent: (key) => call('open_recent', { key }),
    openWorkbookDialog: () => call('open_workbook_dialog'),
    newWorkbookDialog: (start) => call('new_workbook_dialog', { start }),
    saveCopyDialog: (workbook) => call('save_copy_dialog', { workbook }),
    exportPdfDialog: (workbook, options) => call('export_pdf_dialog', { workbook, options }),
    exportDocumentDialog: (workbook, format, options) => call('export_document_dialog', { workbook, format, options }),
    exportDefaults: (workbook) => call('export_defaults', { workbook }),
    openExport: (workbook) => call('open_export', { workbook }),
    showExportInFolder: (workbook) => call('show_export_in_folder', { workbook }),
    closeWorkbook: (workbook) => call('close_workbook', { workbook }),
    importSheetDialog: (workbook) => call('import_sheet_dialog', { workbook }),
    replanSheetImport: (choices) => call('replan_sheet_import', { choices }),
    applySheetImport: (declined) => call('apply_sheet_import', { declined }),
    saveSheetMapping: () => call('save_sheet_mapping'),
    exportSheetDialog: (workbook, format, lead) => call('export_sheet_dialog', { workbook, format, lead }),

    sendCopyDialog: (workbook, withHistory) => call('send_copy_dialog', { workbook, withHistory }),
    mergeDialog: (workbook) => call('merge_dialog', { workbook }),
    finishMerge: (workbook, choices) => call('finish_merge', { workbook, choices }),
    listBackups: (workbook) => call('list_backups', { workbook }),
    restoreBackup: (workbook, fileName) => call('restore_backup', { workbook, fileName }),
    recoverDialog: () => call('recover_dialog'),

    workbookSummary: (workbook) => call('workbook_summary', { workbook }),
    workbookContent: (workbook) => call('workbook_content', { workbook }),
    workbookDerived: (workbook) => call('workbook_derived', { workbook }),
    planHealth: (workbook) => call('plan_health', { workbook }),
    search: (workbook, query) => call('search', { workbook, query }),
    jargon: (workbook, kind, field, text) => call('jargon', { workbook, kind, field, text }),
    undoState: (workbook) => call('undo_state', { workbook }),

    addRow: (workbook, kind, fields) => call('add_row', { workbook, kind, fields }),
    setField: (workbook, kind, id, field, value) => call('set_field', { workbook, kind, id, field, value }),
    deleteRow: (workbook, kind, id) => call('delete_row', { workbook, kind, id }),
    link: (workbook, kind, a, b) => call('link', { workbook, kind, a, b }),
    unlink: (workbook, kind, a, b) => call('unlink', { workbook, kind, a, b }),
    moveRow: (workbook, kind, id, index) => call('move_row', { workbook, kind, id, index }),
    undo: (workbook) => call('undo', { workbook }),
    redo: (workbook) => call('redo', { workbook }),

    shareOnServer: (workbook, request) => call('share_on_server', { workbook, request }),
    openSharedPlan: (request) => call('open_shared_plan', { request }),
    shareStatus: (workbook) => call('share_status', { workbook }),
    shareHere: (workbook, item) => call('share_here', { workbook, item }),
    sharedConflicts: (workbook) => call('shared_conflicts', { workbook }),
    settleShared: (workbook, choices) => call('settle_shared', { workbook, choices }),

    onWindowState: (handler) => listen<WindowState>('window-state', handler),
    onMenu: (handler) => listen<string>('menu', handler),
    onExportProgress: (handler) => listen<Progress>('export-progress', handler),
    onSharedPlan: (handler) => listen<SharedSynced>('shared-plan', handler),
  };
}

export const tauriBackend: Backend = commandBackend(tauriCall, <T>(event: string, handler: (payload: T) => void) =>
  listen<T>(event, (e) => handler(e.payload)),
);

async function tauriCall<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asWireError(error);
  }
}

/**
 * Commands reject with a WireError. Anything else (Tauri's own refusals, a bug) is not fit to
 * show a person: it is logged for developers and replaced by a plain message.
 */
export function asWireError(error: unknown): WireError {
  if (isWireError(error)) {
    return error;
  }
  console.error('Unexpected error from the Planbook backend:', error);
  return {
    code: 'internal',
    message: 'Something went wrong inside Planbook, so this could not be shown.',
    hint: 'Close Planbook and open the workbook again. If it happens again, tell whoever supports Planbook for you.',
  };
}

function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return typeof v['code'] === 'string' && typeof v['message'] === 'string' && typeof v['hint'] === 'string';
}
