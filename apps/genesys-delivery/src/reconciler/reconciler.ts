import {
  decide,
  dependenciesOf,
  evolve,
  needsManagedNames,
  situationOf,
  type DeliveryObject,
  type Dependency,
  type DeliverySettings,
  type GenesysCall,
  type ManagedNames,
  type Outcome,
  type References,
  type StoreCall,
  type TerminalStep,
} from '@bridge/delivery-planning';
import type { AttemptCall } from '@bridge/contracts';

/** Where the decider's calls run: Genesys Cloud, and delivery's own tables. */
export interface DeliveryPorts {
  /** With `calls`, each request sent and its answer are added there. */
  readonly genesys: { run(call: GenesysCall, calls?: AttemptCall[]): Promise<Outcome> };
  readonly store: {
    run(call: StoreCall): Promise<Outcome>;
    /** What the documents of a batch refer to, read at one instant. */
    references(wanted: readonly Dependency[]): Promise<References>;
    managedNames(): Promise<ManagedNames>;
  };
}

/**
 * Makes one Genesys object match its latest desired document by obeying delivery-planning's decider: it runs
 * each call the decider asks for, one at a time, and hands back its outcome, until the decider says done, wait
 * or fail.
 */
export class Reconciler {
  constructor(
    private readonly ports: DeliveryPorts,
    private readonly settings: DeliverySettings,
  ) {}

  /**
   * What the documents of a batch refer to, read once for the batch; with the managed names beside them when a
   * user's plan needs them, so that read is not one more round trip before the user's call.
   */
  async references(objects: readonly DeliveryObject[]): Promise<References> {
    const [references, managedNames] = await Promise.all([
      this.referencesTo(this.dependencies(objects)),
      objects.some(needsManagedNames) ? this.ports.store.managedNames() : undefined,
    ]);
    return managedNames ? { ...references, managedNames } : references;
  }

  /** The objects the documents of a batch refer to. */
  dependencies(objects: readonly DeliveryObject[]): Dependency[] {
    return objects.flatMap((object) => {
      if (!object.desired.present) return [];
      if (object.kind === 'user') return dependenciesOf({ kind: 'user', desired: object.desired.document });
      if (object.kind === 'queue') return dependenciesOf({ kind: 'queue', desired: object.desired.document });
      return [];
    });
  }

  /** What the store holds of the objects named, read at one instant. */
  referencesTo(wanted: readonly Dependency[]): Promise<References> {
    return this.ports.store.references(wanted);
  }

  /** Runs the decider to its end; each Genesys request and its answer go to `calls`. */
  async reconcile(
    object: DeliveryObject,
    references: References,
    calls?: AttemptCall[],
  ): Promise<TerminalStep> {
    let situation = situationOf(object, references, this.settings);
    for (;;) {
      const step = decide(situation);
      if (step.type === 'genesys')
        situation = evolve(situation, step, await this.ports.genesys.run(step.call, calls));
      else if (step.type === 'store')
        situation = evolve(situation, step, await this.ports.store.run(step.call));
      else return step;
    }
  }
}
