import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import App from './App.svelte';
import type { Backend } from './lib/backend';
import { exampleSummary } from './lib/fixtures';

function backend(overrides: Partial<Backend>): Backend {
  return {
    windowState: () => Promise.reject(new Error('not expected')),
    workbookSummary: () => Promise.reject(new Error('not expected')),
    ...overrides,
  };
}

describe('App', () => {
  it('shows a calm start screen with no workbook, and no buttons that do nothing', async () => {
    render(App, { backend: backend({ windowState: async () => ({ kind: 'no_workbook' }) }) });

    expect(await screen.findByRole('heading', { name: 'No workbook is open' })).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('shows why a workbook could not be opened, in plain words', async () => {
    const error = {
      code: 'not_planbook',
      message: '“notes.sqlite” is an SQLite database, but not a Planbook workbook.',
      hint: 'This database belongs to another program. Open a workbook saved by Planbook instead.',
    };
    render(App, { backend: backend({ windowState: async () => ({ kind: 'open_failed', error }) }) });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(error.message);
    expect(alert.textContent).toContain(error.hint);
    expect(alert.textContent).not.toContain('not_planbook');
  });

  it('asks for the summary by the handle it was given', async () => {
    const workbookSummary = vi.fn(async () => exampleSummary());
    render(App, {
      backend: backend({
        windowState: async () => ({ kind: 'open', workbook: 3, notice: null }),
        workbookSummary,
      }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: /Our Dorset/ })).toBeTruthy();
    expect(workbookSummary).toHaveBeenCalledWith(3);
  });

  it('never shows raw error text from outside the wire types', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(App, {
      backend: backend({
        windowState: async () => ({ kind: 'open', workbook: 1, notice: null }),
        workbookSummary: () => Promise.reject('Command workbook_summary not allowed by ACL'),
      }),
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong inside Planbook');
    expect(alert.textContent).not.toContain('ACL');
    consoleError.mockRestore();
  });
});
