import type { TargetKind } from '@bridge/contracts';
import type { DeliveryObject, Dependency, IdMapEntry, References } from '@bridge/delivery-planning';
import type { ObjectVersion, OperatorTables } from './operator-tables';

const idOf = (of: { kind: TargetKind; key: string }) => `${of.kind}:${of.key}`;

/** The desired objects a dry run reads, with the version and flags of each. */
export interface PlanObjects {
  readonly objects: readonly DeliveryObject[];
  readonly versions: readonly ObjectVersion[];
}

/**
 * The desired objects a dry run reads, held between runs by their row versions: a run after a change reads every
 * object's version (no documents) and the documents and entries of those whose version moved. Reading and parsing
 * every document and entry again was most of what a first view after a change cost, though a change touches few.
 */
export class PlanRows {
  private readonly held = new Map<string, { version: string; object: DeliveryObject }>();

  constructor(private readonly tables: Pick<OperatorTables, 'objectVersions' | 'objectsOf'>) {}

  async read(kind: TargetKind | undefined): Promise<PlanObjects> {
    const versions = await this.tables.objectVersions(kind);
    const moved = versions.filter((v) => this.held.get(idOf(v))?.version !== v.version);
    const versionOf = new Map(moved.map((v) => [idOf(v), v.version]));
    for (const object of await this.tables.objectsOf(moved)) {
      const version = versionOf.get(idOf(object));
      // A row written between the two reads is held under its older version: the next run reads it again.
      if (version !== undefined) this.held.set(idOf(object), { version, object });
    }
    const listed = new Set(versions.map(idOf));
    for (const [id, { object }] of this.held)
      if (!listed.has(id) && (kind === undefined || object.kind === kind)) this.held.delete(id);
    const objects = versions.flatMap((v) => {
      const held = this.held.get(idOf(v));
      return held ? [held.object] : [];
    });
    return { objects, versions };
  }
}

/**
 * What the dependencies refer to, from the objects a dry run read, by IdMap.references' rule: a live id map entry
 * is live; an object without one is pending while it is dirty, present and not quarantined. Dependencies that are
 * not among the objects (a plan of one kind) are asked of `rest`, which reads the store.
 */
export async function referencesAmong(
  read: PlanObjects,
  wanted: readonly Dependency[],
  rest: (unknown: readonly Dependency[]) => Promise<References>,
): Promise<References> {
  const objects = new Map(read.objects.map((object) => [idOf(object), object]));
  const flags = new Map(read.versions.map((version) => [idOf(version), version]));
  const unknown = wanted.filter((dependency) => !objects.has(idOf(dependency)));
  const others = unknown.length > 0 ? await rest(unknown) : undefined;
  const known = (kind: TargetKind, key: string) => objects.get(idOf({ kind, key }));
  const liveEntry = (object: DeliveryObject | undefined): IdMapEntry | undefined =>
    object?.entry?.live ? object.entry : undefined;
  return {
    live: (kind, key) => {
      const object = known(kind, key);
      return object ? liveEntry(object) : others?.live(kind, key);
    },
    pending: (kind, key) => {
      const object = known(kind, key);
      if (!object) return others?.pending(kind, key) ?? false;
      const flag = flags.get(idOf({ kind, key }));
      return (
        !liveEntry(object) && object.desired.present && flag !== undefined && flag.dirty && !flag.quarantined
      );
    },
  };
}
