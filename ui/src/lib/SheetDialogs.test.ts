// The spreadsheet dialogs against small local fakes of just the commands they call (the
// importer's four steps; the export's three), so they need no fake workbook.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import SheetExportDialog from './SheetExportDialog.svelte';
import SheetImportDialog from './SheetImportDialog.svelte';
import type { SheetImporter } from './sheetImport';
import type { ImportView, SheetImported, WireError } from './wire';

/** An import view as core makes it for the fixture tracker (crates/core/tests/fixtures). */
function planView(overrides: Partial<ImportView> = {}): ImportView {
  return {
    file_name: 'partner-tracker.csv',
    sheets: ['partner-tracker'],
    sheet: 'partner-tracker',
    header_row: 3,
    columns: [
      { letter: 'A', header: 'Ref', target: 'code', chosen: 'recognised' },
      { letter: 'B', header: 'Action', target: 'title', chosen: 'recognised' },
      { letter: 'E', header: 'RAG', target: 'status', chosen: 'recognised' },
      { letter: 'G', header: 'Lead officer', target: 'note', chosen: 'unrecognised' },
    ],
    targets: [
      { word: 'code', label: 'Code' },
      { word: 'title', label: 'Title' },
      { word: 'status', label: 'Status' },
      { word: 'note', label: 'Kept in the progress note' },
      { word: 'ignore', label: 'Not read' },
    ],
    statuses: [
      { written: 'G', status: 'on_track', rows: 1 },
      { written: 'Purple', status: null, rows: 1 },
    ],
    rows: [
      { row: 4, outcome: { kind: 'create', code: 'T1', title: 'Open a warm space in every library' }, problems: [] },
      {
        row: 5,
        outcome: { kind: 'create', code: 'T2', title: 'Train volunteers in benefits advice' },
        problems: [
          {
            sheet: 'partner-tracker',
            row: 5,
            column: 'E',
            header: 'RAG',
            value: 'Purple',
            reason: 'is not a status Planbook knows; the words were kept in the progress note',
          },
        ],
      },
      { row: 6, outcome: { kind: 'set_aside', reason: '“Housing” is a heading, not an action' }, problems: [] },
    ],
    new_rows: [{ list: 'partner', code: '', name: 'Citizens Advice', row: 5 }],
    matched: [{ list: 'partner', written: 'DC', name: 'Dorset Council' }],
    notes: [9],
    counts: { created: 2, updated: 0, unchanged: 0, set_aside: 1, problems: 1 },
    changes_anything: true,
    exported: false,
    ...overrides,
  };
}

const report = { created: 2, updated: 0, new_rows: 1, label: 'Import from partner-tracker.csv' };

function fakeImporter(overrides: Partial<SheetImporter> = {}) {
  return {
    start: vi.fn(async () => ({ kind: 'planned' as const, view: planView() })),
    replan: vi.fn(async () => planView()),
    apply: vi.fn(async (): Promise<SheetImported> => ({ kind: 'imported', report })),
    saveMapping: vi.fn(async (): Promise<string | null> => 'partner-tracker mapping.json'),
    ...overrides,
  };
}

function setup(importer = fakeImporter()) {
  const onclose = vi.fn();
  const ondone = vi.fn();
  render(SheetImportDialog, { props: { importer, onclose, ondone } });
  return { importer, onclose, ondone };
}

