import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Workbook from './Workbook.svelte';
import { exampleContent, recorded, replay, row } from './replay';
import type { Edited, Finding, SearchHit, Summary, WireError } from './wire';

/** Shows the workbook of a recorded scenario as App does: by its window state (or, for a
 * recovered workbook, what recovering answered), with its summary and notice. */
async function open(scenario = 'example') {
  const replayed = replay(scenario);
  const { backend } = replayed;
  const state = scenario === 'corrupt' ? await backend.recoverDialog() : await backend.windowState();
  if (state.kind !== 'open') {
    throw new Error(`scenario ${scenario} shows no workbook`);
  }
  const summary: Summary = await backend.workbookSummary(state.workbook);
  const result = render(Workbook, { backend, workbook: state.workbook, summary, notice: state.notice });
  // A workbook opens on the overview; these tests start from the plan's details.
  await screen.findByTestId('overview-heading');
  await fireEvent.click(screen.getByTestId('nav-plan'));
  await screen.findByTestId('plan-title-input');
  return { ...replayed, ...result, summary, notice: state.notice };
}

const c = exampleContent();
const plan = c.plan.id;
const code = (kind: 'priorities' | 'actions' | 'outcomes', label: string) => row(c[kind] as { id: string; code: string }[], label);
const title = (kind: 'priorities' | 'actions', label: string) => `${label} ${row(c[kind] as { id: string; title: string; code: string }[], label).title}`;

async function change(el: HTMLElement, value: string) {
  (el as HTMLInputElement).value = value;
  await fireEvent.change(el);
}

