import type { CicWorkgroup, NotSyncedReason } from '@bridge/contracts';
import type { CicState } from './cic-state';
import type { MappingRules } from './mapping-rules';
import type { DesiredQueueState } from './target';
import { compare, isSyncedUser } from './user-mapping';

/** Why a workgroup gets no queue under these rules, or undefined when it does. */
export function workgroupIneligibility(
  workgroup: CicWorkgroup,
  rules: MappingRules,
): NotSyncedReason | undefined {
  if (workgroup.id.startsWith('_') && !rules.includeSystemWorkgroups) return 'systemWorkgroup';
  if (!workgroup.hasQueue && !rules.includeWorkgroupsWithoutQueue) return 'workgroupWithoutQueue';
  if (!workgroup.isActive && !rules.includeInactiveWorkgroups) return 'inactiveWorkgroup';
  return undefined;
}

/**
 * The desired queue of one CIC workgroup id: named after the workgroup (display name, else id), with the
 * workgroup's synced users as members and its wrap-up codes that CIC still has.
 */
export function desiredQueue(state: CicState, workgroupId: string, rules: MappingRules): DesiredQueueState {
  const workgroup = state.workgroups.get(workgroupId);
  if (!workgroup) return { key: workgroupId, state: 'absent', reason: 'removedFromCic' };
  const reason = workgroupIneligibility(workgroup, rules);
  if (reason) return { key: workgroupId, state: 'absent', reason };
  return {
    key: workgroupId,
    state: 'present',
    document: {
      name: workgroup.displayName?.trim() || workgroup.id,
      memberKeys: sortedUnique(workgroup.members.filter((id) => isSyncedUser(state, id))),
      wrapUpCodeKeys: sortedUnique(workgroup.wrapUpCodes.filter((id) => state.wrapUpCodes.has(id))),
    },
  };
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}
