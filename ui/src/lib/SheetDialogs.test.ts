// The spreadsheet dialogs against replies recorded from the real handlers
// (src-tauri/src/handlers/recordings_sheets.rs): the fixture tracker imported into the
// example, an update sent to one lead partner and brought back, and the next round read with
// the mapping the workbook remembers.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { bindWorkbook } from './remote';
import { exampleContent, replay } from './replay';
import SheetExportDialog from './SheetExportDialog.svelte';
import SheetImportDialog from './SheetImportDialog.svelte';
import { sheetImporter } from './sheetImport';

function setup(scenario: string, update = false) {
  const { backend } = replay(scenario);
  const onclose = vi.fn();
  const ondone = vi.fn();
  render(SheetImportDialog, { props: { importer: sheetImporter(backend, 1), onclose, ondone, update } });
  return { backend, onclose, ondone };
}

const NONE_DECLINED = { rows: [], changes: [] };

async function chooseAsThePlannerDid() {
  const officer = await screen.findByRole('combobox', { name: 'What column G (Lead officer) goes into' });
  await fireEvent.change(officer, { target: { value: 'ignore' } });
  const purple = await screen.findByRole('combobox', { name: 'What “Purple” means' });
  await waitFor(() => expect((screen.getByTestId('sheet-import-start') as HTMLButtonElement).disabled).toBe(false));
  await fireEvent.change(purple, { target: { value: 'dropped' } });
  await waitFor(() => expect((screen.getByRole('combobox', { name: 'What “Purple” means' }) as HTMLSelectElement).value).toBe('dropped'));
}

describe('SheetImportDialog', () => {
  it('shows core’s plan: columns with their choices, statuses, partners, every row and the names made', async () => {
    setup('sheet-import');
    screen.getByRole('dialog', { name: 'Import a spreadsheet' });
    const columns = await screen.findByTestId('sheet-import-columns');
    const officer = within(columns).getByRole('combobox', { name: 'What column G (Lead officer) goes into' }) as HTMLSelectElement;
    expect(officer.value).toBe('note');
    const options = [...officer.options].map((o) => o.textContent);
    expect(options.slice(0, 2)).toEqual(['Code', 'Title']);
    expect(options.slice(-2)).toEqual(['Kept in the progress note', 'Not read']);
    expect(columns.textContent).toContain('not a column Planbook knows');
    const purple = screen.getByRole('combobox', { name: 'What “Purple” means' }) as HTMLSelectElement;
    expect(purple.value).toBe('');
    const advice = screen.getByRole('combobox', { name: 'Who “Citizens Advice” is' }) as HTMLSelectElement;
    expect(advice.value).toBe('');
    expect(advice.options[0]!.textContent).toBe('A new partner');
    expect([...advice.options].map((o) => o.value)).toContain('Healthy Homes Dorset');
    const rows = screen.getAllByTestId('sheet-import-row').map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('New action T1 “Open a warm space in every library”');
    expect(rows[1]).toContain('Sheet “partner-tracker”, row 5, column E (RAG): “Purple” is not a status');
    const accept = screen.getAllByTestId('sheet-import-accept-row') as HTMLInputElement[];
    expect(accept.map((a) => a.checked)).toEqual([true, true]);
    const names = screen.getByTestId('sheet-import-names').textContent ?? '';
    expect(names).toContain('Partner “Citizens Advice” will be created (first on row 5)');
    expect(screen.queryByTestId('sheet-import-remembered')).toBeNull();
  });

  it('keeps “Not a status” as the planner’s answer for a word Planbook would read as a status', async () => {
    const { backend } = setup('sheet-not-a-status');
    const g = (await screen.findByRole('combobox', { name: 'What “G” means' })) as HTMLSelectElement;
    expect(g.value).toBe('on_track');
    await fireEvent.change(g, { target: { value: '' } });
    expect(backend.replanSheetImport).toHaveBeenCalledWith({ sheet: null, columns: {}, statuses: { G: '' }, partners: {} });
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'What “G” means' }) as HTMLSelectElement).value).toBe(''));
  });

  it('works the plan out again when a column or a status is changed, keeping earlier choices, then imports as one edit', async () => {
    const { backend, ondone } = setup('sheet-import');
    await chooseAsThePlannerDid();
    expect(backend.replanSheetImport).toHaveBeenNthCalledWith(1, { sheet: null, columns: { 'Lead officer': 'ignore' }, statuses: {}, partners: {} });
    expect(backend.replanSheetImport).toHaveBeenNthCalledWith(2, {
      sheet: null,
      columns: { 'Lead officer': 'ignore' },
      statuses: { Purple: 'dropped' },
      partners: {},
    });
    await fireEvent.click(screen.getByTestId('sheet-import-start'));
    const done = await screen.findByTestId('sheet-import-done');
    expect(backend.applySheetImport).toHaveBeenCalledWith(NONE_DECLINED);
    expect(ondone).toHaveBeenCalledWith(expect.objectContaining({ kind: 'imported' }));
    expect(done.textContent).toContain('Imported 2 new actions and updated 0 actions, with 2 new priorities, outcomes and partners.');
    expect(done.textContent).toContain('“Import from partner-tracker.csv”: Undo takes all of it back');
  });

  it('refuses when the workbook changed meanwhile, and Look again works the plan out anew', async () => {
    const { backend, ondone } = setup('sheet-import-refused');
    await fireEvent.click(await screen.findByTestId('sheet-import-start'));
    expect((await screen.findByTestId('sheet-import-error')).textContent).toContain('changed after the import was worked out');
    expect((screen.getByTestId('sheet-import-start') as HTMLButtonElement).disabled).toBe(true);
    expect(ondone).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('sheet-import-look-again'));
    await waitFor(() => expect(backend.replanSheetImport).toHaveBeenCalledWith({ sheet: null, columns: {}, statuses: {}, partners: {} }));
    await waitFor(() => expect((screen.getByTestId('sheet-import-start') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('sheet-import-start'));
    await screen.findByTestId('sheet-import-done');
  });

  it('closes when the file dialog is cancelled', async () => {
    const { onclose } = setup('sheet-import-cancelled');
    await waitFor(() => expect(onclose).toHaveBeenCalled());
  });

  it('saves the mapping when asked', async () => {
    const { backend } = setup('sheet-mapping');
    await fireEvent.click(await screen.findByTestId('sheet-import-save-mapping'));
    expect((await screen.findByTestId('sheet-import-saved')).textContent).toContain('“partner-tracker mapping.json”');
    expect(backend.saveSheetMapping).toHaveBeenCalledTimes(1);
  });

  it('brings back an update like a merge: whose it is, each change side by side, one declined', async () => {
    const { backend } = setup('sheet-bring-back', true);
    screen.getByRole('dialog', { name: 'Bring back an update' });
    const from = await screen.findByTestId('sheet-import-from');
    expect(from.textContent).toContain('An update from NHS Dorset (Integrated Care Board)');
    const update = screen.getAllByTestId('sheet-import-row').find((r) => r.dataset.outcome === 'update')!;
    expect(update.textContent).toContain('Updates A02 “Offer support to stop smoking in every community”');
    const changes = within(update).getByTestId('sheet-import-changes');
    expect(within(changes).getByRole('columnheader', { name: 'From NHS Dorset (Integrated Care Board), in update.csv' })).toBeTruthy();
    const [status, note] = within(changes).getAllByTestId('sheet-import-change');
    expect([...status!.querySelectorAll('th, td')].slice(0, 3).map((c) => c.textContent)).toEqual(['Status', 'At risk', 'Complete']);
    expect(note!.textContent).toContain('Two more areas from January.');
    const acceptStatus = within(update).getByRole('checkbox', { name: 'Accept Status of row 2' }) as HTMLInputElement;
    expect(acceptStatus.checked).toBe(true);
    await fireEvent.click(acceptStatus);
    expect(acceptStatus.checked).toBe(false);
    await fireEvent.click(screen.getByTestId('sheet-import-start'));
    const done = await screen.findByTestId('sheet-import-done');
    expect(backend.applySheetImport).toHaveBeenCalledWith({ rows: [], changes: [{ row: 2, field: 'status' }] });
    expect(done.textContent).toContain('Imported 0 new actions and updated 1 action.');
  });

  it('reads the next round as the last, says so, and a partner may be matched otherwise', async () => {
    const { backend } = setup('sheet-remembered');
    expect((await screen.findByTestId('sheet-import-remembered')).textContent).toContain('the workbook remembers it');
    expect((screen.getByTestId('sheet-import-start') as HTMLButtonElement).disabled).toBe(true);
    const advice = screen.getByRole('combobox', { name: 'Who “Citizens Advice” is' }) as HTMLSelectElement;
    expect(advice.value).toBe('Citizens Advice');
    await fireEvent.change(advice, { target: { value: '' } });
    await waitFor(() =>
      expect(backend.replanSheetImport).toHaveBeenCalledWith({ sheet: null, columns: {}, statuses: {}, partners: { 'Citizens Advice': '' } }),
    );
  });
});

