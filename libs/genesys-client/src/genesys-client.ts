import type { AttemptCall, DesiredSecondaryStatus, SystemPresence } from '@bridge/contracts';
import type {
  ActualNamedObject,
  ActualSecondaryStatus,
  ActualUser,
  BatchEventError,
  NamedObjectKind,
  OutOfOfficeChange,
  RoutingAssignment,
  UserChanges,
  UserFields,
  UserPresenceEvent,
  UserRoutingStatusEvent,
} from '@bridge/delivery-planning';
import * as platformClient from 'purecloud-platform-client-v2';
import { attemptCallOf, type SentRequest } from './attempt-call';
import { GenesysFailure, toGenesysFailure } from './genesys-failure';
import { countRequests, logins, retryAfterSeconds } from './genesys-metrics';
import type { GenesysTarget } from './target';

interface SdkConfiguration {
  logger: { log: () => void };
  live_reload_config: boolean;
}

function sdkConfigOf(api: ApiClient): SdkConfiguration {
  return (api as unknown as { config: SdkConfiguration }).config;
}

// Every SDK client (the singleton made when the SDK loads, and each of ours) polls ~/.genesyscloudjavascript/config
// and re-reads it whenever it changes (its log and host settings). The bridge takes its settings from its own
// configuration only; and a poll that fires after a test has torn its modules down fails the run.
sdkConfigOf(platformClient.ApiClient.instance).live_reload_config = false;

/** A presigned upload: PUT the file to `url` with `headers`; `uploadKey` names it to validate. */
export interface HistoricalDataUpload {
  readonly url: string;
  readonly uploadKey: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A historical data import as Genesys reports it (`HistoricalImportStatus`). */
export interface HistoricalImport {
  readonly requestId?: string;
  readonly status?: string;
  readonly error?: string;
  readonly fileName?: string;
  readonly fileSize?: number;
  readonly active?: boolean;
  readonly dateImportEnded?: string;
}

/** The caller's rate budget: `acquire` resolves when one request may go out; a 429 blocks it. */
export interface RequestGate {
  acquire(): Promise<void>;
  rateLimited(retryAfterMs: number): Promise<void>;
}

export const openGate: RequestGate = { acquire: async () => undefined, rateLimited: async () => undefined };

export interface GenesysClientOptions {
  readonly target: GenesysTarget;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly gate?: RequestGate;
  /**
   * Runs a find-or-create registration (the bridge's presence source) one caller at a time across the org's
   * clients: without it, instances starting together each find none and each create one.
   */
  readonly exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Per-request timeout (default 10 s). */
  readonly timeoutMs?: number;
  /** How many 429s in a row one call waits out before it fails (default 20). */
  readonly maxRateLimitedRetries?: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly more: boolean;
}

/** Every item of a paged listing, page 1 onwards (each page is one request). */
export async function readAllPages<T>(page: (pageNumber: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const { items, more } = await page(pageNumber);
    all.push(...items);
    if (!more) return all;
  }
}

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const PAGE_SIZE = 100;

type ApiClient = typeof platformClient.ApiClient;
interface Extended {
  readonly status: number;
  readonly body: unknown;
}
interface ScimUserBody {
  id: string;
  active?: boolean;
  userName: string;
  displayName?: string;
  externalId?: string;
  phoneNumbers?: { type?: string; value: string }[];
  [GENESYS]?: { routingSkills?: RoutingAssignment[]; routingLanguages?: RoutingAssignment[] };
}
interface Listing<T> {
  entities?: T[];
  pageCount?: number;
  nextUri?: string | null;
}

/** A notification channel: its id and the WebSocket address its topics arrive at. */
export interface NotificationChannel {
  readonly id: string;
  readonly connectUri: string;
}

/** A WFM management unit: its id, and the day its weeks start on (a shift trade's week is named by that day). */
export interface ManagementUnit {
  readonly id: string;
  readonly startDayOfWeek: string;
}

/** An agent's time-off request or shift trade as the management unit reads give it: its status now. */
export interface WfmRequestState {
  readonly requestId: string;
  readonly status: string;
  /** When Genesys last changed it (its metadata's dateModified), if it says. */
  readonly modifiedAt: string | undefined;
}

export interface TimeOffRequestState extends WfmRequestState {
  readonly userId: string;
  readonly isFullDayRequest: boolean;
  readonly dates: readonly string[];
}

export interface ShiftTradeState extends WfmRequestState {
  readonly weekDate: string;
  readonly initiatingUserId: string;
  readonly receivingUserId: string | undefined;
}

/** Whether the client holds a token: `none` before its first request, `refused` after a failed login. */
export type GenesysTokenState =
  | { readonly state: 'none' }
  | { readonly state: 'valid'; readonly since: Date }
  | { readonly state: 'refused'; readonly since: Date; readonly error: string };

/** What every view of one client shares: its login, and the request the SDK was last handed. */
interface Session {
  login: Promise<void> | undefined;
  token: GenesysTokenState;
  sent: SentRequest | undefined;
}

/**
 * The bridge's port to one Genesys Cloud org. Each method is exactly one API request (plus a token renewal
 * when the token expired), so the caller can account every call against the org's rate limit.
 */
export class GenesysClient {
  private readonly api: ApiClient;
  private readonly scim: platformClient.SCIMApi;
  private readonly routing: platformClient.RoutingApi;
  private readonly presence: platformClient.PresenceApi;
  private readonly events: platformClient.EventsApi;
  private readonly users: platformClient.UsersApi;
  private readonly uploads: platformClient.UploadsApi;
  private readonly wfm: platformClient.WorkforceManagementApi;
  private readonly notifications: platformClient.NotificationsApi;
  private readonly gate: RequestGate;
  private readonly session: Session = { login: undefined, token: { state: 'none' }, sent: undefined };
  /** Where a recording view (`recording`) puts each request and its answer. */
  private calls: AttemptCall[] | undefined;

