import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import MergeDialog from './MergeDialog.svelte';
import RestoreDialog from './RestoreDialog.svelte';
import SendCopyDialog from './SendCopyDialog.svelte';
import OpenFailed from './OpenFailed.svelte';
import { fakeBackend, withSession } from './fixtures';
import type { ConflictView, MergeStarted } from './wire';

const by = { who: 'Sam', at: '2026-11-20T10:30:00.000Z' };

function conflict(overrides: Partial<ConflictView> = {}): ConflictView {
  return {
    kind: 'plan',
    item: 'Plan “Our Dorset”',
    field_label: 'Title',
    before: 'Our Dorset',
    mine: 'My title',
    theirs: 'Sam’s title',
    mine_by: { who: 'Alex', at: '2026-11-21T09:00:00.000Z' },
    theirs_by: by,
    deleted_mine: false,
    deleted_theirs: false,
    editable: true,
    ...overrides,
  };
}

const deletion = conflict({
  kind: 'action',
  item: 'Action A04 “Care plans”',
  field_label: '',
  before: '',
  mine: 'Kept, with changes',
  theirs: 'Deleted',
  deleted_theirs: true,
  editable: false,
});

describe('SendCopyDialog', () => {
  it('leaves the history out unless asked, then says what was saved and what to do next', async () => {
    const { backend } = fakeBackend({
      sendCopyDialog: vi.fn(async () => ({ file_name: 'plan (sent).sqlite', size: 237_568, with_history: true })),
    });
    render(SendCopyDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    screen.getByRole('dialog', { name: 'Send a copy' });
    const history = screen.getByRole('checkbox', { name: 'Include the edit history' }) as HTMLInputElement;
    expect(history.checked).toBe(false);
    await fireEvent.click(history);
    await fireEvent.click(screen.getByTestId('send-copy-start'));
    expect(backend.sendCopyDialog).toHaveBeenCalledWith(1, true);
    const done = await screen.findByTestId('send-copy-done');
    expect(done.textContent).toContain('Saved “plan (sent).sqlite” (238 KB, with the edit history)');
  });

  it('shows a refusal in the dialog and keeps the choice', async () => {
    const { backend } = fakeBackend({
      sendCopyDialog: vi.fn(async () => {
        throw { code: 'in_use', message: 'Someone has that file open.', hint: 'Choose another name.' };
      }),
    });
    render(SendCopyDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    await fireEvent.click(screen.getByTestId('send-copy-start'));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone has that file open.');
    expect(screen.getByTestId('send-copy-start')).toBeTruthy();
  });
});

describe('MergeDialog', () => {
  function setup(started: MergeStarted) {
    const onchanged = vi.fn();
    const onclose = vi.fn();
    const { backend } = fakeBackend({
      mergeDialog: vi.fn(async () => started),
      finishMerge: vi.fn(async () => ({ added: 0, changed: 2, removed: 0 })),
    });
    render(MergeDialog, { props: { onclose, onchanged }, context: withSession(backend) });
    return { backend, onchanged, onclose };
  }

  it('closes when the planner cancels the choice of file', async () => {
    const { onclose, onchanged } = setup({ kind: 'cancelled' });
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(onchanged).not.toHaveBeenCalled();
  });

  it('says what a merge without conflicts changed, and that Undo takes it back', async () => {
    const { onchanged } = setup({ kind: 'merged', their_file: 'from Sam.sqlite', report: { added: 1, changed: 3, removed: 0 } });
    const done = await screen.findByTestId('merge-done');
    expect(done.textContent).toContain('Merged “from Sam.sqlite”: 1 item added, 3 items changed.');
    expect(done.textContent).toContain('Undo');
    expect(onchanged).toHaveBeenCalled();
  });

  it('says so when the copy holds nothing new', async () => {
    const { onchanged } = setup({ kind: 'merged', their_file: 'old.sqlite', report: { added: 0, changed: 0, removed: 0 } });
    expect((await screen.findByTestId('merge-done')).textContent).toContain('Nothing new in “old.sqlite”');
    expect(onchanged).not.toHaveBeenCalled();
  });

  it('shows each conflict side by side with who changed it, and merges only when every one is settled', async () => {
    const { backend, onchanged } = setup({ kind: 'conflicts', their_file: 'from Sam.sqlite', conflicts: [conflict(), deletion] });
    const items = await screen.findAllByTestId('merge-conflict');
    expect(items.length).toBe(2);
    const first = within(items[0]!);
    expect(first.getByTestId('merge-mine-value').textContent).toBe('My title');
    expect(first.getByTestId('merge-theirs-value').textContent).toBe('Sam’s title');
    expect(items[0]!.textContent).toContain('Changed by Sam');
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
    expect((await screen.findByTestId('merge-done')).textContent).toContain('2 items changed');
    expect(onchanged).toHaveBeenCalled();
  });

  it('explains a refused merge and says nothing changed', async () => {
    const { backend } = fakeBackend({
      mergeDialog: vi.fn(async () => {
        throw { code: 'invalid', message: 'These workbooks share no starting point.', hint: 'Merge only a copy of this workbook.' };
      }),
    });
    render(MergeDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    const error = await screen.findByTestId('merge-error');
    expect(error.textContent).toContain('share no starting point');
    expect(screen.getByText('Nothing in this workbook was changed.')).toBeTruthy();
  });
});

describe('RestoreDialog', () => {
  const backups = [
    { file_name: 'b2.sqlite', taken_at: '2026-11-23T14:05:00.000Z', reason: 'before a merge', size: 240_000 },
    { file_name: 'b1.sqlite', taken_at: '2026-11-23T13:50:00.000Z', reason: 'every 15 minutes', size: 238_000 },
  ];

  it('lists the backups by time and reason and restores the chosen one', async () => {
    const onchanged = vi.fn();
    const { backend } = fakeBackend({
      listBackups: vi.fn(async () => backups),
      restoreBackup: vi.fn(async () => ({ added: 0, changed: 2, removed: 1 })),
    });
    render(RestoreDialog, { props: { onclose: vi.fn(), onchanged }, context: withSession(backend) });
    const items = (await screen.findAllByTestId('restore-item')) as HTMLInputElement[];
    expect(items.length).toBe(2);
    expect(screen.getByText(/taken before a merge, 240 KB/)).toBeTruthy();
    const start = screen.getByTestId('restore-start') as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    await fireEvent.click(items[1]!);
    await fireEvent.click(start);
    expect(backend.restoreBackup).toHaveBeenCalledWith(1, 'b1.sqlite');
    expect((await screen.findByTestId('restore-done')).textContent).toContain('3 items changed back');
    expect(onchanged).toHaveBeenCalled();
  });

  it('says when there are no backups yet', async () => {
    const { backend } = fakeBackend();
    render(RestoreDialog, { props: { onclose: vi.fn() }, context: withSession(backend) });
    expect(await screen.findByTestId('restore-empty')).toBeTruthy();
    expect(screen.queryByTestId('restore-start')).toBeNull();
  });
});

describe('OpenFailed', () => {
  it('offers recovery for a corrupt file only', async () => {
    const onstate = vi.fn();
    const { backend } = fakeBackend({
      recoverDialog: vi.fn(async () => ({ kind: 'open' as const, workbook: 2, notice: null })),
    });
    const corrupt = { code: 'corrupt', message: '“x.sqlite” is damaged.', hint: 'Ask for a fresh copy.' };
    const { unmount } = render(OpenFailed, { backend, error: corrupt, onback: vi.fn(), onstate });
    await fireEvent.click(screen.getByRole('button', { name: 'Recover what can be read…' }));
    expect(backend.recoverDialog).toHaveBeenCalled();
    await waitFor(() => expect(onstate).toHaveBeenCalledWith({ kind: 'open', workbook: 2, notice: null }));
    unmount();
    const missing = { code: 'not_found', message: '“x.sqlite” was not found.', hint: 'Check where it was saved.' };
    render(OpenFailed, { backend, error: missing, onback: vi.fn() });
    expect(screen.queryByTestId('recover-start')).toBeNull();
  });
});
