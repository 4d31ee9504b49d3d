import type { Dependency, ManagedNames, Outcome, References, StoreCall } from '@bridge/delivery-planning';
import type { DeletionPauses } from '../persistence/deletion-pauses';
import type { IdMap } from '../persistence/id-map';

const ok: Outcome = { type: 'ok' };

/** Runs the decider's store calls on delivery's tables. */
export class StorePort {
  constructor(
    private readonly idMap: IdMap,
    private readonly pauses: DeletionPauses,
  ) {}

  references(wanted: readonly Dependency[]): Promise<References> {
    return this.idMap.references(wanted);
  }

  async managedNames(): Promise<ManagedNames> {
    const [skills, languages] = await Promise.all([
      this.idMap.managedNames('skill'),
      this.idMap.managedNames('language'),
    ]);
    return { skills, languages };
  }

  async run(call: StoreCall): Promise<Outcome> {
    switch (call.call) {
      case 'readManagedNames':
        return { type: 'managedNames', names: await this.managedNames() };
      case 'readManagedIds':
        return {
          type: 'managedIds',
          ids: {
            userIds: await this.idMap.managedIds('user', call.userIds),
            wrapUpCodeIds: await this.idMap.managedIds('wrapUpCode', call.wrapUpCodeIds),
          },
        };
      case 'readDeletionGuard':
        return { type: 'deletionFacts', facts: await this.pauses.facts(call.kind) };
      case 'pauseDeletions':
        await this.pauses.pause(call.kind, call.pending, call.managed, call.share);
        return ok;
      case 'saveIdMap':
        await this.idMap.save([call.entry]);
        return ok;
      case 'namedDeleted':
        await this.idMap.namedDeleted(call.entry);
        return ok;
      case 'userPatched':
        return { type: 'holds', holds: await this.idMap.userPatched(call.key, call.actual) };
      case 'userRemoved':
        await this.idMap.userRemoved(call.key, call.actual, call.how);
        return ok;
      case 'forgetIdMap':
        await this.idMap.forget(call.kind, call.key);
        return ok;
      case 'endConfirmedPause':
        await this.pauses.endConfirmed(call.kind);
        return ok;
    }
  }
}
