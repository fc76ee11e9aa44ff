// Generated from the Rust wire types by src-tauri/src/wire.rs. Do not edit by hand.
// To regenerate: UPDATE_WIRE_TYPES=1 cargo test -p planbook-app wire_types

/**
 * How many of each kind of item a workbook holds.
 */
export type Counts = { aims: number, sections: number, priorities: number, outcomes: number, measures: number, readings: number, partners: number, actions: number, milestones: number, glossary_terms: number, engagements: number, 
/**
 * Links of every kind: priority–aim, priority–outcome, action–priority, action–outcome
 * and supporting partners.
 */
links: number, };

/**
 * Where the plan document is in its life.
 */
export type PlanStatus = "draft" | "consultation" | "approved" | "published";

/**
 * A workbook at a glance.
 */
export type Summary = { title: string, partnership: string, area: string, period_start: string | null, period_end: string | null, status: PlanStatus, 
/**
 * The status in words.
 */
status_label: string, format_version: number, 
/**
 * Why the workbook is read-only, when it is.
 */
read_only: string | null, file_name: string, counts: Counts, };

/**
 * What the window shows: set once at start from the command line.
 */
export type WindowState = { "kind": "no_workbook" } | { "kind": "open", workbook: WorkbookId, notice: WireError | null, } | { "kind": "open_failed", error: WireError, };

/**
 * An error as the UI shows it: a one-sentence message and a hint saying what the person can
 * do. `code` is stable and for programs (tests, and choosing what to offer); it is never
 * shown alone.
 */
export type WireError = { code: string, message: string, hint: string, };

/**
 * The opaque handle by which the UI names an open workbook. The webview never holds a file
 * path to act on; it holds this number, which only means something to this process.
 */
export type WorkbookId = number;
