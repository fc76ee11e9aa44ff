// The overview, the view a workbook opens on: every priority with what it will lead to and
// its actions by status in words and shapes, overdue actions, each measure's chart drawn from
// core's chart model, and plan health; every item opens in one click.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import Workbook from '../Workbook.svelte';
import { exampleContent, exampleSummary, recorded, replay, row } from '../replay';
import { bigContent, bigDerived } from '../testing/big';
import type { Derived, Finding } from '../wire';
import { ACTION_STATUS_LABELS } from '../format';

const c = exampleContent();
const derived = recorded<Derived>('example', 'workbook_derived', { workbook: 1 });
const codeOf = (id: string) => c.actions.find((a) => a.id === id)!.code;

async function open() {
  const replayed = replay('example');
  render(Workbook, { backend: replayed.backend, workbook: 1, summary: exampleSummary(), notice: null });
  await screen.findByTestId('overview-heading');
  return replayed;
}

describe('the overview', () => {
  it('is the first view in the navigation and the one a workbook opens on', async () => {
    await open();
    const nav = screen.getByRole('navigation', { name: 'Workbook' });
    expect(within(nav).getAllByRole('link')[0]!.textContent!.trim()).toBe('Overview');
    expect(screen.getByTestId('nav-overview').getAttribute('aria-current')).toBe('page');
  });

  it('shows each priority with its outcomes and its actions by status, in words and shapes', async () => {
    await open();
    const cards = screen.getAllByTestId('overview-priority');
    expect(cards.map((card) => card.dataset['code'])).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    // P6: what it will lead to, and its actions by status as core's thread counts them
    // (A08 and A09 linked to it, A05 through O10).
    const p6 = cards[5]!;
    expect(p6.textContent).toContain(`O10 ${row(c.outcomes, 'O10').statement}`);
    const serving = derived.thread.serving.filter((s) => s.priority_id === row(c.priorities, 'P6').id).map((s) => s.action_id);
    expect(serving.map(codeOf).sort()).toEqual(['A05', 'A08', 'A09']);
    const counts = new Map<string, number>();
    for (const id of serving) {
      const status = c.actions.find((a) => a.id === id)!.status;
      const label = ACTION_STATUS_LABELS.find((l) => l.value === status)!.label;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const statuses = within(p6).getAllByTestId('overview-status');
    expect(statuses.map((s) => s.textContent!.replace(/\s+/g, ' ').trim()).sort()).toEqual([...counts].map(([l, n]) => `${l}:${n}`).sort());
    // Each status has its shape, beside its words.
    expect(statuses.every((s) => s.querySelector('svg') !== null)).toBe(true);
    // A08 is overdue (core's finding on the recorded day), and named under its priority.
    expect(within(p6).getByText('A08')).toBeTruthy();
  });

  it('lists overdue actions and plan health, each opening its item in one click', async () => {
    await open();
    const overdue = screen.getByTestId('overview-overdue');
    expect(overdue.textContent).toContain('Overdue actions (1)');
    const a08 = row(c.actions, 'A08');
    await fireEvent.click(within(overdue).getByText(`A08 ${a08.title}`));
    expect((await screen.findByTestId('action-heading')).textContent).toBe(`A08 ${a08.title}`);
  });

  it('opens a priority in one click', async () => {
    await open();
    const p2 = row(c.priorities, 'P2');
    await fireEvent.click(within(screen.getAllByTestId('overview-priority')[1]!).getByText(`P2 ${p2.title}`));
    expect((await screen.findByTestId('priority-heading')).textContent).toBe(`P2 ${p2.title}`);
  });

  it('draws each measure’s chart from core’s model, with its alternative text', async () => {
    await open();
    // The first measure with readings (one without says "No readings yet").
    const measure = screen.getAllByTestId('overview-measure').find((m) => m.querySelector('svg') !== null)!;
    const svg = within(measure).getByRole('img');
    const shown = c.measures.find((m) => m.title === within(measure).getByRole('heading').textContent!.trim())!;
    const chart = derived.charts.find((m) => m.measure_id === shown.id)!.chart;
    expect(svg.querySelector('title')!.textContent).toBe(chart.alt);
    expect(svg.querySelector('polyline')!.getAttribute('points')).toBe(chart.line.map((p) => `${p.x},${p.y}`).join(' '));
    expect(Number(svg.querySelector('.chart__target')!.getAttribute('y1'))).toBe(chart.target_y);
    for (const label of chart.labels) {
      expect(within(measure).getAllByText(label.text).length).toBeGreaterThan(0);
    }
    expect(within(measure).getByText('Target')).toBeTruthy(); // the legend, in words
  });

  it('summarises at 10,000 actions: counts for every priority, a short list of overdue actions', { timeout: 60_000 }, async () => {
    const content = bigContent(10_000);
    const overdue = content.actions.slice(0, 500);
    // Findings in core's form, for the generated actions (no recording holds 10,000 actions).
    const findings: Finding[] = overdue.map((a) => ({ key: `action_overdue/action/${a.id}`, kind: 'action_overdue', entity: 'action', id: a.id, message: `Action ${a.code} is overdue.` }));
    const { backend } = replay('example', {
      workbookContent: async () => structuredClone(content),
      workbookDerived: async () => bigDerived(content),
      planHealth: async () => findings,
      jargon: async () => [],
    });
    render(Workbook, { backend, workbook: 1, summary: exampleSummary(), notice: null });
    await screen.findByTestId('overview-heading');
    expect(screen.getAllByTestId('overview-priority')).toHaveLength(content.priorities.length);
    const list = screen.getByTestId('overview-overdue');
    expect(list.textContent).toContain('Overdue actions (500)');
    expect(within(list).getAllByRole('listitem').length).toBeLessThanOrEqual(8);
    expect(list.textContent).toContain('and 492 more');
  });
});
