import { describe, expect, it } from 'vitest';
import { dateForField, formatCount, formatDate, formatMoment, formatPeriod, formatSize, monthAndYear, numberForField, plural, shortDate } from './format';

describe('formatDate', () => {
  it('writes calendar dates the British way', () => {
    expect(formatDate('2024-04-01')).toBe('1 April 2024');
    expect(formatDate('2029-03-31')).toBe('31 March 2029');
  });

  it('leaves anything that is not a calendar date alone', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('formatPeriod', () => {
  it('joins both ends', () => {
    expect(formatPeriod('2024-04-01', '2029-03-31')).toBe('1 April 2024 to 31 March 2029');
  });

  it('says which end is missing', () => {
    expect(formatPeriod('2024-04-01', null)).toBe('From 1 April 2024 (no end date set)');
    expect(formatPeriod(null, '2029-03-31')).toBe('Until 31 March 2029 (no start date set)');
    expect(formatPeriod(null, null)).toBe('Not set');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(0)).toBe('0');
  });
});

describe('plural', () => {
  it('counts in words', () => {
    expect(plural(1, 'outcome')).toBe('1 outcome');
    expect(plural(0, 'action')).toBe('0 actions');
    expect(plural(2, 'engagement record')).toBe('2 engagement records');
  });
});

describe('sizes and moments', () => {
  it('writes file sizes as people read them', () => {
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(980)).toBe('980 bytes');
    expect(formatSize(237_568)).toBe('238 KB');
    expect(formatSize(1_400_000)).toBe('1.4 MB');
  });

  it('writes a moment with its day, date and time, and leaves nonsense alone', () => {
    expect(formatMoment('2026-11-23T14:05:00.000Z')).toMatch(/2026, \d\d:\d\d$/);
    expect(formatMoment('2026-11-23T14:05:00.000Z')).toMatch(/November/);
    expect(formatMoment('not a time')).toBe('not a time');
  });
});

describe('dates and numbers by core’s table, never the computer’s locale', () => {
  it('writes fields, tables and moments from WRITING', () => {
    expect(dateForField('2027-03-31')).toBe('31/03/2027');
    expect(shortDate('2026-09-30')).toBe('30 Sep 2026');
    expect(shortDate(null)).toBe('–');
    expect(numberForField(812500.5)).toBe('812,500.5');
    expect(numberForField(-1234)).toBe('-1,234');
    expect(monthAndYear(2027, 3)).toBe('March 2027');
    expect(formatMoment('2026-11-23T12:05:00.000Z')).toMatch(/^(Sunday|Monday|Tuesday) 2[234] November 2026, \d\d:\d\d$/);
  });

  it('uses no Intl and no toLocale… anywhere in the window’s code', () => {
    const sources = Object.entries(import.meta.glob('/src/**/*.{ts,svelte}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>);
    const using = sources.filter(([path, text]) => !path.endsWith('.test.ts') && /\bIntl\.|toLocale\w*\(/.test(text)).map(([path]) => path);
    expect(sources.length).toBeGreaterThan(50);
    expect(using).toEqual([]);
  });
});
