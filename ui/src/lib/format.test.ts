import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatPeriod, plural } from './format';

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
