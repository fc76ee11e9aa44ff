// The UI tests' backend: it answers from replies recorded from the real handlers
// (`recorded.json`, written by src-tauri/src/handlers/recorder.rs), so the tests run against
// what core really does, and holds no rules of its own.
//
// A test names a scenario (`replay('edit-priority-title')`). A scenario is the calls the
// window made, in order: reads (answered the same any number of times, until the next step)
// and steps (edits, dialogs, opening and closing), which must come in the order they were
// recorded; a read is answered with its latest recording at or before the steps made so far.
// A scenario `from` another starts with that one's opening reads. Any call that was not
// recorded fails the test, naming the command and its arguments.
import { onTestFinished, vi } from 'vitest';
import text from './recorded.json?raw';
import { commandBackend, type Backend, type Unlisten } from './backend';
import { sessionContext } from './context';
import { Session } from './session.svelte';
import type { Content, Summary, WireError, WorkbookId } from './wire';

interface Recorded {
  command: string;
  args: Record<string, unknown>;
  reply?: unknown;
  error?: WireError;
  step?: boolean;
  events?: unknown[];
}

interface Scenario {
  from?: string;
  calls: Recorded[];
}

const scenarios: Record<string, Scenario> = (JSON.parse(text) as { scenarios: Record<string, Scenario> }).scenarios;

/** A scenario's calls, its `from` scenario's opening reads first. */
function callsOf(name: string): Recorded[] {
  const scenario = scenarios[name];
  if (scenario === undefined) {
    throw new Error(`There is no recorded scenario “${name}”. Add it to src-tauri/src/handlers/recordings.rs and regenerate ui/src/lib/recorded.json.`);
  }
  if (scenario.from === undefined) {
    return scenario.calls;
  }
  const base = callsOf(scenario.from);
  const firstStep = base.findIndex((c) => c.step === true);
  return [...(firstStep === -1 ? base : base.slice(0, firstStep)), ...scenario.calls];
}

/** Arguments as text with their keys sorted, so the order they were written in is no matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const describeCall = (command: string, args: unknown) => `${command}(${canonical(args)})`;

/** A step held back by a test (`hold`): the window waits for it as for a slow Rust side. */
interface Held {
  arrived: Promise<void>;
  arrive: () => void;
  release: () => void;
  released: Promise<void>;
  call?: Recorded;
}

export type Replay = ReturnType<typeof replay>;

/**
 * A Backend answering from the scenario `name`. Every command is a `vi.fn`, so tests can check
 * what was sent. `overrides` stand in for what is not the handlers' (Tauri refusing a command
 * before it reaches them, or a generated workbook too big to record).
 */
export function replay(name: string, overrides: Partial<Backend> = {}) {
  const calls = callsOf(name);
  let next = 0;
  const misses: string[] = [];
  const held = new Map<string, Held>();
  const listeners = new Map<string, Set<(payload: never) => void>>();

  onTestFinished(() => {
    if (misses.length > 0) {
      throw new Error(`The window made calls that scenario “${name}” did not record:\n${misses.join('\n')}`);
    }
  });

  function emit(event: string, payload: unknown) {
    for (const handler of listeners.get(event) ?? []) {
      (handler as (p: unknown) => void)(payload);
    }
  }

  function find(command: string, args: Record<string, unknown>): Recorded | undefined {
    const key = describeCall(command, args);
    const step = calls.findIndex((c, i) => i >= next && c.step === true);
    const end = step === -1 ? calls.length : step;
    if (step !== -1 && describeCall(calls[step]!.command, calls[step]!.args) === key) {
      next = step + 1;
      return calls[step];
    }
    for (let i = end - 1; i >= 0; i--) {
      const c = calls[i]!;
      if (c.step !== true && describeCall(c.command, c.args) === key) {
        return c;
      }
    }
    const expected = step === -1 ? 'no more steps' : `the next step recorded is ${describeCall(calls[step]!.command, calls[step]!.args)}`;
    misses.push(`  ${key}: not recorded at this point (${expected}). Record it in src-tauri/src/handlers/recordings.rs.`);
    return undefined;
  }

  async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
    const found = find(command, args);
    if (found === undefined) {
      throw new Error(`Not recorded in scenario “${name}”: ${describeCall(command, args)}`);
    }
    const hold = held.get(command);
    if (hold !== undefined) {
      held.delete(command);
      hold.call = found;
      hold.arrive();
      await hold.released;
    } else {
      for (const event of found.events ?? []) {
        emit('export-progress', event);
      }
    }
    if (found.error !== undefined) {
      throw structuredClone(found.error);
    }
    return structuredClone(found.reply) as T;
  }

  async function listen<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  const real = commandBackend(call, listen);
  const backend = Object.fromEntries(
    Object.entries({ ...real, ...overrides }).map(([k, f]) => [k, vi.isMockFunction(f) ? f : vi.fn(f as (...a: unknown[]) => unknown)]),
  ) as unknown as { [K in keyof Backend]: Backend[K] & ReturnType<typeof vi.fn> };

  return {
    backend,
    /** The shell's events, as the Rust side sends them (the window state, the menu). */
    emit: {
      windowState: (payload: unknown) => emit('window-state', payload),
      menu: (item: string) => emit('menu', item),
    },
    /** The calls not recorded so far, which then no longer fail the test (for testing the
     * replay itself). */
    takeMisses: () => misses.splice(0),
    /**
     * Holds the next call of `command` back until `release()`; `events()` then sends the
     * events recorded with it (an export's progress) while it is still running.
     */
    hold(command: string) {
      let arrive = () => {};
      let release = () => {};
      const arrived = new Promise<void>((r) => (arrive = r));
      const released = new Promise<void>((r) => (release = r));
      const h: Held = { arrived, arrive: () => arrive(), released, release: () => release() };
      held.set(command, h);
      return {
        arrived,
        events: () => (h.call?.events ?? []).forEach((e) => emit('export-progress', e)),
        recordedEvents: () => h.call?.events ?? [],
        release: () => h.release(),
      };
    },
  };
}

/** What scenario `name` recorded for a call (the first recording of it), for a test to
 * compare with or to pass as a component's props. */
export function recorded<T>(name: string, command: string, args: Record<string, unknown> = {}): T {
  const key = describeCall(command, args);
  const found = callsOf(name).find((c) => describeCall(c.command, c.args) === key);
  if (found === undefined) {
    throw new Error(`Scenario “${name}” recorded no ${key}.`);
  }
  return structuredClone((found.error ?? found.reply) as T);
}

/** The example's content and summary as the window reads them on opening it (workbook 1). */
export const exampleContent = (): Content => recorded('example', 'workbook_content', { workbook: 1 });
export const exampleSummary = (): Summary => recorded('example', 'workbook_summary', { workbook: 1 });

/** The row of a list whose code (or title, or name) is `label`. */
export function row<R extends { id: string }>(rows: readonly R[], label: string): R {
  const found = rows.find((r) => ['code', 'title', 'name'].some((f) => (r as Record<string, unknown>)[f] === label));
  if (found === undefined) {
    throw new Error(`No row “${label}”.`);
  }
  return found;
}

/** For rendering a dialog or view alone: the context holding a session of a workbook. */
export function withSession(backend: Backend, summary: Summary = exampleSummary(), workbook: WorkbookId = 1): Map<unknown, unknown> {
  return sessionContext(new Session(backend, workbook, summary));
}
