/**
 * Every ICWS name our client speaks: paths, `__type` URNs, headers and property names. Modelled from the research
 * notes (pureconnect-icws.md §3) on their own, never from the simulator, so a wrong name cannot agree with itself.
 * Names the notes mark [INF] (inferred, not confirmed by a public source) are flagged: a correction is a one-line
 * change here.
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
    /** §3.1: the one-time auth token connection request. */
    authTokenType: 'urn:inin.com:connection:authTokenConnectionRequestSettings',
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
    /** §3.3: `mailboxProperties.emailAddress`, the mailbox address (same `emailAddress` name inside it). */
    mailboxProperties: 'mailboxProperties',
    /**
     * [INF] IA user > Security > Administrative Rights, and its Master Administrator box: the notes name roles and
     * rights filters, not this property. The console signs in a CIC user as an operator only when it is true.
     */
    administrativeRights: 'administrativeRights',
    masterAdministrator: 'masterAdministrator',
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
  /**
   * [INF] Custom notifications (issue 19, ADR 0013): ICWS's way to reach an agent's Interaction Connect session
   * from the server side. A POST sends one `{objectId, eventId, data}`; a client subscribed to that header pair
   * (PUT `{headers: [{objectId, eventId}]}`) receives it as a message of `messageType`. Paths and type are not
   * confirmed by a public source.
   */
  customNotification: {
    sendPath: '/system/handler-notification',
    subscriptionPath: '/messaging/subscriptions/system/handler-sent-notifications',
    messageType: 'urn:inin.com:system:handlerSentNotificationsMessage',
    headers: 'headers',
    objectId: 'objectId',
    eventId: 'eventId',
    data: 'data',
  },
  /** §3.6: user statuses and status message definitions (presence). */
  status: {
    /** PUT {userIds} replaces the subscription's user list; its first message is a snapshot of those users. */
    userStatusesPath: '/messaging/subscriptions/status/user-statuses',
    statusMessagesPath: '/messaging/subscriptions/status/status-messages',
    userIds: 'userIds',
    userStatusMessageType: 'urn:inin.com:status:userStatusMessage',
    statusMessagesMessageType: 'urn:inin.com:status:statusMessagesMessage',
    userStatusList: 'userStatusList',
    /** Added and changed carry full objects, removed the status ids alone. */
    statusMessagesAdded: 'statusMessagesAdded',
    statusMessagesChanged: 'statusMessagesChanged',
    statusMessagesRemoved: 'statusMessagesRemoved',
  },
  userStatus: {
    userId: 'userId',
    statusId: 'statusId',
    /** ICWS date `yyyyMMddTHHmmssZ`. */
    statusChanged: 'statusChanged',
    loggedIn: 'loggedIn',
    onPhone: 'onPhone',
    onPhoneChanged: 'onPhoneChanged',
    notes: 'notes',
    /**
     * [INF] §3.6 names the type `urn:inin.com:status:userStatusUntil` `{untilDateTime, hasDate, hasTime}`, for
     * statuses that carry a date or time, but not the property holding it.
     */
    userStatusUntil: 'userStatusUntil',
    untilDateTime: 'untilDateTime',
    hasDate: 'hasDate',
    hasTime: 'hasTime',
  },
  /** §3.6: `isAcdStatus` as the JS SDK and Ruby spell it (Go's `isACDStatus` is not used). */
  statusMessage: {
    statusId: 'statusId',
    messageText: 'messageText',
    groupTag: 'groupTag',
    flags: [
      'isAcdStatus',
      'isAfterCallWorkStatus',
      'isDoNotDisturbStatus',
      'isSelectableStatus',
      'isPersistentStatus',
      'isForwardStatus',
      'isAllowFollowUpStatus',
      'canHaveDate',
      'canHaveTime',
    ],
  },
  /**
   * §3.5, §3.8: queue watches. The message URN and the `Eic_` convention are sourced; every other name here is
   * [INF] (the reference lists interaction attributes as unverified), kept in this one table so a correction is
   * a one-line change.
   */
  queues: {
    /** PUT {queueIds, attributeNames}; its first message lists what is in the queues now (`isDelta: false`). */
    subscriptionPath: (subscriptionId: string) =>
      `/messaging/subscriptions/queues/${encodeURIComponent(subscriptionId)}`,
    messageType: 'urn:inin.com:queues:queueContentsMessage',
    queueIds: 'queueIds',
    queueType: 'queueType',
    queueName: 'queueName',
    /** [INF] queue type enum: 2 = workgroup queue. */
    workgroupQueueType: 2,
    attributeNames: 'attributeNames',
    subscriptionId: 'subscriptionId',
    interactionsAdded: 'interactionsAdded',
    interactionsChanged: 'interactionsChanged',
    interactionsRemoved: 'interactionsRemoved',
    interactionId: 'interactionId',
    attributes: 'attributes',
  },
  /** §3.8 interaction attributes, every one [INF]. Dates are ICWS dates, with milliseconds where CIC gives them. */
  interaction: {
    /** Call, Chat, Email, Callback (other object types are not ACD interactions the bridge replicates). */
    objectType: 'Eic_ObjectType',
    /** I inbound, O outbound. */
    callDirection: 'Eic_CallDirection',
    /** O offering (queued), A alerting, C connected, H held, I disconnected by CIC's side, E by the remote. */
    state: 'Eic_State',
    /** When `Eic_State` last changed. */
    stateChangeTime: 'Eic_StateChangeTime',
    workgroupName: 'Eic_WorkgroupName',
    /** The agent (CIC user id). */
    userName: 'Eic_UserName',
    remoteAddress: 'Eic_RemoteAddress',
    remoteName: 'Eic_RemoteName',
    localAddress: 'Eic_LocalAddress',
    initiationTime: 'Eic_InitiationTime',
    connectTime: 'Eic_ConnectTime',
    terminationTime: 'Eic_TerminationTime',
    /** Skill ids separated by `|`. */
    acdSkills: 'Eic_AcdSkills',
    language: 'Eic_Language',
    acwStartTime: 'Eic_AcwStartTime',
    acwEndTime: 'Eic_AcwEndTime',
    wrapUpCode: 'Eic_WrapUpCode',
    disconnectReason: 'Eic_DisconnectReason',
    /** The users the agent conferenced in and still on it, ids separated by `|`. */
    conferenceMembers: 'Eic_ConferenceMembers',
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
    `${U.mailboxProperties}.${U.emailAddress}`,
    ...Object.values(U.phones).map((name) => `${U.personalInformationProperties}.${name}`),
    `${U.skills}.${U.actualValue}`,
  ],
  workgroup: [W.queueType, W.hasQueue, W.isActive, W.members, W.skills, W.wrapUpCodes],
  skill: [ICWS.skill.treatAsLanguage],
  wrapUpCode: [],
} as const satisfies Record<keyof typeof ICWS.objectTypes, readonly string[]>;

