// The workbook's commands with its handle filled in, and nothing that is not a command.
import { describe, expect, it } from 'vitest';
import { fakeBackend } from './fixtures';
import { bindWorkbook } from './remote';

describe('Remote', () => {
  it('passes the workbook’s handle first, then the arguments', async () => {
    const { backend } = fakeBackend();
    const remote = bindWorkbook(backend, 7);
    await remote.setField('plan', 'plan-1', 'title', 'New');
    expect(backend.setField).toHaveBeenCalledWith(7, 'plan', 'plan-1', 'title', 'New');
    await remote.undo();
    expect(backend.undo).toHaveBeenCalledWith(7);
    expect(remote.workbook).toBe(7);
    expect(remote.events.onExportProgress).toBe(backend.onExportProgress);
  });

  it('is not a thenable and has nothing beyond the backend’s commands', async () => {
    const remote = bindWorkbook(fakeBackend().backend, 1);
    expect((remote as unknown as Record<string, unknown>)['then']).toBeUndefined();
    expect(await Promise.resolve(remote)).toBe(remote);
  });
});
