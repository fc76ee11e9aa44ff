// The workbook's commands with its handle filled in, and nothing that is not a command.
import { describe, expect, it } from 'vitest';
import { bindWorkbook } from './remote';
import { exampleContent, replay } from './replay';

describe('Remote', () => {
  it('passes the workbook’s handle first, then the arguments', async () => {
    const { backend } = replay('menu-undo');
    const remote = bindWorkbook(backend, 1);
    const plan = exampleContent().plan.id;
    await remote.setField('plan', plan, 'title', 'Typed, not yet saved');
    expect(backend.setField).toHaveBeenCalledWith(1, 'plan', plan, 'title', 'Typed, not yet saved');
    await remote.undo();
    expect(backend.undo).toHaveBeenCalledWith(1);
    expect(remote.workbook).toBe(1);
    expect(remote.events.onExportProgress).toBe(backend.onExportProgress);
  });

  it('is not a thenable and has nothing beyond the backend’s commands', async () => {
    const remote = bindWorkbook(replay('example').backend, 1);
    expect((remote as unknown as Record<string, unknown>)['then']).toBeUndefined();
    expect(await Promise.resolve(remote)).toBe(remote);
  });
});
