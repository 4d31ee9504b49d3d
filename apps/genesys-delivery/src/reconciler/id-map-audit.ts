import type { TargetKind } from '@bridge/contracts';
import { readAllPages, type GenesysClient, type Page } from '@bridge/genesys-client';
import type { IdMap } from '../persistence/id-map';

// Dependency order, so what users and queues refer to is provisioned again first.
const kinds: readonly TargetKind[] = ['skill', 'language', 'wrapUpCode', 'secondaryStatus', 'user', 'queue'];

/**
 * At start, the id map is checked against Genesys Cloud: delivery compares desired documents with the state it
 * last knew, so an object deleted in Genesys behind its back (by hand, or an org or simulator that was reset)
 * would otherwise never come back. Each kind's ids are listed once, and every live entry Genesys no longer has is
 * forgotten and its object made dirty, to be provisioned again. An empty id map costs no call at all.
 */
export class IdMapAudit {
  constructor(
    private readonly idMap: Pick<IdMap, 'liveGenesysIds' | 'forgetAndRedirty'>,
    private readonly genesys: GenesysClient,
  ) {}

  /** How many entries were stale, by kind. */
  async run(): Promise<Partial<Record<TargetKind, number>>> {
    const stale: Partial<Record<TargetKind, number>> = {};
    for (const kind of kinds) {
      const entries = await this.idMap.liveGenesysIds(kind);
      if (entries.size === 0) continue;
      const present = new Set((await readAllPages((page) => this.page(kind, page))).map((item) => item.id));
      const gone = [...entries].filter(([, genesysId]) => !present.has(genesysId)).map(([key]) => key);
      if (gone.length === 0) continue;
      await this.idMap.forgetAndRedirty(kind, gone);
      stale[kind] = gone.length;
    }
    return stale;
  }

  private page(kind: TargetKind, page: number): Promise<Page<{ id: string }>> {
    switch (kind) {
      case 'user':
        return this.genesys.listUsers(page);
      case 'queue':
        return this.genesys.listQueues(page);
      case 'skill':
      case 'language':
      case 'wrapUpCode':
        return this.genesys.listNamed(kind, page);
      case 'secondaryStatus':
        // The presence definitions endpoint answers every definition at once: one page.
        return this.genesys.listSecondaryStatuses().then((items) => ({ items, more: false }));
    }
  }
}
