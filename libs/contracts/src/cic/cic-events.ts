import { cicSkillSchema, cicUserSchema, cicWorkgroupSchema, cicWrapUpCodeSchema } from './cic-objects';
import { defineCicObjectEvents } from './cic-object-events';

/** A CIC user was added or changed; `user` is its whole synced state. */
export const { changed: CicUserChanged, removed: CicUserRemoved } = defineCicObjectEvents(
  'user',
  { changed: 'CicUserChanged', removed: 'CicUserRemoved' },
  cicUserSchema,
);

/** A CIC workgroup was added or changed (members, skills and wrap-up codes included). */
export const { changed: CicWorkgroupChanged, removed: CicWorkgroupRemoved } = defineCicObjectEvents(
  'workgroup',
  { changed: 'CicWorkgroupChanged', removed: 'CicWorkgroupRemoved' },
  cicWorkgroupSchema,
);

/** A CIC skill was added or changed (Treat as Language included). */
export const { changed: CicSkillChanged, removed: CicSkillRemoved } = defineCicObjectEvents(
  'skill',
  { changed: 'CicSkillChanged', removed: 'CicSkillRemoved' },
  cicSkillSchema,
);

/** A CIC wrap-up code was added or changed. */
export const { changed: CicWrapUpCodeChanged, removed: CicWrapUpCodeRemoved } = defineCicObjectEvents(
  'wrapUpCode',
  { changed: 'CicWrapUpCodeChanged', removed: 'CicWrapUpCodeRemoved' },
  cicWrapUpCodeSchema,
);
