import {
  canonicalJson,
  cicKinds,
  type CicObjectKind,
  type NotSyncedReason,
  type TargetKind,
} from '@bridge/contracts';
import type { CicState } from './cic-state';
import type { MappingRules } from './mapping-rules';
import { desiredSkill, desiredWrapUpCode } from './named-object-mapping';
import { desiredQueue } from './queue-mapping';
import { targetId, type DesiredState, type Target } from './target';
import { desiredUser } from './user-mapping';

/** Whether the synchronization options let a target kind be synced. */
export function kindSynced(kind: TargetKind, rules: MappingRules): boolean {
  return kind === 'user' ? rules.syncUsers : rules.syncPlatformObjects;
}

/**
 * The desired state of one target, computed from the projection alone. A kind whose synchronization option is
 * off is absent with `syncOptionOff`: delivery then leaves what it already synced as it is.
 */
export function desiredStateOf(state: CicState, target: Target, rules: MappingRules): DesiredState {
  if (!kindSynced(target.kind, rules)) return { key: target.key, state: 'absent', reason: 'syncOptionOff' };
  switch (target.kind) {
    case 'user':
      return desiredUser(state, target.key, rules);
    case 'queue':
      return desiredQueue(state, target.key, rules);
    case 'skill':
      return desiredSkill(state, target.key, 'skill');
    case 'language':
      return desiredSkill(state, target.key, 'language');
    case 'wrapUpCode':
      return desiredWrapUpCode(state, target.key);
  }
}

/**
 * Every target the projection knows of: the full recompute used at start and for replay. Each CIC object gives
 * the targets its kind becomes (a skill both a skill and a language, one of them absent).
 */
export function* allTargets(state: CicState): Generator<Target> {
  const objects: readonly [CicObjectKind, ReadonlyMap<string, unknown>][] = [
    ['skill', state.skills],
    ['wrapUpCode', state.wrapUpCodes],
    ['user', state.users],
    ['workgroup', state.workgroups],
  ];
  for (const [kind, byId] of objects)
    for (const key of byId.keys()) for (const target of cicKinds[kind].targets) yield { kind: target, key };
}

/** The full desired state, by target. Fine for tests and small centers; the service works incrementally. */
export function desiredDocuments(state: CicState, rules: MappingRules): Map<string, DesiredState> {
  const documents = new Map<string, DesiredState>();
  for (const target of allTargets(state)) {
    documents.set(targetId(target), desiredStateOf(state, target, rules));
  }
  return documents;
}

// Reasons that only say "this object went elsewhere or away": for a target never published they tell delivery
// and the admin nothing (a plain skill has no language to delete), so they are not announced.
const silentWhenNew: ReadonlySet<NotSyncedReason> = new Set([
  'removedFromCic',
  'treatedAsLanguage',
  'notTreatedAsLanguage',
  'systemPresenceOnly',
]);

/**
 * Whether a desired state must be published, given the canonical form of the last one published for the target
 * (undefined when none was). Unchanged states are never republished; ineligible records are announced once, so
 * the admin sees "Not synced: <reason>".
 */
export function needsPublishing(
  desired:
    | { readonly key: string; readonly state: 'present' }
    | { readonly key: string; readonly state: 'absent'; readonly reason: NotSyncedReason },
  lastPublished: string | undefined,
): boolean {
  if (lastPublished === undefined) return desired.state === 'present' || !silentWhenNew.has(desired.reason);
  return canonicalJson(desired) !== lastPublished;
}
