import type { DesiredUser } from '@bridge/contracts';

/** The smallest desired user a store accepts: named, with no phones, skills or languages. */
export const desiredUser = (userName: string): DesiredUser => ({
  externalId: userName,
  userName,
  displayName: userName,
  phoneNumbers: [],
  routingSkills: [],
  routingLanguages: [],
});
