// The golden thread in the views, read both ways from core's answer (recorded from the real
// handlers on the example): P6 is served by A08 and A09, linked to it, and by A05 through O10,
// one of P6's outcomes (A05 is linked to P3, not P6); an action lists every priority it
// serves; the Actions filter and the matrix read the same answer.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Workbook from './Workbook.svelte';
import { exampleContent, exampleSummary, recorded, replay, row } from './replay';
import type { Derived } from './wire';

const c = exampleContent();
const derived = recorded<Derived>('example', 'workbook_derived', { workbook: 1 });
const codeOf = (id: string) => [...c.actions, ...c.priorities, ...c.outcomes].find((r) => r.id === id)!.code;

async function open(scenario = 'example') {
  const replayed = replay(scenario);
  render(Workbook, { backend: replayed.backend, workbook: 1, summary: exampleSummary(), notice: null });
  await screen.findByTestId('overview-heading');
  return replayed;
}

describe('the golden thread in the views', () => {
  it('is core’s: P6 is served by A05 through O10', () => {
    const p6 = row(c.priorities, 'P6').id;
    const through = derived.thread.serving.filter((s) => s.priority_id === p6 && !s.directly);
    expect(through.map((s) => [codeOf(s.action_id), s.through.map(codeOf)])).toEqual([['A05', ['O10']]]);
  });

  it('lists on a priority the actions serving it through its outcomes, saying through which', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    await fireEvent.click(screen.getAllByTestId('priority-item').find((b) => b.textContent!.includes('P6'))!);
    const list = await screen.findByTestId('priority-actions');
    expect(list.textContent).toContain('A08');
    expect(list.textContent).toContain('A09');
    const a05 = within(list).getByText('A05', { exact: false }).closest('tr')!;
    expect(within(a05).getByTestId('action-how').textContent).toBe('Serves it through O10');
    // Not linked to P6 itself, so there is nothing to unlink from the priority.
    expect(within(a05).queryByTestId('unlink-action')).toBeNull();
  });

  it('names an outcome’s list of actions by the headings around it', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-outcomes'));
    await fireEvent.click(screen.getAllByTestId('outcome-item').find((b) => b.textContent!.includes('O10'))!);
    const list = await screen.findByTestId('outcome-actions');
    const o10 = row(c.outcomes, 'O10');
    const served = c.action_outcomes.filter((l) => l.outcome_id === o10.id).length;
    expect(screen.getByRole('table', { name: `Actions serving it (${served}) O10 ${o10.statement}` })).toBe(list);
    expect(list.textContent).toContain('A05');
  });

  it('shows on an action every priority and outcome it serves, directly and through', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const a05 = screen.getAllByTestId('action-row').find((r) => r.textContent!.includes('A05'))!;
    expect(a05.textContent).toContain('P6 (through O10)');
    await fireEvent.click(within(a05).getByTestId('open-action'));
    const serves = await screen.findByTestId('action-serves');
    expect(serves.textContent).toContain(`Priority P6 ${row(c.priorities, 'P6').title}`);
    expect(serves.textContent).toContain('through O10');
    expect(serves.textContent).toContain(`Priority P3 ${row(c.priorities, 'P3').title}`);
  });

  it('filters the actions by priority by the same rule', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const select = screen.getByTestId('filter-priority') as HTMLSelectElement;
    select.value = row(c.priorities, 'P6').id;
    await fireEvent.change(select);
    const codes = screen.getAllByTestId('action-row').map((r) => r.querySelector('td')!.textContent);
    expect(codes).toEqual(['A05', 'A08', 'A09']);
  });

  it('marks in the matrix a link that follows from others, in words for a screen reader', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const marks = screen.getAllByTestId('matrix-through');
    expect(marks.map((m) => m.getAttribute('aria-label'))).toEqual(['A05 serves P6 through O10']);
    expect(marks[0]!.getAttribute('role')).toBe('img');
    // The box itself stays unticked: there is no link to the priority.
    const box = screen.getAllByTestId('matrix-cell').find((b) => b.dataset['action'] === 'A05' && b.dataset['target'] === 'P6') as HTMLInputElement;
    expect(box.checked).toBe(false);
  });

  it('says so when a planner makes a crossing link in the matrix, in plan health’s words', async () => {
    await open('crossing-link');
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const box = screen.getAllByTestId('matrix-cell').find((b) => b.dataset['action'] === 'A10' && b.dataset['target'] === 'O3')!;
    await fireEvent.click(box);
    await waitFor(() => expect(screen.getByTestId('matrix-notice').textContent).toContain('A10'));
    expect(screen.getByTestId('matrix-notice').textContent).toContain('O3');
    expect(screen.getByTestId('matrix-notice').getAttribute('role')).toBe('status');
  });
});