describe('SheetImportDialog', () => {
  it('shows core’s plan: columns with their choices, statuses, every row and the names made', async () => {
    setup();
    screen.getByRole('dialog', { name: 'Import a spreadsheet' });
    const columns = await screen.findByTestId('sheet-import-columns');
    const officer = within(columns).getByRole('combobox', { name: 'What column G (Lead officer) goes into' }) as HTMLSelectElement;
    expect(officer.value).toBe('note');
    expect([...officer.options].map((o) => o.textContent)).toEqual(['Code', 'Title', 'Status', 'Kept in the progress note', 'Not read']);
    expect(columns.textContent).toContain('not a column Planbook knows');
    const purple = screen.getByRole('combobox', { name: 'What “Purple” means' }) as HTMLSelectElement;
    expect(purple.value).toBe('');
    const rows = screen.getAllByTestId('sheet-import-row').map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('New action T1 “Open a warm space in every library”');
    expect(rows[1]).toContain('Sheet “partner-tracker”, row 5, column E (RAG): “Purple” is not a status');
    expect(rows[2]).toContain('Set aside: “Housing” is a heading, not an action');
    const names = screen.getByTestId('sheet-import-names').textContent ?? '';
    expect(names).toContain('Partner “Citizens Advice” will be created (first on row 5)');
    expect(names).toContain('“DC” is the partner “Dorset Council” already in the workbook');
    expect(screen.getByText(/Row 9 below the table is a note/)).toBeTruthy();
  });

  it('works the plan out again when a column or a status is changed, keeping earlier choices', async () => {
    const { importer } = setup();
    const officer = await screen.findByRole('combobox', { name: 'What column G (Lead officer) goes into' });
    await fireEvent.change(officer, { target: { value: 'ignore' } });
    await waitFor(() => expect(importer.replan).toHaveBeenCalledTimes(1));
    expect(importer.replan).toHaveBeenLastCalledWith({ sheet: null, columns: { 'Lead officer': 'ignore' }, statuses: {} });
    const purple = await screen.findByRole('combobox', { name: 'What “Purple” means' });
    await fireEvent.change(purple, { target: { value: 'dropped' } });
    await waitFor(() => expect(importer.replan).toHaveBeenCalledTimes(2));
    expect(importer.replan).toHaveBeenLastCalledWith({
      sheet: null,
      columns: { 'Lead officer': 'ignore' },
      statuses: { Purple: 'dropped' },
    });
  });

  it('imports as one edit and says Undo takes it back', async () => {
    const { importer, ondone } = setup();
    await fireEvent.click(await screen.findByTestId('sheet-import-start'));
    const done = await screen.findByTestId('sheet-import-done');
    expect(importer.apply).toHaveBeenCalledTimes(1);
    expect(ondone).toHaveBeenCalledWith({ kind: 'imported', report });
    expect(done.textContent).toContain('Imported 2 new actions and updated 0 actions, with 1 new priority, outcome or partner.');
    expect(done.textContent).toContain('“Import from partner-tracker.csv”: Undo takes all of it back');
  });

  it('refuses when the workbook changed meanwhile, and Look again works the plan out anew', async () => {
    const changed: WireError = {
      code: 'changed_since',
      message: 'This workbook changed after the import was worked out, so nothing was changed.',
      hint: 'Choose Look again to see what the import does to the workbook as it is now.',
    };
    const importer = fakeImporter({
      apply: vi
        .fn<() => Promise<SheetImported>>()
        .mockRejectedValueOnce(changed)
        .mockResolvedValue({ kind: 'imported', report }),
    });
    const { ondone } = setup(importer);
    await fireEvent.click(await screen.findByTestId('sheet-import-start'));
    expect((await screen.findByTestId('sheet-import-error')).textContent).toContain('changed after the import was worked out');
    expect((screen.getByTestId('sheet-import-start') as HTMLButtonElement).disabled).toBe(true);
    expect(ondone).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('sheet-import-look-again'));
    await waitFor(() => expect(importer.replan).toHaveBeenCalledWith({ sheet: null, columns: {}, statuses: {} }));
    await waitFor(() => expect((screen.getByTestId('sheet-import-start') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('sheet-import-start'));
    await screen.findByTestId('sheet-import-done');
  });

  it('closes when the file dialog is cancelled, and saves the mapping when asked', async () => {
    const cancelled = setup(fakeImporter({ start: vi.fn(async () => ({ kind: 'cancelled' as const })) }));
    await waitFor(() => expect(cancelled.onclose).toHaveBeenCalled());
    document.body.innerHTML = '';

    const { importer } = setup();
    await fireEvent.click(await screen.findByTestId('sheet-import-save-mapping'));
    expect((await screen.findByTestId('sheet-import-saved')).textContent).toContain('“partner-tracker mapping.json”');
    expect(importer.saveMapping).toHaveBeenCalledTimes(1);
  });

  it('offers the sheets of a file with several, and an import that changes nothing cannot start', async () => {
    const importer = fakeImporter({
      start: vi.fn(async () => ({
        kind: 'planned' as const,
        view: planView({ sheets: ['Cover', 'Actions'], sheet: 'Cover', changes_anything: false }),
      })),
    });
    setup(importer);
    const sheet = await screen.findByTestId('sheet-import-sheet');
    expect((screen.getByTestId('sheet-import-start') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.change(sheet, { target: { value: 'Actions' } });
    await waitFor(() => expect(importer.replan).toHaveBeenCalledWith({ sheet: 'Actions', columns: {}, statuses: {} }));
  });
});

describe('SheetExportDialog', () => {
  it('writes the chosen format, shows the full path, and opens it or shows it in its folder', async () => {
    const remote = {
      exportSheetDialog: vi.fn(async () => ({ file_name: 'Our plan actions.csv', folder: '/home/sam/Documents/Plans' })),
      openExport: vi.fn(async () => {}),
      showExportInFolder: vi.fn(async () => {}),
    };
    render(SheetExportDialog, { props: { remote, onclose: vi.fn() } });
    screen.getByRole('dialog', { name: 'Export the actions as a spreadsheet' });
    await fireEvent.click(screen.getByRole('radio', { name: 'CSV file (.csv)' }));
    await fireEvent.click(screen.getByTestId('sheet-export-start'));
    expect(remote.exportSheetDialog).toHaveBeenCalledWith('csv');
    const done = await screen.findByTestId('sheet-export-done');
    expect(done.textContent).toContain('Our plan actions.csv');
    expect(screen.getByTestId('sheet-export-folder').textContent).toBe('/home/sam/Documents/Plans');
    await fireEvent.click(screen.getByTestId('sheet-export-open'));
    expect(remote.openExport).toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('sheet-export-show-in-folder'));
    expect(remote.showExportInFolder).toHaveBeenCalled();
  });
});
