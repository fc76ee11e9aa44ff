import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import LinkPicker from './LinkPicker.svelte';

const choices = [
  { id: 'p1', code: 'P1', title: 'Prevention at scale' },
  { id: 'p2', code: 'P2', title: 'Using digital technology' },
  { id: 'p3', code: 'P3', title: 'Care closer to home' },
];

function setup(chosen: string[] = ['p1']) {
  const onadd = vi.fn();
  const onremove = vi.fn();
  render(LinkPicker, { label: 'Priorities', choices, chosen, testid: 'picker', emptyText: 'None yet.', onadd, onremove });
  return { onadd, onremove, box: screen.getByRole('combobox') };
}

describe('LinkPicker', () => {
  it('lists what is linked, each with a Remove button named after it', async () => {
    const { onremove, box } = setup();
    expect(box.getAttribute('aria-labelledby')?.split(' ').map((id) => document.getElementById(id)?.textContent)).toEqual([
      'Priorities',
      'Add: type a code or words',
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove P1 Prevention at scale' }));
    expect(onremove).toHaveBeenCalledWith('p1');
  });

  it('offers only what is not linked yet, and moves through it with the arrow keys', async () => {
    const { box, onadd } = setup();
    expect(box.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox', { name: 'Priorities' });
    const options = within(listbox).getAllByRole('option');
    expect(options.map((o) => o.textContent?.trim())).toEqual(['P2 Using digital technology', 'P3 Care closer to home']);
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');

    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onadd).toHaveBeenCalledWith('p3');
  });

  it('closes on Escape, then clears what was typed on a second Escape', async () => {
    const { box } = setup();
    await fireEvent.input(box, { target: { value: 'care' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect((box as HTMLInputElement).value).toBe('care');
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('says when nothing matches, and links nothing on Enter', async () => {
    const { box, onadd } = setup();
    await fireEvent.input(box, { target: { value: 'zzz' } });
    expect(screen.getByText('Nothing left to add that matches')).toBeTruthy();
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onadd).not.toHaveBeenCalled();
  });

  it('links an option picked with the mouse', async () => {
    const { box, onadd } = setup([]);
    expect(screen.getByText('None yet.')).toBeTruthy();
    await fireEvent.focus(box);
    await fireEvent.mouseDown(screen.getByText('P2 Using digital technology'));
    expect(onadd).toHaveBeenCalledWith('p2');
  });
});
