// Test data shaped exactly like the Rust side's wire types, and a fake backend that keeps a
// workbook in memory so component tests can edit, link, delete and undo. The fake stays thin:
// it answers an edit with what changed by comparing the content before and after (changesBetween),
// not by knowing what each command changes, so it holds no business rules of its own.
import { vi } from 'vitest';
import type { Backend, FieldValue } from './backend';
import { sessionContext } from './context';
import { Session } from './session.svelte';
import type { BackupInfo, CopySent, MergeReport, MergeStarted, Summary, WindowState } from './wire';
import type { Changes, ChangedRow, Content, Derived, DocumentExported, EditInfo, Edited, ExportOptions, Finding, Id, JargonSpan, Kind, PdfExported, SearchHit, UndoState } from './wire';
import { CONTENT_FIELD } from './wire';

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
    place: [],
    ...overrides,
  };
}

const T = '2026-11-23T18:00:00.000Z';
const row = (id: string) => ({ id, created_at: T, updated_at: T });

/** A small plan: two priorities, two outcomes, three actions, and links between them. */
export function exampleContent(): Content {
  return {
    format: 'planbook-workbook',
    version: 1,
    plan: {
      ...row('plan-1'),
      title: 'Our Dorset',
      subtitle: 'Our shared plan',
      partnership: 'Our Dorset',
      area: 'Dorset',
      population: 800000,
      period_start: '2024-04-01',
      period_end: '2029-03-31',
      vision: 'Everyone in Dorset deserves to live well.',
      status: 'draft',
      version_label: '0.3',
      language: 'en-GB',
      notes: '',
    },
    aims: [
      { ...row('aim-1'), title: 'Improve outcomes in population health', description: '', position: 0 },
      { ...row('aim-2'), title: 'Tackle inequalities', description: '', position: 1 },
    ],
    sections: [
      {
        ...row('sec-1'),
        title: 'Involving people',
        body: '**Working together**\n\nWe will use the integrated care system.\n\n- one\n- two with [a link](https://example.org) and [bad](javascript:alert(1))',
        position: 0,
      },
    ],
    priorities: [
      { ...row('pri-1'), code: 'P1', title: 'Prevention at scale', summary: '', theme: 'Living Well', position: 0 },
      { ...row('pri-2'), code: 'P2', title: 'Using digital technology', summary: '', theme: '', position: 1 },
    ],
    outcomes: [
      { ...row('out-1'), code: 'O1', statement: 'Higher levels of positive patient experience', position: 0 },
      { ...row('out-2'), code: 'O2', statement: 'Fewer people living in poverty', position: 1 },
    ],
    measures: [
      {
        ...row('mea-1'),
        outcome_id: 'out-1',
        title: 'People who rate their care as good',
        unit: '%',
        direction: 'higher_is_better',
        baseline_value: 71,
        baseline_date: '2024-03-31',
        target_value: 80,
        target_date: '2029-03-31',
        source: 'Survey',
        position: 0,
      },
    ],
    readings: [{ ...row('rea-1'), measure_id: 'mea-1', date: '2025-03-31', value: 73, note: '' }],
    partners: [
      { ...row('par-1'), name: 'NHS Dorset', short_name: 'NHS Dorset', kind: 'nhs', position: 0 },
      { ...row('par-2'), name: 'Local councils in Dorset', short_name: 'Councils', kind: 'local_authority', position: 1 },
    ],
    actions: [
      {
        ...row('act-1'),
        code: 'A01',
        title: 'Digital front door',
        description: '',
        lead_partner_id: 'par-1',
        start_date: '2024-04-01',
        due_date: '2025-03-31',
        status: 'at_risk',
        progress_note: '',
        position: 0,
      },
      {
        ...row('act-2'),
        code: 'A02',
        title: 'Healthy homes visits',
        description: '',
        lead_partner_id: 'par-2',
        start_date: null,
        due_date: '2027-03-31',
        status: 'on_track',
        progress_note: '',
        position: 1,
      },
      {
        ...row('act-3'),
        code: 'A03',
        title: 'Community connectors',
        description: '',
        lead_partner_id: null,
        start_date: null,
        due_date: null,
        status: 'not_started',
        progress_note: '',
        position: 2,
      },
    ],
    milestones: [{ ...row('mil-1'), action_id: 'act-1', title: 'App live', due_date: '2024-12-01', completed_on: null, position: 0 }],
    glossary: [{ ...row('glo-1'), term: 'integrated care system', plain_words: 'working together locally', definition: '' }],
    engagements: [
      { ...row('eng-1'), who: 'Residents', how: 'Survey', held_on: '2024-06-01', what_they_said: 'More online', what_changed: 'P2' },
    ],
    priority_aims: [{ ...row('l-pa-1'), priority_id: 'pri-1', aim_id: 'aim-1' }],
    priority_outcomes: [
      { ...row('l-po-1'), priority_id: 'pri-1', outcome_id: 'out-2' },
      { ...row('l-po-2'), priority_id: 'pri-2', outcome_id: 'out-1' },
    ],
    action_priorities: [
      { ...row('l-ap-1'), action_id: 'act-1', priority_id: 'pri-2' },
      { ...row('l-ap-2'), action_id: 'act-2', priority_id: 'pri-1' },
    ],
    action_outcomes: [{ ...row('l-ao-1'), action_id: 'act-1', outcome_id: 'out-1' }],
    action_partners: [{ ...row('l-apa-1'), action_id: 'act-1', partner_id: 'par-2' }],
  };
}

