// Windowed lists: a list that grows with the workbook (10,000 actions) draws only the rows in
// view, plus a screenful either side, between two spacers that stand in for the rest. The
// scrollbar, sticky headings and the page's layout stay as if every row were there.
//
// How a list uses it:
//   const win = new Windowing(() => rows.length, { rowHeight: 41 });
//   <tbody {@attach win.track} onfocusin={win.follow}>
//     {#if win.padBefore > 0}<tr aria-hidden="true"><td colspan=… {@attach spacer(win.padBefore)}></td></tr>{/if}
//     {#each rows.slice(win.start, win.end) as row, k (row.id)} <tr data-index={win.start + k}>…
//     {#if win.padAfter > 0}…{/if}
// and says where each row stands for screen readers (aria-rowindex or aria-posinset), since
// the DOM holds only some of them.
//
// The rows' height is estimated, then measured from the rows drawn; the scroll container is
// the nearest ancestor marked `data-scroll-container` (the workbook's main area, the matrix's
// own box). Keyboard navigation stays whole: a row that takes the focus near either edge of
// the window moves the window to it (so Tab always finds the next row drawn), and `reveal`
// draws any row before the matrix's arrow keys move the focus to it.
import { untrack } from 'svelte';

export class Windowing {
  /** The first row in view, and how many rows fit the view. */
  private first = $state(0);
  private inView = $state(20);
  private rowHeight = $state(40);
  /** Rows drawn beyond each edge of the view. */
  private readonly overscan: number;
  private readonly count: () => number;
  /** `y` for rows (the usual), `x` for the matrix's columns ("height" is then the width). */
  private readonly axis: 'x' | 'y';

  constructor(count: () => number, options: { rowHeight: number; overscan?: number; axis?: 'x' | 'y' }) {
    this.count = count;
    this.rowHeight = options.rowHeight;
    this.overscan = options.overscan ?? 15;
    this.axis = options.axis ?? 'y';
  }

  /** The rows drawn: from `start` up to (not including) `end`. */
  readonly start = $derived.by(() => {
    const n = this.count();
    const first = Math.min(this.first, Math.max(0, n - this.inView));
    return Math.max(0, first - this.overscan);
  });
  readonly end = $derived.by(() => Math.min(this.count(), this.start + this.inView + 2 * this.overscan));
  /** The heights (widths, across) of the spacers that stand in for the rows not drawn before
   * and after those drawn, in pixels. */
  readonly padBefore = $derived.by(() => this.start * this.rowHeight);
  readonly padAfter = $derived.by(() => Math.max(0, this.count() - this.end) * this.rowHeight);

  /** An attachment for the element holding the rows: follows its scroll container. */
  track = (list: HTMLElement) => {
    const box = list.closest<HTMLElement>('[data-scroll-container]');
    // Untracked: measuring reads and writes this window's state, and an attachment re-runs
    // when state it read changes (which would tear the listeners down on every measure).
    const update = () => untrack(() => this.measure(list, box));
    update();
    const target: EventTarget = box ?? window;
    target.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      target.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  };

  private measure(list: HTMLElement, box: HTMLElement | null): void {
    // jsdom (the tests) lays nothing out: it reports 0 for every size, and the window then
    // keeps its estimate of a screenful.
    const across = this.axis === 'x';
    const size = across ? (box?.clientWidth ?? 0) || window.innerWidth : (box?.clientHeight ?? 0) || window.innerHeight;
    const viewport = size || 800;
    const near = (r: DOMRect) => (across ? r.left : r.top);
    const far = (r: DOMRect) => (across ? r.right : r.bottom);
    const drawn = list.querySelectorAll<HTMLElement>(':scope > [data-index]');
    if (drawn.length > 1) {
      const top = near(drawn[0]!.getBoundingClientRect());
      const bottom = far(drawn[drawn.length - 1]!.getBoundingClientRect());
      if (bottom > top) {
        this.rowHeight = (bottom - top) / drawn.length;
      }
    }
    const boxTop = box === null ? 0 : near(box.getBoundingClientRect());
    const into = boxTop - near(list.getBoundingClientRect());
    this.first = Math.max(0, Math.floor(into / this.rowHeight));
    this.inView = Math.max(1, Math.ceil(viewport / this.rowHeight) + 1);
  }

  /** Draws row `index` (if it is not drawn already) with the rows around it. */
  reveal(index: number): void {
    if (index >= this.start && index < this.end) {
      return;
    }
    this.first = Math.max(0, index - Math.floor(this.inView / 2));
  }

  /** A focusin handler: a row that takes the focus near an edge of the window moves the window
   * to it, so the rows either side of it are drawn for the next Tab or Shift+Tab. */
  follow = (event: FocusEvent) => {
    const row = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-index]');
    if (row === null || row === undefined) {
      return;
    }
    const index = Number(row.dataset['index']);
    const margin = Math.min(3, this.overscan);
    const nearTop = index < this.start + margin && this.start > 0;
    const nearBottom = index >= this.end - margin && this.end < this.count();
    if (nearTop || nearBottom) {
      this.first = Math.max(0, index - Math.floor(this.inView / 2));
    }
  };
}

/** An attachment giving a spacer its height. Set through the CSSOM, which the window's
 * Content-Security-Policy allows (it forbids style attributes written in markup). */
export function spacer(px: number) {
  return (node: HTMLElement) => {
    node.style.height = `${px}px`;
  };
}

/** The same for a spacer across (a table cell standing in for the columns not drawn). */
export function spacerAcross(px: number) {
  return (node: HTMLElement) => {
    node.style.width = `${px}px`;
    node.style.minWidth = `${px}px`;
  };
}