  constructor(private readonly options: GenesysClientOptions) {
    // A client of its own (not the SDK's singleton), so several orgs or tests can share a process.
    const ApiClientClass = platformClient.ApiClient.constructor as unknown as new () => ApiClient;
    this.api = new ApiClientClass();
    const settable = this.api as unknown as { timeout: number };
    settable.timeout = options.timeoutMs ?? 10_000;
    if ('gateway' in options.target) this.api.setGateway(options.target.gateway);
    else this.api.setEnvironment(options.target.environment);
    this.api.setReturnExtendedResponses(true);
    // The SDK formats a log entry for every request (deep copies of its headers and bodies) before it looks for
    // anything to write it to. The bridge configures no SDK log, so the SDK's logger does nothing.
    const config = (
      this.api as unknown as { config: { logger: { log: () => void }; live_reload_config: boolean } }
    ).config;
    config.logger.log = () => undefined;
    // The SDK also polls ~/.genesyscloudjavascript/config and re-reads it whenever it changes (its log and host
    // settings): the bridge takes its settings from its own configuration only, and a poll firing after a test
    // has torn its modules down fails the run.
    config.live_reload_config = false;
    // Genesys Cloud answers with no redirects to follow; without them axios sends through Node's http directly
    // instead of wrapping every request in follow-redirects, whose cost would buy nothing here.
    const axios = (this.api.getHttpClient() as { _axiosInstance?: { defaults: { maxRedirects?: number } } })
      ._axiosInstance;
    if (axios) axios.defaults.maxRedirects = 0;
    // Every SDK method hands its request to callApi before it returns the promise: `send` reads it from there,
    // for a recording view to tell which request went out.
    const callApi = this.api.callApi.bind(this.api);
    const session = this.session;
    this.api.callApi = (path, method, pathParams, queryParams, ...rest) => {
      session.sent = { method, path, pathParams, queryParams, body: rest[2] };
      return callApi(path, method, pathParams, queryParams, ...rest);
    };
    countRequests(this.api);
    this.scim = new platformClient.SCIMApi(this.api);
    this.routing = new platformClient.RoutingApi(this.api);
    this.presence = new platformClient.PresenceApi(this.api);
    this.events = new platformClient.EventsApi(this.api);
    this.users = new platformClient.UsersApi(this.api);
    this.uploads = new platformClient.UploadsApi(this.api);
    this.wfm = new platformClient.WorkforceManagementApi(this.api);
    this.notifications = new platformClient.NotificationsApi(this.api);
    this.gate = options.gate ?? openGate;
  }

  /**
   * This client, adding each request it sends (each retry too) and its answer to `calls`: for a caller that
   * shows what it asked of Genesys. It shares the login, the gate and the connections with this client.
   */
  recording(calls: AttemptCall[]): GenesysClient {
    const view = Object.create(this) as GenesysClient;
    view.calls = calls;
    return view;
  }

