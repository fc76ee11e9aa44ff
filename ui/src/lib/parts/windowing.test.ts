// Long lists draw about a screenful of rows, tell screen readers where each row stands among
// them all, and let the keyboard reach rows beyond the first screen.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import Workbook from '../Workbook.svelte';
import { exampleSummary, replay } from '../replay';
import { bigContent, bigDerived } from '../testing/big';
import type { Content, Derived, Finding } from '../wire';

const ACTIONS = 10_000;

// The example's recording, with its content and health replaced by a generated workbook's:
// 10,000 actions are too many to record (see testing/big.ts). These tests only read.
async function openBig(findings: Finding[] | null = null, priorities?: number, derive: (c: Content) => Derived = bigDerived) {
  const content = bigContent(ACTIONS, priorities);
  const { backend } = replay('example', {
    workbookContent: async () => structuredClone(content),
    // The generated texts ("Action number 12", "Measure 3") hold no glossary term.
    jargon: async () => [],
    workbookDerived: async () => derive(content),
    ...(findings === null ? {} : { planHealth: async () => findings }),
  });
  render(Workbook, { backend, workbook: 1, summary: exampleSummary(), notice: null });
  await screen.findByTestId('overview-heading');
  return { content: () => content };
}

// Rendering 10,000 actions' worth of content in jsdom takes seconds on a busy machine: the
// time limit is generous (nothing here measures time).
describe('windowed lists at 10,000 actions', { timeout: 60_000 }, () => {
  it('draws only about a screenful of the actions table, with the row counts of them all', async () => {
    await openBig();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const rows = await screen.findAllByTestId('action-row');
    // jsdom's window is 768 pixels high: a screenful and the rows drawn either side of it.
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByTestId('actions-count').textContent).toContain(`Showing ${ACTIONS} of ${ACTIONS} actions`);
    const table = screen.getByTestId('actions-table');
    expect(table.getAttribute('aria-rowcount')).toBe(String(ACTIONS + 1));
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(rows[1]!.getAttribute('aria-rowindex')).toBe('3');
    expect(within(rows[0]!).getByText('A1')).toBeTruthy();
  });

  it('moves the window with the focus, so Tab reaches rows beyond the first screen', async () => {
    await openBig();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    let rows = await screen.findAllByTestId('action-row');
    const firstCount = rows.length;
    const lastDrawn = Number(rows[rows.length - 1]!.getAttribute('aria-rowindex'));
    // Tab onto the last row drawn: the window moves on, so the next row is there to Tab to.
    within(rows[rows.length - 1]!).getByTestId('open-action').focus();
    await tick();
    rows = screen.getAllByTestId('action-row');
    const indexes = rows.map((r) => Number(r.getAttribute('aria-rowindex')));
    expect(Math.max(...indexes)).toBeGreaterThan(lastDrawn);
    expect(indexes).toContain(lastDrawn + 1);
    expect(rows.length).toBeLessThan(firstCount + 5);
    // Every row drawn sits in order, each at its place among them all.
    expect(indexes).toEqual(indexes.map((_, k) => indexes[0]! + k));
    const next = rows.find((r) => r.getAttribute('aria-rowindex') === String(lastDrawn + 1))!;
    expect(within(next).getByText(`A${lastDrawn}`)).toBeTruthy();
  });

  it('lets the matrix’s arrow keys walk down past the first screen of actions', async () => {
    await openBig(null, 3);
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const matrix = await screen.findByTestId('matrix');
    expect(matrix.getAttribute('aria-rowcount')).toBe(String(ACTIONS + 2));
    const drawn = () => new Set(screen.getAllByTestId('matrix-cell').map((c) => Number(c.dataset['row'])));
    expect(drawn().size).toBeLessThan(60);
    const start = screen.getByRole('checkbox', { name: 'A1 serves P1' });
    start.focus();
    for (let i = 0; i < 45; i++) {
      await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
      await tick();
    }
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset['row']).toBe('45'));
    expect(document.activeElement!.getAttribute('aria-label')).toBe('A46 serves P1');
    expect(drawn().has(0)).toBe(false);
    expect(drawn().size).toBeLessThan(60);
    expect(document.activeElement!.closest('tr')!.getAttribute('aria-rowindex')).toBe('48');
  });

  it('draws only a screenful of a priority’s actions, with their count', async () => {
    const big = await openBig();
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    const list = await screen.findByTestId('priority-actions');
    const total = big.content().action_priorities.filter((l) => l.priority_id === 'pri-0').length;
    expect(total).toBeGreaterThan(200);
    expect(list.getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(within(list).getAllByTestId('open-action').length).toBeLessThan(60);
    expect(screen.getByRole('heading', { name: `Actions serving this priority (${total})` })).toBeTruthy();
  });

  it('lists a priority’s actions in the plan’s order with how each serves it, named by the headings around the list', async () => {
    // As `planbook generate` links them: each action to a priority and to one of its outcomes,
    // so core's thread says each serves its priority directly and through that outcome.
    const through = (c: Content): Derived => {
      const outcomeOf = new Map(c.action_outcomes.map((l) => [l.action_id, l.outcome_id]));
      const serving = c.action_priorities.map((l) => ({ priority_id: l.priority_id, action_id: l.action_id, directly: true, through: [outcomeOf.get(l.action_id)!] }));
      return { thread: { serving, crossings: [] }, charts: [] };
    };
    const big = await openBig(null, undefined, through);
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    const list = await screen.findByTestId('priority-actions');
    const c = big.content();
    const codes = new Map(c.outcomes.map((o) => [o.id, o.code]));
    const outcomeOf = new Map(c.action_outcomes.map((l) => [l.action_id, l.outcome_id]));
    const mine = c.actions.filter((a) => c.action_priorities.some((l) => l.action_id === a.id && l.priority_id === 'pri-0'));
    const drawn = within(list).getAllByTestId('open-action');
    expect(drawn.length).toBeLessThan(60);
    expect(drawn.map((b) => b.textContent)).toEqual(mine.slice(0, drawn.length).map((a) => `${a.code} ${a.title}`));
    expect(within(list).getAllByTestId('action-how').map((h) => h.textContent)).toEqual(
      mine.slice(0, drawn.length).map((a) => `Linked, and through ${codes.get(outcomeOf.get(a.id)!)}`),
    );
    // Linked to it directly, so each can be unlinked from the priority.
    expect(within(list).getAllByTestId('unlink-action').length).toBe(drawn.length);
    // The table is named by its card's heading and the priority's (not by a caption inside it,
    // which the priority's name typed would lay out again with every row drawn).
    expect(screen.getByRole('table', { name: `Actions serving this priority (${mine.length}) P1 Priority 1` })).toBe(list);
    expect(list.querySelector('caption')).toBeNull();
  });

  it('draws only a screenful of the health findings, each with its place among them all', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'action_without_lead' as const,
      entity: 'action' as const,
      id: `act-${i}`,
      message: `Action A${i + 1} has no lead partner.`,
      key: `action_without_lead:act-${i}`,
    }));
    await openBig(many);
    // The navigation counts them all, not the ones drawn.
    await waitFor(() => expect(screen.getByTestId('nav-health').textContent).toContain('5000'));
    await fireEvent.click(screen.getByTestId('nav-health'));
    const drawn = screen.getAllByTestId('health-finding');
    expect(drawn.length).toBeLessThan(60);
    const items = drawn.map((a) => a.closest('li')!);
    expect(items[0]!.getAttribute('aria-setsize')).toBe('5000');
    expect(items[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(items[1]!.getAttribute('aria-posinset')).toBe('2');
  });

  it('draws the item a finding opens, though it is far down its list, and gives it the focus', async () => {
    await openBig([
      { kind: 'empty_measure', entity: 'measure', id: 'mea-100', message: 'Measure 101 has no readings.', key: 'empty_measure:mea-100' },
    ]);
    await fireEvent.click(screen.getByTestId('nav-health'));
    await fireEvent.click(await screen.findByTestId('health-finding'));
    await waitFor(() => expect(document.activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id')).toBe('mea-100'));
    // The groups drawn are those around it, not the first screen's.
    const groups = screen.getAllByRole('region').filter((r) => r.hasAttribute('data-index'));
    expect(groups.length).toBeLessThan(10);
    expect(groups.map((g) => g.getAttribute('aria-label'))).not.toContain('Measures for O1 Outcome 1');
  });

  it('draws only the matrix’s columns in view, and the arrow keys reach the others', async () => {
    await openBig();
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const matrix = await screen.findByTestId('matrix');
    // 40 priorities and 120 outcomes: 160 columns, and a column for the actions' names.
    expect(matrix.getAttribute('aria-colcount')).toBe('161');
    const firstRow = () => screen.getAllByTestId('matrix-cell').filter((c) => c.dataset['row'] === '0');
    expect(firstRow().length).toBeLessThan(40);
    const start = screen.getByRole('checkbox', { name: 'A1 serves P1' });
    start.focus();
    for (let i = 0; i < 45; i++) {
      await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
      await tick();
    }
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset['col']).toBe('45'));
    // Column 45 is the sixth outcome (after 40 priorities).
    expect(document.activeElement!.getAttribute('aria-label')).toBe('A1 serves O6');
    expect(document.activeElement!.closest('td')!.getAttribute('aria-colindex')).toBe('47');
    expect(firstRow().some((c) => c.dataset['col'] === '0')).toBe(false);
    expect(firstRow().length).toBeLessThan(40);
  });
});
