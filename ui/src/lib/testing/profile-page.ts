// The window in a browser over a generated workbook, for profiling with the browser's own
// tools (`npx vite` in ui/, then open /profile.html?actions=10000&delay=20). Not part of the app's
// bundle (vite builds index.html only) nor of the tests. Answers the opening reads and field
// edits as core would for this data; anything else from the recorded example.
import { mount } from 'svelte';
import '../../app.css';
import App from '../../App.svelte';
import { commandBackend } from '../backend';
import text from '../recorded.json?raw';
import type { Changes, Content, Derived } from '../wire';
import { CONTENT_FIELD } from '../wire';
import { bigContent } from './big';

const query = new URLSearchParams(location.search);
const actions = Number(query.get('actions') ?? '10000');
/** Milliseconds an edit's reply takes, as the app's IPC and commit do (about 20 on the shared
 * machine): the window then draws "Saving…" before the reply, as it does in the app. */
const delay = Number(query.get('delay') ?? '0');
const content = bigContent(actions);
// As `planbook generate` links them: each action to its outcome's priority and to the outcome.
const outcomeOf = new Map(content.action_outcomes.map((l) => [l.action_id, l.outcome_id]));
const derived: Derived = {
  thread: {
    serving: content.action_priorities.map((l) => ({ priority_id: l.priority_id, action_id: l.action_id, directly: true, through: [outcomeOf.get(l.action_id)!] })),
    crossings: [],
  },
  charts: [],
};
const calls = (JSON.parse(text) as { scenarios: Record<string, { calls: { command: string; reply?: unknown }[] }> }).scenarios['example']!.calls;
const none: Changes['health'] = { added: [], removed: [] };

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  switch (command) {
    case 'workbook_content':
      return structuredClone(content) as T;
    case 'workbook_derived':
      return derived as T;
    case 'plan_health':
    case 'jargon':
    case 'search':
      return [] as T;
    case 'set_field': {
      await new Promise((r) => setTimeout(r, delay));
      const rows = content[CONTENT_FIELD[args['kind'] as keyof typeof CONTENT_FIELD]] as unknown as Record<string, unknown>[];
      const i = rows.findIndex((r) => r['id'] === args['id']);
      rows[i] = { ...rows[i], [args['field'] as string]: args['value'] };
      const changes: Changes = { rows: [{ kind: args['kind'], row: structuredClone(rows[i]) } as Changes['rows'][number]], removed: [], health: none, thread: null, charts: null };
      return { undo_state: { undo: null, redo: null }, changes } as T;
    }
  }
  const found = calls.find((c) => c.command === command);
  if (found === undefined) {
    throw new Error(`profile page: no answer for ${command}`);
  }
  return structuredClone(found.reply) as T;
}

mount(App, { target: document.getElementById('app')!, props: { backend: commandBackend(call, async () => () => {}) } });
(window as unknown as { content: Content }).content = content;
