// Where the keyboard focus goes after the window changed under it (a new item, a move, a view
// opened on an item). DOM only: no state.
import type { Id } from '../wire';

/** The fields a planner fills first in a new item: what it is called, not its code (which a
 * new item is given). */
const FIRST_FIELDS = ['title', 'statement', 'name', 'term', 'who'].map((f) => `[data-field="${f}"]`).join(', ');

/** Moves the keyboard focus to an item's first field (its title, where it has one; or its
 * heading) and shows it. */
export function focusItem(id: Id | null): void {
  const item = id === null ? document.querySelector('[data-view-heading]') : document.querySelector(`[data-item-id="${id}"]`);
  if (item === null) {
    return;
  }
  const first = item.matches('input, textarea, select, button, [tabindex]')
    ? item
    : (item.querySelector(FIRST_FIELDS) ?? item.querySelector('input, textarea, select'));
  const target = (first ?? item) as HTMLElement;
  if (typeof target.scrollIntoView === 'function') {
    target.scrollIntoView({ block: 'center' });
  }
  target.focus();
}

/** Focuses the first of `selectors` that names an enabled button. */
export function focusFirst(selectors: string[]): void {
  for (const selector of selectors) {
    const el = document.querySelector<HTMLButtonElement>(selector);
    if (el !== null && !el.disabled) {
      el.focus();
      return;
    }
  }
}

/** Focuses the view's heading (after the button that had the focus went away). */
export function focusHeading(): void {
  document.querySelector<HTMLElement>('[data-view-heading]')?.focus();
}
