// Applies what an edit says it changed to the window's copy of the workbook, instead of reading
// the whole workbook again. Immutable: a patched kind gets a new array, every other kind keeps
// its array (so indexes built over it in relations.ts stay valid), and nothing is mutated in
// place (the content is held as $state.raw, which does not see mutations).
import type { Changes, Content, Finding, HealthChange, Id, Kind } from '../wire';
import { CONTENT_FIELD } from '../wire';

type AnyRow = { id: Id; position?: number };

export function patchContent(content: Content, changes: Changes): Content {
  const touched = new Map<Kind, { rows: Map<Id, AnyRow>; removed: Set<Id> }>();
  const slot = (kind: Kind) => {
    let s = touched.get(kind);
    if (s === undefined) {
      s = { rows: new Map(), removed: new Set() };
      touched.set(kind, s);
    }
    return s;
  };
  for (const changed of changes.rows) {
    slot(changed.kind).rows.set(changed.row.id, changed.row);
  }
  for (const gone of changes.removed) {
    slot(gone.kind).removed.add(gone.id);
  }
  if (touched.size === 0) {
    return content;
  }
  const next: Record<string, unknown> = { ...content };
  for (const [kind, { rows, removed }] of touched) {
    const field = CONTENT_FIELD[kind];
    if (kind === 'plan') {
      const plan = rows.get(content.plan.id) ?? [...rows.values()][0];
      if (plan !== undefined) {
        next[field] = plan;
      }
      continue;
    }
    next[field] = patchRows(content[field] as unknown as AnyRow[], rows, removed);
  }
  return next as unknown as Content;
}

/** One kind's rows with `rows` put in (replacing by id, or added) and `removed` taken out,
 * kept in position order where the kind has positions (the views list rows in that order). */
function patchRows(old: AnyRow[], rows: Map<Id, AnyRow>, removed: Set<Id>): AnyRow[] {
  let reorder = false;
  const out: AnyRow[] = [];
  for (const row of old) {
    if (removed.has(row.id)) {
      continue;
    }
    const now = rows.get(row.id);
    if (now === undefined) {
      out.push(row);
    } else {
      reorder ||= now.position !== row.position;
      out.push(now);
      rows.delete(row.id);
    }
  }
  for (const added of rows.values()) {
    if (!removed.has(added.id)) {
      reorder ||= added.position !== undefined;
      out.push(added);
    }
  }
  if (reorder) {
    // Stable, so rows with equal positions keep the order they had.
    out.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  }
  return out;
}

/** The findings with those that went taken out and those that appeared added, by key. */
export function patchFindings(findings: Finding[], health: HealthChange): Finding[] {
  if (health.added.length === 0 && health.removed.length === 0) {
    return findings;
  }
  const gone = new Set([...health.removed, ...health.added.map((f) => f.key)]);
  return [...findings.filter((f) => !gone.has(f.key)), ...health.added];
}
