import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Workbook from './Workbook.svelte';
import { exampleSummary, fakeBackend } from './fixtures';
import type { WireError } from './wire';

async function open(options: { readOnly?: string; notice?: WireError; place?: string[] } = {}) {
  const fake = fakeBackend();
  const summary = exampleSummary({
    ...(options.readOnly === undefined ? {} : { read_only: options.readOnly }),
    ...(options.place === undefined ? {} : { place: options.place }),
  });
  const result = render(Workbook, { backend: fake.backend, workbook: 1, summary, notice: options.notice ?? null });
  // A workbook opens on the overview; these tests start from the plan's details.
  await screen.findByTestId('overview-heading');
  await fireEvent.click(screen.getByTestId('nav-plan'));
  await screen.findByTestId('plan-title-input');
  return { ...fake, ...result };
}

async function change(el: HTMLElement, value: string) {
  (el as HTMLInputElement).value = value;
  await fireEvent.change(el);
}

describe('Workbook', () => {
  it('says where the file lives (a sync folder, its conflict copies) until dismissed', async () => {
    await open({ place: ['This workbook is in a OneDrive (or SharePoint) folder.', 'OneDrive (or SharePoint) has kept a conflicting copy beside this workbook: plan-LAPTOP.sqlite.'] });
    const banner = screen.getByTestId('place-banner');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('plan-LAPTOP.sqlite');
    await fireEvent.click(screen.getByTestId('place-dismiss'));
    expect(screen.queryByTestId('place-banner')).toBeNull();
  });

  it('shows no place banner for a workbook in an ordinary folder', async () => {
    await open();
    expect(screen.queryByTestId('place-banner')).toBeNull();
  });

  it('finds every action behind a priority in two clicks', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await fireEvent.click(screen.getAllByTestId('priority-item')[1]!);

    expect(screen.getByTestId('priority-heading').textContent).toBe('P2 Using digital technology');
    expect(screen.getAllByTestId('priority-outcome').map((o) => o.textContent)).toEqual([
      expect.stringContaining('O1 Higher levels of positive patient experience'),
    ]);
    const actions = screen.getByTestId('priority-actions');
    expect(within(actions).getByText('A01 Digital front door')).toBeTruthy();
    expect(within(actions).getByText('Overdue')).toBeTruthy();
    expect(within(actions).getByText('At risk')).toBeTruthy();
  });

  it('saves a field when it changes, says all changes are saved, names the edit on Undo, and redoes with Ctrl+Y', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await change(screen.getByTestId('priority-title-input'), 'Prevention first');

    expect(backend.setField).toHaveBeenCalledWith(1, 'priority', 'pri-1', 'title', 'Prevention first');
    await waitFor(() => expect(screen.getByTestId('saved-indicator').textContent).toContain('All changes saved'));
    const undo = screen.getByTestId('undo-button');
    expect(undo.getAttribute('aria-label')).toBe('Undo: edit title');
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe('P1 Prevention first'));

    await fireEvent.click(undo);
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe('P1 Prevention at scale'));
    expect(screen.getByTestId('redo-button').getAttribute('aria-label')).toBe('Redo: edit title');
    // Ctrl+Y redoes too (Windows' key), as the Edit menu's Ctrl+Shift+Z does.
    await fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe('P1 Prevention first'));
  });

  it('shows dates and numbers as the plan writes them, and sends what was typed for core to read', async () => {
    const { backend } = await open();
    const population = screen.getByTestId('plan-population-input') as HTMLInputElement;
    expect(population.value).toBe('800,000');
    expect(population.type).toBe('text');
    expect((screen.getByTestId('plan-period-end-input') as HTMLInputElement).value).toBe('31/03/2029');
    await change(population, '812,500');
    expect(backend.setField).toHaveBeenLastCalledWith(1, 'plan', 'plan-1', 'population', '812,500');
    await change(screen.getByTestId('plan-period-end-input'), '');
    expect(backend.setField).toHaveBeenLastCalledWith(1, 'plan', 'plan-1', 'period_end', null);

    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    await change(screen.getByTestId('action-lead-select'), '');
    expect(backend.setField).toHaveBeenLastCalledWith(1, 'action', 'act-1', 'lead_partner_id', null);
  });

  it('puts hostile text on the page as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = await open();
    await change(screen.getByTestId('plan-title-input'), hostile);
    await waitFor(() => expect(screen.getByTestId('plan-title').textContent).toBe(hostile));

    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await change(screen.getByTestId('priority-title-input'), hostile);
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe(`P1 ${hostile}`));
    expect(container.querySelector('img')).toBeNull();
  });

  it('deletes at once and offers Undo in a toast', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-partners'));
    expect(screen.getAllByTestId('partner-item')).toHaveLength(2);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete partner “NHS Dorset”' }));

    expect(backend.deleteRow).toHaveBeenCalledWith(1, 'partner', 'par-1');
    const toast = await screen.findByTestId('undo-toast');
    expect(toast.textContent).toContain('Deleted partner “NHS Dorset”.');
    await waitFor(() => expect(document.activeElement).toBe(within(toast).getByTestId('toast-undo')));
    await waitFor(() => expect(screen.getAllByTestId('partner-item')).toHaveLength(1));

    await fireEvent.click(within(toast).getByTestId('toast-undo'));
    await waitFor(() => expect(screen.getAllByTestId('partner-item')).toHaveLength(2));
    expect(backend.undo).toHaveBeenCalledWith(1);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Partners' })));
  });

  it('reorders with move buttons', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-aims'));
    const name = 'aim “Improve outcomes in population health”';
    expect((screen.getByRole('button', { name: `Move ${name} up` }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: `Move ${name} down` }));
    expect(backend.moveRow).toHaveBeenCalledWith(1, 'aim', 'aim-1', 1);
    await waitFor(() => expect(screen.getAllByTestId('aim-title-input').map((i) => (i as HTMLInputElement).value)).toEqual([
      'Tackle inequalities',
      'Improve outcomes in population health',
    ]));
    // The keyboard focus stays with the aim that moved (on Up, now that it is last).
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: `Move ${name} up` })));
  });

  it('links an action to a priority with the type-to-search combobox', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getByText('Community connectors'));

    const box = screen.getByTestId('action-link-priority');
    expect(box.getAttribute('role')).toBe('combobox');
    await fireEvent.focus(box);
    await fireEvent.input(box, { target: { value: 'digital' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox', { name: 'Priorities' });
    const options = within(listbox).getAllByRole('option');
    expect(options.map((o) => o.textContent?.trim())).toEqual(['P2 Using digital technology']);
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);

    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(backend.link).toHaveBeenCalledWith(1, 'action_priority', 'act-3', 'pri-2');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove P2 Using digital technology' })).toBeTruthy());
  });

  it('toggles a link in the matrix in one click', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const cell = screen.getByRole('checkbox', { name: 'A03 serves P2' }) as HTMLInputElement;
    expect(cell.checked).toBe(false);
    await fireEvent.click(cell);
    expect(backend.link).toHaveBeenCalledWith(1, 'action_priority', 'act-3', 'pri-2');
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'A03 serves P2' }) as HTMLInputElement).checked).toBe(true));

    await fireEvent.click(screen.getByRole('checkbox', { name: 'A01 serves O1' }));
    expect(backend.unlink).toHaveBeenCalledWith(1, 'action_outcome', 'act-1', 'out-1');

    const start = screen.getByRole('checkbox', { name: 'A01 serves P2' });
    start.focus();
    await fireEvent.keyDown(start, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'A02 serves P2' }));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'A02 serves O1' }));
  });

  it('filters and sorts the actions table, and marks overdue actions in words', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const rows = () => screen.getAllByTestId('action-row').map((r) => r.querySelector('td')?.textContent);
    expect(rows()).toEqual(['A01', 'A02', 'A03']);
    expect(within(screen.getAllByTestId('action-row')[0]!).getByText('Overdue')).toBeTruthy();

    await change(screen.getByTestId('filter-status'), 'on_track');
    expect(rows()).toEqual(['A02']);
    await fireEvent.click(screen.getByTestId('filter-clear'));
    await change(screen.getByTestId('filter-priority'), 'pri-2');
    expect(rows()).toEqual(['A01']);
    await fireEvent.click(screen.getByTestId('filter-clear'));

    await fireEvent.click(screen.getByTestId('sort-due'));
    await fireEvent.click(screen.getByTestId('sort-due'));
    expect(rows()).toEqual(['A03', 'A02', 'A01']);
    expect(screen.getByTestId('sort-due').closest('th')?.getAttribute('aria-sort')).toBe('descending');
  });

  it('opens the item to fix from a health finding', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-health'));
    const findings = screen.getAllByTestId('health-finding');
    expect(findings).toHaveLength(2);
    await fireEvent.click(findings[1]!);
    await waitFor(() => expect(screen.getByTestId('action-heading').textContent).toBe('A03 Community connectors'));
  });

  it('searches the whole workbook and opens a hit', async () => {
    const { backend } = await open();
    await change(screen.getByTestId('search-input'), 'homes');
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'homes' } });
    await fireEvent.click(screen.getByTestId('search-button'));
    expect(backend.search).toHaveBeenCalledWith(1, 'homes');
    await fireEvent.click(await screen.findByTestId('search-hit'));
    await waitFor(() => expect(screen.getByTestId('action-heading').textContent).toBe('A02 Healthy homes visits'));
  });

  it('shows jargon in its sentence before and after the fix, and puts in the plain words', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const hints = await screen.findByTestId('jargon-hints');
    const [now, fixed] = within(hints).getAllByText((_, el) => el?.classList.contains('jargon__context') ?? false);
    expect(now!.textContent).toContain('We will use the integrated care system.');
    expect(fixed!.textContent).toContain('We will use the working together locally.');
    await fireEvent.click(within(hints).getByTestId('jargon-replace'));
    expect(backend.setField).toHaveBeenCalledWith(
      1,
      'section',
      'sec-1',
      'body',
      expect.stringContaining('We will use the working together locally.'),
    );
  });

  it('shows a section body with safe links only, never as markup', async () => {
    const { container } = await open();
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const preview = screen.getByTestId('section-preview');
    expect(within(preview).getByText('Working together').tagName).toBe('STRONG');
    expect(within(preview).getAllByRole('listitem')).toHaveLength(2);
    expect(within(preview).getByRole('link', { name: 'a link' }).getAttribute('href')).toBe('https://example.org');
    expect(within(preview).queryByRole('link', { name: 'bad' })).toBeNull();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('inserts markup from the toolbar and saves it', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const body = screen.getByTestId('section-body-input') as HTMLTextAreaElement;
    body.setSelectionRange(2, 19);
    await fireEvent.click(screen.getByTestId('markup-italic'));
    expect(backend.setField).toHaveBeenCalledWith(1, 'section', 'sec-1', 'body', expect.stringMatching(/^\*\*\*Working together\*\*\*/));
  });

  it('shows a refused value at its field, keeps what was typed, and leaves the error behind with the view', async () => {
    const { backend } = await open();
    vi.mocked(backend.setField).mockRejectedValueOnce({
      code: 'invalid',
      message: 'The action A01 “Digital front door”: Due date was typed as “31/13/2027”. 13 is not a month.',
      hint: 'Type the day first, then the month: 31/03/2027.',
    });
    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    const due = screen.getByTestId('action-due-input') as HTMLInputElement;
    await change(due, '31/13/2027');
    const error = await screen.findByTestId('action-due-input-error');
    expect(error.textContent).toContain('13 is not a month.');
    expect(error.textContent).toContain('Type the day first, then the month: 31/03/2027.');
    expect(error.textContent).not.toContain('invalid');
    expect(due.getAttribute('aria-invalid')).toBe('true');
    expect(due.getAttribute('aria-describedby')).toContain(error.id);
    expect(due.value).toBe('31/13/2027');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('saved-indicator').textContent).toContain('Not saved');
    // Leaving the view leaves its error behind.
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    expect(screen.queryByTestId('action-due-input-error')).toBeNull();
    expect((screen.getByTestId('action-due-input') as HTMLInputElement).value).toBe('31/03/2025');
  });

  it('says why it is read-only and what to do, and offers no edits', async () => {
    const notice = {
      code: 'in_use',
      message: '“plan.sqlite” is open for editing by sam on laptop since 1 May 2025 at 09:00 UTC.',
      hint: 'You can open it read-only now, or ask them to close it and try again.',
    };
    await open({ readOnly: 'it is open for editing elsewhere', notice });
    const banner = screen.getByTestId('read-only-banner');
    expect(banner.textContent).toContain(notice.message);
    expect(banner.textContent).toContain(notice.hint);
    expect((screen.getByTestId('plan-title-input') as HTMLInputElement).readOnly).toBe(true);
    expect(screen.queryByTestId('undo-button')).toBeNull();
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    expect(screen.queryByTestId('add-priority')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    expect((screen.getByRole('checkbox', { name: 'A01 serves P2' }) as HTMLInputElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    expect(screen.queryByTestId('action-link-priority')).toBeNull();
    expect((screen.getByTestId('action-status-select') as HTMLSelectElement).disabled).toBe(true);
  });

  it('adds a priority and an outcome for it', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await fireEvent.click(screen.getByTestId('add-priority'));
    await waitFor(() => expect(screen.getAllByTestId('priority-item')).toHaveLength(3));
    expect(backend.addRow).toHaveBeenCalledWith(1, 'priority', {});
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe('Untitled priority'));

    await fireEvent.click(screen.getByTestId('add-outcome'));
    await waitFor(() => expect(backend.link).toHaveBeenCalledWith(1, 'priority_outcome', 'new-1', 'new-2'));
  });

  it('adds a reading to a measure and a milestone to an action', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('nav-measures'));
    await fireEvent.click(screen.getByTestId('add-reading'));
    expect(backend.addRow).toHaveBeenCalledWith(1, 'reading', { measure_id: 'mea-1' });
    await waitFor(() => expect(screen.getAllByTestId('reading-date-input')).toHaveLength(2));

    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    await fireEvent.click(screen.getByTestId('add-milestone'));
    expect(backend.addRow).toHaveBeenLastCalledWith(1, 'milestone', { action_id: 'act-1' });
    await waitFor(() => expect(screen.getAllByTestId('milestone-item')).toHaveLength(2));
  });

  it('shows script and markup typed into a section as text in its preview', async () => {
    const { container } = await open();
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const payload = '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))';
    await change(screen.getByTestId('section-body-input'), payload);
    const preview = screen.getByTestId('section-preview');
    await waitFor(() => expect(preview.textContent).toContain('<script>alert(1)</script> <img src=x onerror=alert(1)> x'));
    expect(container.querySelector('script, img')).toBeNull();
    expect(within(preview).queryByRole('link')).toBeNull();
  });

  it('opens the export dialog, and says what Save a copy wrote', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('export-pdf'));
    expect(await screen.findByTestId('export-dialog')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('export-cancel'));
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());

    vi.mocked(backend.saveCopyDialog).mockResolvedValueOnce('Copy of Our Dorset.sqlite');
    await fireEvent.click(screen.getByTestId('save-copy'));
    await waitFor(() => expect(screen.getByTestId('undo-toast').textContent).toContain('Saved a copy as “Copy of Our Dorset.sqlite”.'));
  });

  it('offers sending, merging and restoring under the navigation, but only sending when read-only', async () => {
    const { backend } = await open();
    await fireEvent.click(screen.getByTestId('send-copy'));
    expect(screen.getByRole('dialog', { name: 'Send a copy' })).toBeTruthy();
    await fireEvent.click(screen.getByTestId('send-copy-cancel'));
    await fireEvent.click(screen.getByTestId('merge-copy'));
    await waitFor(() => expect(backend.mergeDialog).toHaveBeenCalledWith(1));
    await waitFor(() => expect(screen.queryByTestId('merge-dialog')).toBeNull());
    await fireEvent.click(screen.getByTestId('restore-backup'));
    expect(await screen.findByTestId('restore-empty')).toBeTruthy();
  });

  it('sends Undo only after the save of the field it took the focus from has landed', async () => {
    const { backend } = await open();
    let land: () => void = () => {};
    const mock = vi.mocked(backend.setField);
    const setField = mock.getMockImplementation()!;
    mock.mockImplementationOnce(async (...args: Parameters<typeof setField>) => {
      await new Promise<void>((resolve) => (land = resolve));
      return setField(...args);
    });
    await change(screen.getByTestId('plan-title-input'), 'Saved slowly');
    await change(screen.getByTestId('plan-subtitle-input'), 'Then this');
    await waitFor(() => expect(screen.getByTestId('undo-button')).toBeTruthy());
    await fireEvent.click(screen.getByTestId('undo-button'));
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.undo).not.toHaveBeenCalled();
    land();
    await waitFor(() => expect(backend.undo).toHaveBeenCalledTimes(1));
  });

  it('hides merging and restoring in a read-only workbook', async () => {
    await open({ readOnly: 'it was opened for reading only' });
    expect(screen.getByTestId('send-copy')).toBeTruthy();
    expect(screen.queryByTestId('merge-copy')).toBeNull();
    expect(screen.queryByTestId('restore-backup')).toBeNull();
  });

  it('shows a recovered workbook’s notice in its own banner until dismissed', async () => {
    const notice = { code: 'recovered', message: 'This is a new workbook holding 57 rows. That file was not changed.', hint: '3 rows could not be read.' };
    await open({ notice });
    const banner = screen.getByTestId('notice-banner');
    expect(banner.textContent).toContain('That file was not changed.');
    expect(screen.queryByTestId('read-only-banner')).toBeNull();
    await fireEvent.click(screen.getByTestId('notice-dismiss'));
    expect(screen.queryByTestId('notice-banner')).toBeNull();
  });

  it('takes the error away when a good value is saved', async () => {
    const { backend } = await open();
    vi.mocked(backend.setField).mockRejectedValueOnce({
      code: 'invalid',
      message: 'The plan “Our Dorset”: Population was typed as “812.5”. Type a whole number, such as 812,500.',
      hint: 'Correct the value and try again.',
    });
    const input = screen.getByTestId('plan-population-input') as HTMLInputElement;
    await change(input, '812.5');
    expect((await screen.findByTestId('plan-population-input-error')).textContent).toContain('whole number');
    await change(input, '812,500');
    await waitFor(() => expect(screen.queryByTestId('plan-population-input-error')).toBeNull());
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });
});
