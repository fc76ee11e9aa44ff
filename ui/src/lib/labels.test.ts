// A field's label is declared once, in core (`FIELDS`, generated from the kinds' declarations),
// so the form, the merge review, the spreadsheet's headers and core's messages all say the same
// words. A view may add context to it ("Date of reading 2", with the item's number) but never
// words a field's label itself: that is how "Due" on the form and "Due date" in a message came
// about.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['/src/lib/**/*.svelte'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

describe('field labels', () => {
  it('come from the declarations: no <Field> is given a label of fixed words', () => {
    const worded: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      for (const field of text.matchAll(/<Field\b[\s\S]*?\/>/g)) {
        const label = /\slabel="([^"]*)"/.exec(field[0]);
        if (label !== null && !label[1]!.includes('{')) worded.push(`${file}: ${label[1]}`);
      }
    }
    expect(worded).toEqual([]);
  });
});
