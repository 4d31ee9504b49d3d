import type {
  DesiredNamedObject,
  DesiredQueue,
  DesiredUser,
  NotSyncedReason,
  TargetKind,
} from '@bridge/contracts';
import {
  applyQueueOperation,
  deletionGuard,
  dependenciesOf,
  planNamedObjectSync,
  planQueueSync,
  planUserSync,
  type ManagedNames,
  type UserRemoval,
  userFieldsOf,
  type ActualNamedObject,
  type ActualQueue,
  type ActualUser,
  type DeletionGuardSettings,
  type NamedObjectKind,
  type UserFields,
} from '@bridge/delivery-planning';
import { GenesysFailure, readAllPages, type GenesysClient } from '@bridge/genesys-client';
import type {
  ClaimedObject,
  DeliveryStore,
  IdMapEntry,
  RecordStatus,
  References,
} from '../persistence/delivery-store';

/**
 * What became of one reconcile: done (the object matches; `becameLive` when this reconcile created or adopted it,
 * so the objects that refer to it can now resolve it), or try again later without counting a failure.
 */
export type ReconcileResult =
  | {
      readonly outcome: 'done';
      readonly status: RecordStatus;
      readonly becameLive?: boolean;
      /** An id map entry the worker writes with its batch. */
      readonly unsaved?: IdMapEntry;
    }
  | { readonly outcome: 'wait'; readonly delayMs: number; readonly status?: RecordStatus };

const DEPENDENCY_WAIT_MS = 250;
const PAUSE_POLL_MS = 2000;

const isFailure = (error: unknown, kind: GenesysFailure['kind']) =>
  error instanceof GenesysFailure && error.kind === kind;

/**
 * Makes one Genesys object match its latest desired document: resolves what it refers to through the id map,
 * creates it (adopting the existing object when Genesys answers 409), asks the plan functions for the calls
 * that remain, and runs them. The id map is written after every call that changes an id (a create's with the
 * worker's batch), so a crash at any point leaves at worst a 409 to adopt, never a duplicate.
 */
