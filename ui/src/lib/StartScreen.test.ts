import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import StartScreen from './StartScreen.svelte';
import { fakeBackend } from './fixtures';

describe('StartScreen', () => {
  it('says when there are no recent workbooks', async () => {
    const { backend } = fakeBackend();
    render(StartScreen, { backend, onstate: vi.fn() });
    expect(await screen.findByTestId('recent-empty')).toBeTruthy();
  });

  it('shows a refused open as a plain message and stays on the start screen', async () => {
    const error = { code: 'too_new', message: 'This workbook was saved by a newer Planbook.', hint: 'Update Planbook to open it.' };
    const onstate = vi.fn();
    const { backend } = fakeBackend({ openWorkbookDialog: vi.fn(async () => ({ kind: 'open_failed' as const, error })) });
    render(StartScreen, { backend, onstate });
    await fireEvent.click(screen.getByTestId('start-open'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(error.message);
    expect(alert.textContent).toContain(error.hint);
    expect(onstate).not.toHaveBeenCalled();
  });

  it('passes a new blank workbook on, and shows hostile recent titles as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const onstate = vi.fn();
    const { backend } = fakeBackend({
      newWorkbookDialog: vi.fn(async () => ({ kind: 'open' as const, workbook: 2, notice: null })),
      recentWorkbooks: vi.fn(async () => [{ key: 'k', title: hostile, file_name: 'x.sqlite', folder: 'f', last_opened: '2026-01-02T00:00:00Z' }]),
    });
    const { container } = render(StartScreen, { backend, onstate });
    expect((await screen.findByTestId('recent-workbook')).textContent).toContain(hostile);
    expect(container.querySelector('img')).toBeNull();
    await fireEvent.click(screen.getByTestId('start-new-blank'));
    expect(backend.newWorkbookDialog).toHaveBeenCalledWith('blank');
    await vi.waitFor(() => expect(onstate).toHaveBeenCalledWith({ kind: 'open', workbook: 2, notice: null }));
  });
});