  /** Client-credentials login; called on the first request and again when the token is refused. */
  async authenticate(): Promise<void> {
    const session = this.session;
    session.login ??= this.api
      .loginClientCredentialsGrant(this.options.clientId, this.options.clientSecret)
      .then(
        () => {
          logins.inc({ outcome: 'ok' });
          session.token = { state: 'valid', since: new Date() };
        },
        (error: unknown) => {
          session.login = undefined;
          const failure = toGenesysFailure(error);
          logins.inc({ outcome: failure.status === 0 ? 'unreachable' : 'refused' });
          session.token = { state: 'refused', since: new Date(), error: failure.message };
          throw failure;
        },
      );
    return session.login;
  }

  /** The OAuth token's state, for the operator's status read: never the token itself. */
  tokenState(): GenesysTokenState {
    return this.session.token;
  }

  private async send(call: () => Promise<unknown>): Promise<unknown> {
    await this.authenticate();
    let renewed = false;
    for (let limited = 0; ;) {
      await this.gate.acquire();
      this.session.sent = undefined;
      const started = this.calls ? performance.now() : undefined;
      let sent: SentRequest | undefined;
      try {
        const answer = call();
        sent = this.session.sent;
        const response = (await answer) as Extended;
        if (sent && started !== undefined)
          this.calls?.push(attemptCallOf(sent, performance.now() - started, response));
        return response.body;
      } catch (error) {
        const failure = toGenesysFailure(error);
        if (sent && started !== undefined)
          this.calls?.push(attemptCallOf(sent, performance.now() - started, failure));
        if (failure.status === 401 && !renewed) {
          renewed = true;
          this.session.login = undefined;
          await this.authenticate();
          continue;
        }
        if (failure.kind === 'rateLimited' && limited++ < (this.options.maxRateLimitedRetries ?? 20)) {
          const retryAfterMs = failure.retryAfterMs ?? 1000;
          retryAfterSeconds.inc(retryAfterMs / 1000);
          await this.gate.rateLimited(retryAfterMs);
          continue;
        }
        throw failure;
      }
    }
  }

  /** Like `send`, but a 404 reads as `undefined`. */
  private async sendOrMissing(call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await this.send(call);
    } catch (error) {
      if (error instanceof GenesysFailure && error.kind === 'notFound') return undefined;
      throw error;
    }
  }

  // SCIM users

  /** The user with this userName, active or not. */
  async findUserByUserName(userName: string): Promise<ActualUser | undefined> {
    const filter = `userName eq "${userName.replace(/(["\\])/g, '\\$1')}"`;
    const body = (await this.send(() => this.scim.getScimV2Users({ filter }))) as {
      Resources?: ScimUserBody[];
    };
    const found = body.Resources?.[0];
    return found && toActualUser(found);
  }

  async getUser(id: string): Promise<ActualUser | undefined> {
    const body = (await this.sendOrMissing(() => this.scim.getScimV2User(id))) as ScimUserBody | undefined;
    return body && toActualUser(body);
  }

  /** One page of users, numbered like the other listings (SCIM's `startIndex` is derived from it). */
  async listUsers(pageNumber: number): Promise<Page<ActualUser>> {
    const startIndex = 1 + (pageNumber - 1) * PAGE_SIZE;
    const body = (await this.send(() => this.scim.getScimV2Users({ startIndex, count: PAGE_SIZE }))) as {
      Resources?: ScimUserBody[];
      totalResults?: number;
    };
    const items = (body.Resources ?? []).map(toActualUser);
    return { items, more: startIndex - 1 + items.length < (body.totalResults ?? 0) && items.length > 0 };
  }

  async createUser(user: UserFields): Promise<ActualUser> {
    const body = {
      schemas: [CORE, GENESYS],
      userName: user.userName,
      displayName: user.displayName,
      externalId: user.externalId,
      active: true,
      phoneNumbers: user.phoneNumbers.map((p) => ({ type: p.type, value: p.value })),
      [GENESYS]: { routingSkills: user.routingSkills, routingLanguages: user.routingLanguages },
    };
    const created = await this.send(() =>
      this.scim.postScimV2Users(body as unknown as platformClient.Models.ScimV2CreateUser),
    );
    return toActualUser(created as ScimUserBody);
  }

