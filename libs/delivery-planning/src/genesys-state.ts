import type { SystemPresence } from '@bridge/contracts';

/** What the bridge knows of one Genesys Cloud object: the last state it read or wrote. */
export interface PhoneNumber {
  readonly type: string;
  readonly value: string;
}

/** A skill or language assignment as SCIM spells it: by name, proficiency 0–5. */
export interface RoutingAssignment {
  readonly name: string;
  readonly proficiency: number;
}

/** The SCIM fields of a user the bridge writes. */
export interface UserFields {
  readonly userName: string;
  readonly displayName: string;
  readonly externalId: string;
  readonly phoneNumbers: readonly PhoneNumber[];
  readonly routingSkills: readonly RoutingAssignment[];
  readonly routingLanguages: readonly RoutingAssignment[];
}

export interface ActualUser extends Omit<UserFields, 'externalId'> {
  readonly id: string;
  readonly active: boolean;
  readonly externalId?: string;
}

export interface ActualQueue {
  readonly id: string;
  readonly name: string;
  readonly memberIds: readonly string[];
  readonly wrapUpCodeIds: readonly string[];
}

/** A secondary status: a presence definition of type User under a system presence. */
export interface ActualSecondaryStatus {
  readonly id: string;
  readonly name: string;
  readonly systemPresence: SystemPresence;
}

/** Skills, languages and wrap-up codes: a name and an id. */
export interface ActualNamedObject {
  readonly id: string;
  readonly name: string;
}
