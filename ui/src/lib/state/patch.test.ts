// The window's copy of the workbook follows each edit's changes, without reading it again.
// The changes are those core answered with in the recordings (../recorded.json).
import { describe, expect, it } from 'vitest';
import { exampleContent, recorded, row } from '../replay';
import type { Added, Edited, Finding } from '../wire';
import { patchContent, patchFindings } from './patch';

const none = { added: [], removed: [] };
const finding = (key: string): Finding => ({ kind: 'action_without_lead', entity: 'action', id: key, message: key, key });
const W = { workbook: 1 };

describe('patching the content from an edit’s changes', () => {
  it('replaces a changed row by id and leaves every other kind’s array as it was', () => {
    const before = exampleContent();
    const p1 = row(before.priorities, 'P1');
    const edited = recorded<Edited>('edit-priority-title', 'set_field', { ...W, kind: 'priority', id: p1.id, field: 'title', value: 'Prevention first' });
    const after = patchContent(before, edited.changes);
    expect(after.priorities.map((p) => p.title)).toEqual(['Prevention first', ...before.priorities.slice(1).map((p) => p.title)]);
    expect(after.priorities[1]).toBe(before.priorities[1]);
    expect(after.actions).toBe(before.actions);
    expect(after.action_priorities).toBe(before.action_priorities);
    expect(before.priorities[0]!.title).toBe(p1.title);
  });

  it('adds a new row in position order, and replaces the plan', () => {
    const before = exampleContent();
    const added = recorded<Added>('add-priority', 'add_row', { ...W, kind: 'priority', fields: {} });
    const after = patchContent(before, added.changes);
    expect(after.priorities.map((p) => p.id)).toEqual([...before.priorities.map((p) => p.id), added.id]);
    // A row placed between two others (its position between theirs) goes between them.
    const between = { ...before.aims[0]!, id: 'aim-new', title: 'Between', position: before.aims[0]!.position + 0.5 };
    const plan = { ...before.plan, title: 'Renamed' };
    const placed = patchContent(before, {
      rows: [
        { kind: 'aim', row: between },
        { kind: 'plan', row: plan },
      ],
      removed: [],
      health: none,
      thread: null,
      charts: null,
    });
    expect(placed.aims.map((a) => a.id)).toEqual([before.aims[0]!.id, 'aim-new', ...before.aims.slice(1).map((a) => a.id)]);
    expect(placed.plan.title).toBe('Renamed');
  });

  it('takes out removed rows, cascades included', () => {
    const before = exampleContent();
    // Deleting a partner also removes its links to the actions it supports: core lists them all.
    const nhs = row(before.partners, 'NHS Dorset (Integrated Care Board)');
    const deleted = recorded<Edited>('delete-partner', 'delete_row', { ...W, kind: 'partner', id: nhs.id });
    const after = patchContent(before, deleted.changes);
    expect(after.partners.map((p) => p.id)).toEqual(before.partners.filter((p) => p.id !== nhs.id).map((p) => p.id));
    expect(after.action_partners.some((l) => l.partner_id === nhs.id)).toBe(false);
    expect(after.action_partners.length).toBeLessThan(before.action_partners.length);
    // The actions it led are changed rows: left without a lead.
    expect(after.actions.some((a) => a.lead_partner_id === nhs.id)).toBe(false);
    expect(after.priorities).toBe(before.priorities);
  });

  it('reorders after a move, which lists every row whose position changed', () => {
    const before = exampleContent();
    const [a1, a2, ...rest] = before.aims;
    const moved = recorded<Edited>('move-aim', 'move_row', { ...W, kind: 'aim', id: a1!.id, index: 1 });
    const after = patchContent(before, moved.changes);
    expect(after.aims.map((a) => a.id)).toEqual([a2!.id, a1!.id, ...rest.map((a) => a.id)]);
  });

  it('puts back what an undo restores (a deleted row and its links come back as rows)', () => {
    const before = exampleContent();
    const nhs = row(before.partners, 'NHS Dorset (Integrated Care Board)');
    const deleted = recorded<Edited>('delete-partner', 'delete_row', { ...W, kind: 'partner', id: nhs.id });
    const undone = recorded<Edited>('delete-partner', 'undo', W);
    expect(new Set(undone.changes.rows.map((r) => r.kind))).toEqual(new Set(['partner', 'action_partner', 'action']));
    const after = patchContent(patchContent(before, deleted.changes), undone.changes);
    expect(after.partners).toEqual(before.partners);
    expect(new Set(after.action_partners.map((l) => l.id))).toEqual(new Set(before.action_partners.map((l) => l.id)));
    expect(after.actions.map((a) => a.lead_partner_id)).toEqual(before.actions.map((a) => a.lead_partner_id));
  });

  it('returns the same content when nothing changed', () => {
    const before = exampleContent();
    expect(patchContent(before, { rows: [], removed: [], health: none, thread: null, charts: null })).toBe(before);
  });
});

describe('patching the findings from an edit’s health change', () => {
  it('takes out the findings that went, by key, and adds those that appeared', () => {
    const f = [finding('a'), finding('b')];
    expect(patchFindings(f, { added: [finding('c')], removed: ['a'] }).map((x) => x.key)).toEqual(['b', 'c']);
  });

  it('follows core’s health change: clearing an action’s lead adds a finding', () => {
    const findings = recorded<Finding[]>('example', 'plan_health', W);
    const a01 = row(exampleContent().actions, 'A01');
    const edited = recorded<Edited>('edit-plan-numbers', 'set_field', { ...W, kind: 'action', id: a01.id, field: 'lead_partner_id', value: null });
    const after = patchFindings(findings, edited.changes.health);
    expect(after.length).toBe(findings.length + edited.changes.health.added.length - edited.changes.health.removed.length);
    expect(after.some((f) => f.id === a01.id)).toBe(true);
  });

  it('replaces a finding that appears again under its key, and keeps the array when nothing changed', () => {
    const f = [finding('a'), finding('b')];
    const again = { ...finding('a'), message: 'now worded differently' };
    expect(patchFindings(f, { added: [again], removed: [] })).toEqual([finding('b'), again]);
    expect(patchFindings(f, { added: [], removed: [] })).toBe(f);
  });
});