  /** One PATCH replacing every changed field. */
  async patchUser(id: string, changes: UserChanges): Promise<ActualUser> {
    const operations: { op: 'replace'; path: string; value: unknown }[] = [];
    const replace = (path: string, value: unknown) => operations.push({ op: 'replace', path, value });
    if (changes.active !== undefined) replace('active', changes.active);
    if (changes.userName !== undefined) replace('userName', changes.userName);
    if (changes.displayName !== undefined) replace('displayName', changes.displayName);
    if (changes.externalId !== undefined) replace('externalId', changes.externalId);
    if (changes.phoneNumbers !== undefined) replace('phoneNumbers', changes.phoneNumbers);
    if (changes.routingSkills !== undefined) replace(`${GENESYS}:routingSkills`, changes.routingSkills);
    if (changes.routingLanguages !== undefined)
      replace(`${GENESYS}:routingLanguages`, changes.routingLanguages);
    const body = { schemas: [PATCH_OP], Operations: operations };
    const patched = await this.send(() =>
      this.scim.patchScimV2User(id, body as unknown as platformClient.Models.ScimV2PatchRequest),
    );
    return toActualUser(patched as ScimUserBody);
  }

  async deactivateUser(id: string): Promise<void> {
    await this.patchUser(id, { active: false });
  }

  /** Deletes the user for good (SCIM DELETE); one that is gone already counts as deleted. */
  async deleteUser(id: string): Promise<void> {
    await this.sendOrMissing(() => this.scim.deleteScimV2User(id));
  }

  /** Replaces every routing skill of a user by id (platform API; SCIM does the same by name). */
  async setUserRoutingSkills(userId: string, skills: readonly { id: string; proficiency: number }[]) {
    await this.send(() => this.routing.putUserRoutingskillsBulk(userId, [...skills]));
  }

  // Skills, languages, wrap-up codes

  async listNamed(kind: NamedObjectKind, pageNumber: number): Promise<Page<ActualNamedObject>> {
    const opts = { pageNumber, pageSize: PAGE_SIZE };
    const body = (await this.send(() =>
      kind === 'skill'
        ? this.routing.getRoutingSkills(opts)
        : kind === 'language'
          ? this.routing.getRoutingLanguages(opts)
          : this.routing.getRoutingWrapupcodes(opts),
    )) as Listing<{ id: string; name: string; state?: string }>;
    const items = (body.entities ?? [])
      .filter((e) => e.state === undefined || e.state === 'active')
      .map(({ id, name }) => ({ id, name }));
    return { items, more: pageNumber < (body.pageCount ?? 0) };
  }

  /** The object with exactly this name (Genesys names are unique regardless of case). */
  async findNamed(kind: NamedObjectKind, name: string): Promise<ActualNamedObject | undefined> {
    const opts = { name, pageSize: PAGE_SIZE };
    const body = (await this.send(() =>
      kind === 'skill'
        ? this.routing.getRoutingSkills(opts)
        : kind === 'language'
          ? this.routing.getRoutingLanguages(opts)
          : this.routing.getRoutingWrapupcodes(opts),
    )) as Listing<{ id: string; name: string; state?: string }>;
    const found = (body.entities ?? []).find(
      (e) => e.name.toLowerCase() === name.toLowerCase() && (e.state === undefined || e.state === 'active'),
    );
    return found && { id: found.id, name: found.name };
  }

  async createNamed(kind: NamedObjectKind, name: string): Promise<ActualNamedObject> {
    const body = (await this.send(() =>
      kind === 'skill'
        ? this.routing.postRoutingSkills({ name })
        : kind === 'language'
          ? this.routing.postRoutingLanguages({ name })
          : this.routing.postRoutingWrapupcodes({ name }),
    )) as { id: string; name: string };
    return { id: body.id, name: body.name };
  }

  async renameWrapUpCode(id: string, name: string): Promise<void> {
    await this.send(() => this.routing.putRoutingWrapupcode(id, { name }));
  }

  /** Deletes it; one that is gone already counts as deleted. */
  async deleteNamed(kind: NamedObjectKind, id: string): Promise<void> {
    await this.sendOrMissing(() =>
      kind === 'skill'
        ? this.routing.deleteRoutingSkill(id)
        : kind === 'language'
          ? this.routing.deleteRoutingLanguage(id)
          : this.routing.deleteRoutingWrapupcode(id),
    );
  }

