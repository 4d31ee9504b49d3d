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
import type { ClaimedObject, DeliveryStore, IdMapEntry, RecordStatus } from '../persistence/delivery-store';

/** What became of one reconcile: done (the object matches), or try again later without counting a failure. */
export type ReconcileResult =
  | { readonly outcome: 'done'; readonly status: RecordStatus }
  | { readonly outcome: 'wait'; readonly delayMs: number; readonly status?: RecordStatus };

const DEPENDENCY_WAIT_MS = 250;
const PAUSE_POLL_MS = 2000;

const isFailure = (error: unknown, kind: GenesysFailure['kind']) =>
  error instanceof GenesysFailure && error.kind === kind;

/**
 * Makes one Genesys object match its latest desired document: resolves what it refers to through the id map,
 * creates it (adopting the existing object when Genesys answers 409), asks the plan functions for the calls
 * that remain, and runs them. The id map is written after every call that changes an id, so a crash at any
 * point leaves at worst a 409 to adopt, never a duplicate.
 */
export class Reconciler {
  constructor(
    private readonly store: DeliveryStore,
    private readonly genesys: GenesysClient,
    private readonly guard: DeletionGuardSettings,
    private readonly userRemoval: UserRemoval = 'deactivate',
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reconcile(object: ClaimedObject): Promise<ReconcileResult> {
    switch (object.kind) {
      case 'user':
        return this.reconcileUser(object);
      case 'queue':
        return this.reconcileQueue(object);
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
      this.store.saveIdMap({
        kind,
        key: object.key,
        genesysId: actual.id,
        origin,
        name: actual.name,
        live,
        actual,
      });
    for (const operation of planNamedObjectSync(kind, desired, actual)) {
      calls++;
      switch (operation.type) {
        case 'createNamed': {
          try {
            actual = await this.genesys.createNamed(kind, operation.name);
            origin = 'created';
          } catch (error) {
            if (!isFailure(error, 'conflict')) throw error;
            actual = await this.genesys.findNamed(kind, operation.name);
            if (!actual) throw error;
            origin = 'adopted';
          }
          await save(true);
          await this.redirtyReferrers(kind, object.key);
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
    return { outcome: 'done', status: this.statusOf(object, actual?.id, calls > 0) };
  }

  private async reconcileUser(object: ClaimedObject): Promise<ReconcileResult> {
    const desired = object.present ? (object.document as DesiredUser) : undefined;
    const entry = object.entry;
    // An inactive user is still ours: it is reactivated, not created again.
    let actual = entry ? (entry.actual as ActualUser | undefined) : undefined;
    let origin = entry?.origin ?? 'created';
    let fields: UserFields | undefined;
    if (desired) {
      const { skill: skills, language: languages } = await this.store.liveEntries({
        skill: desired.routingSkills.map((s) => s.key),
        language: desired.routingLanguages.map((l) => l.key),
      });
      const resolved = userFieldsOf(desired, {
        skill: (key) => skills.get(key)?.name,
        language: (key) => languages.get(key)?.name,
      });
      if (await this.anyPending(resolved.unresolved)) return { outcome: 'wait', delayMs: DEPENDENCY_WAIT_MS };
      fields = resolved.fields;
    } else if (entry?.live) {
      const paused = await this.pausedDeletion(object, entry);
      if (paused) return paused;
    }
    const save = () =>
      actual &&
      this.store.saveIdMap({
        kind: 'user',
        key: object.key,
        genesysId: actual.id,
        origin,
        name: actual.userName,
        live: actual.active,
        actual,
      });
    let calls = 0;
    if (fields && !actual) {
      calls++;
      try {
        actual = await this.genesys.createUser(fields);
        origin = 'created';
      } catch (error) {
        if (!isFailure(error, 'conflict')) throw error;
        actual = await this.genesys.findUserByUserName(fields.userName);
        if (!actual) throw error;
        origin = 'adopted';
      }
      await save();
      await this.store.redirtyReferrers('queue', 'memberKeys', object.key);
    }
    // A user created a moment ago is as desired: no plan, and none of the reads a plan needs.
    const plan =
      calls > 0 && origin === 'created'
        ? []
        : planUserSync(fields, actual, fields && (await this.managedNames()), this.userRemoval);
    for (const operation of plan) {
      if (!actual || operation.type === 'createUser') break;
      calls++;
      try {
        if (operation.type === 'patchUser') {
          actual = await this.genesys.patchUser(actual.id, operation.changes);
          await save();
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
    return { outcome: 'done', status: this.statusOf(object, actual?.id, calls > 0) };
  }

  private async reconcileQueue(object: ClaimedObject): Promise<ReconcileResult> {
    const desired = object.present ? (object.document as DesiredQueue) : undefined;
    const entry = object.entry;
    let actual = entry?.live ? (entry.actual as ActualQueue) : undefined;
    let origin = entry?.origin ?? 'created';
    let resolved: { name: string; memberIds: string[]; wrapUpCodeIds: string[] } | undefined;
    if (desired) {
      const { user: users, wrapUpCode: codes } = await this.store.liveEntries({
        user: desired.memberKeys,
        wrapUpCode: desired.wrapUpCodeKeys,
      });
      const unresolved = [
        ...desired.memberKeys.filter((k) => !users.has(k)).map((key) => ({ kind: 'user' as const, key })),
        ...desired.wrapUpCodeKeys
          .filter((k) => !codes.has(k))
          .map((key) => ({ kind: 'wrapUpCode' as const, key })),
      ];
      if (await this.anyPending(unresolved)) return { outcome: 'wait', delayMs: DEPENDENCY_WAIT_MS };
      resolved = {
        name: desired.name,
        memberIds: [...users.values()].map((u) => u.genesysId),
        wrapUpCodeIds: [...codes.values()].map((c) => c.genesysId),
      };
    } else if (entry?.live) {
      const paused = await this.pausedDeletion(object, entry);
      if (paused) return paused;
    }
    const save = (live = true) =>
      actual &&
      this.store.saveIdMap({
        kind: 'queue',
        key: object.key,
        genesysId: actual.id,
        origin,
        name: actual.name,
        live,
        actual,
      });
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

  /** Whether any referenced record is still waiting to be delivered (then the referrer waits for it). */
  private async anyPending(dependencies: readonly { kind: TargetKind; key: string }[]): Promise<boolean> {
    const byKind = new Map<TargetKind, string[]>();
    for (const { kind, key } of dependencies) byKind.set(kind, [...(byKind.get(kind) ?? []), key]);
    for (const [kind, keys] of byKind) if ((await this.store.pendingKeys(kind, keys)).size > 0) return true;
    return false;
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

  private async redirtyReferrers(kind: NamedObjectKind, key: string): Promise<void> {
    if (kind === 'skill') await this.store.redirtyReferrers('user', 'routingSkills', { key });
    else if (kind === 'language') await this.store.redirtyReferrers('user', 'routingLanguages', { key });
    else await this.store.redirtyReferrers('queue', 'wrapUpCodeKeys', key);
  }

  private statusOf(object: ClaimedObject, genesysId: string | undefined, called: boolean): RecordStatus {
    if (!object.present)
      return { status: 'notSynced', reason: object.reason ?? ('removedFromCic' satisfies NotSyncedReason) };
    return {
      status: 'synced',
      ...(genesysId ? { genesysId } : {}),
      ...(called ? { synchronizedAt: this.now() } : {}),
    };
  }
}