describe('Workbook', () => {
  it('says where the file lives (a sync folder, its conflict copies) until dismissed', async () => {
    // The example in a OneDrive folder, with a conflicting copy OneDrive kept beside it.
    const { summary } = await open('in-onedrive');
    expect(summary.place.length).toBeGreaterThan(0);
    const banner = screen.getByTestId('place-banner');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('OneDrive');
    expect(banner.textContent).toContain('Our Dorset-LAPTOP.sqlite');
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
    await fireEvent.click(screen.getAllByTestId('priority-item')[5]!);

    expect(screen.getByTestId('priority-heading').textContent).toBe(title('priorities', 'P6'));
    expect(screen.getAllByTestId('priority-outcome').map((o) => o.textContent)).toEqual([
      expect.stringContaining('O10 Better access to services'),
      expect.stringContaining('O11 Give people access to and control over'),
    ]);
    const actions = screen.getByTestId('priority-actions');
    // A08 is at risk and was due on 30 September 2026: overdue on the recording's day.
    expect(within(actions).getByText(title('actions', 'A08'))).toBeTruthy();
    expect(within(actions).getByText(title('actions', 'A09'))).toBeTruthy();
    expect(within(actions).getByText('Overdue')).toBeTruthy();
    expect(within(actions).getByText('At risk')).toBeTruthy();
  });

  it('sends a partner their actions for an update from their card, with that partner chosen', async () => {
    await open();
    const c = exampleContent();
    await fireEvent.click(screen.getByTestId('nav-partners'));
    const leading = c.partners.filter((p) => c.actions.some((a) => a.lead_partner_id === p.id));
    const buttons = screen.getAllByTestId('partner-send-update');
    // Only the partners who lead an action are offered one.
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(leading.map((p) => `Send ${p.name} their actions for an update…`));
    const second = leading[1]!;
    await fireEvent.click(buttons[1]!);
    screen.getByRole('dialog', { name: 'Send for an update' });
    expect((screen.getByTestId('sheet-export-lead') as HTMLSelectElement).value).toBe(second.name);
    expect((screen.getByTestId('sheet-export-led-by') as HTMLInputElement).checked).toBe(true);
  });

  it('says "Saving…" only when an edit takes longer than a moment', async () => {
    const replayed = await open('edit-priority-title');
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    const indicator = screen.getByTestId('saved-indicator');
    const held = replayed.hold('set_field');
    await change(screen.getByTestId('priority-title-input'), 'Prevention first');
    await held.arrived;
    // Answered within a frame or two, an edit never draws "Saving…" before the saved value.
    await new Promise((r) => setTimeout(r, 100));
    expect(indicator.textContent).toContain('All changes saved');
    await waitFor(() => expect(indicator.textContent).toContain('Saving…'), { timeout: 2000 });
    held.release();
    await waitFor(() => expect(indicator.textContent).toContain('All changes saved'));
  });

  it('saves a field when it changes, says all changes are saved, names the edit on Undo, and redoes with Ctrl+Y', async () => {
    const { backend } = await open('edit-priority-title');
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await change(screen.getByTestId('priority-title-input'), 'Prevention first');

    expect(backend.setField).toHaveBeenCalledWith(1, 'priority', code('priorities', 'P1').id, 'title', 'Prevention first');
    await waitFor(() => expect(screen.getByTestId('saved-indicator').textContent).toContain('All changes saved'));
    const undo = screen.getByTestId('undo-button');
    expect(undo.getAttribute('aria-label')).toBe('Undo: change P1 “Prevention first”');
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe('P1 Prevention first'));
    // The list of its actions is named by the headings around it, so its name follows.
    expect(screen.getByRole('table', { name: /^Actions serving this priority \(\d+\) P1 Prevention first$/ })).toBe(screen.getByTestId('priority-actions'));

    await fireEvent.click(undo);
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe(title('priorities', 'P1')));
    expect(screen.getByTestId('redo-button').getAttribute('aria-label')).toBe('Redo: change P1 “Prevention first”');
    // Ctrl+Y redoes too (Windows' key), as the Edit menu's Ctrl+Shift+Z does.
    await fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe('P1 Prevention first'));
  });

  it('shows dates and numbers as the plan writes them, and sends what was typed for core to read', async () => {
    const { backend } = await open('edit-plan-numbers');
    const population = screen.getByTestId('plan-population-input') as HTMLInputElement;
    expect(population.value).toBe('800,000');
    expect(population.type).toBe('text');
    expect((screen.getByTestId('plan-period-end-input') as HTMLInputElement).value).toBe('31/03/2029');
    await change(population, '812,500');
    expect(backend.setField).toHaveBeenLastCalledWith(1, 'plan', plan, 'population', '812,500');
    // Core read the words as the number.
    await waitFor(() => expect(population.value).toBe('812,500'));
    await change(screen.getByTestId('plan-period-end-input'), '');
    expect(backend.setField).toHaveBeenLastCalledWith(1, 'plan', plan, 'period_end', null);

    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    await change(screen.getByTestId('action-lead-select'), '');
    expect(backend.setField).toHaveBeenLastCalledWith(1, 'action', code('actions', 'A01').id, 'lead_partner_id', null);
  });

  it('puts hostile text on the page as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = await open('edit-hostile');
    await change(screen.getByTestId('plan-title-input'), hostile);
    await waitFor(() => expect(screen.getByTestId('plan-title').textContent).toBe(hostile));

    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await change(screen.getByTestId('priority-title-input'), hostile);
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe(`P1 ${hostile}`));
    expect(container.querySelector('img')).toBeNull();
  });

  it('deletes at once, with what depends on it, and offers Undo in a toast', async () => {
    const { backend } = await open('delete-partner');
    const nhs = row(c.partners, 'NHS Dorset (Integrated Care Board)');
    await fireEvent.click(screen.getByTestId('nav-partners'));
    expect(screen.getAllByTestId('partner-item')).toHaveLength(c.partners.length);
    await fireEvent.click(screen.getByRole('button', { name: `Delete partner “${nhs.name}”` }));

    expect(backend.deleteRow).toHaveBeenCalledWith(1, 'partner', nhs.id);
    const toast = await screen.findByTestId('undo-toast');
    expect(toast.textContent).toContain(`Deleted partner “${nhs.name}”.`);
    await waitFor(() => expect(document.activeElement).toBe(within(toast).getByTestId('toast-undo')));
    await waitFor(() => expect(screen.getAllByTestId('partner-item')).toHaveLength(c.partners.length - 1));
    // Core took its links to actions with it, and left the actions it led without a lead.
    const deleted = recorded<Edited>('delete-partner', 'delete_row', { workbook: 1, kind: 'partner', id: nhs.id });
    const supports = c.action_partners.filter((l) => l.partner_id === nhs.id).map((l) => l.id);
    expect(supports.length).toBeGreaterThan(0);
    expect(deleted.changes.removed.filter((r) => r.kind === 'action_partner').map((r) => r.id).sort()).toEqual(supports.sort());

    await fireEvent.click(within(toast).getByTestId('toast-undo'));
    await waitFor(() => expect(screen.getAllByTestId('partner-item')).toHaveLength(c.partners.length));
    expect(backend.undo).toHaveBeenCalledWith(1);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Partners' })));
  });

  it('reorders with move buttons', async () => {
    const { backend } = await open('move-aim');
    const [first, second, ...rest] = c.aims;
    await fireEvent.click(screen.getByTestId('nav-aims'));
    const name = `aim “${first!.title}”`;
    expect((screen.getByRole('button', { name: `Move ${name} up` }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: `Move ${name} down` }));
    expect(backend.moveRow).toHaveBeenCalledWith(1, 'aim', first!.id, 1);
    await waitFor(() =>
      expect(screen.getAllByTestId('aim-title-input').map((i) => (i as HTMLInputElement).value)).toEqual([second!.title, first!.title, ...rest.map((a) => a.title)]),
    );
    // The keyboard focus stays with the aim that moved (on Down, now that it is second).
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: `Move ${name} down` })));
  });

  it('links an action to a priority with the type-to-search combobox', async () => {
    const { backend } = await open('link');
    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getByText(row(c.actions, 'A05').title));

    const box = screen.getByTestId('action-link-priority');
    expect(box.getAttribute('role')).toBe('combobox');
    await fireEvent.focus(box);
    await fireEvent.input(box, { target: { value: 'digital' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox', { name: 'Priorities' });
    const options = within(listbox).getAllByRole('option');
    expect(options.map((o) => o.textContent?.trim())).toEqual([title('priorities', 'P6')]);
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);

    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(backend.link).toHaveBeenCalledWith(1, 'action_priority', code('actions', 'A05').id, code('priorities', 'P6').id);
    await waitFor(() => expect(screen.getByRole('button', { name: `Remove ${title('priorities', 'P6')}` })).toBeTruthy());
  });

  it('toggles a link in the matrix in one click', async () => {
    const { backend } = await open('link');
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const cell = screen.getByRole('checkbox', { name: 'A05 serves P6' }) as HTMLInputElement;
    expect(cell.checked).toBe(false);
    await fireEvent.click(cell);
    expect(backend.link).toHaveBeenCalledWith(1, 'action_priority', code('actions', 'A05').id, code('priorities', 'P6').id);
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'A05 serves P6' }) as HTMLInputElement).checked).toBe(true));

    await fireEvent.click(screen.getByRole('checkbox', { name: 'A01 serves O3' }));
    expect(backend.unlink).toHaveBeenCalledWith(1, 'action_outcome', code('actions', 'A01').id, code('outcomes', 'O3').id);
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'A01 serves O3' }) as HTMLInputElement).checked).toBe(false));

    const start = screen.getByRole('checkbox', { name: 'A01 serves P2' });
    start.focus();
    await fireEvent.keyDown(start, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'A02 serves P2' }));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'A02 serves P3' }));
  });

  it('shows a view of text and forms as a readable column, and a view of tables at full width', async () => {
    await open();
    expect(screen.getByTestId('view').classList.contains('view--readable')).toBe(true);
    await fireEvent.click(screen.getByTestId('nav-actions'));
    expect(screen.getByTestId('view').classList.contains('view--readable')).toBe(false);
  });

  it('filters and sorts the actions table, and marks overdue actions in words', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const rows = () => screen.getAllByTestId('action-row').map((r) => r.querySelector('td')?.textContent);
    expect(rows()).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10']);
    // Only A08 is overdue on the recording's day (A07 and A10 are complete).
    const overdue = screen.getAllByTestId('action-row').filter((r) => within(r).queryByText('Overdue') !== null);
    expect(overdue.map((r) => r.querySelector('td')?.textContent)).toEqual(['A08']);

    await change(screen.getByTestId('filter-status'), 'on_track');
    expect(rows()).toEqual(['A01', 'A03', 'A04', 'A06']);
    await fireEvent.click(screen.getByTestId('filter-clear'));
    // By core's golden thread: A08 and A09 are linked to P6, A05 serves it through O10.
    await change(screen.getByTestId('filter-priority'), code('priorities', 'P6').id);
    expect(rows()).toEqual(['A05', 'A08', 'A09']);
    await fireEvent.click(screen.getByTestId('filter-clear'));

    await fireEvent.click(screen.getByTestId('sort-due'));
    await fireEvent.click(screen.getByTestId('sort-due'));
    expect(rows()).toEqual(SORTED_BY_DUE_DESCENDING);
    expect(screen.getByTestId('sort-due').closest('th')?.getAttribute('aria-sort')).toBe('descending');
  });

  it('opens the item to fix from a health finding', async () => {
    await open();
    const findings = recorded<Finding[]>('example', 'plan_health', { workbook: 1 });
    await fireEvent.click(screen.getByTestId('nav-health'));
    const shown = screen.getAllByTestId('health-finding');
    expect(shown).toHaveLength(findings.length);
    const at = findings.findIndex((f) => f.entity === 'action');
    const action = c.actions.find((a) => a.id === findings[at]!.id)!;
    await fireEvent.click(shown[at]!);
    await waitFor(() => expect(screen.getByTestId('action-heading').textContent).toBe(`${action.code} ${action.title}`));
  });

  it('searches the whole workbook and opens a hit', async () => {
    const { backend } = await open();
    const hits = recorded<SearchHit[]>('example', 'search', { workbook: 1, query: 'homes' });
    await change(screen.getByTestId('search-input'), 'homes');
    await fireEvent.input(screen.getByTestId('search-input'), { target: { value: 'homes' } });
    await fireEvent.click(screen.getByTestId('search-button'));
    expect(backend.search).toHaveBeenCalledWith(1, 'homes');
    const shown = await screen.findAllByTestId('search-hit');
    expect(shown).toHaveLength(hits.length);
    const at = hits.findIndex((h) => h.entity === 'action');
    const action = c.actions.find((a) => a.id === hits[at]!.id)!;
    await fireEvent.click(shown[at]!);
    await waitFor(() => expect(screen.getByTestId('action-heading').textContent).toBe(`${action.code} ${action.title}`));
  });

  it('shows jargon in its sentence before and after the fix, and puts in the plain words', async () => {
    const { backend } = await open('jargon-fix');
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const typed = 'We will use the integrated care system.';
    await change(screen.getAllByTestId('section-body-input')[0]!, typed);
    const hints = await waitFor(() => {
      const found = screen.getAllByTestId('jargon-hints').find((h) => h.textContent?.includes(typed));
      expect(found).toBeTruthy();
      return found!;
    });
    const [now, fixed] = within(hints).getAllByText((_, el) => el?.classList.contains('jargon__context') ?? false);
    expect(now!.textContent).toContain('We will use the integrated care system.');
    expect(fixed!.textContent).toContain('We will use the working together locally.');
    await fireEvent.click(within(hints).getByTestId('jargon-replace'));
    expect(backend.setField).toHaveBeenLastCalledWith(1, 'section', c.sections[0]!.id, 'body', 'We will use the working together locally.');
  });

  it('shows a section body with safe links only, never as markup', async () => {
    const { container } = await open('section-markup');
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const body = '**Working together**\n\nWe will work as one.\n\n- one\n- two with [a link](https://example.org) and [bad](javascript:alert(1))';
    await change(screen.getAllByTestId('section-body-input')[0]!, body);
    const preview = screen.getAllByTestId('section-preview')[0]!;
    await waitFor(() => expect(within(preview).getByText('Working together').tagName).toBe('STRONG'));
    expect(within(preview).getAllByRole('listitem')).toHaveLength(2);
    expect(within(preview).getByRole('link', { name: 'a link' }).getAttribute('href')).toBe('https://example.org');
    expect(within(preview).queryByRole('link', { name: 'bad' })).toBeNull();
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('inserts markup from the toolbar and saves it', async () => {
    const { backend } = await open('markup-italic');
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const body = screen.getAllByTestId('section-body-input')[0] as HTMLTextAreaElement;
    // The first section's body begins “**What matters most…”: select “What matters most”.
    body.setSelectionRange(2, 19);
    await fireEvent.click(screen.getAllByTestId('markup-italic')[0]!);
    expect(backend.setField).toHaveBeenCalledWith(1, 'section', c.sections[0]!.id, 'body', expect.stringMatching(/^\*\*\*What matters most\*/));
  });

  it('shows a refused value at its field, keeps what was typed, and leaves the error behind with the view', async () => {
    await open('refused-due');
    const refusal = recorded<WireError>('refused-due', 'set_field', {
      workbook: 1,
      kind: 'action',
      id: code('actions', 'A01').id,
      field: 'due_date',
      value: '31/13/2027',
    });
    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    const due = screen.getByTestId('action-due-input') as HTMLInputElement;
    await change(due, '31/13/2027');
    const error = await screen.findByTestId('action-due-input-error');
    // At the field, what to type (core's words for the field), not the item's name again.
    expect(refusal.at_field).toContain('13 is not a month');
    expect(error.textContent).toContain(refusal.at_field);
    expect(error.textContent).not.toContain('Healthy Homes');
    expect(error.textContent).not.toContain(refusal.code);
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
    expect((screen.getByTestId('action-due-input') as HTMLInputElement).value).toBe('31/03/2027');
  });

  it('says why it is read-only and what to do, and offers no edits', async () => {
    // The example opened while someone else is editing it.
    const { notice } = await open('read-only');
    expect(notice?.code).toBe('in_use');
    const banner = screen.getByTestId('read-only-banner');
    expect(banner.textContent).toContain(notice!.message);
    expect(banner.textContent).toContain(notice!.hint);
    expect(notice!.message).toContain('planner on laptop');
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
    const { backend } = await open('add-priority');
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await fireEvent.click(screen.getByTestId('add-priority'));
    await waitFor(() => expect(screen.getAllByTestId('priority-item')).toHaveLength(c.priorities.length + 1));
    expect(backend.addRow).toHaveBeenCalledWith(1, 'priority', {});
    // Core gives the new priority the next code.
    await waitFor(() => expect(screen.getByTestId('priority-heading').textContent).toBe('P7 Untitled priority'));

    await fireEvent.click(screen.getByTestId('add-outcome'));
    // The recording's ids for the new priority and the new outcome.
    await waitFor(() => expect(backend.link).toHaveBeenCalledWith(1, 'priority_outcome', 'new-1', 'new-2'));
  });

  it('adds a reading to a measure', async () => {
    const { backend } = await open('add-reading');
    await fireEvent.click(screen.getByTestId('nav-measures'));
    const readings = screen.getAllByTestId('reading-date-input').length;
    await fireEvent.click(screen.getByRole('button', { name: `Add a reading for ${c.measures[0]!.title}` }));
    expect(backend.addRow).toHaveBeenCalledWith(1, 'reading', { measure_id: c.measures[0]!.id });
    await waitFor(() => expect(screen.getAllByTestId('reading-date-input')).toHaveLength(readings + 1));
  });

  // The fake backend this replaced hid a bug: "Add a milestone" sent no title, and core
  // refuses a milestone without one. The title is now asked for first.
  it('adds a milestone to an action, its title typed first', async () => {
    const { backend } = await open('add-milestone');
    await fireEvent.click(screen.getByTestId('nav-actions'));
    await fireEvent.click(screen.getAllByTestId('open-action')[0]!);
    const milestones = screen.getAllByTestId('milestone-item').length;
    // Nothing typed: said at the field, nothing sent.
    await fireEvent.click(screen.getByTestId('add-milestone'));
    expect((await screen.findByTestId('new-milestone-error')).textContent).toContain('Type what the milestone is');
    expect(backend.addRow).not.toHaveBeenCalled();
    const title = screen.getByTestId('new-milestone-title') as HTMLInputElement;
    title.value = 'Pilot in two practices';
    await fireEvent.input(title);
    await fireEvent.click(screen.getByTestId('add-milestone'));
    expect(backend.addRow).toHaveBeenLastCalledWith(1, 'milestone', { action_id: code('actions', 'A01').id, title: 'Pilot in two practices' });
    await waitFor(() => expect(screen.getAllByTestId('milestone-item')).toHaveLength(milestones + 1));
    expect(screen.queryByTestId('new-milestone-error')).toBeNull();
    await waitFor(() => expect(title.value).toBe(''));
  });

  it('shows script and markup typed into a section as text in its preview', async () => {
    const { container } = await open('section-script');
    await fireEvent.click(screen.getByTestId('nav-narrative'));
    const payload = '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))';
    await change(screen.getAllByTestId('section-body-input')[0]!, payload);
    const preview = screen.getAllByTestId('section-preview')[0]!;
    await waitFor(() => expect(preview.textContent).toContain('<script>alert(1)</script> <img src=x onerror=alert(1)> x'));
    expect(container.querySelector('script, img')).toBeNull();
    expect(within(preview).queryByRole('link')).toBeNull();
  });

  it('opens the export dialog, and says what Save a copy wrote', async () => {
    await open('save-copy');
    await fireEvent.click(screen.getByTestId('export-pdf'));
    expect(await screen.findByTestId('export-dialog')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('export-cancel'));
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());

    await fireEvent.click(screen.getByTestId('save-copy'));
    await waitFor(() => expect(screen.getByTestId('undo-toast').textContent).toContain('Saved a copy as “Copy of Our Dorset.sqlite”.'));
  });

  it('offers sending, merging and restoring under the navigation, but only sending when read-only', async () => {
    const { backend } = await open('merge-cancelled');
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
    const { backend, hold } = await open('two-edits');
    const slow = hold('set_field');
    await change(screen.getByTestId('plan-title-input'), 'Saved slowly');
    await change(screen.getByTestId('plan-subtitle-input'), 'Then this');
    await waitFor(() => expect(screen.getByTestId('undo-button')).toBeTruthy());
    await fireEvent.click(screen.getByTestId('undo-button'));
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.undo).not.toHaveBeenCalled();
    slow.release();
    await waitFor(() => expect(backend.undo).toHaveBeenCalledTimes(1));
  });

  it('hides merging and restoring in a read-only workbook', async () => {
    await open('read-only');
    expect(screen.getByTestId('send-copy')).toBeTruthy();
    expect(screen.queryByTestId('merge-copy')).toBeNull();
    expect(screen.queryByTestId('restore-backup')).toBeNull();
  });

  it('shows a recovered workbook’s notice in its own banner until dismissed', async () => {
    // What could be read of a damaged example, recovered into a new workbook.
    const { notice } = await open('corrupt');
    expect(notice?.code).toBe('recovered');
    const banner = screen.getByTestId('notice-banner');
    expect(banner.textContent).toContain(notice!.message);
    expect(banner.textContent).toContain('was not changed');
    expect(screen.queryByTestId('read-only-banner')).toBeNull();
    await fireEvent.click(screen.getByTestId('notice-dismiss'));
    expect(screen.queryByTestId('notice-banner')).toBeNull();
  });

  it('takes the error away when a good value is saved', async () => {
    await open('refused-population');
    const input = screen.getByTestId('plan-population-input') as HTMLInputElement;
    await change(input, '812.5');
    expect((await screen.findByTestId('plan-population-input-error')).textContent).toContain('whole number');
    await change(input, '812,500');
    await waitFor(() => expect(screen.queryByTestId('plan-population-input-error')).toBeNull());
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });
});

// A09 has no due date, so it sorts first when the latest come first; actions due on the same
// day (A03 and A05, A01 and A02) come in the reverse of their order.
const SORTED_BY_DUE_DESCENDING = ['A09', 'A05', 'A03', 'A06', 'A02', 'A01', 'A04', 'A08', 'A10', 'A07'];