  // Secondary statuses: presence definitions of type User (`/api/v2/presence/definitions`, the SDK's `…0` methods)

  /** Every active secondary status: the endpoint answers the whole list at once. */
  async listSecondaryStatuses(): Promise<ActualSecondaryStatus[]> {
    return (await this.activeDefinitions()).filter((d) => d.type === 'User').map(toSecondaryStatus);
  }

  /** The definition id of each system presence (Available, Busy, …), which presence events name. */
  async systemPresenceDefinitionIds(): Promise<Map<SystemPresence, string>> {
    const system = (await this.activeDefinitions()).filter((d) => d.type === 'System');
    return new Map(system.map((d) => [d.systemPresence, d.id] as const));
  }

  private async activeDefinitions(): Promise<PresenceDefinitionBody[]> {
    const body = (await this.send(() =>
      this.presence.getPresenceDefinitions0({ deactivated: 'false' }),
    )) as Listing<PresenceDefinitionBody>;
    return body.entities ?? [];
  }

  /** The active secondary status with this name (en_US label), regardless of case. */
  async findSecondaryStatus(name: string): Promise<ActualSecondaryStatus | undefined> {
    const wanted = name.toLowerCase();
    return (await this.listSecondaryStatuses()).find((s) => s.name.toLowerCase() === wanted);
  }

  async createSecondaryStatus(status: DesiredSecondaryStatus): Promise<ActualSecondaryStatus> {
    const body = await this.send(() =>
      this.presence.postPresenceDefinitions0(definitionBodyOf(status, false)),
    );
    return toSecondaryStatus(body as PresenceDefinitionBody);
  }

  async updateSecondaryStatus(id: string, status: DesiredSecondaryStatus): Promise<ActualSecondaryStatus> {
    const body = await this.send(() =>
      this.presence.putPresenceDefinition0(id, definitionBodyOf(status, false)),
    );
    return toSecondaryStatus(body as PresenceDefinitionBody);
  }

  /** Deactivates it (Genesys keeps it for the history that names it); one that is gone already counts as done. */
  async deactivateSecondaryStatus(id: string, status: DesiredSecondaryStatus): Promise<void> {
    await this.sendOrMissing(() => this.presence.putPresenceDefinition0(id, definitionBodyOf(status, true)));
  }

  // The presence lane: the bridge's presence source, users' primary source, presence and routing status events

  /** The active presence source with this name, or a new one: the bridge registers its own once. */
  presenceSourceNamed(name: string): Promise<string> {
    const exclusive = this.options.exclusive ?? ((work) => work());
    return exclusive(async () => {
      const listing = (await this.send(() =>
        this.presence.getPresenceSources({ deactivated: 'false' }),
      )) as Listing<{ id: string; name: string }>;
      const found = (listing.entities ?? []).find((source) => source.name === name);
      if (found) return found.id;
      const created = (await this.send(() => this.presence.postPresenceSources({ name, type: 'User' }))) as {
        id: string;
      };
      return created.id;
    });
  }

  /** The id of the user's primary presence source (Genesys' own until one is set). */
  async primarySourceOf(userId: string): Promise<string | undefined> {
    const body = (await this.send(() => this.presence.getPresenceUserPrimarysource(userId))) as {
      sourceId?: string;
    };
    return body.sourceId;
  }

  /** Makes the source the user's primary presence source, so users cannot change their status in Genesys. */
  async setPrimarySource(userId: string, sourceId: string): Promise<void> {
    await this.send(() => this.presence.putPresenceUserPrimarysource(userId, { sourceId, registered: true }));
  }

  /** One batch (at most 500) of presence events; the answer holds the events Genesys refused. */
  async sendPresenceEvents(events: readonly UserPresenceEvent[]): Promise<BatchEventError[]> {
    const body = await this.send(() =>
      this.events.postEventsUsersPresence({ userPresenceEvents: [...events] }),
    );
    return batchErrorsOf(body);
  }

  /** One batch (at most 500) of routing status events; the answer holds the events Genesys refused. */
  async sendRoutingStatusEvents(events: readonly UserRoutingStatusEvent[]): Promise<BatchEventError[]> {
    const body = await this.send(() =>
      this.events.postEventsUsersRoutingstatus({ userRoutingStatusEvents: [...events] }),
    );
    return batchErrorsOf(body);
  }

