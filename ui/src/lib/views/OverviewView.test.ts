// The overview, the view a workbook opens on: every priority with what it will lead to and
// its actions by status in words and shapes, overdue actions, each measure's chart drawn from
// core's chart model, and plan health; every item opens in one click.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import Workbook from '../Workbook.svelte';
import { exampleSummary, fakeBackend } from '../fixtures';
import { bigContent } from '../testing/big';
import type { Derived } from '../wire';

/** What core answers for the example's one measure with readings (a model: positions in the
 * plot, the words on it, its alternative text), and its thread. */
const DERIVED: Derived = {
  thread: {
    serving: [
      { priority_id: 'pri-1', action_id: 'act-2', directly: true, through: [] },
      { priority_id: 'pri-2', action_id: 'act-1', directly: true, through: ['out-1'] },
    ],
    crossings: [],
  },
  charts: [
    {
      measure_id: 'mea-1',
      chart: {
        title: 'People who rate their care as good',
        width: 300,
        height: 78,
        line: [
          { x: 8, y: 60 },
          { x: 150, y: 40 },
          { x: 292, y: 30 },
        ],
        baseline: { x: 8, y: 60 },
        target_y: 12,
        labels: [
          { text: '80%', at: { x: -4, y: 14.5 }, end: true },
          { text: 'Target 80%', at: { x: 304, y: 14.5 }, end: false },
        ],
        alt: 'Line chart of People who rate their care as good over time, with a dashed line at the target of 80%. Readings 71% to 76%.',
        summary: 'Readings 71% to 76%.',
      },
    },
  ],
};

async function open() {
  const fake = fakeBackend();
  fake.setDerived(DERIVED);
  render(Workbook, { backend: fake.backend, workbook: 1, summary: exampleSummary(), notice: null });
  await screen.findByTestId('overview-heading');
  return fake;
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
    expect(cards.map((c) => c.dataset['code'])).toEqual(['P1', 'P2']);
    const p2 = cards[1]!;
    expect(p2.textContent).toContain('O1 Higher levels of positive patient experience');
    const statuses = within(p2).getAllByTestId('overview-status');
    expect(statuses.map((s) => s.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['At risk:1']);
    // Each status has its shape, beside its words.
    expect(statuses[0]!.querySelector('svg')).not.toBeNull();
    // A01 is overdue, and named under its priority.
    expect(within(p2).getByText('A01')).toBeTruthy();
  });

  it('lists overdue actions and plan health, each opening its item in one click', async () => {
    await open();
    const overdue = screen.getByTestId('overview-overdue');
    expect(overdue.textContent).toContain('Overdue actions (1)');
    await fireEvent.click(within(overdue).getByText('A01 Digital front door'));
    expect((await screen.findByTestId('action-heading')).textContent).toBe('A01 Digital front door');
  });

  it('opens a priority in one click', async () => {
    await open();
    await fireEvent.click(within(screen.getAllByTestId('overview-priority')[1]!).getByText('P2 Using digital technology'));
    expect((await screen.findByTestId('priority-heading')).textContent).toBe('P2 Using digital technology');
  });

  it('draws each measure’s chart from core’s model, with its alternative text', async () => {
    await open();
    const measure = screen.getAllByTestId('overview-measure')[0]!;
    const svg = within(measure).getByRole('img');
    expect(svg.querySelector('title')!.textContent).toBe(DERIVED.charts[0]!.chart.alt);
    expect(svg.querySelector('polyline')!.getAttribute('points')).toBe('8,60 150,40 292,30');
    expect(svg.querySelector('.chart__target')!.getAttribute('y1')).toBe('12');
    expect(within(measure).getByText('Target 80%')).toBeTruthy();
    expect(within(measure).getByText('Target')).toBeTruthy(); // the legend, in words
  });

  it('summarises at 10,000 actions: counts for every priority, a short list of overdue actions', { timeout: 60_000 }, async () => {
    const content = bigContent(10_000);
    const fake = fakeBackend({}, content);
    const overdue = content.actions.slice(0, 500);
    fake.setFindings(overdue.map((a) => ({ key: `action_overdue:action:${a.id}`, kind: 'action_overdue', entity: 'action', id: a.id, message: `Action ${a.code} is overdue.` })));
    render(Workbook, { backend: fake.backend, workbook: 1, summary: exampleSummary(), notice: null });
    await screen.findByTestId('overview-heading');
    expect(screen.getAllByTestId('overview-priority')).toHaveLength(content.priorities.length);
    const list = screen.getByTestId('overview-overdue');
    expect(list.textContent).toContain('Overdue actions (500)');
    expect(within(list).getAllByRole('listitem').length).toBeLessThanOrEqual(8);
    expect(list.textContent).toContain('and 492 more');
  });
});
