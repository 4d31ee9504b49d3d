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
import type { EventData, EventDefinition } from './envelope';
import { targetKindTokens, type TargetKind } from './mapping/target-kind-tokens';
import {
  MappingLanguageDesired,
  MappingQueueDesired,
  MappingSkillDesired,
  MappingUserDesired,
  MappingWrapUpCodeDesired,
} from './mapping/desired-state-events';
import { eventDefinitionOf } from './registry';

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
} as const satisfies Record<TargetKind, { token: string; desired: EventDefinition }>;

type CicEventDefinition = (typeof cicKinds)[CicObjectKind]['changed' | 'removed'];

/** A CIC event as its consumers see it: only `type` and `data` matter, so a decoded envelope fits. */
export type CicEvent = {
  [D in CicEventDefinition as D['type']]: { readonly type: D['type']; readonly data: EventData<D> };
}[CicEventDefinition['type']];

export type CicChange = 'changed' | 'removed';

const cicKindByDefinition = new Map<EventDefinition, { kind: CicObjectKind; change: CicChange }>(
  (Object.keys(cicKinds) as CicObjectKind[]).flatMap((kind) => [
    [cicKinds[kind].changed, { kind, change: 'changed' }],
    [cicKinds[kind].removed, { kind, change: 'removed' }],
  ]),
);

const targetKindByDefinition = new Map<EventDefinition, TargetKind>(
  (Object.keys(targetKinds) as TargetKind[]).map((kind) => [targetKinds[kind].desired, kind]),
);

/** The CIC kind and change an event type stands for (`CicUserRemoved` → user, removed), former types included. */
export function cicKindOf(type: string): { kind: CicObjectKind; change: CicChange } | undefined {
  const definition = eventDefinitionOf(type);
  return definition && cicKindByDefinition.get(definition);
}

/** The target kind whose desired-state event this type is (`MappingQueueDesired` → queue), former types included. */
export function targetKindOf(type: string): TargetKind | undefined {
  const definition = eventDefinitionOf(type);
  return definition && targetKindByDefinition.get(definition);
}

/** Whether an event is a CIC event (the `cic.>` stream may carry others later). */
export function isCicEvent<E extends { readonly type: string }>(event: E): event is E & CicEvent {
  return cicKindOf(event.type) !== undefined;
}

/** The CIC object an event is about. */
export function cicObjectOf(event: CicEvent): { kind: CicObjectKind; id: string } {
  const meaning = cicKindOf(event.type);
  if (!meaning) throw new TypeError(`not a CIC event type: ${event.type}`);
  const { kind, change } = meaning;
  const id =
    change === 'removed'
      ? (event.data as { id: string }).id
      : (event.data as Record<CicObjectKind, { id: string }>)[kind].id;
  return { kind, id };
}
