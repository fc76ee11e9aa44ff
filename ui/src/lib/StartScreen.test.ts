import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import StartScreen from './StartScreen.svelte';
import { recorded, replay } from './replay';
import type { WindowState } from './wire';

describe('StartScreen', () => {
  it('says when there are no recent workbooks', async () => {
    const { backend } = replay('start');
    render(StartScreen, { backend, onstate: vi.fn() });
    expect(await screen.findByTestId('recent-empty')).toBeTruthy();
  });

  it('shows a refused open as a plain message and stays on the start screen', async () => {
    // The Open dialog chose a file that is not a workbook: core refuses it.
    const refused = recorded<WindowState>('start', 'open_workbook_dialog');
    if (refused.kind !== 'open_failed') {
      throw new Error('the recording should hold a refused open');
    }
    const onstate = vi.fn();
    const { backend } = replay('start');
    render(StartScreen, { backend, onstate });
    await fireEvent.click(screen.getByTestId('start-open'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(refused.error.message);
    expect(alert.textContent).toContain(refused.error.hint);
    expect(alert.textContent).not.toContain(refused.error.code);
    expect(onstate).not.toHaveBeenCalled();
  });

  it('passes a new blank workbook on, and shows hostile recent titles as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const onstate = vi.fn();
    const { backend } = replay('new-blank');
    const { container } = render(StartScreen, { backend, onstate });
    const recent = await screen.findAllByTestId('recent-workbook');
    expect(recent.map((r) => r.textContent).join(' ')).toContain(hostile);
    expect(container.querySelector('img')).toBeNull();
    await fireEvent.click(screen.getByTestId('start-new-blank'));
    expect(backend.newWorkbookDialog).toHaveBeenCalledWith('blank');
    await vi.waitFor(() => expect(onstate).toHaveBeenCalledWith(recorded('new-blank', 'new_workbook_dialog', { start: 'blank' })));
  });
});
