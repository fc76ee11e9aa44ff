// TEMPORARY. The types below are the names of docs/ipc.md and docs/json-format.md, written
// here only until the Rust side generates them into wire.ts (which nobody edits by hand).
// When wire.ts has them, this file is deleted and every import of it points at './wire'.
import type { PlanStatus, WireError, WorkbookId } from './wire';

export type Id = string;
export type Timestamp = string;

export type Kind =
  | 'plan'
  | 'aim'
  | 'section'
  | 'priority'
  | 'outcome'
  | 'measure'
  | 'reading'
  | 'partner'
  | 'action'
  | 'milestone'
  | 'glossary_term'
  | 'engagement'
  | 'priority_aim'
  | 'priority_outcome'
  | 'action_priority'
  | 'action_outcome'
  | 'action_partner';

export type ActionStatus = 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'complete' | 'dropped';
export type Direction = 'higher_is_better' | 'lower_is_better';
export type PartnerKind = 'nhs' | 'local_authority' | 'public_service' | 'voluntary_community' | 'other';

type Row = { id: Id; created_at: Timestamp; updated_at: Timestamp };

export type Plan = Row & {
  title: string;
  subtitle: string;
  partnership: string;
  area: string;
  population: number | null;
  period_start: string | null;
  period_end: string | null;
  vision: string;
  status: PlanStatus;
  version_label: string;
  language: string;
  notes: string;
};
export type Aim = Row & { title: string; description: string; position: number };
export type Section = Row & { title: string; body: string; position: number };
export type Priority = Row & { code: string; title: string; summary: string; theme: string; position: number };
export type Outcome = Row & { code: string; statement: string; position: number };
export type Measure = Row & {
  outcome_id: Id;
  title: string;
  unit: string;
  direction: Direction;
  baseline_value: number | null;
  baseline_date: string | null;
  target_value: number | null;
  target_date: string | null;
  source: string;
  position: number;
};
export type Reading = Row & { measure_id: Id; date: string | null; value: number | null; note: string };
export type Partner = Row & { name: string; short_name: string; kind: PartnerKind; position: number };
export type Action = Row & {
  code: string;
  title: string;
  description: string;
  lead_partner_id: Id | null;
  start_date: string | null;
  due_date: string | null;
  status: ActionStatus;
  progress_note: string;
  position: number;
};
export type Milestone = Row & {
  action_id: Id;
  title: string;
  due_date: string | null;
  completed_on: string | null;
  position: number;
};
export type GlossaryTerm = Row & { term: string; plain_words: string; definition: string };
export type Engagement = Row & {
  who: string;
  how: string;
  held_on: string | null;
  what_they_said: string;
  what_changed: string;
};
export type PriorityAim = Row & { priority_id: Id; aim_id: Id };
export type PriorityOutcome = Row & { priority_id: Id; outcome_id: Id };
export type ActionPriority = Row & { action_id: Id; priority_id: Id };
export type ActionOutcome = Row & { action_id: Id; outcome_id: Id };
export type ActionPartner = Row & { action_id: Id; partner_id: Id };

export type Content = {
  format: string;
  version: number;
  plan: Plan;
  aims: Aim[];
  sections: Section[];
  priorities: Priority[];
  outcomes: Outcome[];
  measures: Measure[];
  readings: Reading[];
  partners: Partner[];
  actions: Action[];
  milestones: Milestone[];
  glossary: GlossaryTerm[];
  engagements: Engagement[];
  priority_aims: PriorityAim[];
  priority_outcomes: PriorityOutcome[];
  action_priorities: ActionPriority[];
  action_outcomes: ActionOutcome[];
  action_partners: ActionPartner[];
};

export type FindingKind =
  | 'priority_without_outcomes'
  | 'outcome_without_actions'
  | 'outcome_without_measures'
  | 'action_without_lead'
  | 'action_without_due_date'
  | 'action_overdue'
  | 'jargon';
export type Finding = { kind: FindingKind; entity: Kind; id: Id; message: string };
export type SearchHit = { entity: Kind; id: Id; field: string; snippet: string };
export type JargonSpan = { start: number; end: number; term: string; plain_words: string };
export type EditInfo = { id: number; at: string; who: string; label: string };
export type UndoState = { undo: EditInfo | null; redo: EditInfo | null };
export type Added = { id: Id; undo_state: UndoState };
export type RecentWorkbook = { key: string; title: string; file_name: string; folder: string; last_opened: string };
export type NewStart = 'blank' | 'example';

export type { PlanStatus, WireError, WorkbookId };
