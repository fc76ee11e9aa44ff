// Test data shaped exactly like the Rust side's wire types.
import type { Summary } from './wire';

export function exampleSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    title: 'Our Dorset: our plan for 2024 to 2029',
    partnership: 'Our Dorset',
    area: 'Dorset',
    period_start: '2024-04-01',
    period_end: '2029-03-31',
    status: 'draft',
    status_label: 'Draft',
    format_version: 1,
    read_only: null,
    file_name: 'our-dorset.sqlite',
    counts: {
      aims: 4,
      sections: 3,
      priorities: 5,
      outcomes: 9,
      measures: 6,
      readings: 12,
      partners: 8,
      actions: 14,
      milestones: 20,
      glossary_terms: 7,
      engagements: 2,
      links: 1234,
    },
    ...overrides,
  };
}
