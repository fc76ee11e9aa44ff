// Generated from the Rust wire types by src-tauri/src/wire.rs. Do not edit by hand.
// To regenerate: UPDATE_WIRE_TYPES=1 cargo test -p planbook-app wire_types

export type Counts = { aims: number, sections: number, priorities: number, outcomes: number, measures: number, readings: number, partners: number, actions: number, milestones: number, glossary_terms: number, engagements: number, links: number, };

export type PlanStatus = "draft" | "consultation" | "approved" | "published";

export type Summary = { title: string, partnership: string, area: string, period_start: string | null, period_end: string | null, status: PlanStatus, status_label: string, format_version: number, read_only: string | null, file_name: string, counts: Counts, };

export type WindowState = { "kind": "no_workbook" } | { "kind": "open", workbook: WorkbookId, notice: WireError | null, } | { "kind": "open_failed", error: WireError, };

export type WireError = { code: string, message: string, hint: string, };

export type WorkbookId = number;
