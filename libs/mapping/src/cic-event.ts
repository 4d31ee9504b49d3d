import type {
  CicSkillChanged,
  CicSkillRemoved,
  CicUserChanged,
  CicUserRemoved,
  CicWorkgroupChanged,
  CicWorkgroupRemoved,
  CicWrapUpCodeChanged,
  CicWrapUpCodeRemoved,
  EventData,
} from '@bridge/contracts';

/** The CIC events the projection follows: only `type` and `data` matter, so a decoded envelope fits. */
export type CicEvent =
  | { readonly type: 'CicUserChanged'; readonly data: EventData<typeof CicUserChanged> }
  | { readonly type: 'CicUserRemoved'; readonly data: EventData<typeof CicUserRemoved> }
  | { readonly type: 'CicWorkgroupChanged'; readonly data: EventData<typeof CicWorkgroupChanged> }
  | { readonly type: 'CicWorkgroupRemoved'; readonly data: EventData<typeof CicWorkgroupRemoved> }
  | { readonly type: 'CicSkillChanged'; readonly data: EventData<typeof CicSkillChanged> }
  | { readonly type: 'CicSkillRemoved'; readonly data: EventData<typeof CicSkillRemoved> }
  | { readonly type: 'CicWrapUpCodeChanged'; readonly data: EventData<typeof CicWrapUpCodeChanged> }
  | { readonly type: 'CicWrapUpCodeRemoved'; readonly data: EventData<typeof CicWrapUpCodeRemoved> };

const cicEventTypes: ReadonlySet<string> = new Set<CicEvent['type']>([
  'CicUserChanged',
  'CicUserRemoved',
  'CicWorkgroupChanged',
  'CicWorkgroupRemoved',
  'CicSkillChanged',
  'CicSkillRemoved',
  'CicWrapUpCodeChanged',
  'CicWrapUpCodeRemoved',
]);

/** Whether a decoded event is one the projection follows (the `cic.>` stream may carry others later). */
export function isCicEvent<E extends { readonly type: string }>(event: E): event is E & CicEvent {
  return cicEventTypes.has(event.type);
}