  /**
   * One batch (at most 500 events, any arrays) of conversation events (interaction replication); the answer holds
   * the events Genesys refused. The body is built by the pure planning rules in the SDK's model shape.
   */
  async sendConversationEvents(
    batch: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>,
  ): Promise<BatchEventError[]> {
    const body = await this.send(() => this.events.postEventsConversations(batch));
    return batchErrorsOf(body);
  }

  /** Sets or clears a user's out of office: indefinite when active without an end date. */
  async setOutOfOffice({ userId, active, startDate, endDate }: OutOfOfficeChange): Promise<void> {
    const body = {
      active,
      indefinite: active && endDate === undefined,
      ...(active ? { startDate } : {}),
      ...(endDate ? { endDate } : {}),
    };
    await this.send(() => this.users.putUserOutofoffice(userId, body));
  }

  // Queues

  async findQueue(name: string): Promise<ActualNamedObject | undefined> {
    const body = (await this.send(() =>
      this.routing.getRoutingQueues({ name, pageSize: PAGE_SIZE }),
    )) as Listing<{
      id: string;
      name: string;
    }>;
    const found = (body.entities ?? []).find((e) => e.name.toLowerCase() === name.toLowerCase());
    return found && { id: found.id, name: found.name };
  }

  async listQueues(pageNumber: number): Promise<Page<ActualNamedObject>> {
    const body = (await this.send(() =>
      this.routing.getRoutingQueues({ pageNumber, pageSize: PAGE_SIZE }),
    )) as Listing<{ id: string; name: string }>;
    return {
      items: (body.entities ?? []).map(({ id, name }) => ({ id, name })),
      more: pageNumber < (body.pageCount ?? 0),
    };
  }

  async createQueue(name: string): Promise<ActualNamedObject> {
    const body = (await this.send(() => this.routing.postRoutingQueues({ name }))) as {
      id: string;
      name: string;
    };
    return { id: body.id, name: body.name };
  }

  async renameQueue(id: string, name: string): Promise<void> {
    await this.send(() => this.routing.putRoutingQueue(id, { name }));
  }

  async deleteQueue(id: string): Promise<void> {
    await this.sendOrMissing(() => this.routing.deleteRoutingQueue(id, { forceDelete: true }));
  }

  /** One page (up to 100) of a queue's member user ids. */
  async listQueueMembers(queueId: string, pageNumber: number): Promise<Page<string>> {
    const body = (await this.send(() =>
      this.routing.getRoutingQueueMembers(queueId, { pageNumber, pageSize: PAGE_SIZE }),
    )) as Listing<{ id: string }>;
    const items = (body.entities ?? []).map((e) => e.id);
    return { items, more: Boolean(body.nextUri) && items.length === PAGE_SIZE };
  }

  /** Adds up to 100 members in one call. */
  async addQueueMembers(queueId: string, userIds: readonly string[]): Promise<void> {
    await this.send(() =>
      this.routing.postRoutingQueueMembers(
        queueId,
        userIds.map((id) => ({ id })),
      ),
    );
  }

  /** Removes up to 100 members in one call. */
  async removeQueueMembers(queueId: string, userIds: readonly string[]): Promise<void> {
    await this.send(() =>
      this.routing.postRoutingQueueMembers(
        queueId,
        userIds.map((id) => ({ id })),
        { _delete: true },
      ),
    );
  }

  async listQueueWrapUpCodes(queueId: string, pageNumber: number): Promise<Page<string>> {
    const body = (await this.send(() =>
      this.routing.getRoutingQueueWrapupcodes(queueId, { pageNumber, pageSize: PAGE_SIZE }),
    )) as Listing<{ id: string }>;
    return { items: (body.entities ?? []).map((e) => e.id), more: pageNumber < (body.pageCount ?? 0) };
  }

  /** Adds up to 100 wrap-up codes in one call. */
  async addQueueWrapUpCodes(queueId: string, codeIds: readonly string[]): Promise<void> {
    await this.send(() =>
      this.routing.postRoutingQueueWrapupcodes(
        queueId,
        codeIds.map((id) => ({ id })),
      ),
    );
  }

