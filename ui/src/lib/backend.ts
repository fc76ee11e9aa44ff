// The one place the UI talks to the Rust side. Components receive a Backend, so tests can
// give them a fake one; the real one calls the app's Tauri commands.
import { invoke } from '@tauri-apps/api/core';
import type { Summary, WindowState, WireError, WorkbookId } from './wire';

export interface Backend {
  /** What the window shows: no workbook, an open workbook, or why it could not be opened. */
  windowState(): Promise<WindowState>;
  /** The open workbook at a glance. Rejects with a WireError. */
  workbookSummary(workbook: WorkbookId): Promise<Summary>;
}

export const tauriBackend: Backend = {
  windowState: () => call<WindowState>('window_state'),
  workbookSummary: (workbook) => call<Summary>('workbook_summary', { workbook }),
};

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
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
