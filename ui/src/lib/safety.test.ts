// A guard over the source itself: user text must reach the DOM only through {text}.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['../**/*.svelte', '../**/*.ts', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('the UI source', () => {
  it('is there to check', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it('never uses {@html}, innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    for (const [file, text] of Object.entries(sources)) {
      expect(text, file).not.toMatch(/\{@html|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it('builds no style attributes from data (the CSP forbids inline styles)', () => {
    for (const [file, text] of Object.entries(sources)) {
      if (file.endsWith('.svelte')) {
        expect(text.replace(/<style>[\s\S]*<\/style>/, ''), file).not.toMatch(/\sstyle=|\sstyle:/);
      }
    }
  });

  it('sets href only in the places that check the address', () => {
    for (const [file, text] of Object.entries(sources)) {
      const hrefs = text.match(/href=\{[^}]*\}/g) ?? [];
      for (const h of hrefs) {
        expect(`${file}: ${h}`).toMatch(/InlineText\.svelte: href=\{p\.href\}/);
      }
    }
  });
});