/** What an item's property means when the server leaves it out. */
export interface AbsentProperty {
  /** The ICWS property, dotted from the item. */
  readonly path: string;
  /** The name is inferred ([INF] in the notes): a wrong guess shows as the property missing from every item. */
  readonly inferred: boolean;
  /** The value read in its place, in the contracts' terms (undefined: the field stays unset). */
  readonly default: unknown;
  /** What that means, for the warning and the docs. */
  readonly meaning: string;
}

const C = ICWS.common;
const displayName: AbsentProperty = {
  path: `${C.configurationId}.${C.displayName}`,
  inferred: false,
  default: undefined,
  meaning: 'no display name: the id stands in for the name',
};
const phone = (name: string, label: string): AbsentProperty => ({
  path: `${U.personalInformationProperties}.${name}`,
  inferred: true,
  default: undefined,
  meaning: `no ${label} phone`,
});

/**
 * Every property an item may lack, by kind, and the default it takes: ICWS leaves out properties whose value is
 * NULL (§3.2), and a name we inferred wrongly is missing from every item. Either way the item is still read, with
 * these defaults, and cic-ingestion warns once per property (CicMirror reports the defaults it applied). Only
 * `configurationId.id` is required. libs/cic-sync/README.md shows this table; keep the two in step.
 */
export const ABSENT_PROPERTIES = {
  user: {
    displayName,
    businessEmail: {
      path: `${U.personalInformationProperties}.${U.emailAddress}`,
      inferred: true,
      default: undefined,
      meaning: 'no business email (the mailbox email stands in)',
    },
    mailboxEmail: {
      path: `${U.mailboxProperties}.${U.emailAddress}`,
      inferred: false,
      default: undefined,
      meaning: 'no mailbox email',
    },
    business: phone(U.phones.business, 'Business'),
    business2: phone(U.phones.business2, 'Business 2'),
    mobile: phone(U.phones.mobile, 'Mobile'),
    home: phone(U.phones.home, 'Home'),
    fax: phone(U.phones.fax, 'Fax'),
    skills: {
      path: `${U.skills}.${U.actualValue}`,
      inferred: false,
      default: [],
      meaning: 'no skills assigned directly',
    },
  },
  workgroup: {
    displayName,
    queueType: {
      path: W.queueType,
      inferred: true,
      default: 'ACD',
      meaning: "Interaction Administrator's default queue type, ACD (§2)",
    },
    hasQueue: {
      path: W.hasQueue,
      inferred: true,
      default: true,
      meaning: "has a queue unless its queue type is 'None'",
    },
    isActive: { path: W.isActive, inferred: true, default: true, meaning: 'active' },
    members: { path: W.members, inferred: false, default: [], meaning: 'no members' },
    skills: { path: W.skills, inferred: true, default: [], meaning: 'no skills' },
    wrapUpCodes: { path: W.wrapUpCodes, inferred: true, default: [], meaning: 'no wrap-up codes' },
  },
  skill: {
    displayName,
    treatAsLanguage: {
      path: ICWS.skill.treatAsLanguage,
      inferred: true,
      default: false,
      meaning: 'an ACD skill, not a language (the check box unchecked)',
    },
  },
  wrapUpCode: { displayName },
} as const satisfies Record<keyof typeof ICWS.objectTypes, Record<string, AbsentProperty>>;
