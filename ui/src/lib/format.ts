// Presentation only: how values are written for a person. No business rules live here.
import type { Counts } from './wire';
import { WRITING } from './wire';

// Dates and numbers are written as the plan's language writes them, never as the computer's
// locale would: the month and day names and the separators are core's (core::typing's
// `Writing`, generated into wire.ts as WRITING), which also reads typed text back. No Intl here.
const W = WRITING;

function ymd(iso: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2024-04-01" (a calendar date from Rust) as "1 April 2024". */
export function formatDate(iso: string): string {
  const d = ymd(iso);
  return d === null ? iso : `${d[2]} ${W.months[d[1] - 1]} ${d[0]}`;
}

/** "2027-03-31" as a date box shows it: "31/03/2027". */
export function dateForField(iso: string): string {
  const d = ymd(iso);
  return d === null ? iso : [pad(d[2]), pad(d[1]), String(d[0])].join(W.date_separator);
}

/** A calendar date as Rust sends it: "2027-03-31". */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** The year, month (1–12) and day of a date from Rust, or null. */
export const dateParts = ymd;

/** "March 2027", as a calendar's heading. */
export function monthAndYear(year: number, month: number): string {
  return `${W.months[month - 1]} ${year}`;
}

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, W.thousands);
}

/** A number as a box shows it: thousands grouped ("812,500"), decimals as they are ("12.5"). */
export function numberForField(n: number): string {
  const [whole, decimals] = String(Math.abs(n)).split('.');
  return `${n < 0 ? '-' : ''}${group(whole ?? '')}${decimals === undefined ? '' : `${W.decimal}${decimals}`}`;
}

/** A plan period in words; either end may be missing. */
export function formatPeriod(start: string | null, end: string | null): string {
  if (start !== null && end !== null) {
    return `${formatDate(start)} to ${formatDate(end)}`;
  }
  if (start !== null) {
    return `From ${formatDate(start)} (no end date set)`;
  }
  if (end !== null) {
    return `Until ${formatDate(end)} (no start date set)`;
  }
  return 'Not set';
}

/** The kinds of item a workbook holds, in the order a planner meets them, with their names. */
export const COUNT_LABELS: ReadonlyArray<{ key: keyof Counts; label: string; group: string }> = [
  { key: 'aims', label: 'Aims', group: 'The plan' },
  { key: 'sections', label: 'Narrative sections', group: 'The plan' },
  { key: 'priorities', label: 'Priorities', group: 'The plan' },
  { key: 'outcomes', label: 'Expected outcomes', group: 'The plan' },
  { key: 'measures', label: 'Measures', group: 'Measuring progress' },
  { key: 'readings', label: 'Readings', group: 'Measuring progress' },
  { key: 'partners', label: 'Partners', group: 'Delivery' },
  { key: 'actions', label: 'Actions', group: 'Delivery' },
  { key: 'milestones', label: 'Milestones', group: 'Delivery' },
  { key: 'links', label: 'Links between items', group: 'Delivery' },
  { key: 'glossary_terms', label: 'Glossary terms', group: 'Reference' },
  { key: 'engagements', label: 'Engagement records', group: 'Reference' },
];

/** Whole numbers with thousands separators, as planners write them. */
export function formatCount(n: number): string {
  return numberForField(Math.round(n));
}

// The words for each closed set of values come from core's labels, generated into wire.ts.
export { ACTION_STATUS_LABELS, DIRECTION_LABELS, PART_LABELS, PARTNER_KIND_LABELS, PLAN_STATUS_LABELS } from './wire';

/** The label for a value of a closed set, or the value itself if it is unknown. */
export function labelOf(labels: ReadonlyArray<{ value: string; label: string }>, value: string): string {
  return labels.find((l) => l.value === value)?.label ?? value;
}

/** An item as a planner names it: "P2 Using digital technology…", or a stand-in when blank. */
export function itemName(code: string, title: string, blank = 'Untitled'): string {
  const t = title.trim() === '' ? blank : title;
  return code.trim() === '' ? t : `${code} ${t}`;
}

/** A date for a table cell: "1 Apr 2025", or a dash when not set. */
export function shortDate(iso: string | null): string {
  if (iso === null) {
    return '–';
  }
  const d = ymd(iso);
  return d === null ? iso : `${d[2]} ${W.months_short[d[1] - 1]} ${d[0]}`;
}

/** "1 action", "3 actions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A moment from Rust (RFC 3339, UTC) in the planner's own time zone: "Monday 23 November 2026, 14:05". */
export function formatMoment(rfc3339: string): string {
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) {
    return rfc3339;
  }
  // getDay() counts from Sunday; WRITING's week starts on Monday.
  const weekday = W.weekdays[(t.getDay() + 6) % 7];
  return `${weekday} ${t.getDate()} ${W.months[t.getMonth()]} ${t.getFullYear()}, ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** A file size as people read it: "980 bytes", "232 KB", "1.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) {
    return plural(bytes, 'byte');
  }
  if (bytes < 1_000_000) {
    return `${Math.round(bytes / 1000)} KB`;
  }
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