describe('SheetExportDialog', () => {
  const partners = exampleContent().partners.map((p) => p.name);

  it('writes the chosen format, shows the full path, and opens it or shows it in its folder', async () => {
    const { backend } = replay('sheet-export');
    render(SheetExportDialog, { props: { remote: bindWorkbook(backend, 1), partners, onclose: vi.fn() } });
    screen.getByRole('dialog', { name: 'Export the actions as a spreadsheet' });
    expect((screen.getByRole('radio', { name: 'All actions' }) as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByRole('radio', { name: 'CSV file (.csv)' }));
    await fireEvent.click(screen.getByTestId('sheet-export-start'));
    expect(backend.exportSheetDialog).toHaveBeenCalledWith(1, 'csv', null);
    const done = await screen.findByTestId('sheet-export-done');
    expect(done.textContent).toContain('Our Dorset actions.csv');
    expect(screen.getByTestId('sheet-export-folder').textContent).toBe('/home/planner/Documents');
    await fireEvent.click(screen.getByTestId('sheet-export-open'));
    expect(backend.openExport).toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('sheet-export-show-in-folder'));
    expect(backend.showExportInFolder).toHaveBeenCalled();
  });

  it('sends one lead partner their actions for an update', async () => {
    const { backend } = replay('sheet-send-update');
    render(SheetExportDialog, { props: { remote: bindWorkbook(backend, 1), partners, update: true, onclose: vi.fn() } });
    screen.getByRole('dialog', { name: 'Send for an update' });
    expect((screen.getByRole('radio', { name: 'Actions led by' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('combobox', { name: 'The lead partner' }) as HTMLSelectElement).value).toBe(partners[0]);
    await fireEvent.click(screen.getByRole('radio', { name: 'CSV file (.csv)' }));
    await fireEvent.click(screen.getByTestId('sheet-export-start'));
    expect(backend.exportSheetDialog).toHaveBeenCalledWith(1, 'csv', 'NHS Dorset (Integrated Care Board)');
    const done = await screen.findByTestId('sheet-export-done');
    expect(done.textContent).toContain('The actions NHS Dorset (Integrated Care Board) leads were saved as update.csv');
    expect(done.textContent).toContain('choose “Bring back an update…”');
  });
});