/** What an edit changed, found by comparing the content (and findings) before and after it:
 * the shape the Rust side's editing commands answer with. */
export function changesBetween(before: Content, after: Content, findingsBefore: Finding[] = [], findingsAfter: Finding[] = []): Changes {
  const changes: Changes = { rows: [], removed: [], health: { added: [], removed: [] }, thread: null, charts: null };
  for (const kind of Object.keys(CONTENT_FIELD) as Kind[]) {
    const field = CONTENT_FIELD[kind];
    const was = kind === 'plan' ? [before.plan as unknown as AnyRow] : (before[field] as unknown as AnyRow[]);
    const now = kind === 'plan' ? [after.plan as unknown as AnyRow] : (after[field] as unknown as AnyRow[]);
    const old = new Map(was.map((r) => [r.id, JSON.stringify(r)]));
    const kept = new Set<Id>();
    for (const r of now) {
      kept.add(r.id);
      if (old.get(r.id) !== JSON.stringify(r)) {
        changes.rows.push({ kind, row: structuredClone(r) } as unknown as ChangedRow);
      }
    }
    for (const r of was) {
      if (!kept.has(r.id)) {
        changes.removed.push({ kind, id: r.id });
      }
    }
  }
  const keys = (f: Finding[]) => new Set(f.map((x) => x.key));
  const hadKeys = keys(findingsBefore);
  const hasKeys = keys(findingsAfter);
  changes.health.added = findingsAfter.filter((f) => !hadKeys.has(f.key));
  changes.health.removed = [...hadKeys].filter((k) => !hasKeys.has(k));
  return changes;
}

/**
 * What the fake answers for `workbookDerived` unless a test gives core's answer itself: each
 * direct link between an action and a priority as the action serving it `directly`, and no
 * charts. A stand-in that applies no rule (nothing is served through an outcome here); tests
 * of the golden thread give the thread core works out for their content (`setDerived`).
 */
export function directLinksOnly(c: Content): Derived {
  return {
    thread: {
      serving: c.action_priorities.map((l) => ({ priority_id: l.priority_id, action_id: l.action_id, directly: true, through: [] })),
      crossings: [],
    },
    charts: [],
  };
}

const LINK_COLUMNS: Partial<Record<Kind, [string, string]>> = {
  priority_aim: ['priority_id', 'aim_id'],
  priority_outcome: ['priority_id', 'outcome_id'],
  action_priority: ['action_id', 'priority_id'],
  action_outcome: ['action_id', 'outcome_id'],
  action_partner: ['action_id', 'partner_id'],
};

type AnyRow = Record<string, unknown> & { id: Id };

// What the Rust side gives a new row's fields when add_row leaves them out.
const DEFAULTS: Partial<Record<Kind, Record<string, FieldValue>>> = {
  aim: { title: '', description: '' },
  section: { title: '', body: '' },
  priority: { code: '', title: '', summary: '', theme: '' },
  outcome: { code: '', statement: '' },
  measure: {
    title: '',
    unit: '',
    direction: 'higher_is_better',
    baseline_value: null,
    baseline_date: null,
    target_value: null,
    target_date: null,
    source: '',
  },
  reading: { date: null, value: null, note: '' },
  partner: { name: '', short_name: '', kind: 'nhs' },
  action: {
    code: '',
    title: '',
    description: '',
    lead_partner_id: null,
    start_date: null,
    due_date: null,
    status: 'not_started',
    progress_note: '',
  },
  milestone: { title: '', due_date: null, completed_on: null },
  glossary_term: { term: '', plain_words: '', definition: '' },
  engagement: { who: '', how: '', held_on: null, what_they_said: '', what_changed: '' },
};

