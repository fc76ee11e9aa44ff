import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import DatePicker from './DatePicker.svelte';
import { WRITING } from '../wire';

function open(value: string | null) {
  const onpick = vi.fn();
  const onclose = vi.fn();
  render(DatePicker, { value, label: 'Due', testid: 'due', onpick, onclose });
  const dialog = screen.getByRole('dialog');
  return { onpick, onclose, dialog };
}

/** The day that has the keyboard focus, by its name ("31 March 2027"). */
async function focusedDay(name: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe(name));
  return document.activeElement as HTMLElement;
}

async function press(key: string, shiftKey = false): Promise<void> {
  await fireEvent.keyDown(document.activeElement!, { key, shiftKey });
}

describe('DatePicker', () => {
  it('opens on the date held, a month in the plan language, Monday first', async () => {
    const { dialog } = open('2027-03-31');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('heading', { name: 'March 2027' })).toBeTruthy();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']);
    const day = await focusedDay('31 March 2027');
    expect(day.closest('[role=gridcell]')?.getAttribute('aria-selected')).toBe('true');
    // Only the focused day is a Tab stop in the grid.
    expect(screen.getByRole('grid').querySelectorAll('button[tabindex="0"]')).toHaveLength(1);
    // 1 March 2027 is a Monday: the grid's first day.
    expect(screen.getByRole('grid').querySelector('tbody button')?.getAttribute('aria-label')).toBe('1 March 2027');
  });

  it('moves by day, week, week end, month and year with the keys, and picks with Enter', async () => {
    const { onpick } = open('2027-03-31');
    await focusedDay('31 March 2027');
    await press('ArrowRight');
    await focusedDay('1 April 2027');
    expect(screen.getByRole('heading', { name: 'April 2027' })).toBeTruthy();
    await press('ArrowLeft');
    await press('ArrowUp');
    await focusedDay('24 March 2027');
    await press('ArrowDown');
    await press('Home');
    await focusedDay('29 March 2027');
    await press('End');
    await focusedDay('4 April 2027');
    await press('PageUp');
    await focusedDay('4 March 2027');
    await press('PageDown', true);
    await focusedDay('4 March 2028');
    await press('Enter');
    expect(onpick).toHaveBeenCalledWith('2028-03-04');
  });

  it('keeps to the month’s last day when the next month is shorter', async () => {
    open('2027-01-31');
    await focusedDay('31 January 2027');
    await press('PageDown');
    await focusedDay('28 February 2027');
  });

  it('opens on today when the box is empty, and closes on Escape', async () => {
    const { onclose, onpick } = open(null);
    const now = new Date();
    const day = await focusedDay(`${now.getDate()} ${WRITING.months[now.getMonth()]} ${now.getFullYear()}`);
    expect(day.getAttribute('aria-current')).toBe('date');
    expect(screen.getByRole('grid').querySelector('[aria-selected]')).toBeNull();
    await press('Escape');
    expect(onclose).toHaveBeenCalledWith(true);
    expect(onpick).not.toHaveBeenCalled();
  });

  it('closes without taking the focus back when the planner clicks elsewhere', async () => {
    const { onclose } = open('2027-03-31');
    await fireEvent.pointerDown(screen.getByRole('grid'));
    expect(onclose).not.toHaveBeenCalled();
    await fireEvent.pointerDown(document.body);
    expect(onclose).toHaveBeenCalledWith(false);
  });

  it('keeps Tab inside the dialog', async () => {
    open('2027-03-31');
    await focusedDay('31 March 2027');
    await press('Tab');
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel');
    await press('Tab');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Previous month' }));
    await press('Tab', true);
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel');
  });

  it('picks a day clicked, and moves a month with the buttons', async () => {
    const { onpick } = open('2027-03-31');
    await fireEvent.click(screen.getByTestId('due-calendar-next'));
    expect(screen.getByRole('heading', { name: 'April 2027' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: '15 April 2027' }));
    expect(onpick).toHaveBeenCalledWith('2027-04-15');
  });
});
