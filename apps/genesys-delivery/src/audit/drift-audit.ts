import type { TargetKind } from '@bridge/contracts';
import {
  auditBudget,
  dependenciesOf,
  goneDrift,
  keepsDriftingStatus,
  namedDrift,
  passFit,
  queueDrift,
  repairOrReport,
  secondaryStatusDrift,
  userDrift,
  userFieldsOf,
  type ActualNamedObject,
  type ActualSecondaryStatus,
  type ActualUser,
  type Drift,
  type Finding,
  type RateBudgetSettings,
  type References,
} from '@bridge/delivery-planning';
import { readAllPages, type GenesysClient, type Page } from '@bridge/genesys-client';
import type { EventPublisher } from '@bridge/messaging';
import type { IdMap } from '../persistence/id-map';
import type { RecordStatuses } from '../persistence/record-statuses';
import { recordOutcome } from '../reconciler/record-outcome';
import type { AuditedObject, AuditTables, PassSummary } from './audit-tables';
import { Pacer } from './pacer';

/** An object as a listing answers it. */
type Listed = ActualUser | ActualNamedObject | ActualSecondaryStatus;

/** Dependency order, so what users and queues refer to is provisioned again first. */
const kinds: readonly TargetKind[] = ['skill', 'language', 'wrapUpCode', 'secondaryStatus', 'user', 'queue'];
const PAGE_SIZE = 100;
/** A paced pass ends near the interval's end by design; this much over it still counts as on time. */
const ON_TIME = 1.1;

export interface DriftAuditOptions {
  /** A pass spreads its calls over this interval. */
  readonly intervalMs: number;
  /** The org's rate budget and the audit's share of it, to say whether a pass fits. */
  readonly org: RateBudgetSettings;
  readonly share: number;
  /** An object repaired this often within a day is reported instead. */
  readonly maxRepairsPerDay: number;
}

export interface AuditLogger {
  warn(message: string): void;
}

/** What one pass did to one kind's objects. */
interface KindResult {
  found: number;
  repaired: number;
  reported: number;
}

/**
 * A pass of the drift audit: reads the managed objects of every kind back through Genesys's paged listings (its
 * own lane of the rate budget), compares each with its desired document (delivery-planning's drift rules), and
 * marks drifted objects dirty so the reconciler repairs them: a changed field is patched back, a deleted object is
 * provisioned again, a removed member added again. Objects the bridge does not manage are never looked at. This is
 * also the id map check at start: a reset org or an object deleted while the service was down is found by the
 * first pass.
 */
export class DriftAudit {
  constructor(
    private readonly tables: AuditTables,
    private readonly idMap: Pick<IdMap, 'references' | 'managedNames'>,
    private readonly genesys: GenesysClient,
    private readonly statuses: Pick<RecordStatuses, 'save'>,
    private readonly publisher: Pick<EventPublisher, 'publish'>,
    private readonly options: DriftAuditOptions,
    private readonly logger: AuditLogger,
    private readonly found: (kind: TargetKind, count: number) => void,
  ) {}