/** For rendering a dialog or view alone: the context holding a session of workbook 1. */
export function withSession(backend: Backend, summary: Summary = exampleSummary()): Map<unknown, unknown> {
  return sessionContext(new Session(backend, 1, summary));
}

/**
 * A Backend over an in-memory workbook. Every command is a vi.fn, so tests can check what was
 * sent; `overrides` replaces any of them. Undo restores the content before the last edit.
 */
export function fakeBackend(overrides: Partial<Backend> = {}, start: Content = exampleContent()) {
  let content = structuredClone(start);
  const done: Array<{ before: Content; label: string }> = [];
  const undone: Array<{ after: Content; label: string }> = [];
  let next = 1;
  let findings: Finding[] = [
    { kind: 'action_overdue', entity: 'action', id: 'act-1', message: 'Action A01 Digital front door is overdue.', key: 'action_overdue:act-1' },
    {
      kind: 'action_without_lead',
      entity: 'action',
      id: 'act-3',
      message: 'Action A03 Community connectors has no lead partner.',
      key: 'action_without_lead:act-3',
    },
  ];

  const info = (label: string): EditInfo => ({ id: next, at: T, who: 'tester', label });
  const state = (): UndoState => ({
    undo: done.length > 0 ? info(done[done.length - 1]!.label) : null,
    redo: undone.length > 0 ? info(undone[undone.length - 1]!.label) : null,
  });
  const rows = (kind: Kind): AnyRow[] => {
    if (kind === 'plan') {
      return [content.plan as unknown as AnyRow];
    }
    return content[CONTENT_FIELD[kind]] as unknown as AnyRow[];
  };
  const record = (label: string) => {
    done.push({ before: structuredClone(content), label });
    undone.length = 0;
  };
  let given: Derived | null = null;
  const derived = (): Derived => given ?? directLinksOnly(content);
  /** Answers an edit: the undo state and what changed since `before` (with the stand-in
   * thread when a link changed, as the Rust side sends the thread when it changes). */
  const edited = (before: Content): Edited => {
    const changes = changesBetween(before, content);
    const linkKinds = new Set<Kind>(['action_priority', 'action_outcome', 'priority_outcome']);
    if ([...changes.rows.map((r) => r.kind), ...changes.removed.map((r) => r.kind)].some((k) => linkKinds.has(k))) {
      changes.thread = derived().thread;
    }
    return { undo_state: state(), changes };
  };
  const last = () => done[done.length - 1]!.before;

  const backend = {
    windowState: vi.fn(async () => ({ kind: 'open' as const, workbook: 1, notice: null })),
    recentWorkbooks: vi.fn(async () => []),
    openRecent: vi.fn(async () => ({ kind: 'no_workbook' as const })),
    openWorkbookDialog: vi.fn(async () => ({ kind: 'no_workbook' as const })),
    newWorkbookDialog: vi.fn(async () => ({ kind: 'no_workbook' as const })),
    saveCopyDialog: vi.fn(async (): Promise<string | null> => null),
    exportPdfDialog: vi.fn(async (): Promise<PdfExported | null> => null),
    exportDocumentDialog: vi.fn(async (): Promise<DocumentExported | null> => null),
    exportDefaults: vi.fn(
      async (): Promise<ExportOptions> => ({
        paper: 'a4',
        draft: true,
        parts: ['cover', 'contents', 'sections', 'aims', 'plan_on_a_page', 'priorities', 'engagement', 'traceability', 'partners', 'glossary'],
        statuses: ['not_started', 'on_track', 'at_risk', 'off_track', 'complete', 'dropped'],
        date: null,
      }),
    ),
    openExport: vi.fn(async () => {}),
    showExportInFolder: vi.fn(async () => {}),
    closeWorkbook: vi.fn(async () => ({ kind: 'no_workbook' as const })),
    sendCopyDialog: vi.fn(async (): Promise<CopySent | null> => null),
    mergeDialog: vi.fn(async (): Promise<MergeStarted> => ({ kind: 'cancelled' })),
    finishMerge: vi.fn(async (): Promise<MergeReport> => ({ added: 0, changed: 0, removed: 0 })),
    listBackups: vi.fn(async (): Promise<BackupInfo[]> => []),
    restoreBackup: vi.fn(async (): Promise<MergeReport> => ({ added: 0, changed: 0, removed: 0 })),
    recoverDialog: vi.fn(async (): Promise<WindowState> => ({ kind: 'no_workbook' })),
    workbookSummary: vi.fn(async () => exampleSummary()),
    workbookContent: vi.fn(async () => structuredClone(content)),
    workbookDerived: vi.fn(async () => structuredClone(derived())),
    planHealth: vi.fn(async () => findings),
    search: vi.fn(async (_w: number, query: string): Promise<SearchHit[]> =>
      content.actions
        .filter((a) => a.title.toLowerCase().includes(query.toLowerCase()))
        .map((a) => ({ entity: 'action', id: a.id, field: 'title', snippet: a.title })),
    ),
    jargon: vi.fn(async (_w: number, _kind: Kind, _field: string, text: string): Promise<JargonSpan[]> => {
      const spans: JargonSpan[] = [];
      for (const g of content.glossary) {
        const at = text.toLowerCase().indexOf(g.term.toLowerCase());
        if (g.term !== '' && at >= 0) {
          const fixed = text.slice(0, at) + g.plain_words + text.slice(at + g.term.length);
          spans.push({ start: at, end: at + g.term.length, term: g.term, plain_words: g.plain_words, replacement: g.plain_words, in_name: false, sentence: text, fixed });
        }
      }
      return spans;
    }),
    undoState: vi.fn(async () => state()),
    addRow: vi.fn(async (_w: number, kind: Kind, fields: Record<string, FieldValue>) => {
      record(`add ${kind}`);
      const id = `new-${next++}`;
      rows(kind).push({ ...row(id), ...DEFAULTS[kind], position: rows(kind).length, ...fields } as AnyRow);
      return { id, ...edited(last()) };
    }),
    setField: vi.fn(async (_w: number, kind: Kind, id: Id, field: string, value: FieldValue) => {
      const target = rows(kind).find((r) => r.id === id);
      if (target === undefined) {
        throw { code: 'not_found', message: 'That item is no longer in the workbook.', hint: 'It may have been deleted.' };
      }
      record(`edit ${field.replace(/_/g, ' ')}`);
      target[field] = value;
      return edited(last());
    }),
    deleteRow: vi.fn(async (_w: number, kind: Kind, id: Id) => {
      record(`delete ${kind}`);
      const list = rows(kind);
      list.splice(
        list.findIndex((r) => r.id === id),
        1,
      );
      return edited(last());
    }),
    link: vi.fn(async (_w: number, kind: Kind, a: Id, b: Id) => {
      record('link');
      const [ca, cb] = LINK_COLUMNS[kind]!;
      rows(kind).push({ ...row(`link-${next++}`), [ca]: a, [cb]: b } as AnyRow);
      return edited(last());
    }),
    unlink: vi.fn(async (_w: number, kind: Kind, a: Id, b: Id) => {
      record('unlink');
      const [ca, cb] = LINK_COLUMNS[kind]!;
      const list = rows(kind);
      list.splice(
        list.findIndex((r) => r[ca] === a && r[cb] === b),
        1,
      );
      return edited(last());
    }),
    moveRow: vi.fn(async (_w: number, kind: Kind, id: Id, index: number) => {
      record(`move ${kind}`);
      const list = rows(kind);
      const from = list.findIndex((r) => r.id === id);
      const [moved] = list.splice(from, 1);
      list.splice(index, 0, moved!);
      list.forEach((r, i) => (r['position'] = i));
      return edited(last());
    }),
    undo: vi.fn(async () => {
      const step = done.pop()!;
      const before = structuredClone(content);
      undone.push({ after: before, label: step.label });
      content = step.before;
      return edited(before);
    }),
    redo: vi.fn(async () => {
      const step = undone.pop()!;
      const before = structuredClone(content);
      done.push({ before, label: step.label });
      content = step.after;
      return edited(before);
    }),
    onWindowState: vi.fn(async () => () => {}),
    onMenu: vi.fn(async () => () => {}),
    onExportProgress: vi.fn(async () => () => {}),
    ...overrides,
  } satisfies Backend;

  return {
    backend,
    content: () => content,
    setFindings: (f: Finding[]) => (findings = f),
    /** Core's answer for the thread and the charts, for tests of what the views make of it. */
    setDerived: (d: Derived) => (given = d),
  };
}
