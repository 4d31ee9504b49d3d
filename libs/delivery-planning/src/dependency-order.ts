import type { DesiredQueue, DesiredUser, TargetKind } from '@bridge/contracts';

/**
 * DESIGN §2: skills, languages, wrap-up codes and secondary statuses before users; users and queues before memberships (a queue's
 * members are set with the queue, so queues come after users). Lower drains first.
 */
export const kindPriority: Readonly<Record<TargetKind, number>> = {
  skill: 0,
  language: 0,
  wrapUpCode: 0,
  secondaryStatus: 0,
  user: 1,
  queue: 2,
};

/** Another record an object's document refers to, by its kind and CIC key. */
export interface Dependency {
  readonly kind: TargetKind;
  readonly key: string;
}

export function dependenciesOf(
  document: { kind: 'user'; desired: DesiredUser } | { kind: 'queue'; desired: DesiredQueue },
): Dependency[] {
  if (document.kind === 'user')
    return [
      ...document.desired.routingSkills.map(({ key }) => ({ kind: 'skill' as const, key })),
      ...document.desired.routingLanguages.map(({ key }) => ({ kind: 'language' as const, key })),
    ];
  return [
    ...document.desired.memberKeys.map((key) => ({ kind: 'user' as const, key })),
    ...document.desired.wrapUpCodeKeys.map((key) => ({ kind: 'wrapUpCode' as const, key })),
  ];
}
