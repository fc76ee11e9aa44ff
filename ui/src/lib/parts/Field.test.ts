import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Field from './Field.svelte';
import Workbook from '../Workbook.svelte';
import { exampleContent, exampleSummary, replay, row, withSession } from '../replay';
import type { ComponentProps } from 'svelte';
import { FIELDS } from '../wire';

const a01 = () => row(exampleContent().actions, 'A01').id;

/** A field of the example's action A01, answered from scenario `scenario`'s recording. */
function field(props: Omit<ComponentProps<typeof Field>, 'kind' | 'id' | 'testid'>, scenario = 'example') {
  const fake = replay(scenario);
  render(Field, { props: { kind: 'action', id: a01(), testid: 'f', ...props }, context: withSession(fake.backend) });
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
    const plan = exampleContent().plan.id;
    render(Field, { props: { kind: 'plan', id: plan, field: 'period_end', type: 'date', value: null, testid: 'g' }, context: withSession(replay('example').backend) });
    expect(screen.getByLabelText(FIELDS.plan.period_end!.label)).toBe(screen.getByTestId('g'));
  });
});

describe('Field: a refusal at the field', () => {
  it('says what to type, without the item’s name, and keeps what was typed', async () => {
    const { box } = field({ field: 'due_date', type: 'date', label: 'Due', value: null }, 'refused-due');
    box.value = '31/13/2027';
    await fireEvent.change(box);
    const error = await screen.findByTestId('f-error');
    expect(error.textContent).toContain('13 is not a month. Type the day first');
    expect(error.textContent).not.toContain('Healthy Homes');
    expect(box.value).toBe('31/13/2027');
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('Field: the calendar beside a date box', () => {
  it('picks a date by keyboard, puts it in the box as typed and saves it; the focus comes back', async () => {
    const { box, backend } = field({ field: 'due_date', type: 'date', label: 'Due', value: '2027-03-15' }, 'picked-date');
    const button = screen.getByRole('button', { name: 'Choose Due from a calendar' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    await fireEvent.click(button);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('15 March 2027'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('16 March 2027'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await waitFor(() => expect(backend.setField).toHaveBeenCalledWith(1, 'action', a01(), 'due_date', '16/03/2027'));
    expect(box.value).toBe('16/03/2027');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes on Escape with nothing saved, and typing in the box still works', async () => {
    const { box, backend } = field({ field: 'due_date', type: 'date', label: 'Due', value: null }, 'date-in-words');
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
    await waitFor(() => expect(backend.setField).toHaveBeenCalledWith(1, 'action', a01(), 'due_date', '31 March 2027'));
  });
});

describe('The error summary', () => {
  it('appears only when several fields of the view are wrong, links to each, and goes when they are fixed or the view is left', async () => {
    // Recorded from core: an empty title and a population with a fraction are refused, a
    // whole population is taken.
    const fake = replay('plan-field-errors');
    render(Workbook, { backend: fake.backend, workbook: 1, summary: exampleSummary(), notice: null });
    await fireEvent.click(await screen.findByTestId('nav-plan'));
    const title = (await screen.findByTestId('plan-title-input')) as HTMLInputElement;
    const population = screen.getByTestId('plan-population-input') as HTMLInputElement;

    // One wrong field: said at the field, and no summary (nothing else moves).
    title.value = '';
    await fireEvent.change(title);
    await screen.findByTestId('plan-title-input-error');
    expect(screen.queryByTestId('error-summary')).toBeNull();

    // Two: the summary, in the page's order, naming the item as core does.
    population.value = '812.5';
    await fireEvent.change(population);
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('heading').textContent).toBe('There is a problem');
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'The plan: Title cannot be left empty.',
      'The plan “Our Dorset”: Population was typed as “812.5”. Type a whole number, such as 812,500.',
    ]);
    await fireEvent.click(links[1]!);
    expect(document.activeElement).toBe(population);

    // One fixed: one wrong field is left, said at its field only.
    population.value = '812,500';
    await fireEvent.change(population);
    await waitFor(() => expect(screen.queryByTestId('error-summary')).toBeNull());
    expect(screen.getByTestId('plan-title-input-error')).toBeTruthy();

    // Two wrong again, then the view left: the errors stay behind.
    population.value = '812.5';
    await fireEvent.change(population);
    await screen.findByTestId('error-summary');
    await fireEvent.click(screen.getByTestId('nav-aims'));
    await waitFor(() => expect(screen.queryByTestId('error-summary')).toBeNull());
    await fireEvent.click(screen.getByTestId('nav-plan'));
    await screen.findByTestId('plan-title-input');
    expect(screen.queryByTestId('error-summary')).toBeNull();
    expect(screen.queryByTestId('plan-title-input-error')).toBeNull();
  });
});
