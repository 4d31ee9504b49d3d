import {
  targetKinds,
  type EventData,
  type MappingSkillDesired,
  type MappingQueueDesired,
  type MappingUserDesired,
  type TargetKind,
} from '@bridge/contracts';

/** The kinds this lib maps from the configuration projection; secondary statuses come from the presence rules. */
export type ConfigurationTargetKind = Exclude<TargetKind, 'secondaryStatus'>;

/** One Genesys Cloud object the bridge manages, named by its kind and the CIC id it comes from. */
export interface Target {
  readonly kind: ConfigurationTargetKind;
  readonly key: string;
}

export type DesiredUserState = EventData<typeof MappingUserDesired>;
export type DesiredQueueState = EventData<typeof MappingQueueDesired>;
export type DesiredNamedState = EventData<typeof MappingSkillDesired>;
export type DesiredState = DesiredUserState | DesiredQueueState | DesiredNamedState;

/** A string naming a target, unique across kinds (`user:John.Smith`); CIC ids may contain `:`, kinds do not. */
export function targetId(target: Target): string {
  return `${target.kind}:${target.key}`;
}

export function parseTargetId(id: string): Target {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  if (colon < 1 || !(kind in targetKinds) || kind === 'secondaryStatus')
    throw new RangeError(`not a target id: ${id}`);
  return { kind: kind as ConfigurationTargetKind, key: id.slice(colon + 1) };
}
