// The golden thread in the views, read both ways from core's answer: a priority lists the
// actions serving it through its outcomes, saying through which; an action lists every
// priority it serves; the Actions filter and the matrix read the same answer. The thread
// given here is what core's rule (crates/core/src/thread.rs) answers for this content.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Workbook from './Workbook.svelte';
import { exampleContent, exampleSummary, fakeBackend } from './fixtures';
import type { Content, Derived } from './wire';

/** The example, with A03 linked to O2 (an outcome of P1) but not to P1 itself. */
function content(): Content {
  const c = exampleContent();
  c.action_outcomes.push({ id: 'l-ao-2', created_at: '', updated_at: '', action_id: 'act-3', outcome_id: 'out-2' });
  return c;
}

/** Core's thread for `content()`: P1 is served by A02 (linked) and A03 (through O2); P2 by
 * A01 (linked, and through O1). */
const DERIVED: Derived = {
  thread: {
    serving: [
      { priority_id: 'pri-1', action_id: 'act-2', directly: true, through: [] },
      { priority_id: 'pri-1', action_id: 'act-3', directly: false, through: ['out-2'] },
      { priority_id: 'pri-2', action_id: 'act-1', directly: true, through: ['out-1'] },
    ],
    crossings: [],
  },
  charts: [],
};

async function open() {
  const fake = fakeBackend({}, content());
  fake.setDerived(DERIVED);
  render(Workbook, { backend: fake.backend, workbook: 1, summary: exampleSummary(), notice: null });
  await screen.findByTestId('overview-heading');
  return fake;
}

describe('the golden thread in the views', () => {
  it('lists on a priority the actions serving it through its outcomes, saying through which', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-priorities'));
    const list = screen.getByTestId('priority-actions');
    expect(within(list).getByText('A02 Healthy homes visits', { exact: false })).toBeTruthy();
    const a03 = within(list).getByText('A03 Community connectors', { exact: false }).closest('tr')!;
    expect(within(a03).getByTestId('action-how').textContent).toBe('Serves it through O2');
    // Not linked, so nothing to unlink from the priority itself.
    expect(within(a03).queryByTestId('unlink-action')).toBeNull();
  });

  it('shows on an action every priority and outcome it serves, directly and through', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const row = screen.getAllByTestId('action-row').find((r) => r.textContent!.includes('A03'))!;
    expect(row.textContent).toContain('P1 (through O2)');
    await fireEvent.click(within(row).getByTestId('open-action'));
    const serves = await screen.findByTestId('action-serves');
    expect(serves.textContent).toContain('Priority P1 Prevention at scale');
    expect(serves.textContent).toContain('through O2');
    expect(serves.textContent).toContain('Outcome O2 Fewer people living in poverty');
  });

  it('filters the actions by priority by the same rule', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-actions'));
    const select = screen.getByTestId('filter-priority') as HTMLSelectElement;
    select.value = 'pri-1';
    await fireEvent.change(select);
    const codes = screen.getAllByTestId('action-row').map((r) => r.querySelector('td')!.textContent);
    expect(codes).toEqual(['A02', 'A03']);
  });

  it('marks in the matrix a link that follows from others, in words for a screen reader', async () => {
    await open();
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const marks = screen.getAllByTestId('matrix-through');
    expect(marks.map((m) => m.getAttribute('aria-label'))).toEqual(['A03 serves P1 through O2']);
    expect(marks[0]!.getAttribute('role')).toBe('img');
    // The box itself stays unticked: there is no link to the priority.
    const box = screen.getAllByTestId('matrix-cell').find((b) => b.dataset['action'] === 'A03' && b.dataset['target'] === 'P1') as HTMLInputElement;
    expect(box.checked).toBe(false);
  });

  it('says so when a planner makes a crossing link in the matrix, in plan health’s words', async () => {
    const fake = await open();
    const message = 'Action A02 is linked to outcome O1, which priority P2 expects, but not to that priority: link the priority too, or unlink the outcome.';
    const finding = { key: 'link_crosses_priorities:action:act-2/out-1', kind: 'link_crosses_priorities' as const, entity: 'action' as const, id: 'act-2', message };
    // Core's answer to this edit names the crossing among the findings that appeared.
    const link = vi.mocked(fake.backend.link);
    const made = link.getMockImplementation()!;
    link.mockImplementationOnce(async (...args: Parameters<typeof made>) => {
      const answer = await made(...args);
      answer.changes.health.added.push(finding);
      return answer;
    });
    await fireEvent.click(screen.getByTestId('nav-matrix'));
    const box = screen.getAllByTestId('matrix-cell').find((b) => b.dataset['action'] === 'A02' && b.dataset['target'] === 'O1')!;
    await fireEvent.click(box);
    await waitFor(() => expect(screen.getByTestId('matrix-notice').textContent).toContain(message));
    expect(screen.getByTestId('matrix-notice').getAttribute('role')).toBe('status');
  });
});
