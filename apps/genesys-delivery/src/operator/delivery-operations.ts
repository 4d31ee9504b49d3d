import {
  OperatorDeletionsConfirm,
  OperatorDeletionsPreview,
  OperatorDeliveryStatusRead,
  OperatorMappingRebuild,
  OperatorPlanDryRun,
  OperatorQuarantineList,
  OperatorQuarantineRelease,
  OperatorRecordRead,
  OperatorReprovisionProgress,
  OperatorReprovisionStart,
  OperatorSyncPause,
  OperatorSyncResume,
  operatorLimits,
  targetKinds,
  type OperatorAnswer,
  type OperatorCommandDefinition,
  type OperatorRequestOf,
  type OperatorResultOf,
  type PlannedChange,
  type ReprovisionProgress,
  type TargetKind,
} from '@bridge/contracts';
import {
  deletionPreviewOf,
  dryRunOf,
  nextBucket,
  reprovisionProgressOf,
  type DeliverySettings,
  type RateBudgetSettings,
} from '@bridge/delivery-planning';
import { refusal } from '@bridge/messaging';
import { randomUUID } from 'node:crypto';
import type { DeletionPauses } from '../persistence/deletion-pauses';
import type { DesiredObjects } from '../persistence/desired-objects';
import type { IdMap } from '../persistence/id-map';
import type { Reconciler } from '../reconciler/reconciler';
import { ReprovisionRunning, type OperatorTables } from './operator-tables';
import type { SyncControl } from './sync-control';
import { PlanRows, referencesAmong } from './plan-rows';
import { VersionedCache } from './versioned-cache';

type Request<C extends OperatorCommandDefinition> = OperatorRequestOf<C>;
type Answer<C extends OperatorCommandDefinition> = Promise<OperatorAnswer<OperatorResultOf<C>>>;
type DeliveryStatus = OperatorResultOf<typeof OperatorDeliveryStatusRead>;

const ok = <T>(result: T) => ({ ok: true as const, result });

type PlanCounts = Partial<
  Record<TargetKind, { create: number; update: number; delete: number; unchanged: number }>
>;

/** A dry run's plan as computed: the most changes any answer lists, and how many there are. */
interface ComputedPlan {
  readonly computedAt: string;
  readonly counts: PlanCounts;
  readonly changes: readonly PlannedChange[];
  readonly total: number;
}

/** How long a plan may answer for unchanged tables: a bound on what a version that missed a change could cost. */
const planMaxAgeMs = 60_000;

/** What the operations need besides the tables: the settings, the other lanes and services, the process. */
export interface OperationsContext {
  readonly settings: DeliverySettings;
  readonly budget: RateBudgetSettings;
  /** object-mapping's rebuild (OperatorMappingRebuild over NATS). */
  readonly rebuildMapping: (operator: string) => Answer<typeof OperatorMappingRebuild>;
  /** New work for the workers and the presence lane: claim now. */
  readonly wake: () => void;
  /** The parts of the status only this process knows. */
  readonly processStatus: () => Pick<DeliveryStatus, 'process' | 'settings' | 'genesys' | 'inbox'> & {
    rateLimited: number;
  };
  readonly now?: () => Date;
}

/**
 * genesys-delivery's operator commands, one implementation for both transports (NATS request/reply for the
 * console, `/delivery/*` over HTTP): each answers its contract's result or a refusal that names the field or
 * record at fault. The decisions are delivery-planning's pure functions; this class reads and writes the tables.
 */
export class DeliveryOperations {
  private readonly now: () => Date;
  private readonly plans: VersionedCache<ComputedPlan>;
  private readonly planRows: PlanRows;

  constructor(
    private readonly tables: OperatorTables,
    private readonly objects: Pick<DesiredObjects, 'releaseQuarantine'>,
    private readonly pauses: Pick<DeletionPauses, 'confirm' | 'factsOf'>,
    private readonly idMap: Pick<IdMap, 'managedNames' | 'managedIds'>,
    private readonly reconciler: Pick<Reconciler, 'dependencies' | 'referencesTo'>,
    private readonly sync: SyncControl,
    private readonly context: OperationsContext,
  ) {
    this.now = context.now ?? (() => new Date());
    this.plans = new VersionedCache(planMaxAgeMs, () => this.now().getTime());
    this.planRows = new PlanRows(tables);
  }

  async previewDeletions({
    kind,
  }: Request<typeof OperatorDeletionsPreview>): Answer<typeof OperatorDeletionsPreview> {
    const pauses = await this.tables.openPauses(kind);
    const items = await this.tables.pendingDeletions(
      pauses.map((pause) => pause.kind),
      this.context.settings.userRemoval,
    );
    return ok(deletionPreviewOf(pauses, items));
  }

