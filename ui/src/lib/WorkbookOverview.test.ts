import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import WorkbookOverview from './WorkbookOverview.svelte';
import { exampleSummary } from './fixtures';

describe('WorkbookOverview', () => {
  it('shows the plan at a glance', () => {
    render(WorkbookOverview, { summary: exampleSummary(), notice: null });

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Our Dorset: our plan for 2024 to 2029');
    expect(screen.getByText('1 April 2024 to 31 March 2029')).toBeTruthy();
    expect(screen.getByText('Draft')).toBeTruthy();
    expect(screen.getByText('Open for editing')).toBeTruthy();
    expect(screen.getByText('Version 1')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('counts every kind of item', () => {
    render(WorkbookOverview, { summary: exampleSummary(), notice: null });

    const row = (label: string) => screen.getByRole('rowheader', { name: label }).closest('tr') as HTMLElement;
    expect(within(row('Aims')).getByRole('cell').textContent).toBe('4');
    expect(within(row('Priorities')).getByRole('cell').textContent).toBe('5');
    expect(within(row('Actions')).getByRole('cell').textContent).toBe('14');
    expect(within(row('Glossary terms')).getByRole('cell').textContent).toBe('7');
    expect(within(row('Engagement records')).getByRole('cell').textContent).toBe('2');
    expect(within(row('Links between items')).getByRole('cell').textContent).toBe('1,234');
    expect(screen.getAllByRole('rowheader')).toHaveLength(12);
  });

  it('says why a workbook is read-only, preferring the refusal and its hint', () => {
    const notice = {
      code: 'in_use',
      message: '“plan.sqlite” is open for editing by sam on laptop since 1 May 2025 at 09:00 UTC.',
      hint: 'You can open it read-only now, or ask them to close it and try again.',
    };
    render(WorkbookOverview, {
      summary: exampleSummary({ read_only: 'it was opened for reading only' }),
      notice,
    });

    const status = screen.getByRole('status');
    expect(within(status).getByText(notice.message)).toBeTruthy();
    expect(within(status).getByText(notice.hint)).toBeTruthy();
    expect(screen.getByText('Read-only')).toBeTruthy();
  });

  it('falls back to the summary’s own reason', () => {
    render(WorkbookOverview, {
      summary: exampleSummary({ read_only: 'it was opened for reading only' }),
      notice: null,
    });
    expect(within(screen.getByRole('status')).getByText('Why: it was opened for reading only')).toBeTruthy();
  });

  it('puts user text into the page as text, never as markup', () => {
    const hostile = '<img src=x onerror="alert(1)"><b>bold</b>';
    const { container } = render(WorkbookOverview, {
      summary: exampleSummary({ title: hostile, partnership: hostile }),
      notice: null,
    });

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(hostile);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });
});
