// The workbook's views, declared once: from this list come the ViewName type, the navigation
// (its entries, their order, labels and counts), the router (which view shows which kind of
// item) and the view the main area shows.
import type { Component } from 'svelte';
import type { Session } from './session.svelte';
import type { Kind } from './wire';
import ActionsView from './views/ActionsView.svelte';
import AimsView from './views/AimsView.svelte';
import EngagementView from './views/EngagementView.svelte';
import GlossaryView from './views/GlossaryView.svelte';
import HealthView from './views/HealthView.svelte';
import MatrixView from './views/MatrixView.svelte';
import MeasuresView from './views/MeasuresView.svelte';
import NarrativeView from './views/NarrativeView.svelte';
import OutcomesView from './views/OutcomesView.svelte';
import OverviewView from './views/OverviewView.svelte';
import PartnersView from './views/PartnersView.svelte';
import PlanView from './views/PlanView.svelte';
import PrioritiesView from './views/PrioritiesView.svelte';
import SearchView from './views/SearchView.svelte';

type ViewDeclaration = {
  name: string;
  label: string;
  component: Component;
  /** Listed in the navigation (search results are reached by searching). */
  nav: boolean;
  /** The kinds of item this view opens, each with the column naming the item it opens: `id`
   * for the item itself, another column for the item it belongs to, null for the view alone. */
  opens: Partial<Record<Kind, string | null>>;
  /** A number shown beside the entry in the navigation (when above 0), and its words for a
   * screen reader. */
  count?: { of: (s: Session) => number; words: string };
  /** A view of text and forms only: on a wide window it is a readable column in the middle of
   * the main area, not a column at its left with the rest empty. (Views of tables, lists
   * beside a detail, cards and the matrix use the width.) */
  readable?: true;
};

// The first is where a workbook opens (state/router.svelte.ts).
export const VIEWS = [
  { name: 'overview', label: 'Overview', component: OverviewView, nav: true, opens: {} },
  { name: 'plan', label: 'Plan', component: PlanView, nav: true, opens: { plan: null }, readable: true },
  { name: 'aims', label: 'Aims', component: AimsView, nav: true, opens: { aim: 'id' }, readable: true },
  { name: 'narrative', label: 'Narrative', component: NarrativeView, nav: true, opens: { section: 'id' }, readable: true },
  {
    name: 'priorities',
    label: 'Priorities',
    component: PrioritiesView,
    nav: true,
    opens: { priority: 'id', priority_aim: 'priority_id', priority_outcome: 'priority_id' },
  },
  { name: 'outcomes', label: 'Outcomes', component: OutcomesView, nav: true, opens: { outcome: 'id' } },
  { name: 'measures', label: 'Measures', component: MeasuresView, nav: true, opens: { measure: 'id', reading: 'measure_id' } },
  {
    name: 'actions',
    label: 'Actions',
    component: ActionsView,
    nav: true,
    opens: {
      action: 'id',
      milestone: 'action_id',
      action_priority: 'action_id',
      action_outcome: 'action_id',
      action_partner: 'action_id',
    },
  },
  { name: 'matrix', label: 'Matrix', component: MatrixView, nav: true, opens: {} },
  { name: 'partners', label: 'Partners', component: PartnersView, nav: true, opens: { partner: 'id' } },
  { name: 'glossary', label: 'Glossary', component: GlossaryView, nav: true, opens: { glossary_term: 'id' }, readable: true },
  { name: 'engagement', label: 'Engagement', component: EngagementView, nav: true, opens: { engagement: 'id' }, readable: true },
  {
    name: 'health',
    label: 'Health',
    component: HealthView,
    nav: true,
    opens: {},
    count: { of: (s: Session) => s.data.findings.length, words: 'to fix' },
  },
  { name: 'search', label: 'Search results', component: SearchView, nav: false, opens: {} },
] as const satisfies ReadonlyArray<ViewDeclaration>;

export type ViewName = (typeof VIEWS)[number]['name'];

export type View = (typeof VIEWS)[number];

export function viewNamed(name: ViewName): ViewDeclaration {
  return VIEWS.find((v) => v.name === name)!;
}
