import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Field from './Field.svelte';
import Workbook from '../Workbook.svelte';
import { exampleSummary, fakeBackend, withSession } from '../fixtures';
import type { Backend } from '../backend';
import type { ComponentProps } from 'svelte';
import type { WireError } from '../wire';
import { FIELDS } from '../wire';

/** A refusal as the Rust side sends it: the message naming the item, and the field's words. */
const refusal = (message: string, atField: string): WireError => ({ code: 'invalid', message, hint: 'Correct the value and try again.', at_field: atField });

function field(props: Omit<ComponentProps<typeof Field>, 'kind' | 'id' | 'testid'>, overrides: Partial<Backend> = {}) {
  const fake = fakeBackend(overrides);
  render(Field, { props: { kind: 'action', id: 'act-1', testid: 'f', ...props }, context: withSession(fake.backend) });
  return { ...fake, box: screen.getByTestId('f') as HTMLInputElement };
}

async function typeInto(box: HTMLInputElement, text: string) {
  box.value = text;
  await fireEvent.input(box);
}

describe('Field: the character count', () => {
  it('counts against the length core declares, only once near the limit, and keeps text past it', async () => {
    const max = FIELDS.action.title!.max_chars!;
    expect(max).toBe(160);
    const { box } = field({ field: 'title', label: 'What will be done', value: '' });
    const count = screen.getByTestId('f-count');
    expect(count.getAttribute('aria-live')).toBe('polite');
    expect(box.getAttribute('aria-describedby')?.split(' ')).toContain(count.id);

    await typeInto(box, 'x'.repeat(100));
    expect(count.textContent?.trim()).toBe('');
    await typeInto(box, 'x'.repeat(140));
    expect(count.textContent?.trim()).toBe('You have 20 characters remaining');
    expect(box.getAttribute('aria-invalid')).toBeNull();
    await typeInto(box, 'x'.repeat(159));
    expect(count.textContent?.trim()).toBe('You have 1 character remaining');
    await typeInto(box, 'x'.repeat(5000));
    expect(count.textContent?.trim()).toBe('4,840 characters too many');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.value).toHaveLength(5000);
  });

  it('counts characters as core does, not UTF-16 units', async () => {
    const { box } = field({ field: 'code', value: '' });
    await typeInto(box, '😀'.repeat(12));
    expect(screen.getByTestId('f-count').textContent?.trim()).toBe('You have 0 characters remaining');
  });

  it('has no counter where core declares no length', () => {
    field({ field: 'description', type: 'textarea', value: '' });
    expect(screen.queryByTestId('f-count')).toBeNull();
  });

  it('shows the declared label unless the place gives its own', () => {
    render(Field, { props: { kind: 'plan', id: 'plan-1', field: 'period_end', type: 'date', value: null, testid: 'g' }, context: withSession(fakeBackend().backend) });
    expect(screen.getByLabelText(FIELDS.plan.period_end!.label)).toBe(screen.getByTestId('g'));
  });
});

describe('Field: a refusal at the field', () => {
  it('says what to type, without the item’s name, and keeps what was typed', async () => {
    const setField = vi.fn(async () => {
      throw refusal('The action A01 “Digital front door”: Due date was typed as “31/13/2027”. 13 is not a month.', '13 is not a month. Type the day first, then the month: 31/03/2027.');
    });
    const { box } = field({ field: 'due_date', type: 'date', label: 'Due', value: null }, { setField });
    box.value = '31/13/2027';
    await fireEvent.change(box);
    const error = await screen.findByTestId('f-error');
    expect(error.textContent).toContain('13 is not a month. Type the day first');
    expect(error.textContent).not.toContain('Digital front door');
    expect(box.value).toBe('31/13/2027');
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('Field: the calendar beside a date box', () => {
  it('picks a date by keyboard, puts it in the box as typed and saves it; the focus comes back', async () => {
    const { box, backend } = field({ field: 'due_date', type: 'date', label: 'Due', value: '2027-03-15' });
    const button = screen.getByRole('button', { name: 'Choose Due from a calendar' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    await fireEvent.click(button);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('15 March 2027'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('16 March 2027'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await waitFor(() => expect(backend.setField).toHaveBeenCalledWith(1, 'action', 'act-1', 'due_date', '16/03/2027'));
    expect(box.value).toBe('16/03/2027');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes on Escape with nothing saved, and typing in the box still works', async () => {
    const { box, backend } = field({ field: 'due_date', type: 'date', label: 'Due', value: null });
    expect(box.value).toBe('');
    const button = screen.getByRole('button', { name: 'Choose Due from a calendar' });
    await fireEvent.click(button);
    await screen.findByRole('dialog');
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(backend.setField).not.toHaveBeenCalled();
    box.value = '31 March 2027';
    await fireEvent.change(box);
    await waitFor(() => expect(backend.setField).toHaveBeenCalledWith(1, 'action', 'act-1', 'due_date', '31 March 2027'));
  });
});

describe('The error summary', () => {
  it('appears only when several fields of the view are wrong, links to each, and goes when they are fixed or the view is left', async () => {
    let refuse = true;
    const fake = fakeBackend();
    const save = fake.backend.setField;
    fake.backend.setField = vi.fn(async (...args: Parameters<Backend['setField']>) => {
      if (refuse) {
        const label = FIELDS.plan[args[3]]!.label;
        throw refusal(`The plan “Our Dorset”: ${label} cannot be left empty.`, `${label} cannot be left empty.`);
      }
      return save(...args);
    });
    render(Workbook, { backend: fake.backend, workbook: 1, summary: exampleSummary(), notice: null });
    await fireEvent.click(await screen.findByTestId('nav-plan'));
    const title = (await screen.findByTestId('plan-title-input')) as HTMLInputElement;
    const subtitle = screen.getByTestId('plan-subtitle-input') as HTMLInputElement;

    // One wrong field: said at the field, and no summary (nothing else moves).
    title.value = '';
    await fireEvent.change(title);
    await screen.findByTestId('plan-title-input-error');
    expect(screen.queryByTestId('error-summary')).toBeNull();

    // Two: the summary, in the page's order, naming the item.
    subtitle.value = '';
    await fireEvent.change(subtitle);
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('heading').textContent).toBe('There is a problem');
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['The plan “Our Dorset”: Title cannot be left empty.', 'The plan “Our Dorset”: Subtitle cannot be left empty.']);
    await fireEvent.click(links[1]!);
    expect(document.activeElement).toBe(subtitle);

    // One fixed: one wrong field is left, said at its field only.
    refuse = false;
    subtitle.value = 'A subtitle';
    await fireEvent.change(subtitle);
    await waitFor(() => expect(screen.queryByTestId('error-summary')).toBeNull());
    expect(screen.getByTestId('plan-title-input-error')).toBeTruthy();

    // Two wrong again, then the view left: the errors stay behind.
    refuse = true;
    subtitle.value = '';
    await fireEvent.change(subtitle);
    await screen.findByTestId('error-summary');
    await fireEvent.click(screen.getByTestId('nav-aims'));
    await waitFor(() => expect(screen.queryByTestId('error-summary')).toBeNull());
    await fireEvent.click(screen.getByTestId('nav-plan'));
    await screen.findByTestId('plan-title-input');
    expect(screen.queryByTestId('error-summary')).toBeNull();
    expect(screen.queryByTestId('plan-title-input-error')).toBeNull();
  });
});
