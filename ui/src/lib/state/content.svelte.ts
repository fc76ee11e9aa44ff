// The open workbook's content, plan health findings, and what core derives from them (the
// golden thread and each measure's chart) as the window holds them. Read whole only on open,
// after a merge or restore, and after a refused edit; every other edit patches them from the
// changes it returns (patch.ts; thread.ts patches the golden thread from the actions whose
// serving changed; an edit that changed a chart sends every chart).
//
// Held as $state.raw, not $state: a deep proxy over 10,000 actions and their links made every
// read of a row go through a proxy and every re-read build proxies for the whole workbook.
// With raw state a view re-renders when a patched array (or the content) is replaced, and the
// indexes in relations.ts, cached per array, are rebuilt only for the kinds an edit touched.
import type { Remote } from '../remote';
import { patchThread, threadOf, type Thread } from '../thread';
import type { Changes, Content, Finding, MeasureChart } from '../wire';
import { patchContent, patchFindings } from './patch';

/** What core derives, as the window holds it: the thread indexed (thread.ts), the charts as sent. */
export type Derived = { thread: Thread; charts: MeasureChart[] };

export class ContentState {
  content: Content | null = $state.raw(null);
  findings: Finding[] = $state.raw([]);
  derived: Derived = $state.raw({ thread: threadOf({ serving: [], crossings: [] }), charts: [] });

  async read(remote: Remote): Promise<void> {
    const [content, findings, derived] = await Promise.all([remote.workbookContent(), remote.planHealth(), remote.workbookDerived()]);
    this.content = content;
    this.findings = findings;
    this.derived = { thread: threadOf(derived.thread), charts: derived.charts };
  }

  apply(changes: Changes): void {
    if (this.content !== null) {
      this.content = patchContent(this.content, changes);
    }
    this.findings = patchFindings(this.findings, changes.health);
    if (changes.thread !== null || changes.charts !== null) {
      this.derived = {
        thread: changes.thread === null ? this.derived.thread : patchThread(this.derived.thread, changes.thread),
        charts: changes.charts ?? this.derived.charts,
      };
    }
  }
}
