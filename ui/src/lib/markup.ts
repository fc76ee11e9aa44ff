// Reads a section body's light markup (docs/json-format.md) into blocks and inline pieces, so
// the preview can build elements from them with text interpolation only. Presentation only:
// the plan document is laid out by core.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; children: Inline[] }
  | { kind: 'italic'; children: Inline[] }
  | { kind: 'link'; text: string; href: string | null };

export type Block = { kind: 'paragraph'; content: Inline[] } | { kind: 'list'; items: Inline[][] };

/** Only these addresses become links; anything else (javascript:, data:…) stays text. */
export function safeHref(address: string): string | null {
  const a = address.trim();
  return /^(https:\/\/|http:\/\/|mailto:)/i.test(a) ? a : null;
}

export function parseBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    let para: string[] = [];
    let items: string[] = [];
    const flushPara = () => {
      if (para.length > 0) {
        blocks.push({ kind: 'paragraph', content: parseInline(para.join(' ')) });
        para = [];
      }
    };
    const flushList = () => {
      if (items.length > 0) {
        blocks.push({ kind: 'list', items: items.map(parseInline) });
        items = [];
      }
    };
    for (const line of lines) {
      const bullet = /^\s*- (.*)$/.exec(line);
      if (bullet !== null) {
        flushPara();
        items.push(bullet[1] ?? '');
      } else {
        flushList();
        para.push(line.trim());
      }
    }
    flushPara();
    flushList();
  }
  return blocks;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') {
      out.push({ kind: 'text', text: plain });
      plain = '';
    }
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('**', i)) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'bold', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    } else if (text[i] === '*') {
      const end = text.indexOf('*', i + 1);
      if (end > i + 1 && text[end + 1] !== '*') {
        flush();
        out.push({ kind: 'italic', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    } else if (text[i] === '[') {
      const m = /^\[([^\]]*)\]\(([^)\s]*)\)/.exec(text.slice(i));
      if (m !== null) {
        flush();
        const label = m[1] ?? '';
        const address = m[2] ?? '';
        out.push({ kind: 'link', text: label === '' ? address : label, href: safeHref(address) });
        i += m[0].length;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  flush();
  return out;
}
