import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import MergeDialog from './MergeDialog.svelte';
import RestoreDialog from './RestoreDialog.svelte';
import SendCopyDialog from './SendCopyDialog.svelte';
import OpenFailed from './OpenFailed.svelte';
import { recorded, replay, withSession } from './replay';
import type { BackupInfo, CopySent, MergeReport, MergeStarted, WindowState, WireError } from './wire';

describe('SendCopyDialog', () => {
  it('leaves the history out unless asked, then says what was saved and what to do next', async () => {
    const sent = recorded<CopySent>('send-copy', 'send_copy_dialog', { workbook: 1, withHistory: true });
    const { backend } = replay('send-copy');
    render(SendCopyDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    screen.getByRole('dialog', { name: 'Send a copy' });
    const history = screen.getByRole('checkbox', { name: 'Include the edit history' }) as HTMLInputElement;
    expect(history.checked).toBe(false);
    await fireEvent.click(history);
    await fireEvent.click(screen.getByTestId('send-copy-start'));
    expect(backend.sendCopyDialog).toHaveBeenCalledWith(1, true);
    const done = await screen.findByTestId('send-copy-done');
    expect(sent.file_name).toBe('Our Dorset (sent).sqlite');
    expect(done.textContent).toContain(`Saved “Our Dorset (sent).sqlite” (${Math.round(sent.size / 1000)} KB, with the edit history)`);
  });

  it('shows a refusal in the dialog and keeps the choice', async () => {
    // The Save dialog chose the open workbook's own file.
    const refusal = recorded<WireError>('send-copy-refused', 'send_copy_dialog', { workbook: 1, withHistory: false });
    const { backend } = replay('send-copy-refused');
    render(SendCopyDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    await fireEvent.click(screen.getByTestId('send-copy-start'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(refusal.message);
    expect(alert.textContent).not.toContain(refusal.code);
    expect(screen.getByTestId('send-copy-start')).toBeTruthy();
  });
});

describe('MergeDialog', () => {
  function setup(scenario: string) {
    const onchanged = vi.fn();
    const onclose = vi.fn();
    const { backend } = replay(scenario);
    render(MergeDialog, { props: { onclose, onchanged }, context: withSession(backend) });
    return { backend, onchanged, onclose, started: recorded<MergeStarted>(scenario, 'merge_dialog', { workbook: 1 }) };
  }

  it('closes when the planner cancels the choice of file', async () => {
    const { onclose, onchanged } = setup('merge-cancelled');
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(onchanged).not.toHaveBeenCalled();
  });

  it('says what a merge without conflicts changed, and that Undo takes it back', async () => {
    // Their copy has a new aim and a new vision.
    const { onchanged, started } = setup('merge-clean');
    expect(started).toEqual({ kind: 'merged', their_file: 'from Sam.sqlite', report: { added: 1, changed: 1, removed: 0 } });
    const done = await screen.findByTestId('merge-done');
    expect(done.textContent).toContain('Merged “from Sam.sqlite”: 1 item added, 1 item changed.');
    expect(done.textContent).toContain('Undo');
    expect(onchanged).toHaveBeenCalled();
  });

  it('says so when the copy holds nothing new', async () => {
    const { onchanged } = setup('merge-nothing');
    expect((await screen.findByTestId('merge-done')).textContent).toContain('Nothing new in “from Sam.sqlite”');
    expect(onchanged).not.toHaveBeenCalled();
  });

  it('shows each conflict side by side with who changed it, and merges only when every one is settled', async () => {
    // Both changed the plan's title; they deleted action A04, which I changed.
    const { backend, onchanged } = setup('merge-conflicts');
    const items = await screen.findAllByTestId('merge-conflict');
    expect(items.length).toBe(2);
    const first = within(items[0]!);
    expect(first.getByTestId('merge-mine-value').textContent).toBe('My title');
    expect(first.getByTestId('merge-theirs-value').textContent).toBe('Sam’s title');
    expect(items[0]!.textContent).toContain('Changed by planner');
    expect(items[0]!.textContent).toContain('Before: Our Dorset');
    // A deletion offers keep or delete, and no text of one's own.
    const second = within(items[1]!);
    expect(second.getByRole('radio', { name: 'Keep it (yours)' })).toBeTruthy();
    expect(second.getByRole('radio', { name: 'Delete it (theirs)' })).toBeTruthy();
    expect(second.queryByTestId('merge-choose-own')).toBeNull();

    const finish = screen.getByTestId('merge-finish') as HTMLButtonElement;
    expect(finish.disabled).toBe(true);
    expect(screen.getByTestId('merge-progress').textContent).toBe('0 of 2 decided');
    await fireEvent.click(first.getByTestId('merge-choose-own'));
    const own = first.getByTestId('merge-own-text') as HTMLTextAreaElement;
    expect(own.value).toBe('My title');
    await fireEvent.input(own, { target: { value: 'Our agreed title' } });
    await fireEvent.click(second.getByTestId('merge-choose-theirs'));
    expect(screen.getByTestId('merge-progress').textContent).toBe('2 of 2 decided');
    expect(finish.disabled).toBe(false);
    await fireEvent.click(finish);
    expect(backend.finishMerge).toHaveBeenCalledWith(1, [{ kind: 'own', text: 'Our agreed title' }, { kind: 'theirs' }]);
    // Their deletion of A04 takes its milestones and links with it.
    const report = recorded<MergeReport>('merge-conflicts', 'finish_merge', { workbook: 1, choices: [{ kind: 'own', text: 'Our agreed title' }, { kind: 'theirs' }] });
    expect(report.changed).toBe(1);
    expect(report.removed).toBeGreaterThan(1);
    expect((await screen.findByTestId('merge-done')).textContent).toContain(`1 item changed, ${report.removed} items removed`);
    expect(onchanged).toHaveBeenCalled();
  });

  it('explains a refused merge and says nothing changed', async () => {
    // The file chosen is another plan altogether, not a copy of this one.
    const refusal = recorded<WireError>('merge-refused', 'merge_dialog', { workbook: 1 });
    const { backend } = replay('merge-refused');
    render(MergeDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    const error = await screen.findByTestId('merge-error');
    expect(error.textContent).toContain(refusal.message);
    expect(backend.mergeDialog).toHaveBeenCalledWith(1);
    expect(screen.getByText('Nothing in this workbook was changed.')).toBeTruthy();
  });
});

describe('RestoreDialog', () => {
  it('lists the backups by time and reason and restores the chosen one', async () => {
    const onchanged = vi.fn();
    // Two backups an hour apart, each of an edited title; the older is restored.
    const backups = recorded<BackupInfo[]>('restore', 'list_backups', { workbook: 1 });
    const { backend } = replay('restore');
    render(RestoreDialog, { props: { onclose: vi.fn(), onchanged }, context: withSession(backend) });
    const items = (await screen.findAllByTestId('restore-item')) as HTMLInputElement[];
    expect(items.length).toBe(2);
    for (const b of backups) {
      expect(b.reason).toBe('every 15 minutes');
      expect(screen.getAllByText(new RegExp(`taken every 15 minutes, ${Math.round(b.size / 1000)} KB`)).length).toBeGreaterThan(0);
    }
    const start = screen.getByTestId('restore-start') as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    await fireEvent.click(items[1]!);
    await fireEvent.click(start);
    expect(backend.restoreBackup).toHaveBeenCalledWith(1, backups[1]!.file_name);
    expect((await screen.findByTestId('restore-done')).textContent).toContain('1 item changed back');
    expect(onchanged).toHaveBeenCalled();
  });

  it('says when there are no backups yet', async () => {
    const { backend } = replay('example');
    render(RestoreDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    expect(await screen.findByTestId('restore-empty')).toBeTruthy();
    expect(screen.queryByTestId('restore-start')).toBeNull();
  });
});

describe('OpenFailed', () => {
  it('offers recovery for a corrupt file only', async () => {
    const onstate = vi.fn();
    const { backend } = replay('corrupt');
    const failed = recorded<WindowState>('corrupt', 'window_state');
    if (failed.kind !== 'open_failed') {
      throw new Error('the recording should hold a failed open');
    }
    expect(failed.error.code).toBe('corrupt');
    const { unmount } = render(OpenFailed, { backend, error: failed.error, onback: vi.fn(), onstate });
    await fireEvent.click(screen.getByRole('button', { name: 'Recover what can be read…' }));
    expect(backend.recoverDialog).toHaveBeenCalled();
    await waitFor(() => expect(onstate).toHaveBeenCalledWith(recorded('corrupt', 'recover_dialog')));
    unmount();
    const missing = recorded<WindowState>('missing', 'window_state');
    if (missing.kind !== 'open_failed') {
      throw new Error('the recording should hold a failed open');
    }
    expect(missing.error.code).toBe('not_found');
    render(OpenFailed, { backend: replay('missing').backend, error: missing.error, onback: vi.fn() });
    expect(screen.queryByTestId('recover-start')).toBeNull();
  });
});
