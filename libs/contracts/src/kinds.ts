import {
  CicSkillChanged,
  CicSkillRemoved,
  CicUserChanged,
  CicUserRemoved,
  CicWorkgroupChanged,
  CicWorkgroupRemoved,
  CicWrapUpCodeChanged,
  CicWrapUpCodeRemoved,
} from './cic/cic-events';
import { cicKindTokens, type CicObjectKind } from './cic/cic-object-events';
import type { EventDefinition } from './envelope';
import { targetKindTokens, type TargetKind } from './mapping/target-kind-tokens';
import {
  MappingLanguageDesired,
  MappingQueueDesired,
  MappingSkillDesired,
  MappingUserDesired,
  MappingWrapUpCodeDesired,
} from './mapping/desired-state-events';
import { MappingSecondaryStatusDesired } from './presence/presence-desired-events';

/**
 * The one table of CIC object kinds: the entity token of their subjects and event-store streams, their two events
 * (`…Changed` holds the object under the kind's name), and the Genesys Cloud targets an object of the kind
 * becomes (a skill is an ACD skill or a routing language, by its Treat as Language flag).
 */
export const cicKinds = {
  user: { token: cicKindTokens.user, changed: CicUserChanged, removed: CicUserRemoved, targets: ['user'] },
  workgroup: {
    token: cicKindTokens.workgroup,
    changed: CicWorkgroupChanged,
    removed: CicWorkgroupRemoved,
    targets: ['queue'],
  },
  skill: {
    token: cicKindTokens.skill,
    changed: CicSkillChanged,
    removed: CicSkillRemoved,
    targets: ['skill', 'language'],
  },
  wrapUpCode: {
    token: cicKindTokens.wrapUpCode,
    changed: CicWrapUpCodeChanged,
    removed: CicWrapUpCodeRemoved,
    targets: ['wrapUpCode'],
  },
} as const satisfies Record<
  CicObjectKind,
  { token: string; changed: EventDefinition; removed: EventDefinition; targets: readonly TargetKind[] }
>;

/** The one table of Genesys Cloud target kinds: the entity token of their subjects and their desired-state event. */
export const targetKinds = {
  user: { token: targetKindTokens.user, desired: MappingUserDesired },
  queue: { token: targetKindTokens.queue, desired: MappingQueueDesired },
  skill: { token: targetKindTokens.skill, desired: MappingSkillDesired },
  language: { token: targetKindTokens.language, desired: MappingLanguageDesired },
  wrapUpCode: { token: targetKindTokens.wrapUpCode, desired: MappingWrapUpCodeDesired },
  secondaryStatus: { token: targetKindTokens.secondaryStatus, desired: MappingSecondaryStatusDesired },
} as const satisfies Record<TargetKind, { token: string; desired: EventDefinition }>;
