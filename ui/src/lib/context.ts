// The open workbook's Session, shared with every view below the workbook screen.
import { getContext, setContext } from 'svelte';
import type { Session } from './session.svelte';

const KEY = Symbol('planbook-session');

export function provideSession(session: Session): void {
  setContext(KEY, session);
}

export function useSession(): Session {
  const session = getContext<Session | undefined>(KEY);
  if (session === undefined) {
    throw new Error('useSession() called outside a workbook view');
  }
  return session;
}

/** For component tests: the context map render() takes. */
export function sessionContext(session: Session): Map<unknown, unknown> {
  return new Map<unknown, unknown>([[KEY, session]]);
}