  async removeQueueWrapUpCode(queueId: string, codeId: string): Promise<void> {
    await this.sendOrMissing(() => this.routing.deleteRoutingQueueWrapupcode(queueId, codeId));
  }

  // WFM historical data import (the CSV itself goes to the presigned URL, outside the API and its rate limit)

  /** Where to PUT a historical data CSV: the presigned URL, the headers to send with it, the upload key. */
  async historicalDataUploadUrl(fileName: string, contentMd5: string): Promise<HistoricalDataUpload> {
    const body = (await this.send(() =>
      this.uploads.postUploadsWorkforcemanagementHistoricaldataCsv({ fileName, contentMd5 }),
    )) as { url?: string; uploadKey?: string; headers?: Record<string, string> };
    if (!body.url || !body.uploadKey)
      throw new GenesysFailure('rejected', 200, 'no.upload.url', 'No upload URL');
    return { url: body.url, uploadKey: body.uploadKey, headers: body.headers ?? {} };
  }

  /** Starts the import of an uploaded file; answers the request id of the import. */
  async validateHistoricalData(uploadKey: string, dateImportEnded: string): Promise<string> {
    const body = (await this.send(() =>
      this.wfm.postWorkforcemanagementHistoricaldataValidate({ uploadKey, dateImportEnded }),
    )) as { id?: string };
    if (!body.id) throw new GenesysFailure('rejected', 202, 'no.request.id', 'No import request id');
    return body.id;
  }

  /** The org's historical data imports. */
  async historicalImports(): Promise<HistoricalImport[]> {
    const body = (await this.send(() => this.wfm.getWorkforcemanagementHistoricaldataImportstatus())) as {
      entities?: HistoricalImport[];
    };
    return body.entities ?? [];
  }

  /** One import by its request id; undefined when Genesys does not know it. */
  async historicalImport(requestId: string): Promise<HistoricalImport | undefined> {
    const body = (await this.sendOrMissing(() =>
      this.wfm.getWorkforcemanagementHistoricaldataImportstatusJobId(requestId),
    )) as { importStatusResult?: HistoricalImport } | undefined;
    return body?.importStatusResult;
  }

  // Notification channels (the inbox lane): a channel, its topics; the socket at connectUri is outside the API

  /** A new notification channel: its id and the WebSocket address to read it at. */
  async createNotificationChannel(): Promise<NotificationChannel> {
    const body = (await this.send(() => this.notifications.postNotificationsChannels())) as {
      id?: string;
      connectUri?: string;
    };
    if (!body.id || !body.connectUri)
      throw new GenesysFailure('rejected', 200, 'no.channel', 'No notification channel');
    return { id: body.id, connectUri: body.connectUri };
  }

  /** Whether a channel still exists (Genesys drops unused and expired ones). */
  async notificationChannelExists(channelId: string): Promise<boolean> {
    try {
      await this.send(() => this.notifications.headNotificationsChannel(channelId));
      return true;
    } catch (error) {
      if (error instanceof GenesysFailure && error.kind === 'notFound') return false;
      throw error;
    }
  }

  /** Replaces a channel's topics; answers the topics Genesys refused, with its reason. */
  async setNotificationTopics(
    channelId: string,
    topics: readonly string[],
  ): Promise<{ topic: string; reason: string }[]> {
    const body = (await this.send(() =>
      this.notifications.putNotificationsChannelSubscriptions(
        channelId,
        topics.map((id) => ({ id })),
      ),
    )) as { entities?: { id?: string; state?: string; rejectionReason?: string }[] } | undefined;
    return (body?.entities ?? [])
      .filter((topic) => topic.state === 'Rejected')
      .map((topic) => ({ topic: topic.id ?? '', reason: topic.rejectionReason ?? 'rejected' }));
  }

  // WFM management units and their agents' requests (the inbox lane's catch-up after a gap)

  /** The org's management units (the route pages no more: one call has them all). */
  async managementUnits(): Promise<ManagementUnit[]> {
    const body = (await this.send(() => this.wfm.getWorkforcemanagementManagementunits())) as {
      entities?: { id?: string; startDayOfWeek?: string }[];
    };
    return (body.entities ?? []).flatMap((unit) =>
      unit.id ? [{ id: unit.id, startDayOfWeek: unit.startDayOfWeek ?? 'Sunday' }] : [],
    );
  }

