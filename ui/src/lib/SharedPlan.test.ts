import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import Workbook from './Workbook.svelte';
import { recorded, replay } from './replay';
import type { ConflictView, ShareStatus, SharedSynced, Summary } from './wire';

/** Shows a recorded shared workbook as App does. */
async function open(scenario: string) {
  const replayed = replay(scenario);
  const { backend } = replayed;
  const state = await backend.windowState();
  if (state.kind !== 'open') {
    throw new Error(`scenario ${scenario} shows no workbook`);
  }
  const summary: Summary = await backend.workbookSummary(state.workbook);
  render(Workbook, { backend, workbook: state.workbook, summary, notice: state.notice });
  await screen.findByTestId('overview-heading');
  return { ...replayed, summary };
}

describe('a shared plan in the header', () => {
  it('says it is up to date, and who else is in the plan on which item', async () => {
    const { summary, backend } = await open('shared-others');
    expect(summary.shared_plan).toBe('Our Dorset');
    const status = recorded<ShareStatus>('shared-others', 'share_status', { workbook: 1 });
    expect(status.state).toEqual({ kind: 'up_to_date' });
    const state = await screen.findByTestId('share-state');
    expect(state.textContent?.trim()).toBe('Up to date');
    const other = screen.getByTestId('share-other');
    expect(other.textContent).toBe(`bob — on ${status.others[0]!.item}`);
    expect(other.textContent).toContain('A05');
    // The planner's place is said to the others (the overview: no item).
    await waitFor(() => expect(backend.shareHere).toHaveBeenCalledWith(1, ''));
    // Shared already: no second Share on a server….
    expect(screen.queryByTestId('share-on-server')).toBeNull();
  });

  it('offers Settle… for a conflict, reviewed like a merge, then patches the rows it changed', async () => {
    await open('shared-conflict');
    const state = await screen.findByTestId('share-state');
    expect(state.textContent).toContain('1 conflict to settle');
    const conflicts = recorded<ConflictView[]>('shared-conflict', 'shared_conflicts', { workbook: 1 });
    await fireEvent.click(screen.getByTestId('share-settle'));
    screen.getByRole('dialog', { name: 'Settle the conflicts with “Our Dorset”' });
    const theirs = await screen.findByTestId('merge-theirs-value');
    expect(theirs.textContent).toBe(conflicts[0]!.theirs);
    expect(screen.getByTestId('merge-conflict').textContent).toContain('Changed by bob');
    await fireEvent.click(screen.getByTestId('merge-choose-theirs'));
    await fireEvent.click(screen.getByTestId('merge-finish'));
    const done = await screen.findByTestId('merge-done');
    expect(done.textContent).toContain('in step again');
    const synced = recorded<SharedSynced>('shared-conflict', 'settle_shared', { workbook: 1, choices: [{ kind: 'theirs' }] });
    expect(synced.status.state).toEqual({ kind: 'up_to_date' });
    await waitFor(() => expect(screen.getByTestId('share-state').textContent?.trim()).toBe('Up to date'));
    // Bob's title is in the window without reading the workbook again.
    await fireEvent.click(screen.getByTestId('merge-close'));
    await fireEvent.click(screen.getByTestId('nav-actions'));
    expect((await screen.findAllByText(/Bob's title/)).length).toBeGreaterThan(0);
  });
});

describe('opening a shared plan', () => {
  it('asks for the server, the password and the plan from the start screen, and sends nothing on Cancel', async () => {
    const { backend } = replay('start');
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId('start-open-shared'));
    const dialog = screen.getByRole('dialog', { name: 'Open a shared plan' });
    expect(screen.getByLabelText('Server address')).toBeTruthy();
    expect((screen.getByLabelText('Password') as HTMLInputElement).type).toBe('password');
    expect(dialog.textContent).toContain('never in the workbook');
    await fireEvent.click(screen.getByTestId('server-plan-open-cancel'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(backend.openSharedPlan).not.toHaveBeenCalled();
  });
});
