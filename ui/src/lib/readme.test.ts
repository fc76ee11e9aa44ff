// ui/README.md's code map stays true: it names every source file under src/, and nothing else.
import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';

// Root-relative globs give keys like "/src/lib/views.ts"; a glob leaves out the file it is in.
const files = [
  ...Object.keys(import.meta.glob(['/src/**/*.ts', '/src/**/*.svelte'])).map((f) => f.slice(1)),
  'src/lib/readme.test.ts',
];

describe('ui/README.md', () => {
  it('names every .ts and .svelte file under src/ in its code map', () => {
    const missing = files.filter((f) => !readme.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });

  it('names no file that is not there', () => {
    const named = [...readme.matchAll(/`(src\/[^`]+\.(?:ts|svelte))`/g)].map((m) => m[1]!);
    expect(named.filter((f) => !files.includes(f))).toEqual([]);
  });
});
