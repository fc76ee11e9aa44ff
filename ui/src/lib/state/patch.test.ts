// The window's copy of the workbook follows each edit's changes, without reading it again.
import { describe, expect, it } from 'vitest';
import { changesBetween, exampleContent } from '../fixtures';
import type { Changes, Content, Finding } from '../wire';
import { patchContent, patchFindings } from './patch';

const none = { added: [], removed: [] };
const finding = (key: string): Finding => ({ kind: 'action_without_lead', entity: 'action', id: key, message: key, key });

describe('patching the content from an edit’s changes', () => {
  it('replaces a changed row by id and leaves every other kind’s array as it was', () => {
    const before = exampleContent();
    const renamed = { ...before.actions[1]!, title: 'Warm homes visits' };
    const after = patchContent(before, { rows: [{ kind: 'action', row: renamed }], removed: [], health: none, thread: null, charts: null });
    expect(after.actions.map((a) => a.title)).toEqual(['Digital front door', 'Warm homes visits', 'Community connectors']);
    expect(after.actions[0]).toBe(before.actions[0]);
    expect(after.priorities).toBe(before.priorities);
    expect(after.action_priorities).toBe(before.action_priorities);
    expect(before.actions[1]!.title).toBe('Healthy homes visits');
  });

  it('adds a new row in position order, and replaces the plan', () => {
    const before = exampleContent();
    const added = { ...before.aims[0]!, id: 'aim-new', title: 'Between', position: 0.5 };
    const plan = { ...before.plan, title: 'Renamed' };
    const after = patchContent(before, {
      rows: [
        { kind: 'aim', row: added },
        { kind: 'plan', row: plan },
      ],
      removed: [],
      health: none,
      thread: null,
      charts: null,
    });
    expect(after.aims.map((a) => a.id)).toEqual(['aim-1', 'aim-new', 'aim-2']);
    expect(after.plan.title).toBe('Renamed');
  });

  it('takes out removed rows, cascades included', () => {
    const before = exampleContent();
    // Deleting action 1 also removes its milestone and its links: the Rust side lists them all.
    const changes: Changes = {
      rows: [],
      removed: [
        { kind: 'action', id: 'act-1' },
        { kind: 'milestone', id: 'mil-1' },
        { kind: 'action_priority', id: 'l-ap-1' },
        { kind: 'action_outcome', id: 'l-ao-1' },
        { kind: 'action_partner', id: 'l-apa-1' },
      ],
      health: { added: [], removed: ['action_overdue:act-1'] },
      thread: null,
      charts: null,
    };
    const after = patchContent(before, changes);
    expect(after.actions.map((a) => a.id)).toEqual(['act-2', 'act-3']);
    expect(after.milestones).toEqual([]);
    expect(after.action_priorities.map((l) => l.id)).toEqual(['l-ap-2']);
    expect(after.action_outcomes).toEqual([]);
    expect(after.action_partners).toEqual([]);
    expect(after.priorities).toBe(before.priorities);
  });

  it('reorders after a move, which lists every row whose position changed', () => {
    const before = exampleContent();
    const [a1, a2, a3] = before.actions as [Content['actions'][0], Content['actions'][0], Content['actions'][0]];
    const after = patchContent(before, {
      rows: [
        { kind: 'action', row: { ...a3, position: 0 } },
        { kind: 'action', row: { ...a1, position: 1 } },
        { kind: 'action', row: { ...a2, position: 2 } },
      ],
      removed: [],
      health: none,
      thread: null,
      charts: null,
    });
    expect(after.actions.map((a) => a.code)).toEqual(['A03', 'A01', 'A02']);
  });

  it('puts back what an undo restores (a deleted row and its links come back as rows)', () => {
    const before = exampleContent();
    const deleted: Content = { ...before, partners: before.partners.slice(1), action_partners: [] };
    // Undo of that delete: the fake backend answers with what differs, as the Rust side does.
    const undo = changesBetween(deleted, before);
    expect(undo.rows.map((r) => r.kind).sort()).toEqual(['action_partner', 'partner']);
    const after = patchContent(deleted, undo);
    expect(after.partners).toEqual(before.partners);
    expect(after.action_partners).toEqual(before.action_partners);
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

  it('replaces a finding that appears again under its key, and keeps the array when nothing changed', () => {
    const f = [finding('a'), finding('b')];
    const again = { ...finding('a'), message: 'now worded differently' };
    expect(patchFindings(f, { added: [again], removed: [] })).toEqual([finding('b'), again]);
    expect(patchFindings(f, { added: [], removed: [] })).toBe(f);
  });
});
