/** Genesys Cloud object kinds and the entity token of their subjects; consumers read them through kinds.ts. */
export const targetKindTokens = {
  user: 'user',
  queue: 'queue',
  skill: 'skill',
  language: 'language',
  wrapUpCode: 'wrap-up-code',
  secondaryStatus: 'secondary-status',
} as const;
export type TargetKind = keyof typeof targetKindTokens;
