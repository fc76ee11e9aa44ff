// Generated from the Rust wire types by src-tauri/src/wire.rs. Do not edit by hand.
// To regenerate: UPDATE_WIRE_TYPES=1 cargo test -p planbook-app wire_types

/**
 * Something that will be done. Supporting partners, priorities and outcomes are links.
 */
export type Action = { id: Id, code: string, title: string, description: string, lead_partner_id: Id | null, start_date: string | null, due_date: string | null, status: ActionStatus, progress_note: string, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * An action serves an outcome.
 */
export type ActionOutcome = { id: Id, action_id: Id, outcome_id: Id, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A partner supports an action (the lead partner is a field of the action).
 */
export type ActionPartner = { id: Id, action_id: Id, partner_id: Id, created_at: Timestamp, updated_at: Timestamp, };

/**
 * An action serves a priority.
 */
export type ActionPriority = { id: Id, action_id: Id, priority_id: Id, created_at: Timestamp, updated_at: Timestamp, };

/**
 * How an action is going.
 */
export type ActionStatus = "not_started" | "on_track" | "at_risk" | "off_track" | "complete" | "dropped";

/**
 * A row was added: its new id, the undo state after the edit, and what it changed.
 */
export type Added = { id: Id, undo_state: UndoState, changes: Changes, };

/**
 * One of the system's purposes, which priorities contribute to.
 */
export type Aim = { id: Id, title: string, description: string, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * One backup of a workbook.
 */
export type BackupInfo = { 
/**
 * The backup's file name, which names it among the workbook's backups.
 */
file_name: string, 
/**
 * When it was taken (RFC 3339 UTC).
 */
taken_at: string, 
/**
 * Why: "every 15 minutes", "before a merge", …
 */
reason: string, size: number, };

/**
 * Who last changed something, from a workbook's change log.
 */
export type ChangedBy = { who: string, at: string, };

/**
 * A whole row of any kind, as an edit left it: what an edit reports it changed
 * (`store::Changes`). In JSON and TypeScript `{ kind: "action", row: {…} }`.
 */
export type ChangedRow = { "kind": "plan", "row": Plan } | { "kind": "aim", "row": Aim } | { "kind": "section", "row": Section } | { "kind": "priority", "row": Priority } | { "kind": "outcome", "row": Outcome } | { "kind": "measure", "row": Measure } | { "kind": "reading", "row": Reading } | { "kind": "partner", "row": Partner } | { "kind": "action", "row": Action } | { "kind": "milestone", "row": Milestone } | { "kind": "glossary_term", "row": GlossaryTerm } | { "kind": "engagement", "row": Engagement } | { "kind": "priority_aim", "row": PriorityAim } | { "kind": "priority_outcome", "row": PriorityOutcome } | { "kind": "action_priority", "row": ActionPriority } | { "kind": "action_outcome", "row": ActionOutcome } | { "kind": "action_partner", "row": ActionPartner };

/**
 * What one edit, undo or redo changed.
 */
export type Changes = { 
/**
 * The rows added or changed, whole, as they now are.
 */
rows: Array<ChangedRow>, 
/**
 * The rows deleted (including links, and rows deleted with the row deleted).
 */
removed: Array<RowRef>, 
/**
 * The plan-health findings that appeared and went. The store leaves it empty; whoever
 * keeps the findings fills it in (`check::live`).
 */
health: HealthChange, 
/**
 * What changed in the golden thread, when the edit changed how some action serves (the
 * servings of those actions only); filled in, like `health`, by `live.rs` from the kept
 * thread (the store leaves it empty).
 */
thread: ThreadChange | null, 
/**
 * Every measure's chart as it now is, when the edit changed a measure or a reading;
 * filled in by `live.rs`.
 */
charts: Array<MeasureChart> | null, };

/**
 * Words on the chart, at a point of the plot: a scale value (at the left edge, set to end
 * there), a date (under the plot), the target's and the latest reading's values.
 */
export type ChartLabel = { text: string, at: ChartPoint, 
/**
 * The text ends at `at` rather than starting there.
 */
end: boolean, };

/**
 * Everything a chart shows, placed in a plot `width` by `height` points. Drawn by the PDF
 * and by the app; neither works out a scale or a position itself.
 */
export type ChartModel = { title: string, width: number, height: number, 
/**
 * The readings in order, the baseline first when it comes before them.
 */
line: Array<ChartPoint>, 
/**
 * The baseline's point, drawn as a ring so it reads apart from the readings.
 */
baseline: ChartPoint | null, 
/**
 * The target's height in the plot, drawn as a dashed line across it.
 */
target_y: number | null, 
/**
 * The scale's top and bottom values, the first and last dates, the target's value and
 * the latest reading's value.
 */
labels: Array<ChartLabel>, 
/**
 * What the chart shows, values included: its alternative text.
 */
alt: string, 
/**
 * The readings in words, printed under the chart.
 */
summary: string, };

/**
 * A point in the plot, in points from its top left corner (y grows downwards).
 */
export type ChartPoint = { x: number, y: number, };

/**
 * How a column's target was chosen.
 */
export type ChosenBy = "mapping" | "recognised" | "unrecognised";

/**
 * One column of the sheet and what it goes into.
 */
export type ColumnView = { 
/**
 * Its letters ("F").
 */
letter: string, header: string, 
/**
 * The target's word (one of `targets`).
 */
target: string, chosen: ChosenBy, };

/**
 * One conflict as the app shows it. `mine`, `theirs` and `before` are display text;
 * `deleted_*` say a side deleted the whole item (then there is no field).
 */
export type ConflictView = { kind: Kind, 
/**
 * "Action 2.3 “Expand social prescribing”".
 */
item: string, 
/**
 * The field both changed ("Title", "Due date"); empty when one side deleted the item.
 */
field_label: string, before: string, mine: string, theirs: string, mine_by: ChangedBy | null, theirs_by: ChangedBy | null, deleted_mine: boolean, deleted_theirs: boolean, 
/**
 * Whether a value of one's own may be typed (free-text fields only; a date, a status or
 * a link to another item is settled by taking one side).
 */
editable: boolean, };

/**
 * Every row of a workbook.
 */
export type Content = { format: string, version: number, plan: Plan, aims: Array<Aim>, sections: Array<Section>, priorities: Array<Priority>, outcomes: Array<Outcome>, measures: Array<Measure>, readings: Array<Reading>, partners: Array<Partner>, actions: Array<Action>, milestones: Array<Milestone>, glossary: Array<GlossaryTerm>, engagements: Array<Engagement>, priority_aims: Array<PriorityAim>, priority_outcomes: Array<PriorityOutcome>, action_priorities: Array<ActionPriority>, action_outcomes: Array<ActionOutcome>, action_partners: Array<ActionPartner>, };

/**
 * A copy was written for sending.
 */
export type CopySent = { 
/**
 * The file name written (not its folder).
 */
file_name: string, size: number, with_history: boolean, };

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
 * A link from an action to an outcome of a priority the action is not linked to.
 */
export type Crossing = { action: Id, outcome: Id, 
/**
 * The priorities the outcome belongs to (none of which the action is linked to).
 */
priorities: Array<Id>, };

/**
 * What the planner declined when reviewing an import (docs/spreadsheets.md, "An update
 * round"): whole rows, new or updated, by the sheet's row number, and single changes of an
 * updated row, by its row and the change's `field` word. The rest is applied.
 */
export type Declined = { rows: Array<number>, changes: Array<DeclinedChange>, };

export type DeclinedChange = { row: number, 
/**
 * The change's `field` word (`plan::Change::field`).
 */
field: string, };

/**
 * What a program showing a workbook reads beside its rows, worked out by core so that no
 * window works it out again: the golden thread (`thread`) and each measure's chart
 * (`document::chart`, the plan document's own model). Read whole on opening; an edit that
 * changes either reports it in its [`Changes`] (`thread`: the actions whose serving
 * changed; `charts`: every chart).
 */
export type Derived = { thread: ThreadView, charts: Array<MeasureChart>, };

/**
 * Which way a measure should move.
 */
export type Direction = "higher_is_better" | "lower_is_better";

/**
 * A plan document other than the PDF was exported.
 */
export type DocumentExported = { 
/**
 * The file name written.
 */
file_name: string, 
/**
 * The folder it was written in, in full, for the planner to read. For display only: the
 * window never acts on a path (Open and Show in Folder are Rust's, by workbook).
 */
folder: string, };

/**
 * A plan document format the window's export dialog offers besides PDF (which has its own
 * command, as it reports progress and can be opened afterwards).
 */
export type DocumentFormat = "html" | "docx";

/**
 * An edit as the history lists it.
 */
export type EditInfo = { id: number, at: string, who: string, label: string, };

/**
 * What every editing command (set a field, delete, link, unlink, move, undo, redo)
 * returns: the undo state after it, and what it changed (the rows, whole, as they now are;
 * the rows removed; the health findings that appeared and went), so the window patches what
 * it holds instead of reading the workbook again.
 */
export type Edited = { undo_state: UndoState, changes: Changes, };

/**
 * A record of involving people: who, how, when, what they said and what changed.
 */
export type Engagement = { id: Id, who: string, how: string, held_on: string | null, what_they_said: string, what_changed: string, created_at: Timestamp, updated_at: Timestamp, };

/**
 * What to export and how. The desktop app shows these in its export dialog; the CLI has a
 * flag for each.
 */
export type ExportOptions = { paper: Paper, 
/**
 * Mark every page DRAFT.
 */
draft: boolean, 
/**
 * The parts to include, in any order (the document's order is fixed).
 */
parts: Array<Part>, 
/**
 * Only actions with these statuses appear (in the priority chapters and the annex).
 */
statuses: Array<ActionStatus>, 
/**
 * The date printed on the cover; today when not given. Tests and reproducible builds set
 * it so two exports of the same workbook are the same.
 */
date: string | null, };

/**
 * One thing to fix, pointing at the item to fix.
 */
export type Finding = { 
/**
 * Unique among one workbook's findings and the same across edits, so a program can keep
 * findings by key and remove them by key: the finding's kind, the item's kind and id, and
 * for a crossing link the outcome, for jargon the glossary term's id.
 */
key: string, kind: FindingKind, 
/**
 * The item to fix.
 */
entity: Kind, id: Id, 
/**
 * A sentence saying what is wrong, naming the item.
 */
message: string, };

/**
 * What kind of problem a finding is.
 */
export type FindingKind = "priority_without_outcomes" | "outcome_without_actions" | "outcome_without_measures" | "empty_measure" | "action_serves_nothing" | "link_crosses_priorities" | "action_without_code" | "action_without_lead" | "action_without_due_date" | "action_overdue" | "jargon";

/**
 * A word the partnership avoids, and the plain words it uses instead.
 */
export type GlossaryTerm = { id: Id, term: string, plain_words: string, definition: string, created_at: Timestamp, updated_at: Timestamp, };

/**
 * The findings that appeared and went with one edit. A finding whose item's words changed
 * (a renamed action) keeps its key and is in `added` with its new message: a program keeping
 * findings by key removes `removed`, then puts `added`.
 */
export type HealthChange = { added: Array<Finding>, 
/**
 * The keys of the findings that went.
 */
removed: Array<string>, };

/**
 * A row's stable identity: a UUID in its hyphenated lower-case text form.
 */
export type Id = string;

export type ImportCounts = { created: number, updated: number, unchanged: number, set_aside: number, 
/**
 * Values that could not be read (each kept in the progress note).
 */
problems: number, };

/**
 * What an applied import did.
 */
export type ImportReport = { created: number, updated: number, 
/**
 * Priorities, outcomes and partners made.
 */
new_rows: number, 
/**
 * The edit's label in the history ("Import from tracker.xlsx").
 */
label: string, };

/**
 * The whole import, for the dialog.
 */
export type ImportView = { 
/**
 * The spreadsheet's file name (not its folder).
 */
file_name: string, 
/**
 * The file's sheets, in order; `sheet` is the one read.
 */
sheets: Array<string>, sheet: string, 
/**
 * The header row as the sheet numbers it.
 */
header_row: number, columns: Array<ColumnView>, 
/**
 * What a column may hold, in the declaration's order, then "note" and "ignore".
 */
targets: Array<TargetChoice>, statuses: Array<StatusSeen>, 
/**
 * Each partner the sheet names and who it was taken to be (changeable: `partners` of
 * the mapping, where an empty name means a new partner).
 */
partners: Array<PartnerSeen>, 
/**
 * The workbook's partners, by name, in its order: what a sheet's partner may be taken to be.
 */
partner_choices: Array<string>, 
/**
 * Whether the sheet is read with the mapping remembered from an earlier round.
 */
remembered: boolean, 
/**
 * The partner whose update this is: the one lead partner of every action of the
 * workbook the sheet names (a tracker sent to one partner), if there is one.
 */
from_partner: string | null, rows: Array<RowPlan>, new_rows: Array<NewRow>, matched: Array<Matched>, 
/**
 * Rows below the table read as notes or a key, not actions.
 */
notes: Array<number>, counts: ImportCounts, 
/**
 * Whether Import would change the workbook.
 */
changes_anything: boolean, 
/**
 * Whether the sheet is one Planbook exported, where an emptied cell clears its value.
 */
exported: boolean, };

/**
 * A glossary term found in a piece of text, for marking it where the planner is typing.
 */
export type JargonSpan = { 
/**
 * Where the term is, in UTF-16 code units (JavaScript string indices), end exclusive.
 */
start: number, end: number, 
/**
 * The glossary's term, as the glossary spells it.
 */
term: string, 
/**
 * The words the partnership uses instead.
 */
plain_words: string, 
/**
 * What replaces the term: the plain words, capitalised where the term was.
 */
replacement: string, 
/**
 * The term looks like part of a name or a title: suggest, never replace blindly.
 */
in_name: boolean, 
/**
 * The sentence the term is in, as it is, and as it would read with the replacement.
 */
sentence: string, fixed: string, };

/**
 * Every kind of row a workbook holds.
 */
export type Kind = "plan" | "aim" | "section" | "priority" | "outcome" | "measure" | "reading" | "partner" | "action" | "milestone" | "glossary_term" | "engagement" | "priority_aim" | "priority_outcome" | "action_priority" | "action_outcome" | "action_partner";

/**
 * A name written in the sheet that was taken to be a row of the workbook named otherwise.
 */
export type Matched = { list: SheetList, written: string, name: string, };

/**
 * An indicator that shows whether an outcome is being reached.
 */
export type Measure = { id: Id, outcome_id: Id, title: string, 
/**
 * What the numbers count, e.g. "%" or "people".
 */
unit: string, direction: Direction, baseline_value: number | null, baseline_date: string | null, target_value: number | null, target_date: string | null, 
/**
 * Where the figures come from.
 */
source: string, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A measure's chart, for the app's overview.
 */
export type MeasureChart = { measure_id: Id, chart: ChartModel, };

/**
 * How the person settled one conflict of a merge.
 */
export type MergeChoice = { "kind": "mine" } | { "kind": "theirs" } | { "kind": "own", text: string, };

/**
 * What a merge did.
 */
export type MergeReport = { added: number, changed: number, removed: number, };

/**
 * What File › Merge a Colleague's Copy… did first.
 */
export type MergeStarted = { "kind": "cancelled" } | { "kind": "merged", their_file: string, report: MergeReport, } | { "kind": "conflicts", their_file: string, conflicts: Array<ConflictView>, };

/**
 * A step on the way to completing an action.
 */
export type Milestone = { id: Id, action_id: Id, title: string, due_date: string | null, 
/**
 * When it was reached; empty while it is still to come.
 */
completed_on: string | null, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A priority, outcome or partner the import will create.
 */
export type NewRow = { list: SheetList, code: string, name: string, 
/**
 * The first row naming it.
 */
row: number, };

/**
 * What a new workbook starts with.
 */
export type NewStart = "blank" | "example";

/**
 * Someone else with the plan open.
 */
export type OtherPlanner = { 
/**
 * Their name on the server.
 */
who: string, 
/**
 * The item they are on, in words ("A05 “Community transport”"), if any.
 */
item: string | null, };

/**
 * What a priority is expected to lead to ("This will lead to …").
 */
export type Outcome = { id: Id, code: string, statement: string, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * The paper the PDF is laid out on.
 */
export type Paper = "a4" | "letter";

/**
 * A part of the plan document that can be left out.
 */
export type Part = "cover" | "contents" | "sections" | "aims" | "plan_on_a_page" | "priorities" | "engagement" | "traceability" | "partners" | "glossary";

/**
 * An organisation in the partnership.
 */
export type Partner = { id: Id, name: string, short_name: string, kind: PartnerKind, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * What kind of organisation a partner is.
 */
export type PartnerKind = "nhs" | "local_authority" | "public_service" | "voluntary_community" | "other";

/**
 * A partner as the sheet writes it and the workbook's partner it was taken to be (`None`:
 * a new partner is made), for the dialog's partners' mapping.
 */
export type PartnerSeen = { written: string, partner: string | null, };

/**
 * A plan document was exported.
 */
export type PdfExported = { pages: number, 
/**
 * Things the planner should know (characters no font has…); empty for a clean export.
 */
warnings: Array<string>, 
/**
 * The file name written.
 */
file_name: string, 
/**
 * The folder it was written in, in full, for the planner to read. For display only: the
 * window never acts on a path (Open and Show in Folder are Rust's, by workbook).
 */
folder: string, };

/**
 * The plan itself: exactly one per workbook.
 */
export type Plan = { id: Id, title: string, subtitle: string, 
/**
 * Who the plan belongs to, e.g. "Our Dorset"; also the PDF's author.
 */
partnership: string, area: string, 
/**
 * How many people live in the area.
 */
population: number | null, period_start: string | null, period_end: string | null, vision: string, status: PlanStatus, version_label: string, 
/**
 * A BCP 47 language tag, e.g. "en-GB".
 */
language: string, 
/**
 * Notes for the planners, not printed in the plan document.
 */
notes: string, created_at: Timestamp, updated_at: Timestamp, };

/**
 * Where the plan document is in its life.
 */
export type PlanStatus = "draft" | "consultation" | "approved" | "published";

/**
 * Something the partnership has chosen to focus on.
 */
export type Priority = { id: Id, 
/**
 * A short reference such as "P1".
 */
code: string, title: string, summary: string, 
/**
 * An optional grouping such as "Living Well".
 */
theme: string, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A priority contributes to an aim.
 */
export type PriorityAim = { id: Id, priority_id: Id, aim_id: Id, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A priority is expected to lead to an outcome.
 */
export type PriorityOutcome = { id: Id, priority_id: Id, outcome_id: Id, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A value that could not be used as it is, where it is in the sheet, and what became of it.
 */
export type Problem = { sheet: string, row: number, 
/**
 * The column's letters ("F").
 */
column: string, header: string, value: string, 
/**
 * What is wrong and what was done with it.
 */
reason: string, };

/**
 * How far an export has got, for a progress bar. `done` of `total` steps.
 */
export type Progress = { "stage": "laid_out", pages: number, } | { "stage": "drawing", done: number, total: number, } | { "stage": "writing" };

/**
 * One value of a measure at a date.
 */
export type Reading = { id: Id, measure_id: Id, date: string | null, value: number | null, note: string, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A workbook in the recent list (the start screen and File › Open Recent), listed by plan
 * title and file name. `key` is opaque: the window hands it back to `open_recent`; the path
 * itself stays in Rust. `folder` is for display only.
 */
export type RecentWorkbook = { key: string, title: string, file_name: string, folder: string, 
/**
 * When it was last opened, as an RFC 3339 UTC timestamp.
 */
last_opened: string, };

export type RowOutcome = { "kind": "create", code: string, title: string, } | { "kind": "update", code: string, title: string, changes: Array<SheetChange>, } | { "kind": "unchanged", code: string, title: string, } | { "kind": "set_aside", reason: string, };

/**
 * What happens to one row.
 */
export type RowPlan = { 
/**
 * The row as the sheet numbers it.
 */
row: number, outcome: RowOutcome, 
/**
 * Values that could not be read; each was kept in the progress note.
 */
problems: Array<Problem>, };

/**
 * A row named by its kind and id.
 */
export type RowRef = { kind: Kind, id: Id, };

/**
 * One place where the query was found.
 */
export type SearchHit = { 
/**
 * The kind of item, and its id: what to open.
 */
entity: Kind, id: Id, 
/**
 * The field (column name) the text is in.
 */
field: string, 
/**
 * The text around the first match in that field, shortened with "…" where it was cut.
 */
snippet: string, };

/**
 * A narrative section of the plan. `body` is lightly marked-up text: paragraphs separated by
 * blank lines, lines starting "- " as bullet lists, `**bold**`, `*italic*`, `[text](address)`.
 */
export type Section = { id: Id, title: string, body: string, position: number, created_at: Timestamp, updated_at: Timestamp, };

/**
 * A server and a plan as typed into File › Share on a Server… or Open a Shared Plan….
 */
export type ServerPlan = { 
/**
 * `postgres://name@server/database`.
 */
server: string, 
/**
 * Kept in the keychain, never in the workbook; empty when the keychain has it already.
 */
password: string, plan: string, };

/**
 * One action serving one priority: linked to it (`directly`), through some of its outcomes,
 * or both.
 */
export type ServingLink = { priority_id: Id, action_id: Id, directly: boolean, 
/**
 * The priority's outcomes the action is linked to, in the outcomes' order.
 */
through: Array<Id>, };

/**
 * A shared workbook's status: the plan, its server, the state, and who else is in it.
 */
export type ShareStatus = { plan: string, 
/**
 * The server's address, without a password.
 */
server: string, state: SyncState, others: Array<OtherPlanner>, };

/**
 * What the `shared-plan` event carries, and what settling conflicts answers: the status
 * now, and, when others' edits changed rows here, what they changed (patched into the
 * window like an edit's answer).
 */
export type SharedSynced = { workbook: WorkbookId, status: ShareStatus, edited: Edited | null, };

/**
 * One thing an update changes in an existing action, as the review shows it side by side:
 * Planbook's value and the sheet's. A planner who declines it names it by its row and
 * `field` (see `apply::Declined`).
 */
export type SheetChange = { 
/**
 * What changes, as the mapping file's word for it (`due_date`, `partners`).
 */
field: string, label: string, 
/**
 * The value in the workbook, in words.
 */
before: string, 
/**
 * The value in the sheet, in words (empty when `cleared`).
 */
after: string, 
/**
 * The cell was emptied, so the value is cleared (a tracker Planbook exported).
 */
cleared: boolean, };

/**
 * The planner's changes to how the sheet is read, in the mapping file's own words
 * (docs/spreadsheets.md): the sheet, each column's target word by its header, what a
 * status written in the sheet means, and which partner of the workbook a partner written in
 * the sheet is ("" for a new one). What is left out is guessed.
 */
export type SheetChoices = { sheet: string | null, columns: { [key in string]: string }, statuses: { [key in string]: string }, partners: { [key in string]: string }, };

/**
 * The spreadsheet formats File › Export › Spreadsheet writes.
 */
export type SheetFormat = "xlsx" | "csv";

/**
 * What choosing a spreadsheet to import did.
 */
export type SheetImportStarted = { "kind": "cancelled" } | { "kind": "planned", view: ImportView, };

/**
 * What Import did.
 */
export type SheetImported = { "kind": "imported", report: ImportReport, } | { "kind": "created", report: ImportReport, window: WindowState, } | { "kind": "cancelled" };

/**
 * Which list a name is looked up in.
 */
export type SheetList = "priority" | "outcome" | "partner";

/**
 * A status as the sheet writes it (its words, or where a cell has none its fill colour as
 * "#RRGGBB", as a mapping file's `statuses` name them) and the status it was read as;
 * `None` for words Planbook does not know.
 */
export type StatusSeen = { written: string, status: ActionStatus | null, 
/**
 * How many rows write it.
 */
rows: number, };

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
read_only: string | null, file_name: string, counts: Counts, 
/**
 * What the planner should know about where the file lives (a sync service's folder, its
 * conflict copies, a network drive), in words; see [`crate::place`].
 */
place: Array<string>, 
/**
 * The shared plan the workbook is linked to (its name on the server), if any.
 */
shared_plan: string | null, };

/**
 * Where a shared workbook stands with its server, as the header says it.
 */
export type SyncState = { "kind": "connecting" } | { "kind": "up_to_date" } | { "kind": "to_send", edits: number, } | { "kind": "offline", to_send: number, message: string, } | { "kind": "conflicts", count: number, } | { "kind": "refused", error: WireError, };

/**
 * A target a column may be given: its mapping word and its name for people.
 */
export type TargetChoice = { word: string, label: string, };

/**
 * What an edit changed in the thread, as the window patches it: for each action in
 * `actions`, everything the window held of its serving and crossings is replaced by the
 * entries below that name it (none, if it now serves nothing). Only the actions whose
 * serving changed are named, so a link edit sends a few entries, not the whole thread.
 */
export type ThreadChange = { 
/**
 * The actions whose entries are replaced, by id.
 */
actions: Array<Id>, 
/**
 * Their servings, by action id, then by priority id.
 */
serving: Array<ServingLink>, 
/**
 * Their crossing links, by action id, then in the outcomes' order.
 */
crossings: Array<Crossing>, 
/**
 * True when the thread is sent whole (it was worked out again from the file, having
 * changed behind the kept one's back): the window replaces everything it held with it.
 */
whole: boolean, };

/**
 * The thread as the app reads it on opening: every (priority, action) pair where the action
 * serves the priority, saying how, and the crossing links. The window indexes it both ways;
 * it never works out who serves what itself.
 */
export type ThreadView = { 
/**
 * By priority id, then by action id.
 */
serving: Array<ServingLink>, 
/**
 * By action id, then in the outcomes' order.
 */
crossings: Array<Crossing>, };

/**
 * A moment in UTC, written as RFC 3339 text with millisecond precision (for example
 * `2026-11-23T18:46:55.123Z`), so that text written and read back is identical.
 */
export type Timestamp = string;

/**
 * What undo and redo would act on now; `null` when there is nothing to undo or redo. Every
 * edit returns it, and it drives the "Saved" indicator and the Undo and Redo buttons.
 */
export type UndoState = { undo: EditInfo | null, redo: EditInfo | null, };

/**
 * What the window shows. Set at start from the command line, and changed by opening,
 * creating or closing a workbook (from the window, a menu, a drop or the operating system).
 */
export type WindowState = { "kind": "no_workbook" } | { "kind": "open", workbook: WorkbookId, notice: WireError | null, } | { "kind": "open_failed", error: WireError, };

/**
 * An error as the UI shows it: a one-sentence message and a hint saying what the person can
 * do. `code` is stable and for programs (tests, and choosing what to offer); it is never
 * shown alone.
 */
export type WireError = { code: string, message: string, hint: string, 
/**
 * What the field the value was typed into says instead, when the error is about that
 * one value: what to type, without the item's name (core's `Error::at_field`). The
 * message and hint, which name the item, are for everywhere else.
 */
at_field?: string, };

/**
 * The opaque handle by which the UI names an open workbook. The webview never holds a file
 * path to act on; it holds this number, which only means something to this process.
 */
export type WorkbookId = number;

/**
 * How a plan's language writes dates and numbers: the one table of month and day names and
 * separators that core's own formatting below uses, and that the app's window is given
 * (generated into `ui/src/lib/wire.ts` as `WRITING`), so neither relies on the computer's
 * locale and the two cannot drift apart.
 */
export type Writing = { 
/**
 * The language tag this table is for ("en-GB").
 */
language: string, 
/**
 * The months' names, January first.
 */
months: ReadonlyArray<string>, 
/**
 * The months' short names, for tables: "Sep", never "Sept".
 */
months_short: ReadonlyArray<string>, 
/**
 * The days of the week, the first day of a calendar's week first (Monday in the UK).
 */
weekdays: ReadonlyArray<string>, 
/**
 * The days' short names, as a calendar's column heads.
 */
weekdays_short: ReadonlyArray<string>, 
/**
 * Between day, month and year in a date field: "31/03/2027" (day first, both padded).
 */
date_separator: string, 
/**
 * Between groups of thousands: "812,500".
 */
thousands: string, 
/**
 * Before decimals: "12.5".
 */
decimal: string, };

export const PLAN_STATUS_LABELS: ReadonlyArray<{ value: PlanStatus; label: string }> = [
  { value: "draft", label: "Draft" },
  { value: "consultation", label: "Out for consultation" },
  { value: "approved", label: "Approved" },
  { value: "published", label: "Published" },
];

export const ACTION_STATUS_LABELS: ReadonlyArray<{ value: ActionStatus; label: string }> = [
  { value: "not_started", label: "Not started" },
  { value: "on_track", label: "On track" },
  { value: "at_risk", label: "At risk" },
  { value: "off_track", label: "Off track" },
  { value: "complete", label: "Complete" },
  { value: "dropped", label: "Dropped" },
];

export const DIRECTION_LABELS: ReadonlyArray<{ value: Direction; label: string }> = [
  { value: "higher_is_better", label: "Higher is better" },
  { value: "lower_is_better", label: "Lower is better" },
];

export const PARTNER_KIND_LABELS: ReadonlyArray<{ value: PartnerKind; label: string }> = [
  { value: "nhs", label: "NHS" },
  { value: "local_authority", label: "Local authority" },
  { value: "public_service", label: "Public service" },
  { value: "voluntary_community", label: "Voluntary and community" },
  { value: "other", label: "Other" },
];

export const PART_LABELS: ReadonlyArray<{ value: Part; label: string }> = [
  { value: "cover", label: "Cover" },
  { value: "contents", label: "Contents" },
  { value: "sections", label: "About this plan (vision and narrative sections)" },
  { value: "aims", label: "Our aims" },
  { value: "plan_on_a_page", label: "Our plan on a page" },
  { value: "priorities", label: "Our priorities (outcomes, measures and actions)" },
  { value: "engagement", label: "How people were involved" },
  { value: "traceability", label: "Annex: which actions serve which priorities and outcomes" },
  { value: "partners", label: "Annex: partners" },
  { value: "glossary", label: "Annex: glossary" },
];

/** The field of `Content` holding each kind's rows (`plan` holds the one plan). */
export const CONTENT_FIELD: Record<Kind, keyof Content> = {
  plan: "plan",
  aim: "aims",
  section: "sections",
  priority: "priorities",
  outcome: "outcomes",
  measure: "measures",
  reading: "readings",
  partner: "partners",
  action: "actions",
  milestone: "milestones",
  glossary_term: "glossary",
  engagement: "engagements",
  priority_aim: "priority_aims",
  priority_outcome: "priority_outcomes",
  action_priority: "action_priorities",
  action_outcome: "action_outcomes",
  action_partner: "action_partners",
};

/** Each kind's fields as declared in core: the label, and the longest text the layouts
 * are built for (null: no limit). */
export const FIELDS: Record<Kind, Readonly<Record<string, { label: string; max_chars: number | null }>>> = {
  plan: {
    title: { label: "Title", max_chars: 160 },
    subtitle: { label: "Subtitle", max_chars: 160 },
    partnership: { label: "Partnership", max_chars: 160 },
    area: { label: "Area", max_chars: 160 },
    population: { label: "Population", max_chars: null },
    period_start: { label: "Plan starts", max_chars: null },
    period_end: { label: "Plan ends", max_chars: null },
    vision: { label: "Vision", max_chars: null },
    status: { label: "Status", max_chars: null },
    version_label: { label: "Version", max_chars: 20 },
    language: { label: "Language", max_chars: null },
    notes: { label: "Notes", max_chars: null },
  },
  aim: {
    title: { label: "Title", max_chars: 160 },
    description: { label: "Description", max_chars: null },
    position: { label: "Place in the list", max_chars: null },
  },
  section: {
    title: { label: "Title", max_chars: 160 },
    body: { label: "Text", max_chars: null },
    position: { label: "Place in the list", max_chars: null },
  },
  priority: {
    code: { label: "Code", max_chars: 12 },
    title: { label: "Title", max_chars: 160 },
    summary: { label: "Summary", max_chars: null },
    theme: { label: "Theme", max_chars: 60 },
    position: { label: "Place in the list", max_chars: null },
  },
  outcome: {
    code: { label: "Code", max_chars: 12 },
    statement: { label: "What we expect to change", max_chars: null },
    position: { label: "Place in the list", max_chars: null },
  },
  measure: {
    outcome_id: { label: "Outcome", max_chars: null },
    title: { label: "Title", max_chars: 160 },
    unit: { label: "Unit", max_chars: 20 },
    direction: { label: "Which way is better", max_chars: null },
    baseline_value: { label: "Baseline value", max_chars: null },
    baseline_date: { label: "Baseline date", max_chars: null },
    target_value: { label: "Target value", max_chars: null },
    target_date: { label: "Target date", max_chars: null },
    source: { label: "Source", max_chars: 200 },
    position: { label: "Place in the list", max_chars: null },
  },
  reading: {
    measure_id: { label: "Measure", max_chars: null },
    date: { label: "Date", max_chars: null },
    value: { label: "Value", max_chars: null },
    note: { label: "Note", max_chars: null },
  },
  partner: {
    name: { label: "Organisation name", max_chars: 160 },
    short_name: { label: "Short name", max_chars: 40 },
    kind: { label: "Kind", max_chars: null },
    position: { label: "Place in the list", max_chars: null },
  },
  action: {
    code: { label: "Code", max_chars: 12 },
    title: { label: "Title", max_chars: 160 },
    description: { label: "Description", max_chars: null },
    lead_partner_id: { label: "Lead partner", max_chars: null },
    start_date: { label: "Start date", max_chars: null },
    due_date: { label: "Due date", max_chars: null },
    status: { label: "Status", max_chars: null },
    progress_note: { label: "Progress note", max_chars: null },
    position: { label: "Place in the list", max_chars: null },
  },
  milestone: {
    action_id: { label: "Action", max_chars: null },
    title: { label: "Title", max_chars: 160 },
    due_date: { label: "Due date", max_chars: null },
    completed_on: { label: "Date completed", max_chars: null },
    position: { label: "Place in the list", max_chars: null },
  },
  glossary_term: {
    term: { label: "Term", max_chars: 60 },
    plain_words: { label: "Plain words to use instead", max_chars: 160 },
    definition: { label: "What it means", max_chars: null },
  },
  engagement: {
    who: { label: "Who was involved", max_chars: 160 },
    how: { label: "How", max_chars: 160 },
    held_on: { label: "Date held", max_chars: null },
    what_they_said: { label: "What they said", max_chars: null },
    what_changed: { label: "What changed", max_chars: null },
  },
  priority_aim: {
    priority_id: { label: "Priority", max_chars: null },
    aim_id: { label: "Aim", max_chars: null },
  },
  priority_outcome: {
    priority_id: { label: "Priority", max_chars: null },
    outcome_id: { label: "Outcome", max_chars: null },
  },
  action_priority: {
    action_id: { label: "Action", max_chars: null },
    priority_id: { label: "Priority", max_chars: null },
  },
  action_outcome: {
    action_id: { label: "Action", max_chars: null },
    outcome_id: { label: "Outcome", max_chars: null },
  },
  action_partner: {
    action_id: { label: "Action", max_chars: null },
    partner_id: { label: "Partner", max_chars: null },
  },
};

/** How the plan's language writes dates and numbers (core::typing::writing). */
export const WRITING: Writing = {
  "language": "en-GB",
  "months": [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  ],
  "months_short": [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec"
  ],
  "weekdays": [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday"
  ],
  "weekdays_short": [
    "Mo",
    "Tu",
    "We",
    "Th",
    "Fr",
    "Sa",
    "Su"
  ],
  "date_separator": "/",
  "thousands": ",",
  "decimal": "."
};