  /**
   * Confirms the paused deletions a preview showed. Without `previewId` (the HTTP endpoint's older form, for a
   * script that has read `/delivery/deletions`) whatever is paused is confirmed.
   */
  async confirmDeletions(request: {
    kind?: TargetKind;
    previewId?: string;
  }): Answer<typeof OperatorDeletionsConfirm> {
    const preview = await this.previewDeletions({
      operator: '',
      ...(request.kind ? { kind: request.kind } : {}),
    });
    if (!preview.ok) return preview;
    const { pauses, previewId, items, omitted } = preview.result;
    if (pauses.length === 0)
      return refusal('notFound', `no ${request.kind ?? ''} deletions are paused`.replace('  ', ' '), {
        ...(request.kind ? { field: 'kind' } : {}),
      });
    if (request.previewId !== undefined && request.previewId !== previewId)
      return refusal('stale', 'the paused deletions changed since that preview: preview them again', {
        field: 'previewId',
      });
    const confirmed = (await this.pauses.confirm(request.kind)) as TargetKind[];
    this.context.wake();
    return ok({ confirmed, items: items.length + omitted });
  }

  async readRecord({ kind, cicId }: Request<typeof OperatorRecordRead>): Answer<typeof OperatorRecordRead> {
    const record = await this.tables.record(kind, cicId);
    if (!record)
      return refusal('notFound', `delivery has no ${kind} ${cicId}`, { record: `${kind}:${cicId}` });
    return ok(record);
  }

  async listQuarantine({
    kind,
  }: Request<typeof OperatorQuarantineList>): Answer<typeof OperatorQuarantineList> {
    return ok(await this.tables.quarantined(kind, operatorLimits.items));
  }

  async releaseQuarantine({
    kind,
    cicId,
  }: Pick<Request<typeof OperatorQuarantineRelease>, 'kind' | 'cicId'>): Answer<
    typeof OperatorQuarantineRelease
  > {
    const released = await this.objects.releaseQuarantine(kind, cicId);
    if (cicId !== undefined && released.length === 0)
      return refusal('notFound', `${kind}:${cicId} is not quarantined`, { record: `${kind}:${cicId}` });
    if (released.length > 0) this.context.wake();
    return ok({ released: released.map((r) => ({ kind: r.kind as TargetKind, cicId: r.key })) });
  }

  /**
   * What a full reconcile would change, from the decider with the known state standing in for Genesys: every
   * record is counted, the first `limit` changes are listed (creates and deletes first). The decider is a pure
   * function of the tables it reads, so the plan computed for the current version of those tables is held and
   * answered again until a write changes them (or the plan grows old): an operator's repeated views cost one
   * version read, and a change is in the next answer.
   */
  async dryRun({ kind, limit }: Request<typeof OperatorPlanDryRun>): Answer<typeof OperatorPlanDryRun> {
    const version = await this.tables.planInputsVersion();
    const plan = await this.plans.get(kind ?? '', version, () => this.computePlan(kind));
    const shown = Math.min(limit ?? operatorLimits.items, operatorLimits.items);
    return ok({
      computedAt: plan.computedAt,
      counts: plan.counts,
      changes: plan.changes.slice(0, shown),
      omitted: Math.max(0, plan.total - shown),
    });
  }

  private async computePlan(kind: TargetKind | undefined): Promise<ComputedPlan> {
    // The reads that need no other go at once, then those that need the objects: an operator waits on this.
    const [read, skills, languages, deletion] = await Promise.all([
      this.planRows.read(kind),
      this.idMap.managedNames('skill'),
      this.idMap.managedNames('language'),
      this.pauses.factsOf(Object.keys(targetKinds) as TargetKind[]),
    ]);
    const { objects } = read;
    const memberIds = objects.flatMap((o) =>
      o.kind === 'queue' && o.entry?.live ? o.entry.actual.memberIds : [],
    );
    const codeIds = objects.flatMap((o) =>
      o.kind === 'queue' && o.entry?.live ? o.entry.actual.wrapUpCodeIds : [],
    );
    const [references, userIds, wrapUpCodeIds] = await Promise.all([
      referencesAmong(read, this.reconciler.dependencies(objects), (rest) =>
        this.reconciler.referencesTo(rest),
      ),
      this.idMap.managedIds('user', memberIds),
      this.idMap.managedIds('wrapUpCode', codeIds),
    ]);
    const facts = {
      managedNames: { skills, languages },
      managedIds: { userIds, wrapUpCodeIds },
      deletion: (k: TargetKind) =>
        deletion.get(k) ?? { paused: false, confirmed: false, pending: 0, managed: 0 },
    };
    const counts: PlanCounts = {};
    const changes: PlannedChange[] = [];
    for (const object of objects) {
      const count = (counts[object.kind] ??= { create: 0, update: 0, delete: 0, unchanged: 0 });
      const change = dryRunOf(object, references, facts, this.context.settings);
      if (!change) count.unchanged++;
      else {
        count[change.change]++;
        changes.push(change);
      }
    }
    const order = { delete: 0, create: 1, update: 2 } as const;
    changes.sort((a, b) => order[a.change] - order[b.change]);
    return {
      computedAt: this.now().toISOString(),
      counts,
      changes: changes.slice(0, operatorLimits.items),
      total: changes.length,
    };
  }

