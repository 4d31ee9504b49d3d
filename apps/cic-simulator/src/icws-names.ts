/**
 * Every ICWS name the simulator speaks: paths, `__type` URNs, property names, headers.
 *
 * They come from the ICWS research notes (pureconnect-icws.md, §3). Names the notes mark [INF] were
 * not confirmed by any public source; they are used exactly as the notes suggest and are flagged `[INF]` here, so
 * a correction is a one-line change in this file.
 */

export const ICWS = {
  basePath: '/icws',

  headers: {
    /** [INF] header name, as the notes suggest (§3.1); the same name is required on every later request. */
    csrfToken: 'ININ-ICWS-CSRF-Token',
    /** [INF] header name (§3.1). */
    sessionId: 'ININ-ICWS-Session-ID',
    acceptLanguage: 'accept-language',
    range: 'range',
    contentRange: 'Content-Range',
    wwwAuthenticate: 'WWW-Authenticate',
  },
  /** 401 challenge, as quoted in §3.1. */
  wwwAuthenticateValue: 'ICWS realm="ICWS" location="/ICWS/connection"',
  /** [INF] session cookie name `icws_<sessionId>` (§3.1). */
  sessionCookie: (sessionId: string) => `icws_${sessionId}`,

  connectionTypes: {
    icAuth: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
    authToken: 'urn:inin.com:connection:authTokenConnectionRequestSettings',
  },

  /** Connection request and response fields (§3.1). */
  connection: {
    type: '__type',
    applicationName: 'applicationName',
    userID: 'userID',
    password: 'password',
    authToken: 'authToken',
    authTokenSeed: 'authTokenSeed',
    csrfToken: 'csrfToken',
    sessionId: 'sessionId',
    alternateHostList: 'alternateHostList',
    icServer: 'icServer',
    userDisplayName: 'userDisplayName',
    features: 'features',
    featureInfoList: 'featureInfoList',
    featureId: 'featureId',
    version: 'version',
    connectionState: 'connectionState',
    /** connection state enum: none=0, up=1, down=2 (§3.1). */
    connectionStateUp: 1,
  },
  /** [INF] `GET /icws/connection/version` fields; the notes name the endpoint but not its body. */
  serverVersion: { majorVersion: 22, minorVersion: 1, su: 0, productReleaseDisplayString: '2022 R1' },

  /** Features advertised by POST /icws/connection and GET /icws/connection/features (§3.1). */
  features: ['connection', 'configuration', 'messaging', 'status'] as const,
  /** [INF] feature versions other than messaging (which is configurable; 2 = server-sent events). */
  featureVersions: { connection: 3, configuration: 11, status: 4 },

  /** Configuration object types (path segment of /configuration/{type}) (§3.2). */
  objectTypes: {
    users: 'users',
    workgroups: 'workgroups',
    skills: 'skills',
    wrapUpCodes: 'wrap-up-codes',
  },
  skillCategories: 'skill-categories',

  /** Subscription request bodies (§3.5, §3.6). */
  subscription: {
    configurationIds: 'configurationIds',
    properties: 'properties',
    rightsFilter: 'rightsFilter',
    userIds: 'userIds',
    wildcard: '*',
  },

  /** Message `__type` per subscription (§3.5, §3.6). */
  messages: {
    users: 'urn:inin.com:configuration.people:usersMessage',
    /** [INF] analogue of usersMessage (§3.5). */
    workgroups: 'urn:inin.com:configuration.people:workgroupsMessage',
    /** [INF] the notes offer `configuration.people` or `configuration.acd`; `configuration.people` is used (§3.5). */
    skills: 'urn:inin.com:configuration.people:skillsMessage',
    /** [INF] (§3.5). */
    wrapUpCodes: 'urn:inin.com:configuration.system:wrapUpCodesMessage',
    statusMessages: 'urn:inin.com:status:statusMessagesMessage',
    userStatuses: 'urn:inin.com:status:userStatusMessage',
  },

  /** Common configuration properties (§3.2); `{id, displayName, uri}` is the shape of every reference. */
  common: {
    configurationId: 'configurationId',
    id: 'id',
    displayName: 'displayName',
    uri: 'uri',
    createdDate: 'createdDate',
    lastModifiedDate: 'lastModifiedDate',
    notes: 'notes',
  },

  /** User properties (§3.3). */
  user: {
    extension: 'extension',
    personalInformationProperties: 'personalInformationProperties',
    givenName: 'givenName',
    surname: 'surname',
    emailAddress: 'emailAddress',
    departmentName: 'departmentName',
    title: 'title',
    /** [INF] IA "Business" phone (§3.3). */
    businessNumber: 'businessNumber',
    /** [INF] IA "Business 2" phone (§3.3). */
    business2Number: 'business2Number',
    /** [INF] IA "Mobile" phone (§3.3). */
    mobileNumber: 'mobileNumber',
    /** [INF] IA "Home" phone (§3.3). */
    homeNumber: 'homeNumber',
    /** [INF] IA "Fax" (§3.3). */
    faxNumber: 'faxNumber',
    mailboxProperties: 'mailboxProperties',
    workgroups: 'workgroups',
    /** Inherited property: `{actualValue, effectiveValue}` (§3.2). */
    skills: 'skills',
    actualValue: 'actualValue',
    effectiveValue: 'effectiveValue',
    proficiency: 'proficiency',
    desireToUse: 'desireToUse',
    /**
     * [INF] IA user > Security > Administrative Rights; `masterAdministrator` is the Master Administrator box. The
     * notes name roles and rights filters but not this property; the console reads it to let a CIC admin sign in.
     */
    administrativeRights: 'administrativeRights',
    masterAdministrator: 'masterAdministrator',
  },

  /** Workgroup properties (§3.4). */
  workgroup: {
    members: 'members',
    /** [INF] (§3.4). */
    hasQueue: 'hasQueue',
    /** [INF] (§3.4); values are the IA labels (§2). */
    queueType: 'queueType',
    /** [INF] same item shape as user skills (§3.4). */
    skills: 'skills',
    /** [INF] (§3.4). */
    wrapUpCodes: 'wrapUpCodes',
    /** [INF] (§3.4). */
    isActive: 'isActive',
    extension: 'extension',
  },

  /** Skill properties (§3.4). */
  skill: {
    /** [INF] (§3.4). */
    treatAsLanguage: 'treatAsLanguage',
    /** [INF] (§3.4). */
    skillCategory: 'skillCategory',
  },

  /** Wrap-up code properties (§3.4): [INF] optional `label` and `category`. */
  wrapUpCode: {
    label: 'label',
    category: 'category',
  },

  /** Configuration messages (§3.5). `subscriptionId` on the message is [INF]. */
  configMessage: {
    isDelta: 'isDelta',
    added: 'added',
    changed: 'changed',
    removed: 'removed',
    subscriptionId: 'subscriptionId',
  },

  /**
   * [INF] Custom notifications (issue 19): a session POSTs `{objectId, eventId, data}` to the send path; every
   * session subscribed to that header pair gets it as a message of `messageType`. Not confirmed by a public source.
   */
  customNotification: {
    sendPath: 'system/handler-notification',
    subscriptionPath: 'system/handler-sent-notifications',
    messageType: 'urn:inin.com:system:handlerSentNotificationsMessage',
    headers: 'headers',
    objectId: 'objectId',
    eventId: 'eventId',
    data: 'data',
  },
  /** Status (§3.6). */
  status: {
    statusMessageList: 'statusMessageList',
    statusMessagesAdded: 'statusMessagesAdded',
    statusMessagesChanged: 'statusMessagesChanged',
    statusMessagesRemoved: 'statusMessagesRemoved',
    userStatusList: 'userStatusList',
  },

  /** A status definition (§3.6; `isAcdStatus`, not Go's `isACDStatus`). */
  statusMessage: {
    statusId: 'statusId',
    messageText: 'messageText',
    iconUri: 'iconUri',
    groupTag: 'groupTag',
    systemId: 'systemId',
    canHaveDate: 'canHaveDate',
    canHaveTime: 'canHaveTime',
    isDoNotDisturbStatus: 'isDoNotDisturbStatus',
    isSelectableStatus: 'isSelectableStatus',
    isPersistentStatus: 'isPersistentStatus',
    isForwardStatus: 'isForwardStatus',
    isAfterCallWorkStatus: 'isAfterCallWorkStatus',
    isAcdStatus: 'isAcdStatus',
    isAllowFollowUpStatus: 'isAllowFollowUpStatus',
  },

  /** A user's current status (§3.6). */
  userStatus: {
    userId: 'userId',
    statusId: 'statusId',
    statusChanged: 'statusChanged',
    notes: 'notes',
    /** [INF] the property name; the reference names only the type `urn:inin.com:status:userStatusUntil`. */
    until: 'userStatusUntil',
    icServers: 'icServers',
    stations: 'stations',
    loggedIn: 'loggedIn',
    onPhone: 'onPhone',
    onPhoneChanged: 'onPhoneChanged',
  },

  /** `userStatusUntil` (§3.6). */
  statusUntil: {
    type: 'urn:inin.com:status:userStatusUntil',
    untilDateTime: 'untilDateTime',
    hasDate: 'hasDate',
    hasTime: 'hasTime',
  },

  /**
   * Queue watches (§3.5, §3.8): `PUT /icws/{sid}/messaging/subscriptions/queues/{subscriptionId}` with the queues
   * and the attributes wanted; messages `queueContentsMessage`. [INF] every name below but the message URN and
   * the `Eic_` prefix: the reference lists the attributes as unverified, so they live here alone, one line each.
   */
  queues: {
    subscriptionPath: 'queues',
    message: 'urn:inin.com:queues:queueContentsMessage',
    /** [INF] request body. */
    queueIds: 'queueIds',
    queueType: 'queueType',
    queueName: 'queueName',
    attributeNames: 'attributeNames',
    /** [INF] queue type enum: 1 user queue, 2 workgroup queue. */
    workgroupQueueType: 2,
    /** [INF] message arrays. */
    interactionsAdded: 'interactionsAdded',
    interactionsChanged: 'interactionsChanged',
    interactionsRemoved: 'interactionsRemoved',
    interactionId: 'interactionId',
    attributes: 'attributes',
  },

  /** Interaction attributes (§3.8); every one [INF]. Dates are ICWS dates with milliseconds. */
  attributes: {
    callId: 'Eic_CallId',
    /** Call, Chat, Email, Callback. */
    objectType: 'Eic_ObjectType',
    /** I inbound, O outbound. */
    callDirection: 'Eic_CallDirection',
    /** O offering (queued), A alerting, C connected, H held, I disconnected locally, E disconnected remotely. */
    state: 'Eic_State',
    stateChangeTime: 'Eic_StateChangeTime',
    workgroupName: 'Eic_WorkgroupName',
    userName: 'Eic_UserName',
    remoteAddress: 'Eic_RemoteAddress',
    remoteName: 'Eic_RemoteName',
    localAddress: 'Eic_LocalAddress',
    initiationTime: 'Eic_InitiationTime',
    connectTime: 'Eic_ConnectTime',
    terminationTime: 'Eic_TerminationTime',
    /** Skills the interaction asks for, separated by `|`. */
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

/** [INF] interaction attribute dates: the ICWS format with milliseconds, `yyyyMMddTHHmmss.SSSZ`. */
export function icwsDateMs(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

/** The ICWS wire date format `yyyyMMddTHHmmssZ` (§3.1). */
export function icwsDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export type ConfigKind = 'users' | 'workgroups' | 'skills' | 'wrapUpCodes';
export const CONFIG_KINDS: readonly ConfigKind[] = ['users', 'workgroups', 'skills', 'wrapUpCodes'];

/** The path segment of each configuration kind, and back. */
export function kindFromSegment(segment: string): ConfigKind | undefined {
  return CONFIG_KINDS.find((kind) => ICWS.objectTypes[kind] === segment);
}

/** The `uri` of a configuration item, as in `{id, displayName, uri}` (§3.2). */
export function configUri(kind: ConfigKind, id: string): string {
  return `/configuration/${ICWS.objectTypes[kind]}/${encodeURIComponent(id)}`;
}
