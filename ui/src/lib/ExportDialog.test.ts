import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import ExportDialog from './ExportDialog.svelte';
import { recorded, replay, withSession } from './replay';
import type { DocumentExported, PdfExported, Progress } from './wire';

// The example with a hieroglyph in an action's title (no font has one, so the PDF warns), exported.
function setup(scenario: string, format?: 'pdf' | 'html' | 'docx') {
  const replayed = replay(scenario);
  const held = replayed.hold('export_pdf_dialog');
  const onclose = vi.fn();
  render(ExportDialog, { props: format === undefined ? { onclose } : { format, onclose }, context: withSession(replayed.backend) });
  return { backend: replayed.backend, onclose, held };
}

describe('ExportDialog', () => {
  it('is a labelled modal dialog starting from core’s defaults for the plan: PDF, every part, every status, A4 and DRAFT', async () => {
    const { backend } = setup('export-pdf');
    expect(backend.exportDefaults).toHaveBeenCalledWith(1);
    const dialog = screen.getByRole('dialog', { name: 'Export the plan document' });
    const formats = screen.getAllByTestId('export-format') as HTMLInputElement[];
    expect(formats.map((f) => f.dataset.format)).toEqual(['pdf', 'html', 'docx']);
    expect(formats.map((f) => f.checked)).toEqual([true, false, false]);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const parts = screen.getAllByTestId('export-part') as HTMLInputElement[];
    expect(parts.length).toBe(10);
    expect(parts.every((p) => p.checked)).toBe(true);
    expect(within(dialog).getByRole('checkbox', { name: 'Annex: glossary' })).toBeTruthy();
    expect((screen.getAllByTestId('export-status') as HTMLInputElement[]).every((s) => s.checked)).toBe(true);
    expect((screen.getByTestId('export-paper-a4') as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect((screen.getByTestId('export-draft') as HTMLInputElement).checked).toBe(true));
    await waitFor(() => expect(document.activeElement).toBe(formats[0]));
  });

  it('sends the chosen options in the document order, shows progress, then where it went and what to check', async () => {
    const { backend, held } = setup('export-pdf');
    await waitFor(() => expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Contents' }));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Dropped' }));
    await fireEvent.click(screen.getByTestId('export-paper-letter'));
    await fireEvent.click(screen.getByTestId('export-draft'));
    await fireEvent.click(screen.getByTestId('export-start'));
    expect(backend.exportPdfDialog).toHaveBeenCalledWith(1, {
      paper: 'letter',
      draft: false, // unticked: the plan's default was DRAFT
      parts: ['cover', 'sections', 'aims', 'plan_on_a_page', 'priorities', 'engagement', 'traceability', 'partners', 'glossary'],
      statuses: ['not_started', 'on_track', 'at_risk', 'off_track', 'complete'],
      date: null,
    });
    const bar = (await screen.findByTestId('export-progress')) as HTMLProgressElement;
    expect(screen.getByRole('progressbar', { name: 'Waiting for a file name…' })).toBe(bar);
    expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(true);
    // The progress core reported while it made the PDF, then the PDF itself.
    await held.arrived;
    const events = held.recordedEvents() as Progress[];
    expect(events.length).toBeGreaterThan(1);
    held.events();
    await waitFor(() => expect(bar.value).toBeGreaterThan(0));
    held.release();

    const written = recorded<PdfExported>('export-pdf', 'export_pdf_dialog', { workbook: 1, options: vi.mocked(backend.exportPdfDialog).mock.calls[0]![1] });
    const done = await screen.findByTestId('export-done');
    expect(done.textContent).toContain('<b>Plan.pdf');
    expect(screen.getByTestId('export-folder').textContent).toBe('/home/planner/Documents');
    expect(done.textContent).toContain(`${written.pages} pages`);
    expect(done.querySelector('b b')).toBeNull();
    expect(written.warnings.join(' ')).toContain('𓀀');
    expect(within(screen.getByTestId('export-warnings')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(written.warnings);
    await fireEvent.click(screen.getByTestId('export-open'));
    expect(backend.openExport).toHaveBeenCalledWith(1);
    await fireEvent.click(screen.getByTestId('export-show-in-folder'));
    expect(backend.showExportInFolder).toHaveBeenCalledWith(1);
  });

  it('cannot start with no part chosen, goes back to the options when the save dialog is cancelled, and closes with Escape', async () => {
    const { onclose, held } = setup('export-cancelled');
    await waitFor(() => expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false));
    for (const part of screen.getAllByTestId('export-part')) {
      await fireEvent.click(part);
    }
    const start = screen.getByTestId('export-start') as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(screen.getByText('Choose at least one part and one status.')).toBeTruthy();
    await fireEvent.click(screen.getAllByTestId('export-part')[0]!);
    expect(start.disabled).toBe(false);
    await fireEvent.click(start);
    // The Save dialog was cancelled.
    held.release();
    await waitFor(() => expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('export-done')).toBeNull();
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalled();
  });

  it('offers PDF, HTML and Word side by side, each saying in one line what it is for', () => {
    setup('export-pdf');
    const pdf = screen.getByRole('radio', { name: 'PDF' });
    const html = screen.getByRole('radio', { name: 'Web page (HTML)' });
    const word = screen.getByRole('radio', { name: 'Word document' });
    const purpose = (input: HTMLElement) =>
      document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(purpose(pdf)).toBe('to print or publish; tagged for screen readers');
    expect(purpose(html)).toBe('to publish on a website');
    expect(purpose(word)).toBe('for your communications team to restyle');
  });

  it('exports a Word document with the chosen options, says where it went, and offers to open it', async () => {
    const { backend } = setup('export-docx');
    await waitFor(() => expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByRole('radio', { name: 'Word document' }));
    await fireEvent.click(screen.getByTestId('export-start'));
    expect(backend.exportPdfDialog).not.toHaveBeenCalled();
    expect(backend.exportDocumentDialog).toHaveBeenCalledWith(1, 'docx', expect.objectContaining({ draft: true, paper: 'a4' }));
    const written = recorded<DocumentExported>('export-docx', 'export_document_dialog', {
      workbook: 1,
      format: 'docx',
      options: vi.mocked(backend.exportDocumentDialog).mock.calls[0]![2],
    });
    expect(written).toEqual({ file_name: 'Our Dorset.docx', folder: '/home/planner/Documents' });
    const done = await screen.findByTestId('export-done');
    expect(done.textContent).toContain('Our Dorset.docx');
    expect(done.textContent).toContain('/home/planner/Documents');
    expect(done.textContent).not.toContain('page');
    expect(screen.getByTestId('export-open').textContent?.trim()).toBe('Open Word document');
  });

  it('starts with the format its menu item chose; a web page has no paper', async () => {
    const { backend } = setup('export-html-cancelled', 'html');
    await waitFor(() => expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByRole('radio', { name: 'Web page (HTML)' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('export-paper-a4').matches(':disabled')).toBe(true);
    await fireEvent.click(screen.getByTestId('export-start'));
    expect(backend.exportDocumentDialog).toHaveBeenCalledWith(1, 'html', expect.anything());
    // Cancelled (null): back to the options.
    await waitFor(() => expect((screen.getByTestId('export-start') as HTMLButtonElement).disabled).toBe(false));
  });
});