  /**
   * Starts a reprovision: records the run (refused while one runs), in the same transaction forgetting the old
   * org for `newOrg` and making every record due, and asks object-mapping to republish every desired document in
   * the background; the run's progress follows from the tables (`reprovisionProgress`, and the events the monitor
   * publishes).
   */
  async startReprovision({
    operator,
    target,
  }: Request<typeof OperatorReprovisionStart>): Answer<typeof OperatorReprovisionStart> {
    const runId = randomUUID();
    let run;
    try {
      run = await this.tables.startRun(runId, target, operator);
    } catch (error) {
      if (!(error instanceof ReprovisionRunning)) throw error;
      const running = await this.tables.runningRun();
      return refusal('conflict', 'a reprovision is running already: follow its progress', {
        ...(running ? { record: running.runId } : {}),
      });
    }
    if (target === 'newOrg') await this.sync.refresh();
    this.context.wake();
    // In the background: the run is followed through its progress. Should the answer not be recorded, the
    // monitor gives up on it after a while.
    this.rebuildMapping(runId, operator).catch(() => undefined);
    return ok(await this.progressOf(run));
  }

  private async rebuildMapping(runId: string, operator: string): Promise<void> {
    const answer = await this.context
      .rebuildMapping(operator)
      .catch((error: unknown) => refusal('unavailable', String(error)));
    await this.tables.saveMapping(
      runId,
      answer.ok
        ? { published: answer.result.published, total: answer.result.total }
        : { error: answer.refusal.reason },
    );
  }

  async reprovisionProgress({
    runId,
  }: Request<typeof OperatorReprovisionProgress>): Answer<typeof OperatorReprovisionProgress> {
    const run = await this.tables.run(runId);
    if (!run)
      return refusal('notFound', runId ? `no reprovision ${runId}` : 'no reprovision has run', {
        ...(runId ? { record: runId, field: 'runId' } : {}),
      });
    return ok(await this.progressOf(run));
  }

  /** The progress of a run, from the tables now. */
  async progressOf(run: Parameters<typeof reprovisionProgressOf>[0]): Promise<ReprovisionProgress> {
    return reprovisionProgressOf(
      run,
      await this.tables.kindCounts(),
      this.now(),
      this.context.budget.perMinute,
    );
  }

  async pause({ operator, reason }: Request<typeof OperatorSyncPause>): Answer<typeof OperatorSyncPause> {
    await this.tables.setPaused(true, operator, reason);
    const { orgEpoch: _, ...state } = await this.sync.refresh();
    return ok(state);
  }

  async resume({ operator }: Request<typeof OperatorSyncResume>): Answer<typeof OperatorSyncResume> {
    await this.tables.setPaused(false, operator, undefined);
    const { orgEpoch: _, ...state } = await this.sync.refresh();
    this.context.wake();
    return ok(state);
  }

  async status(): Answer<typeof OperatorDeliveryStatusRead> {
    const [lanes, bucket, sync] = await Promise.all([
      this.tables.lanes(),
      this.tables.rateBucket(),
      this.sync.current(),
    ]);
    const { rateLimited, ...known } = this.context.processStatus();
    const { perMinute, burst } = this.context.budget;
    const refilled = bucket && nextBucket(bucket, bucket.nowMs, this.context.budget, 0).bucket;
    const tokens = perMinute <= 0 ? burst : (refilled?.tokens ?? burst);
    const { orgEpoch: _, ...state } = sync;
    return ok({
      ...known,
      rateBudget: {
        perMinute,
        burst,
        tokens,
        used: burst > 0 ? Math.min(1, Math.max(0, 1 - tokens / burst)) : 0,
        rateLimited,
        retryAfterSeconds: bucket ? Math.max(0, (bucket.blockedUntilMs - bucket.nowMs) / 1000) : 0,
      },
      sync: state,
      ...lanes,
    });
  }
}