  /** One pass over every kind; `paced` spreads it over the interval, otherwise it goes as fast as its share. */
  async pass(paced: boolean, stopped: () => boolean = () => false): Promise<PassSummary> {
    const startedAt = new Date();
    const counts = await this.tables.counts();
    const pacer = new Pacer(expectedCalls(counts), paced ? this.options.intervalMs : 0, stopped);
    const found: Partial<Record<TargetKind, number>> = {};
    let repaired = 0;
    let reported = 0;
    for (const kind of kinds) {
      if (!counts.get(kind)) continue;
      const result = await this.auditKind(kind, pacer);
      if (result.found > 0) found[kind] = result.found;
      repaired += result.repaired;
      reported += result.reported;
    }
    const finishedAt = new Date();
    const fit = passFit(
      pacer.calls,
      this.options.intervalMs,
      auditBudget(this.options.org, this.options.share),
    );
    const tookMs = finishedAt.getTime() - startedAt.getTime();
    const fits = fit.fits && (!paced || tookMs <= this.options.intervalMs * ON_TIME);
    const note = fits
      ? undefined
      : `a pass of ${pacer.calls} listing calls does not fit in ${this.options.intervalMs / 1000} s at ` +
        `${this.options.share} of the rate budget: it took ${Math.round(tookMs / 1000)} s`;
    if (note) this.logger.warn(`drift audit: ${note}`);
    const summary: PassSummary = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      calls: pacer.calls,
      found,
      repaired,
      reported,
      fits,
      ...(note ? { note } : {}),
    };
    await this.tables.finishPass(summary);
    return summary;
  }

  private async auditKind(kind: TargetKind, pacer: Pacer): Promise<KindResult> {
    const audited = await this.tables.snapshot(kind);
    const listed = new Map(
      (await readAllPages((page) => pacer.call(() => this.page(kind, page)))).map((item) => [item.id, item]),
    );
    const findings: { audited: AuditedObject; finding: Finding<unknown>; gone: boolean }[] = [];
    const compare = await this.comparer(kind, audited);
    for (const one of audited) {
      const inGenesys = listed.get(one.object.entry.genesysId) ?? (await this.confirm(kind, one, pacer));
      if (!inGenesys) {
        const finding = { drift: [goneDrift(one.object.entry.name)], known: undefined };
        findings.push({ audited: one, finding, gone: true });
        continue;
      }
      if (!one.clean) continue;
      const finding = await compare(one, inGenesys, pacer);
      if (finding && finding.drift.length > 0) findings.push({ audited: one, finding, gone: false });
    }
    return this.settle(kind, findings);
  }

  /**
   * An object missing from its listing, looked up by name before it is taken for deleted: a listing read page by
   * page while objects are created can skip one that moved to a page already read, and SCIM lists active users
   * only, so a user deactivated by hand is found here (and its `active` is the drift to repair).
   */
  private async confirm(kind: TargetKind, audited: AuditedObject, pacer: Pacer): Promise<Listed | undefined> {
    const { name, genesysId } = audited.object.entry;
    // Its listing is one answer, read at once: nothing to confirm.
    if (kind === 'secondaryStatus') return undefined;
    const found = await pacer.call((): Promise<Listed | undefined> => {
      switch (kind) {
        case 'user':
          return this.genesys.findUserByUserName(name);
        case 'queue':
          return this.genesys.findQueue(name);
        case 'skill':
        case 'language':
        case 'wrapUpCode':
          return this.genesys.findNamed(kind, name);
      }
    });
    return found?.id === genesysId ? found : undefined;
  }

  /** Marks each drifted object for repair, or reports it when it was repaired too often today. */
  private async settle(
    kind: TargetKind,
    findings: readonly { audited: AuditedObject; finding: Finding<unknown>; gone: boolean }[],
  ): Promise<KindResult> {
    const result: KindResult = { found: findings.length, repaired: 0, reported: 0 };
    if (findings.length === 0) return result;
    this.found(kind, findings.length);
    const repairs = await this.tables.repairsToday(
      kind,
      findings.map((f) => f.audited.object.key),
    );
    for (const { audited, finding, gone } of findings) {
      const today = repairs.get(audited.object.key) ?? 0;
      if (repairOrReport(today, this.options.maxRepairsPerDay) === 'repair') {
        const marked = gone
          ? await this.tables.markGone(audited, finding.drift)
          : await this.tables.markDrifted(audited, finding.known, finding.drift);
        if (marked) result.repaired++;
        continue;
      }
      if (!gone) await this.tables.recordKnown(audited, finding.known);
      await this.report(audited, today, finding.drift);
      result.reported++;
    }
    return result;
  }

  /** The record says the object keeps drifting; an outcome says so once, when the status changes. */
  private async report(audited: AuditedObject, today: number, drift: readonly Drift[]): Promise<void> {
    const { kind, key, entry } = audited.object;
    const status = keepsDriftingStatus(today, entry.genesysId, drift);
    const [changed] = await this.statuses.save([{ kind, key, status }]);
    if (changed)
      await this.publisher.publish(recordOutcome(kind, key, status, changed.lastSynchronizedAt, drift));
  }

  /** How one kind's objects are compared with what Genesys listed (a queue lists its members and codes too). */
  private async comparer(
    kind: TargetKind,
    audited: readonly AuditedObject[],
  ): Promise<(one: AuditedObject, listed: Listed, pacer: Pacer) => Promise<Finding<unknown> | undefined>> {
    const references = await this.references(audited);
    switch (kind) {
      case 'user': {
        const managed = {
          skills: await this.idMap.managedNames('skill'),
          languages: await this.idMap.managedNames('language'),
        };
        return async ({ object }, listed) => {
          if (object.kind !== 'user' || !object.desired.present || !('userName' in listed)) return undefined;
          const { fields, unresolved } = userFieldsOf(object.desired.document, {
            skill: (key) => references.live('skill', key)?.name,
            language: (key) => references.live('language', key)?.name,
          });
          // A skill on its way makes the user dirty when it arrives: not drift.
          if (unresolved.length > 0) return undefined;
          return userDrift(fields, listed, object.entry.actual, managed);
        };
      }
      case 'queue': {
        const keys = await this.tables.managedKeys();
        const managed = {
          userIds: new Set(keys.users.keys()),
          wrapUpCodeIds: new Set(keys.wrapUpCodes.keys()),
        };
        const label = (id: string) => keys.users.get(id) ?? keys.wrapUpCodes.get(id) ?? id;
        return async ({ object }, listed, pacer) => {
          if (object.kind !== 'queue' || !object.desired.present || !('name' in listed)) return undefined;
          const { name, memberKeys, wrapUpCodeKeys } = object.desired.document;
          const ids = (of: 'user' | 'wrapUpCode', keys: readonly string[]) =>
            keys.flatMap((key) => references.live(of, key)?.genesysId ?? []);
          const target = {
            name,
            memberIds: ids('user', memberKeys),
            wrapUpCodeIds: ids('wrapUpCode', wrapUpCodeKeys),
          };
          const id = object.entry.genesysId;
          const memberIds = await readAllPages((page) =>
            pacer.call(() => this.genesys.listQueueMembers(id, page)),
          );
          const wrapUpCodeIds = await readAllPages((page) =>
            pacer.call(() => this.genesys.listQueueWrapUpCodes(id, page)),
          );
          return queueDrift(target, { id, name: listed.name, memberIds, wrapUpCodeIds }, managed, label);
        };
      }
      case 'secondaryStatus':
        return async ({ object }, listed) =>
          object.kind === 'secondaryStatus' && object.desired.present && 'systemPresence' in listed
            ? secondaryStatusDrift(object.desired.document, listed)
            : undefined;
      case 'skill':
      case 'language':
      case 'wrapUpCode':
        return async ({ object }, listed) =>
          (object.kind === 'skill' || object.kind === 'language' || object.kind === 'wrapUpCode') &&
          object.desired.present &&
          'name' in listed
            ? namedDrift(object.desired.document, listed)
            : undefined;
    }
  }

  /** What the audited documents refer to, as the reconciler would resolve it now. */
  private references(audited: readonly AuditedObject[]): Promise<References> {
    return this.idMap.references(
      audited.flatMap(({ object }) => {
        if (!object.desired.present) return [];
        if (object.kind === 'user') return dependenciesOf({ kind: 'user', desired: object.desired.document });
        if (object.kind === 'queue')
          return dependenciesOf({ kind: 'queue', desired: object.desired.document });
        return [];
      }),
    );
  }

  private page(kind: TargetKind, page: number): Promise<Page<Listed>> {
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

/**
 * The listing calls a pass expects from the id map's counts: a page per hundred of each kind, and for each queue
 * a page of members and one of wrap-up codes. Objects someone else made add pages the estimate does not know of.
 */
function expectedCalls(counts: ReadonlyMap<TargetKind, number>): number {
  let calls = 0;
  for (const [kind, count] of counts) {
    if (count === 0) continue;
    calls += kind === 'secondaryStatus' ? 1 : Math.ceil(count / PAGE_SIZE);
    if (kind === 'queue') calls += 2 * count;
  }
  return calls;
}
