/**
 * Every ICWS name our client speaks: paths, `__type` URNs, headers and property names. Modelled from the research
 * notes (../shared/reference/pureconnect-icws.md §3) on their own, never from the simulator, so a wrong name
 * cannot agree with itself. Names the notes mark [INF] (inferred, not confirmed by a public source) are flagged:
 * a correction is a one-line change here.
 */
export const ICWS = {
  basePath: '/icws',
  headers: {
    /** [INF] §3.1: the CSRF header every request after connect carries. */
    csrfToken: 'ININ-ICWS-CSRF-Token',
    /** [INF] §3.1. */
    sessionId: 'ININ-ICWS-Session-ID',
    acceptLanguage: 'Accept-Language',
    range: 'Range',
    contentRange: 'Content-Range',
  },
  connection: {
    path: '/icws/connection',
    /** §3.1: the user id and password connection request. */
    icAuthType: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
    include: 'features,version',
  },
  /** §3.1: feature ids; server-sent events need `messaging` ≥ 2. */
  features: { messaging: 'messaging' },
  /** §3.2: path segment of /configuration/{objectType}. */
  objectTypes: {
    user: 'users',
    workgroup: 'workgroups',
    skill: 'skills',
    wrapUpCode: 'wrap-up-codes',
  },
  /** §3.5 message `__type` per configuration subscription. */
  messageTypes: {
    user: 'urn:inin.com:configuration.people:usersMessage',
    /** [INF] §3.5. */
    workgroup: 'urn:inin.com:configuration.people:workgroupsMessage',
    /** [INF] §3.5 offers `configuration.people` or `configuration.acd`. */
    skill: 'urn:inin.com:configuration.people:skillsMessage',
    /** [INF] §3.5. */
    wrapUpCode: 'urn:inin.com:configuration.system:wrapUpCodesMessage',
  },
  message: {
    type: '__type',
    isDelta: 'isDelta',
    added: 'added',
    changed: 'changed',
    removed: 'removed',
  },
  common: { configurationId: 'configurationId', id: 'id', displayName: 'displayName' },
  user: {
    personalInformationProperties: 'personalInformationProperties',
    /** [INF] §3.3: IA "Business Email". */
    emailAddress: 'emailAddress',
    /** [INF] §3.3 phone names (the IA labels Business, Business 2, Mobile, Home, Fax). */
    phones: {
      business: 'businessNumber',
      business2: 'business2Number',
      mobile: 'mobileNumber',
      home: 'homeNumber',
      fax: 'faxNumber',
    },
    /** §3.2: inherited, `{actualValue, effectiveValue}`; `actualValue` holds the directly assigned skills. */
    skills: 'skills',
    actualValue: 'actualValue',
    proficiency: 'proficiency',
    desireToUse: 'desireToUse',
  },
  workgroup: {
    members: 'members',
    /** [INF] §3.4. */
    hasQueue: 'hasQueue',
    /** [INF] §3.4. */
    queueType: 'queueType',
    /** [INF] §3.4: same item shape as user skills. */
    skills: 'skills',
    /** [INF] §3.4. */
    wrapUpCodes: 'wrapUpCodes',
    /** [INF] §3.4. */
    isActive: 'isActive',
  },
  skill: {
    /** [INF] §3.4. */
    treatAsLanguage: 'treatAsLanguage',
  },
} as const;

const U = ICWS.user;
const W = ICWS.workgroup;

/**
 * The properties each configuration subscription asks for: only what the contracts carry, so a change to
 * anything else (a user's inherited skills, a member's display name) mostly never reaches us. Dotted paths reach
 * inside objects; `*` is not used because it cannot be combined with `configurationIds: ['*']` (§3.5).
 */
export const SUBSCRIBED_PROPERTIES = {
  user: [
    `${U.personalInformationProperties}.${U.emailAddress}`,
    ...Object.values(U.phones).map((name) => `${U.personalInformationProperties}.${name}`),
    `${U.skills}.${U.actualValue}`,
  ],
  workgroup: [W.queueType, W.hasQueue, W.isActive, W.members, W.skills, W.wrapUpCodes],
  skill: [ICWS.skill.treatAsLanguage],
  wrapUpCode: [],
} as const satisfies Record<keyof typeof ICWS.objectTypes, readonly string[]>;
