// The workbook search: what was asked and what the Rust side found.
import type { Remote } from '../remote';
import type { SearchHit } from '../wire';
import type { Messages } from './messages.svelte';
import type { Router } from './router.svelte';

export class Search {
  query = $state('');
  hits: SearchHit[] = $state.raw([]);

  constructor(
    private readonly remote: Remote,
    private readonly messages: Messages,
    private readonly router: Router,
  ) {}

  async run(query: string): Promise<void> {
    this.query = query;
    if (query.trim() === '') {
      this.hits = [];
      return;
    }
    try {
      this.hits = await this.remote.search(query);
    } catch (error) {
      this.messages.fail(error);
    }
    this.router.go('search');
  }
}