  /** The ids of a management unit's users. */
  async managementUnitUserIds(unitId: string): Promise<string[]> {
    const body = (await this.send(() => this.wfm.getWorkforcemanagementManagementunitUsers(unitId))) as {
      entities?: { id?: string }[];
    };
    return (body.entities ?? []).flatMap((user) => (user.id ? [user.id] : []));
  }

  /**
   * A management unit's time-off requests matching the query: Genesys takes `statuses: ['PENDING']` or a date
   * range (yyyy-MM-dd, inclusive) of at most 33 days.
   */
  async queryTimeOffRequests(
    unitId: string,
    query: { readonly pendingOnly: true } | { readonly dateRange: { startDate: string; endDate: string } },
  ): Promise<TimeOffRequestState[]> {
    const body = (await this.send(() =>
      this.wfm.postWorkforcemanagementManagementunitTimeoffrequestsQuery(
        unitId,
        'pendingOnly' in query ? { statuses: ['PENDING'] } : { dateRange: query.dateRange },
      ),
    )) as { entities?: platformClient.Models.TimeOffRequestListItem[] };
    return (body.entities ?? []).flatMap((r) =>
      r.id && r.user.id && r.status
        ? [
            {
              requestId: r.id,
              userId: r.user.id,
              status: r.status,
              modifiedAt: r.metadata?.dateModified,
              isFullDayRequest: r.isFullDayRequest,
              dates: r.isFullDayRequest ? r.fullDayManagementUnitDates : r.partialDayStartDateTimes,
            },
          ]
        : [],
    );
  }

  /**
   * A management unit's shift trades whose initiating shift is in the week starting `weekDate` (yyyy-MM-dd). The SDK
   * marks the route deprecated; its successor is an asynchronous job, which this read does not need.
   */
  async weekShiftTrades(unitId: string, weekDate: string): Promise<ShiftTradeState[]> {
    const body = (await this.send(() =>
      this.wfm.getWorkforcemanagementManagementunitWeekShifttrades(unitId, weekDate, {
        evaluateMatches: false,
      }),
    )) as { entities?: platformClient.Models.WeekShiftTradeResponse[] };
    return (body.entities ?? []).flatMap(({ trade }) =>
      trade?.id && trade.state && trade.initiatingUser?.id
        ? [
            {
              requestId: trade.id,
              status: trade.state,
              modifiedAt: trade.metadata?.dateModified,
              weekDate: trade.weekDate ?? weekDate,
              initiatingUserId: trade.initiatingUser.id,
              receivingUserId: trade.receivingUser?.id,
            },
          ]
        : [],
    );
  }
}

function batchErrorsOf(body: unknown): BatchEventError[] {
  const errors = (body as { errors?: Partial<BatchEventError>[] } | undefined)?.errors ?? [];
  return errors.map((error) => ({
    eventId: error.eventId ?? '',
    message: error.message ?? 'refused',
    retryable: error.retryable === true,
  }));
}

interface PresenceDefinitionBody {
  id: string;
  type?: string;
  systemPresence: SystemPresence;
  languageLabels?: Record<string, string>;
}

function definitionBodyOf(
  status: DesiredSecondaryStatus,
  deactivated: boolean,
): platformClient.Models.OrganizationPresenceDefinition {
  return {
    type: 'User',
    languageLabels: { en_US: status.name },
    systemPresence: status.systemPresence,
    deactivated,
  };
}

function toSecondaryStatus(body: PresenceDefinitionBody): ActualSecondaryStatus {
  const labels = body.languageLabels ?? {};
  const name = labels['en_US'] ?? Object.values(labels)[0] ?? '';
  return { id: body.id, name, systemPresence: body.systemPresence };
}

function toActualUser(body: ScimUserBody): ActualUser {
  const genesys = body[GENESYS] ?? {};
  return {
    id: body.id,
    active: body.active !== false,
    userName: body.userName,
    displayName: body.displayName ?? body.userName,
    ...(body.externalId !== undefined ? { externalId: body.externalId } : {}),
    phoneNumbers: (body.phoneNumbers ?? []).map((p) => ({ type: p.type ?? 'other', value: p.value })),
    routingSkills: (genesys.routingSkills ?? []).map(({ name, proficiency }) => ({ name, proficiency })),
    routingLanguages: (genesys.routingLanguages ?? []).map(({ name, proficiency }) => ({
      name,
      proficiency,
    })),
  };
}
