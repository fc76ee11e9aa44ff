import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from './App.svelte';
import { exampleContent, recorded, replay } from './lib/replay';
import type { RecentWorkbook, WindowState } from './lib/wire';

describe('App', () => {
  it('offers new, example, open and the recent workbooks by title and file name', async () => {
    const { backend } = replay('recent');
    render(App, { backend });

    expect(await screen.findByTestId('start-new-blank')).toBeTruthy();
    expect(screen.getByTestId('start-new-example').textContent).toContain('Our Dorset example');
    expect(screen.getByTestId('start-open')).toBeTruthy();
    // Newest first: the example, then the workbook opened before it.
    const recent = await screen.findAllByTestId('recent-workbook');
    expect(recent).toHaveLength(2);
    expect(recent[0]!.textContent).toContain('Our Dorset');
    expect(recent[0]!.textContent).toContain('Our Dorset.sqlite');

    await fireEvent.click(recent[0]!);
    const [listed] = recorded<RecentWorkbook[]>('recent', 'recent_workbooks');
    expect(backend.openRecent).toHaveBeenCalledWith(listed!.key);
    expect(await screen.findByTestId('nav-priorities')).toBeTruthy();
  });

  it('creates a workbook from the example and shows it', async () => {
    const { backend } = replay('new-example');
    render(App, { backend });

    await fireEvent.click(await screen.findByTestId('start-new-example'));
    expect(backend.newWorkbookDialog).toHaveBeenCalledWith('example');
    expect(await screen.findByTestId('nav-priorities')).toBeTruthy();
    expect(backend.workbookSummary).toHaveBeenCalledWith(1);
    await waitFor(() => expect(screen.getByTestId('plan-title').textContent).toBe(exampleContent().plan.title));
  });

  it('shows why a workbook could not be opened, in plain words', async () => {
    const state = recorded<WindowState>('open-failed', 'window_state');
    if (state.kind !== 'open_failed') {
      throw new Error('the recording should hold a failed open');
    }
    const { backend } = replay('open-failed');
    render(App, { backend });

    const alert = await screen.findByRole('alert');
    // A text file given as a workbook.
    expect(state.error.code).toBe('not_sqlite');
    expect(alert.textContent).toContain(state.error.message);
    expect(alert.textContent).toContain(state.error.hint);
    expect(alert.textContent).not.toContain('not_sqlite');
  });

  it('asks for the summary by the handle it was given', async () => {
    // The third workbook opened in the recording (two were opened and closed before it).
    const { backend } = replay('recent');
    render(App, { backend });
    await fireEvent.click((await screen.findAllByTestId('recent-workbook'))[0]!);

    expect(await screen.findByTestId('plan-title')).toBeTruthy();
    expect(backend.workbookSummary).toHaveBeenCalledWith(3);
    await waitFor(() => expect(backend.workbookContent).toHaveBeenCalledWith(3));
  });

  it('never shows raw error text from outside the wire types', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Tauri itself refusing a command, before any handler runs: not something to record.
    const { backend } = replay('example', {
      workbookSummary: () => Promise.reject('Command workbook_summary not allowed by ACL'),
    });
    render(App, { backend });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong inside Planbook');
    expect(alert.textContent).not.toContain('ACL');
    consoleError.mockRestore();
  });

  it('follows the shell’s events: window state, the menu’s Undo and Redo, and the About menu item', async () => {
    // App and the open workbook each follow the menu (About is App's; Undo and Redo the
    // workbook's): an item reaches every listener, as the shell's event does.
    const { backend, emit } = replay('menu-undo');
    render(App, { backend });
    await screen.findByTestId('nav-plan');
    await waitFor(() => expect(backend.workbookContent).toHaveBeenCalledTimes(1));
    await fireEvent.click(await screen.findByTestId('nav-plan'));
    const title = screen.getByTestId('plan-title-input') as HTMLInputElement;
    await waitFor(() => expect(title.value).toBe('Our Dorset'));

    // Edit › Undo while typing in a field: what was typed is saved first, then undone.
    title.focus();
    title.value = 'Typed, not yet saved';
    emit.menu('undo');
    await waitFor(() => expect(backend.undo).toHaveBeenCalledWith(1));
    expect(backend.setField).toHaveBeenCalledWith(1, 'plan', exampleContent().plan.id, 'title', 'Typed, not yet saved');
    expect(vi.mocked(backend.setField).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(backend.undo).mock.invocationCallOrder[0]!);
    await waitFor(() => expect(title.value).toBe('Our Dorset'));
    emit.menu('redo');
    await waitFor(() => expect(backend.redo).toHaveBeenCalledWith(1));
    await waitFor(() => expect(title.value).toBe('Typed, not yet saved'));

    emit.menu('about');
    const dialog = await screen.findByRole('dialog', { name: 'About Planbook' });
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    emit.windowState({ kind: 'no_workbook' });
    expect(await screen.findByTestId('start-new-blank')).toBeTruthy();
  });

  it('does nothing on the menu’s Undo when there is nothing to undo', async () => {
    const { backend, emit } = replay('example');
    render(App, { backend });
    await screen.findByTestId('nav-plan');
    await waitFor(() => expect(backend.undoState).toHaveBeenCalled());
    emit.menu('undo');
    emit.menu('redo');
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.undo).not.toHaveBeenCalled();
    expect(backend.redo).not.toHaveBeenCalled();
    expect(screen.queryByTestId('error-message')).toBeNull();
  });

  it('closes the workbook from the window and goes back to the start screen', async () => {
    const { backend } = replay('close');
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId('close-workbook'));
    expect(backend.closeWorkbook).toHaveBeenCalledWith(1);
    expect(await screen.findByTestId('start-new-example')).toBeTruthy();
    // The workbook just closed heads the recent list.
    expect((await screen.findByTestId('recent-workbook')).textContent).toContain('Our Dorset.sqlite');
  });
});
