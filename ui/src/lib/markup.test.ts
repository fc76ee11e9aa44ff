import { describe, expect, it } from 'vitest';
import { parseBlocks, parseInline, safeHref } from './markup';

describe('section markup', () => {
  it('splits paragraphs on blank lines and reads bullet lists', () => {
    const blocks = parseBlocks('First line\nsame paragraph\n\n- one\n- two\n\nLast');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'paragraph']);
    expect(blocks[0]).toEqual({ kind: 'paragraph', content: [{ kind: 'text', text: 'First line same paragraph' }] });
  });

  it('reads bold, italic and links', () => {
    expect(parseInline('a **b** *c* [d](https://e.org)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'bold', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'd', href: 'https://e.org' },
    ]);
  });

  it('only lets web and mail addresses be links', () => {
    expect(safeHref('https://x.org')).toBe('https://x.org');
    expect(safeHref('http://x.org')).toBe('http://x.org');
    expect(safeHref('mailto:a@b.org')).toBe('mailto:a@b.org');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(parseInline('[x](javascript:alert(1))')[0]).toMatchObject({ kind: 'link', href: null });
  });

  it('leaves unmatched markers as text', () => {
    expect(parseInline('2 * 3 and **open')).toEqual([{ kind: 'text', text: '2 * 3 and **open' }]);
  });
});
