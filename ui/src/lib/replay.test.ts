// The tests' backend answers only what the handlers answered: reads at the point they were
// recorded, steps in their order, and any other call fails the test.
import { describe, expect, it } from 'vitest';
import { exampleContent, recorded, replay } from './replay';
import type { Edited, Summary } from './wire';

describe('the replay of recorded replies', () => {
  it('answers reads any number of times, and steps in the order they were made', async () => {
    const { backend } = replay('edit-priority-title');
    const summary = await backend.workbookSummary(1);
    expect(await backend.workbookSummary(1)).toEqual(summary);
    expect(summary).toEqual(recorded<Summary>('example', 'workbook_summary', { workbook: 1 }));
    const p1 = exampleContent().priorities[0]!;
    const edited = await backend.setField(1, 'priority', p1.id, 'title', 'Prevention first');
    expect(edited.changes.rows).toEqual([{ kind: 'priority', row: expect.objectContaining({ id: p1.id, title: 'Prevention first' }) }]);
    const undone: Edited = await backend.undo(1);
    expect(undone.changes.rows).toEqual([{ kind: 'priority', row: expect.objectContaining({ id: p1.id, title: p1.title }) }]);
  });

  it('gives each caller its own copy of a reply', async () => {
    const { backend } = replay('example');
    const content = await backend.workbookContent(1);
    content.plan.title = 'Changed by the caller';
    expect((await backend.workbookContent(1)).plan.title).toBe(exampleContent().plan.title);
  });

  it('rejects an edit core refused with the error the window is given', async () => {
    const { backend } = replay('refused-population');
    const plan = exampleContent().plan.id;
    await expect(backend.setField(1, 'plan', plan, 'population', '812.5')).rejects.toMatchObject({ code: expect.any(String), message: expect.stringContaining('812.5') });
  });

  // These fail the test they are in (that is what they check), so they are marked `fails`.
  it.fails('fails the test on a call the scenario did not record', async () => {
    const { backend } = replay('example');
    await backend.search(1, 'never recorded').catch(() => {});
  });

  it.fails('fails the test on a step out of its recorded order', async () => {
    const { backend } = replay('edit-priority-title');
    await backend.undo(1).catch(() => {});
  });

  it('names the command and its arguments, and what was recorded next', async () => {
    const { backend, takeMisses } = replay('edit-priority-title');
    await expect(backend.search(1, 'never recorded')).rejects.toThrow('search({"query":"never recorded","workbook":1})');
    await expect(backend.undo(1)).rejects.toThrow('undo({"workbook":1})');
    const misses = takeMisses();
    expect(misses).toHaveLength(2);
    expect(misses[1]).toContain('the next step recorded is set_field(');
    expect(misses[1]).toContain('src-tauri/src/handlers/recordings.rs');
  });
});