export class Reconciler {
  constructor(
    private readonly store: DeliveryStore,
    private readonly genesys: GenesysClient,
    private readonly guard: DeletionGuardSettings,
    private readonly userRemoval: UserRemoval = 'deactivate',
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** What the documents of a batch refer to, read once for the batch. */
  async references(objects: readonly ClaimedObject[]): Promise<References> {
    return this.store.references(
      objects.flatMap((object) => {
        if (!object.present) return [];
        if (object.kind === 'user')
          return dependenciesOf({ kind: 'user', desired: object.document as DesiredUser });
        if (object.kind === 'queue')
          return dependenciesOf({ kind: 'queue', desired: object.document as DesiredQueue });
        return [];
      }),
    );
  }

  async reconcile(object: ClaimedObject, references: References): Promise<ReconcileResult> {
    switch (object.kind) {
      case 'user':
        return this.reconcileUser(object, references);
      case 'queue':
        return this.reconcileQueue(object, references);
      case 'skill':
      case 'language':
      case 'wrapUpCode':
        return this.reconcileNamed(object, object.kind);
    }
  }

  private async reconcileNamed(object: ClaimedObject, kind: NamedObjectKind): Promise<ReconcileResult> {
    const desired = object.present ? (object.document as DesiredNamedObject) : undefined;
    const entry = object.entry;
    let actual = entry?.live ? (entry.actual as ActualNamedObject) : undefined;
    if (!desired) {
      const paused = await this.pausedDeletion(object, entry);
      if (paused) return paused;
    }
    let origin = entry?.origin ?? 'created';
    let calls = 0;
    const save = (live: boolean) =>
      actual &&
      this.store.saveIdMap([
        { kind, key: object.key, genesysId: actual.id, origin, name: actual.name, live, actual },
      ]);
    for (const operation of planNamedObjectSync(kind, desired, actual)) {
      calls++;
      switch (operation.type) {
        case 'createNamed': {
          try {
            const created = await this.genesys.createNamed(kind, operation.name);
            // Nothing follows a create: the worker writes its id map entry with the batch (see reconcileUser).
            return {
              outcome: 'done',
              status: this.statusOf(object, created.id, true),
              becameLive: true,
              unsaved: {
                kind,
                key: object.key,
                genesysId: created.id,
                origin: 'created',
                name: created.name,
                live: true,
                actual: created,
              },
            };
          } catch (error) {
            if (!isFailure(error, 'conflict')) throw error;
            actual = await this.genesys.findNamed(kind, operation.name);
            if (!actual) throw error;
            origin = 'adopted';
          }
          await save(true);
          break;
        }
        case 'renameNamed':
          if (actual) {
            await this.genesys.renameWrapUpCode(actual.id, operation.name);
            actual = { ...actual, name: operation.name };
            await save(true);
          }
          break;
        case 'deleteNamed':
          if (actual) {
            await this.genesys.deleteNamed(kind, actual.id);
            await save(false);
            actual = undefined;
          }
          break;
      }
    }
    if (!desired && calls > 0) await this.store.endConfirmedPause(kind);
    return {
      outcome: 'done',
      status: this.statusOf(object, actual?.id, calls > 0),
      becameLive: !entry?.live && actual !== undefined,
    };
  }

  private async reconcileUser(object: ClaimedObject, references: References): Promise<ReconcileResult> {
    const desired = object.present ? (object.document as DesiredUser) : undefined;
    const entry = object.entry;
    // An inactive user is still ours: it is reactivated, not created again.
    let actual = entry ? (entry.actual as ActualUser | undefined) : undefined;
    let origin = entry?.origin ?? 'created';
    let fields: UserFields | undefined;
    if (desired) {
      const resolved = userFieldsOf(desired, {
        skill: (key) => references.live('skill', key)?.name,
        language: (key) => references.live('language', key)?.name,
      });
      if (resolved.unresolved.some(({ kind, key }) => references.pending(kind, key)))
        return { outcome: 'wait', delayMs: DEPENDENCY_WAIT_MS };
      fields = resolved.fields;
    } else if (entry?.live) {
      const paused = await this.pausedDeletion(object, entry);
      if (paused) return paused;
    }
    const entryOf = (user: ActualUser): IdMapEntry => ({
      kind: 'user',
      key: object.key,
      genesysId: user.id,
      origin,
      name: user.userName,
      live: user.active,
      actual: user,
    });
    const save = () => actual && this.store.saveIdMap([entryOf(actual)]);
    let calls = 0;
    if (fields && !actual) {
      calls++;
      try {
        const created = await this.genesys.createUser(fields);
        // Created as desired, so nothing is left to do, and its id map entry goes in with the worker's batch.
        // Should the batch never be written, the next attempt meets a 409 and adopts the user.
        return {
          outcome: 'done',
          status: this.statusOf(object, created.id, true),
          becameLive: true,
          unsaved: entryOf(created),
        };
      } catch (error) {
        if (!isFailure(error, 'conflict')) throw error;
        actual = await this.genesys.findUserByUserName(fields.userName);
        if (!actual) throw error;
        origin = 'adopted';
      }
      await save();
    }
    const plan = planUserSync(fields, actual, fields && (await this.managedNames()), this.userRemoval);
    for (const operation of plan) {
      if (!actual || operation.type === 'createUser') break;
      calls++;
      try {
        if (operation.type === 'patchUser') {
          actual = await this.genesys.patchUser(actual.id, operation.changes);
          // Another key took this Genesys user over meanwhile: both are dirty again; try afresh.
          if (!(await this.store.userPatched(object.key, actual))) return { outcome: 'wait', delayMs: 0 };
        } else if (operation.type === 'deleteUser') {
          await this.genesys.deleteUser(actual.id);
          await this.store.userRemoved(object.key, actual, 'deleted');
          actual = undefined;
        } else {
          await this.genesys.deactivateUser(actual.id);
          actual = { ...actual, active: false };
          await this.store.userRemoved(object.key, actual, 'deactivated');
        }
      } catch (error) {
        if (!isFailure(error, 'notFound')) throw error;
        // Someone deleted it in Genesys: forget it, and the next attempt provisions it again.
        await this.store.forgetIdMap('user', object.key);
        if (!fields) return { outcome: 'done', status: this.statusOf(object, undefined, true) };
        throw error;
      }
    }
    if (!desired && calls > 0) await this.store.endConfirmedPause('user');
    return {
      outcome: 'done',
      status: this.statusOf(object, actual?.id, calls > 0),
      becameLive: entry === undefined && actual !== undefined,
    };
  }

  private async reconcileQueue(object: ClaimedObject, references: References): Promise<ReconcileResult> {
    const desired = object.present ? (object.document as DesiredQueue) : undefined;
    const entry = object.entry;
    let actual = entry?.live ? (entry.actual as ActualQueue) : undefined;
    let origin = entry?.origin ?? 'created';
    let resolved: { name: string; memberIds: string[]; wrapUpCodeIds: string[] } | undefined;
    if (desired) {
      const members = desired.memberKeys.map((key) => ({ kind: 'user' as const, key }));
      const codes = desired.wrapUpCodeKeys.map((key) => ({ kind: 'wrapUpCode' as const, key }));
      const ids = (refs: readonly { kind: TargetKind; key: string }[]) =>
        refs.flatMap(({ kind, key }) => references.live(kind, key)?.genesysId ?? []);
      if ([...members, ...codes].some(({ kind, key }) => references.pending(kind, key)))
        return { outcome: 'wait', delayMs: DEPENDENCY_WAIT_MS };
      resolved = { name: desired.name, memberIds: ids(members), wrapUpCodeIds: ids(codes) };
    } else if (entry?.live) {
      const paused = await this.pausedDeletion(object, entry);
      if (paused) return paused;
    }
    const save = (live = true) =>
      actual &&
      this.store.saveIdMap([
        { kind: 'queue', key: object.key, genesysId: actual.id, origin, name: actual.name, live, actual },
      ]);
    let calls = 0;
    if (resolved && !actual) {
      calls++;
      try {
        const created = await this.genesys.createQueue(resolved.name);
        actual = { ...created, memberIds: [], wrapUpCodeIds: [] };
        origin = 'created';
      } catch (error) {
        if (!isFailure(error, 'conflict')) throw error;
        const found = await this.genesys.findQueue(resolved.name);
        if (!found) throw error;
        actual = {
          ...found,
          memberIds: await readAllPages((page) => this.genesys.listQueueMembers(found.id, page)),
          wrapUpCodeIds: await readAllPages((page) => this.genesys.listQueueWrapUpCodes(found.id, page)),
        };
        origin = 'adopted';
      }
      await save();
    }
    const managed = {
      userIds: await this.store.managedIds('user', actual?.memberIds ?? []),
      wrapUpCodeIds: await this.store.managedIds('wrapUpCode', actual?.wrapUpCodeIds ?? []),
    };
    for (const operation of planQueueSync(resolved, actual, managed)) {
      if (!actual) break;
      const id = actual.id;
      calls++;
      try {
        switch (operation.type) {
          case 'createQueue':
            continue;
          case 'renameQueue':
            await this.genesys.renameQueue(id, operation.name);
            break;
          case 'addQueueMembers':
            await this.genesys.addQueueMembers(id, operation.userIds);
            break;
          case 'removeQueueMembers':
            await this.genesys.removeQueueMembers(id, operation.userIds);
            break;
          case 'addQueueWrapUpCodes':
            await this.genesys.addQueueWrapUpCodes(id, operation.wrapUpCodeIds);
            break;
          case 'removeQueueWrapUpCode':
            await this.genesys.removeQueueWrapUpCode(id, operation.wrapUpCodeId);
            break;
          case 'deleteQueue':
            await this.genesys.deleteQueue(id);
            await save(false);
            actual = undefined;
            continue;
        }
      } catch (error) {
        if (isFailure(error, 'notFound') && operation.type === 'renameQueue') {
          await this.store.forgetIdMap('queue', object.key);
        }
        throw error;
      }
      actual = applyQueueOperation(actual, operation, id);
      await save();
    }
    if (!desired && calls > 0) await this.store.endConfirmedPause('queue');
    return { outcome: 'done', status: this.statusOf(object, actual?.id, calls > 0) };
  }

  /** Skill and language names the bridge manages: a user's other assignments are someone else's. */
  private async managedNames(): Promise<ManagedNames> {
    const [skills, languages] = await Promise.all([
      this.store.managedNames('skill'),
      this.store.managedNames('language'),
    ]);
    return { skills, languages };
  }

  /** The deletion guard (DESIGN §1): a result when this deletion must wait for a confirm. */
  private async pausedDeletion(
    object: ClaimedObject,
    entry: IdMapEntry | undefined,
  ): Promise<ReconcileResult | undefined> {
    if (!entry?.live) return undefined;
    const [pause, counts] = await Promise.all([
      this.store.deletionPause(object.kind),
      this.store.deletionCounts(object.kind),
    ]);
    const decision = deletionGuard(
      {
        ...counts,
        confirmed: Boolean(pause?.confirmedAt),
        paused: pause !== undefined && !pause.confirmedAt,
      },
      this.guard,
    );
    if (decision.decision === 'proceed') return undefined;
    await this.store.pauseDeletions(object.kind, counts.pending, counts.managed, decision.share);
    return {
      outcome: 'wait',
      delayMs: PAUSE_POLL_MS,
      status: {
        status: 'error',
        genesysId: entry.genesysId,
        error: {
          code: 'deletionPaused',
          message: `${counts.pending} of ${counts.managed} ${object.kind} objects would be deleted; waiting for a confirm`,
        },
      },
    };
  }

  private statusOf(object: ClaimedObject, genesysId: string | undefined, called: boolean): RecordStatus {
    if (!object.present)
      return { status: 'notSynced', reason: object.reason ?? ('removedFromCic' satisfies NotSyncedReason) };
    const note = object.kind === 'user' ? (object.document as DesiredUser).note : undefined;
    return {
      status: 'synced',
      ...(genesysId ? { genesysId } : {}),
      ...(note ? { note } : {}),
      ...(called ? { synchronizedAt: this.now() } : {}),
    };
  }
}
