import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from './App.svelte';
import { fakeBackend } from './lib/fixtures';

describe('App', () => {
  it('offers new, example, open and the recent workbooks by title and file name', async () => {
    const { backend } = fakeBackend({
      windowState: vi.fn(async () => ({ kind: 'no_workbook' as const })),
      recentWorkbooks: vi.fn(async () => [
        { key: 'k1', title: 'Our Dorset', file_name: 'Our Dorset.sqlite', folder: 'Documents', last_opened: '2026-11-20T10:00:00Z' },
      ]),
    });
    render(App, { backend });

    expect(await screen.findByTestId('start-new-blank')).toBeTruthy();
    expect(screen.getByTestId('start-new-example').textContent).toContain('Our Dorset example');
    expect(screen.getByTestId('start-open')).toBeTruthy();
    const recent = await screen.findByTestId('recent-workbook');
    expect(recent.textContent).toContain('Our Dorset');
    expect(recent.textContent).toContain('Our Dorset.sqlite');

    await fireEvent.click(recent);
    expect(backend.openRecent).toHaveBeenCalledWith('k1');
  });

  it('creates a workbook from the example and shows it', async () => {
    const { backend } = fakeBackend({
      windowState: vi.fn(async () => ({ kind: 'no_workbook' as const })),
      newWorkbookDialog: vi.fn(async () => ({ kind: 'open' as const, workbook: 7, notice: null })),
    });
    render(App, { backend });

    await fireEvent.click(await screen.findByTestId('start-new-example'));
    expect(backend.newWorkbookDialog).toHaveBeenCalledWith('example');
    expect(await screen.findByTestId('nav-priorities')).toBeTruthy();
    expect(backend.workbookSummary).toHaveBeenCalledWith(7);
  });

  it('shows why a workbook could not be opened, in plain words', async () => {
    const error = {
      code: 'not_planbook',
      message: '“notes.sqlite” is an SQLite database, but not a Planbook workbook.',
      hint: 'This database belongs to another program. Open a workbook saved by Planbook instead.',
    };
    const { backend } = fakeBackend({ windowState: vi.fn(async () => ({ kind: 'open_failed' as const, error })) });
    render(App, { backend });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(error.message);
    expect(alert.textContent).toContain(error.hint);
    expect(alert.textContent).not.toContain('not_planbook');
  });

  it('asks for the summary by the handle it was given', async () => {
    const { backend } = fakeBackend({ windowState: vi.fn(async () => ({ kind: 'open' as const, workbook: 3, notice: null })) });
    render(App, { backend });

    expect(await screen.findByTestId('plan-title')).toBeTruthy();
    expect(backend.workbookSummary).toHaveBeenCalledWith(3);
    await waitFor(() => expect(backend.workbookContent).toHaveBeenCalledWith(3));
  });

  it('never shows raw error text from outside the wire types', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { backend } = fakeBackend({
      workbookSummary: () => Promise.reject('Command workbook_summary not allowed by ACL'),
    });
    render(App, { backend });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong inside Planbook');
    expect(alert.textContent).not.toContain('ACL');
    consoleError.mockRestore();
  });

  it('follows the shell’s events: window state, the menu’s Undo and Redo, and the About menu item', async () => {
    let windowState: (s: { kind: 'no_workbook' }) => void = () => {};
    // App and the open workbook each follow the menu (About is App's; Undo and Redo the
    // workbook's): an item reaches every listener, as the shell's event does.
    const menus: Array<(item: string) => void> = [];
    const menu = (item: string) => menus.forEach((h) => h(item));
    const { backend } = fakeBackend({
      onWindowState: vi.fn(async (h) => {
        windowState = h;
        return () => {};
      }),
      onMenu: vi.fn(async (h) => {
        menus.push(h);
        return () => {};
      }),
    });
    render(App, { backend });
    await screen.findByTestId('nav-plan');
    await waitFor(() => expect(backend.workbookContent).toHaveBeenCalledTimes(1));
    await fireEvent.click(await screen.findByTestId('nav-plan'));

    // Edit › Undo while typing in a field: what was typed is saved first, then undone.
    const title = screen.getByTestId('plan-title-input') as HTMLInputElement;
    title.focus();
    title.value = 'Typed, not yet saved';
    menu('undo');
    await waitFor(() => expect(backend.undo).toHaveBeenCalledWith(1));
    expect(backend.setField).toHaveBeenCalledWith(1, 'plan', expect.anything(), 'title', 'Typed, not yet saved');
    expect(vi.mocked(backend.setField).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(backend.undo).mock.invocationCallOrder[0]!);
    await waitFor(() => expect(title.value).not.toBe('Typed, not yet saved'));
    menu('redo');
    await waitFor(() => expect(backend.redo).toHaveBeenCalledWith(1));
    await waitFor(() => expect(title.value).toBe('Typed, not yet saved'));

    menu('about');
    const dialog = await screen.findByRole('dialog', { name: 'About Planbook' });
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    windowState({ kind: 'no_workbook' });
    expect(await screen.findByTestId('start-new-blank')).toBeTruthy();
  });

  it('does nothing on the menu’s Undo when there is nothing to undo', async () => {
    const menus: Array<(item: string) => void> = [];
    const menu = (item: string) => menus.forEach((h) => h(item));
    const { backend } = fakeBackend({
      onMenu: vi.fn(async (h) => {
        menus.push(h);
        return () => {};
      }),
    });
    render(App, { backend });
    await screen.findByTestId('nav-plan');
    await waitFor(() => expect(backend.undoState).toHaveBeenCalled());
    menu('undo');
    menu('redo');
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.undo).not.toHaveBeenCalled();
    expect(backend.redo).not.toHaveBeenCalled();
    expect(screen.queryByTestId('error-message')).toBeNull();
  });

  it('closes the workbook from the window and goes back to the start screen', async () => {
    const { backend } = fakeBackend();
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId('close-workbook'));
    expect(backend.closeWorkbook).toHaveBeenCalledWith(1);
    expect(await screen.findByTestId('start-new-example')).toBeTruthy();
  });
});
