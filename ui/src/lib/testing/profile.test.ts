// A profile, not a test (it asserts nothing and is skipped unless PROFILE is set): how long
// the workbook takes, in jsdom with the replay backend over a generated workbook, to show the Actions view and the matrix
// and to answer one tick in the matrix, at 10, 1,000 and 10,000 actions.
//   PROFILE=1 npx vitest run src/lib/testing/profile.test.ts
// jsdom is far slower than the app's web view at drawing; compare runs with each other, not
// with the app (bench/README.md has the figures).
import { describe, it } from 'vitest';
import { fireEvent, render, screen, waitFor, cleanup } from '@testing-library/svelte';
import Workbook from '../Workbook.svelte';
import { exampleSummary, replay } from '../replay';
import { bigContent, bigDerived } from './big';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

describe.skipIf(env['PROFILE'] === undefined)('profile', () => {
  for (const n of [10, 1000, 10000]) {
    it(`n=${n}`, async () => {
      // The tick unlinks A1 from P1 of the generated workbook, which no recording holds: it is
      // answered here with the link row removed, as core would answer it.
      const content = bigContent(n);
      const { backend } = replay('example', {
        workbookContent: async () => structuredClone(content),
        jargon: async () => [],
        workbookDerived: async () => bigDerived(content),
        unlink: async (_w, kind, a, b) => {
          const link = content.action_priorities.find((l) => l.action_id === a && l.priority_id === b)!;
          return { undo_state: { undo: null, redo: null }, changes: { rows: [], removed: [{ kind, id: link.id }], health: { added: [], removed: [] }, thread: null, charts: null } };
        },
      });
      const t0 = performance.now();
      render(Workbook, { backend, workbook: 1, summary: exampleSummary(), notice: null });
      await screen.findByTestId('overview-heading');
      const t1 = performance.now();
      await fireEvent.click(screen.getByTestId('nav-actions'));
      await screen.findAllByTestId('action-row');
      const t2 = performance.now();
      await fireEvent.click(screen.getByTestId('nav-matrix'));
      await screen.findByTestId('matrix');
      const t3 = performance.now();
      const cell = screen.getAllByTestId('matrix-cell')[0] as HTMLInputElement;
      const was = cell.checked;
      await fireEvent.click(cell);
      await waitFor(() => { if ((screen.getAllByTestId('matrix-cell')[0] as HTMLInputElement).checked === was) throw new Error('x'); }, { timeout: 60000 });
      const t4 = performance.now();
      console.log(`n=${n} open ${(t1 - t0).toFixed(0)} ms, actions ${(t2 - t1).toFixed(0)} ms, matrix ${(t3 - t2).toFixed(0)} ms, tick ${(t4 - t3).toFixed(0)} ms, rows ${screen.getAllByTestId('matrix-cell').length} cells`);
      cleanup();
    }, 300000);
  }
});
