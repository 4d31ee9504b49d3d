import type { CicObjectKind } from './cic/cic-object-events';
import type { EventData, EventDefinition } from './envelope';
import { cicKinds, targetKinds } from './kinds';
import type { TargetKind } from './mapping/target-kind-tokens';
import { eventDefinitionOf } from './registry';

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
