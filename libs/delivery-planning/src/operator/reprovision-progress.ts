import type { ReprovisionProgress, ReprovisionTarget, TargetKind } from '@bridge/contracts';
import { kindPriority } from '../dependency-order';

/** A run as delivery_reprovisions holds it. */
export interface ReprovisionRun {
  readonly runId: string;
  readonly target: ReprovisionTarget;
  readonly operator: string;
  readonly startedAt: Date;
  readonly finishedAt?: Date;
  /** object-mapping's answer to the rebuild; undefined while it has not answered. */
  readonly mapping?: { readonly published: number; readonly total: number } | { readonly error: string };
}

/** One kind's records now: all of them, those reconciled (clean), and those quarantined. */
export interface KindCounts {
  readonly kind: TargetKind;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
}

/**
 * The fewest Genesys calls a record of a new org takes: its create (a queue's members and wrap-up codes one bulk
 * call more). Records of the same org may need none, so a same-org run is bounded by how fast it goes.
 */
const minimumCalls: Record<TargetKind, number> = {
  user: 1,
  queue: 2,
  skill: 1,
  language: 1,
  wrapUpCode: 1,
  secondaryStatus: 1,
};

/**
 * Where a run stands: the mapping phase, then one phase per kind in dependency order; finished once object-mapping
 * has answered and every record is reconciled or quarantined. The ETA is the larger of two: the remaining
 * records at the pace the run has kept so far, and the calls they need at least at the org's rate budget (no run
 * goes faster than the budget lets it).
 */
export function reprovisionProgressOf(
  run: ReprovisionRun,
  counts: readonly KindCounts[],
  now: Date,
  perMinute: number,
): ReprovisionProgress {
  const kinds = [...counts].sort((a, b) => kindPriority[a.kind] - kindPriority[b.kind]);
  const mapping =
    run.mapping === undefined
      ? { phase: 'mapping' as const, done: 0, failed: 0, total: 1 }
      : 'error' in run.mapping
        ? { phase: 'mapping' as const, done: 0, failed: 1, total: 1 }
        : { phase: 'mapping' as const, done: run.mapping.total, failed: 0, total: run.mapping.total };
  const phases = [
    mapping,
    ...kinds.map(({ kind, done, failed, total }) => ({ phase: kind, done, failed, total })),
  ];
  const total = kinds.reduce((sum, k) => sum + k.total, 0);
  const ended = kinds.reduce((sum, k) => sum + k.done + k.failed, 0);
  const mappingEnded = mapping.done + mapping.failed >= mapping.total;
  const finished = run.finishedAt !== undefined || (mappingEnded && ended >= total);
  const percent = finished ? 100 : total === 0 ? 0 : Math.min(99, Math.floor((ended / total) * 100));
  const progress: ReprovisionProgress = {
    runId: run.runId,
    target: run.target,
    operator: run.operator,
    startedAt: run.startedAt.toISOString(),
    ...(run.finishedAt ? { finishedAt: run.finishedAt.toISOString() } : {}),
    state: finished ? 'finished' : 'running',
    phases,
    percent,
  };
  if (finished) return progress;
  const eta = etaSeconds(run, kinds, now, perMinute);
  return eta === undefined ? progress : { ...progress, etaSeconds: eta };
}

function etaSeconds(
  run: ReprovisionRun,
  kinds: readonly KindCounts[],
  now: Date,
  perMinute: number,
): number | undefined {
  const remaining = kinds.map((k) => ({ kind: k.kind, left: Math.max(0, k.total - k.done - k.failed) }));
  const left = remaining.reduce((sum, r) => sum + r.left, 0);
  const elapsedSeconds = (now.getTime() - run.startedAt.getTime()) / 1000;
  const ended = kinds.reduce((sum, k) => sum + k.done + k.failed, 0);
  const atPace = ended > 0 && elapsedSeconds > 0 ? left / (ended / elapsedSeconds) : undefined;
  const calls =
    run.target === 'newOrg' ? remaining.reduce((sum, r) => sum + r.left * minimumCalls[r.kind], 0) : 0;
  const atBudget = perMinute > 0 ? (calls / perMinute) * 60 : undefined;
  if (atPace === undefined && (atBudget === undefined || calls === 0)) return undefined;
  return Math.ceil(Math.max(atPace ?? 0, atBudget ?? 0));
}
