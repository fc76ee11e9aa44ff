// The golden thread in the views, read both ways from core's answer (recorded from the real
// handlers on the example): P6 is served by A08 and A09, linked to it, and by A05 through O10,
// one of P6's outcomes (A05 is linked to P3, not P6); an action lists every priority it
// serves; the Actions filter and the matrix read the same answer.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Workbook from './Workbook.svelte';
import { exampleContent, exampleSummary, recorded, replay, row } from './replay';
import { actionsServing, patchThread, prioritiesServed, serving, threadOf } from './thread';
import type { Derived, Edited } from './wire';

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

// An edit that changes the thread sends only the actions whose serving changed (core's
// ThreadChange); the window replaces their entries and keeps every other one as it was.
describe('the golden thread patched from a link edit', () => {
  const W = { workbook: 1 };
  const id = (list: 'actions' | 'priorities' | 'outcomes', code: string) => row<{ id: string }>(c[list], code).id;
  const linked = recorded<Edited>('link', 'link', { ...W, kind: 'action_priority', a: id('actions', 'A05'), b: id('priorities', 'P6') });
  const unlinked = recorded<Edited>('link', 'unlink', { ...W, kind: 'action_outcome', a: id('actions', 'A01'), b: id('outcomes', 'O3') });

  it('is sent for the action linked alone, not whole', () => {
    const change = linked.changes.thread!;
    expect(change.whole).toBe(false);
    expect(change.actions).toEqual([id('actions', 'A05')]);
    expect(change.serving.every((l) => l.action_id === id('actions', 'A05'))).toBe(true);
    // A05 now serves P6 directly, and still through O10.
    const p6 = change.serving.find((l) => l.priority_id === id('priorities', 'P6'))!;
    expect([p6.directly, p6.through.map(codeOf)]).toEqual([true, ['O10']]);
  });

  it('replaces the named actions’ entries and shares every other', () => {
    const before = threadOf(derived.thread);
    const after = patchThread(patchThread(before, linked.changes.thread!), unlinked.changes.thread!);
    const [a05, a01, p6] = [id('actions', 'A05'), id('actions', 'A01'), id('priorities', 'P6')];
    expect(serving(before, a05, p6)!.directly).toBe(false);
    expect(serving(after, a05, p6)!.directly).toBe(true);
    expect(unlinked.changes.thread!.actions).toEqual([a01]);
    expect(prioritiesServed(c, after, a01).flatMap((s) => s.link.through.map(codeOf))).not.toContain('O3');
    for (const [action, links] of before.byAction) {
      if (action !== a05 && action !== a01) {
        expect(after.byAction.get(action)).toBe(links);
      }
    }
    // A priority neither action serves keeps its list; P6's has A05 once, now linked.
    const untouched = [...before.byPriority.keys()].filter((p) => !before.byPriority.get(p)!.some((l) => [a05, a01].includes(l.action_id)));
    expect(untouched.length).toBeGreaterThan(0);
    for (const p of untouched) {
      expect(after.byPriority.get(p)).toBe(before.byPriority.get(p));
    }
    expect(after.byPriority.get(p6)!.filter((l) => l.action_id === a05).map((l) => l.directly)).toEqual([true]);
    expect(actionsServing(c, after, p6).map((s) => s.row.code)).toEqual(actionsServing(c, before, p6).map((s) => s.row.code));
  });

  it('takes the “through” mark off a box in the matrix once the link is made, and the link removed off the action', async () => {
    await open('link');
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    expect(screen.getAllByTestId('matrix-through').map((m) => m.getAttribute('aria-label'))).toEqual(['A05 serves P6 through O10']);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'A05 serves P6' }));
    await waitFor(() => expect(screen.queryAllByTestId('matrix-through')).toEqual([]));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'A01 serves O3' }));
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'A01 serves O3' }) as HTMLInputElement).checked).toBe(false));
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const a01 = screen.getAllByTestId('action-row').find((r) => r.textContent!.includes('A01'))!;
    expect(a01.textContent).not.toContain('O3');
  });
});
