import * as platformClient from 'purecloud-platform-client-v2';
import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { operationIds, responseSchema, validate } from './openapi';

/**
 * The official SDK, pointed at the simulator through its gateway setting, drives every endpoint family; each
 * response is checked against the model genesys-openapi-subset.json names for that operation.
 */
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Extended {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

let sim: RunningGenesysCloudSimulator;
const client = platformClient.ApiClient.instance;
const scim = new platformClient.SCIMApi();
const routing = new platformClient.RoutingApi();
const presence = new platformClient.PresenceApi();
const users = new platformClient.UsersApi();
const events = new platformClient.EventsApi();
const uploads = new platformClient.UploadsApi();
const wfm = new platformClient.WorkforceManagementApi();
const checked = new Set<string>();
/** Operations of the subset outside the scope (README, "Not simulated"). */
const NOT_SIMULATED = new Set([
  'getOauthClients',
  'postOauthClients',
  'getPresencedefinitions',
  'postPresencedefinitions',
  'getPresencedefinition',
  'putPresencedefinition',
  'deletePresencedefinition',
  'postUsers',
  'patchUser',
  'deleteUser',
  'getUsersSearch',
  'postUsersSearch',
  'getScimV2Group',
  'putScimV2Group',
  'patchScimV2Group',
]);

/** Awaits an SDK call (extended responses on), checks the body against the operation's model, returns it. */
async function call<T>(operationId: string, promise: Promise<unknown>): Promise<T> {
  const response = (await promise) as Extended;
  const schema = responseSchema(operationId);
  if (schema)
    expect({ operationId, errors: validate(response.body, schema) }).toEqual({ operationId, errors: [] });
  checked.add(operationId);
  return response.body as T;
}

beforeAll(async () => {
  sim = await startGenesysCloudSimulator({ port: 0, rateLimitPerMinute: 100_000 });
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: sim.port });
  client.setReturnExtendedResponses(true);
  await client.loginClientCredentialsGrant('bridge-sandbox', 'bridge-sandbox-secret');
});

afterAll(async () => {
  await sim.close();
});

describe('the official SDK against the simulator', () => {
  let skillId = '';
  let languageId = '';
  let codeId = '';
  let userId = '';
  let otherUserId = '';
  let queueId = '';

  it('manages skills, languages and wrap-up codes', async () => {
    skillId = (
      await call<{ id: string }>('postRoutingSkills', routing.postRoutingSkills({ name: 'Billing' }))
    ).id;
    await call('postRoutingSkills', routing.postRoutingSkills({ name: 'VIP' }));
    const skills = await call<{ total: number }>(
      'getRoutingSkills',
      routing.getRoutingSkills({ name: 'Bil' }),
    );
    expect(skills.total).toBe(1);
    await call('getRoutingSkill', routing.getRoutingSkill(skillId));
    languageId = (
      await call<{ id: string }>('postRoutingLanguages', routing.postRoutingLanguages({ name: 'French' }))
    ).id;
    await call('getRoutingLanguages', routing.getRoutingLanguages({}));
    await call('getRoutingLanguage', routing.getRoutingLanguage(languageId));
    codeId = (
      await call<{ id: string }>('postRoutingWrapupcodes', routing.postRoutingWrapupcodes({ name: 'Sale' }))
    ).id;
    await call('putRoutingWrapupcode', routing.putRoutingWrapupcode(codeId, { name: 'Sale made' }));
    await call('getRoutingWrapupcodes', routing.getRoutingWrapupcodes({ name: 'Sale made' }));
    await call('getRoutingWrapupcode', routing.getRoutingWrapupcode(codeId));
  });

  it('provisions users through SCIM', async () => {
    const created = await call<{ id: string; meta: { version: string } }>(
      'postScimV2Users',
      scim.postScimV2Users({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, GENESYS],
        userName: 'ann@example.com',
        displayName: 'Ann',
        externalId: 'cic-ann',
        phoneNumbers: [{ value: '+15551230001', type: 'work' }],
        emails: [{ value: 'ann@example.com', type: 'work', primary: true }],
        [ENTERPRISE]: { department: 'Support', employeeNumber: '7' },
        [GENESYS]: {
          routingSkills: [{ name: 'Billing', proficiency: 4 }],
          externalIds: [{ authority: 'cic', value: 'ann' }],
        },
      }),
    );
    userId = created.id;
    otherUserId = (
      await call<{ id: string }>(
        'postScimV2Users',
        scim.postScimV2Users({ userName: 'bob@example.com', displayName: 'Bob' }),
      )
    ).id;
    const found = await call<{ totalResults: number }>(
      'getScimV2Users',
      scim.getScimV2Users({ filter: 'userName eq "ann@example.com"' }),
    );
    expect(found.totalResults).toBe(1);
    const patched = await call<{ title: string; meta: { version: string } }>(
      'patchScimV2User',
      scim.patchScimV2User(
        userId,
        // The SDK types `value` as object, though SCIM values are often plain strings.
        {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'title', value: 'Agent' as unknown as object }],
        },
        { ifMatch: created.meta.version },
      ),
    );
    expect(patched.title).toBe('Agent');
    const fetched = await call<Record<string, unknown>>('getScimV2User', scim.getScimV2User(userId));
    await call('putScimV2User', scim.putScimV2User(userId, { ...fetched, displayName: 'Ann A.' }));
    await call('getScimV2Serviceproviderconfig', scim.getScimV2Serviceproviderconfig());
    await call('getScimV2Schemas', scim.getScimV2Schemas());
    await call('getScimV2Schema', scim.getScimV2Schema(ENTERPRISE));
    await call('getScimV2Resourcetypes', scim.getScimV2Resourcetypes());
    await call('getScimV2Resourcetype', scim.getScimV2Resourcetype('User'));
  });

  it('manages queues, members and queue wrap-up codes', async () => {
    queueId = (
      await call<{ id: string }>(
        'postRoutingQueues',
        routing.postRoutingQueues({ name: 'Support', skillEvaluationMethod: 'BEST' }),
      )
    ).id;
    await call(
      'putRoutingQueue',
      routing.putRoutingQueue(queueId, { name: 'Support', description: 'Tier 1' }),
    );
    await call('getRoutingQueues', routing.getRoutingQueues({ name: 'Supp*' }));
    await call(
      'postRoutingQueueMembers',
      routing.postRoutingQueueMembers(queueId, [{ id: userId }, { id: otherUserId }]),
    );
    await call(
      'patchRoutingQueueMembers',
      routing.patchRoutingQueueMembers(queueId, [{ id: otherUserId, joined: false }]),
    );
    const members = await call<{ entities: { id: string; joined: boolean }[] }>(
      'getRoutingQueueMembers',
      routing.getRoutingQueueMembers(queueId, {}),
    );
    expect(members.entities.map((m) => [m.id, m.joined]).sort()).toEqual(
      [
        [otherUserId, false],
        [userId, true],
      ].sort(),
    );
    await call(
      'postRoutingQueueMembers',
      routing.postRoutingQueueMembers(queueId, [{ id: otherUserId }], { _delete: true }),
    );
    const queue = await call<{ memberCount: number }>('getRoutingQueue', routing.getRoutingQueue(queueId));
    expect(queue.memberCount).toBe(1);
    await call('postRoutingQueueWrapupcodes', routing.postRoutingQueueWrapupcodes(queueId, [{ id: codeId }]));
    await call('getRoutingQueueWrapupcodes', routing.getRoutingQueueWrapupcodes(queueId, {}));
    await call('deleteRoutingQueueWrapupcode', routing.deleteRoutingQueueWrapupcode(queueId, codeId));
  });

  it('assigns user routing skills and languages', async () => {
    const vip =
      (
        await call<{ entities: { id: string }[] }>(
          'getRoutingSkills',
          routing.getRoutingSkills({ name: 'VIP' }),
        )
      ).entities[0]?.id ?? '';
    const replaced = await call<{ entities: { id: string }[] }>(
      'putUserRoutingskillsBulk',
      routing.putUserRoutingskillsBulk(userId, [{ id: vip, proficiency: 2 }]),
    );
    expect(replaced.entities.map((e) => e.id)).toEqual([vip]);
    const added = await call<{ total: number }>(
      'patchUserRoutingskillsBulk',
      routing.patchUserRoutingskillsBulk(userId, [{ id: skillId, proficiency: 5 }]),
    );
    expect(added.total).toBe(2);
    await call('getUserRoutingskills', routing.getUserRoutingskills(userId, {}));
    await call(
      'patchUserRoutinglanguagesBulk',
      routing.patchUserRoutinglanguagesBulk(userId, [{ id: languageId, proficiency: 3 }]),
    );
    await call('getUserRoutinglanguages', routing.getUserRoutinglanguages(userId, {}));
  });

  it('sets presence, primary source, routing status and out of office', async () => {
    const definitions = await call<{ entities: { id: string; systemPresence: string }[] }>(
      'getPresenceDefinitions',
      presence.getPresenceDefinitions0({}),
    );
    const available = definitions.entities.find((d) => d.systemPresence === 'Available')?.id ?? '';
    const lunch = await call<{ id: string }>(
      'postPresenceDefinitions',
      presence.postPresenceDefinitions0({ languageLabels: { en_US: 'Lunch' }, systemPresence: 'Meal' }),
    );
    await call('getPresenceDefinition', presence.getPresenceDefinition0(lunch.id));
    await call(
      'putPresenceDefinition',
      presence.putPresenceDefinition0(lunch.id, {
        languageLabels: { en_US: 'Lunch break' },
        systemPresence: 'Meal',
      }),
    );
    const source = await call<{ id: string }>(
      'postPresenceSources',
      presence.postPresenceSources({ name: 'PureConnect' }),
    );
    await call('getPresenceSources', presence.getPresenceSources({}));
    await call('getPresenceSource', presence.getPresenceSource(source.id));
    await call(
      'putPresenceUserPrimarysource',
      presence.putPresenceUserPrimarysource(userId, { sourceId: source.id }),
    );
    await call('getPresenceUserPrimarysource', presence.getPresenceUserPrimarysource(userId));
    const set = await call<{ presenceDefinition: { id: string } }>(
      'patchUserPresence',
      presence.patchUserPresence(userId, source.id, {
        presenceDefinition: { id: available },
        message: 'at desk',
      }),
    );
    expect(set.presenceDefinition.id).toBe(available);
    await call(
      'patchUserPresencesPurecloud',
      presence.patchUserPresencesPurecloud(userId, { presenceDefinition: { id: lunch.id } }),
    );
    await call('getUserPresence', presence.getUserPresence(userId, source.id));
    await call(
      'putUsersPresencesBulk',
      presence.putUsersPresencesBulk([
        { id: otherUserId, sourceId: source.id, presenceDefinition: { id: available } },
      ]),
    );
    const bulk = await call<unknown[]>(
      'getUsersPresenceBulk',
      presence.getUsersPresenceBulk(source.id, { id: [userId, otherUserId] }),
    );
    expect(bulk).toHaveLength(2);
    await call('getUsersPresencesPurecloudBulk', presence.getUsersPresencesPurecloudBulk({ id: [userId] }));
    await call('getPresenceSettings', presence.getPresenceSettings());
    await call('putUserRoutingstatus', users.putUserRoutingstatus(userId, { status: 'IDLE' }));
    const status = await call<{ status: string }>('getUserRoutingstatus', users.getUserRoutingstatus(userId));
    expect(status.status).toBe('IDLE');
    await call(
      'putUserOutofoffice',
      users.putUserOutofoffice(userId, {
        active: true,
        startDate: '2026-01-01T00:00:00.000Z',
        endDate: '2026-01-02T00:00:00.000Z',
      }),
    );
    await call('getUserOutofoffice', users.getUserOutofoffice(userId));
    await call('getUser', users.getUser(userId));
    await call('getUsers', users.getUsers({}));
  });

  it('ingests presence, routing status and conversation events', async () => {
    const sources = await call<{ entities: { id: string }[] }>(
      'getPresenceSources',
      presence.getPresenceSources({}),
    );
    const sourceId = sources.entities[0]?.id ?? '';
    const now = new Date().toISOString();
    const good = await call<{ errors: unknown[] }>(
      'postEventsUsersPresence',
      events.postEventsUsersPresence({
        userPresenceEvents: [{ eventId: crypto.randomUUID(), eventDateTime: now, userId, sourceId }],
      }),
    );
    expect(good.errors).toEqual([]);
    const routed = await call<{ errors: { message: string }[] }>(
      'postEventsUsersRoutingstatus',
      events.postEventsUsersRoutingstatus({
        userRoutingStatusEvents: [
          { eventId: crypto.randomUUID(), eventDateTime: now, agentId: userId, status: 'Idle', sourceId },
          { eventId: 'not-a-uuid', eventDateTime: now, agentId: userId, status: 'Idle', sourceId },
        ],
      }),
    );
    expect(routed.errors).toHaveLength(1);
    const conversation = await call<{ errors: unknown[] }>(
      'postEventsConversations',
      events.postEventsConversations({
        routingEstablishedEvents: [
          {
            eventId: crypto.randomUUID(),
            eventDateTime: now,
            conversationId: crypto.randomUUID(),
            communicationId: crypto.randomUUID(),
            queueId,
            initialConfiguration: { inbound: true },
            sourceConfiguration: { sourceId, interactionId: 'cic-1' },
          },
        ],
      }),
    );
    expect(conversation.errors).toEqual([]);
  });

  it('imports WFM historical data', async () => {
    const upload = await call<{ url: string; uploadKey: string; headers: Record<string, string> }>(
      'postUploadsWorkforcemanagementHistoricaldataCsv',
      uploads.postUploadsWorkforcemanagementHistoricaldataCsv({ fileName: 'history.csv' }),
    );
    const csv =
      'Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)\n' +
      '2026-01-05T09:15:00Z,Support,voice,Billing,French,10,9,1800\n';
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: csv });
    expect(put.status).toBe(200);
    const job = await call<{ id: string }>(
      'postWorkforcemanagementHistoricaldataValidate',
      wfm.postWorkforcemanagementHistoricaldataValidate({
        uploadKey: upload.uploadKey,
        dateImportEnded: '2026-01-06T00:00:00Z',
      }),
    );
    const status = await call<{ importStatusResult: { status: string; active: boolean } }>(
      'getWorkforcemanagementHistoricaldataImportstatusJobId',
      wfm.getWorkforcemanagementHistoricaldataImportstatusJobId(job.id),
    );
    expect(status.importStatusResult).toMatchObject({ status: 'Success', active: true });
    await call(
      'getWorkforcemanagementHistoricaldataImportstatus',
      wfm.getWorkforcemanagementHistoricaldataImportstatus(),
    );
    const removal = await call<{ id: string }>(
      'postWorkforcemanagementHistoricaldataBulkRemoveJobs',
      wfm.postWorkforcemanagementHistoricaldataBulkRemoveJobs({ requestIds: [job.id] }),
    );
    await call(
      'getWorkforcemanagementHistoricaldataBulkRemoveJob',
      wfm.getWorkforcemanagementHistoricaldataBulkRemoveJob(removal.id),
    );
    await call(
      'getWorkforcemanagementHistoricaldataBulkRemoveJobs',
      wfm.getWorkforcemanagementHistoricaldataBulkRemoveJobs(),
    );
  });

  it('covers the single-item and secondary operations', async () => {
    await call('patchRoutingSkill', routing.patchRoutingSkill(skillId, {}));
    await call('getRoutingWrapupcodesDivisionviews', routing.getRoutingWrapupcodesDivisionviews({}));
    await call('getRoutingWrapupcodesDivisionview', routing.getRoutingWrapupcodesDivisionview(codeId));
    await call('postRoutingQueueMembers', routing.postRoutingQueueMembers(queueId, [{ id: otherUserId }]));
    await call(
      'patchRoutingQueueMember',
      routing.patchRoutingQueueMember(queueId, otherUserId, { joined: false }),
    );
    await call('deleteRoutingQueueMember', routing.deleteRoutingQueueMember(queueId, otherUserId));
    await call(
      'postUserRoutingskills',
      routing.postUserRoutingskills(otherUserId, { id: skillId, proficiency: 1 }),
    );
    const skill = await call<{ proficiency: number }>(
      'putUserRoutingskill',
      routing.putUserRoutingskill(otherUserId, skillId, { proficiency: 2.5 }),
    );
    expect(skill.proficiency).toBe(2.5);
    await call(
      'postUserRoutinglanguages',
      routing.postUserRoutinglanguages(otherUserId, { id: languageId, proficiency: 1 }),
    );
    await call(
      'patchUserRoutinglanguage',
      routing.patchUserRoutinglanguage(otherUserId, languageId, { proficiency: 4 }),
    );
    await call('deleteUserRoutinglanguage', routing.deleteUserRoutinglanguage(otherUserId, languageId));
    await call('getSystempresences', presence.getSystempresences());
    await call('getUserPresencesPurecloud', presence.getUserPresencesPurecloud(userId));
    await call('putPresenceSettings', presence.putPresenceSettings({ requestingOffQueueEnabled: true }));
    const source = await call<{ id: string }>(
      'postPresenceSources',
      presence.postPresenceSources({ name: 'Spare' }),
    );
    await call('putPresenceSource', presence.putPresenceSource(source.id, { name: 'Spare source' }));
    await call('deletePresenceSource', presence.deletePresenceSource(source.id));
    const definition = await call<{ id: string }>(
      'postPresenceDefinitions',
      presence.postPresenceDefinitions0({ languageLabels: { en_US: 'Coaching' }, systemPresence: 'Busy' }),
    );
    await call('deletePresenceDefinition', presence.deletePresenceDefinition0(definition.id));
    await call('getScimV2Groups', scim.getScimV2Groups('displayName eq Sales'));
  });

  it('deletes what it created', async () => {
    await call('deleteUserRoutingskill', routing.deleteUserRoutingskill(userId, skillId));
    await call('deleteRoutingQueue', routing.deleteRoutingQueue(queueId, {}));
    await call('deleteRoutingWrapupcode', routing.deleteRoutingWrapupcode(codeId));
    await call('deleteRoutingSkill', routing.deleteRoutingSkill(skillId));
    await call('deleteRoutingLanguage', routing.deleteRoutingLanguage(languageId));
    await call('deleteScimV2User', scim.deleteScimV2User(otherUserId));
    const after = await call<{ totalResults: number }>('getScimV2Users', scim.getScimV2Users({}));
    expect(after.totalResults).toBe(1);
  });

  it('counted every call per endpoint in /sim/requests', async () => {
    const summary = (await (await fetch(`${sim.url}/sim/requests/summary`)).json()) as {
      byEndpoint: Record<string, number>;
    };
    expect(summary.byEndpoint['POST /oauth/token']).toBe(1);
    expect(summary.byEndpoint['POST /api/v2/routing/queues/{id}/members']).toBe(3);
  });

  it('exercised every operation of the OpenAPI subset the simulator implements', () => {
    const missing = operationIds().filter((id) => !checked.has(id) && !NOT_SIMULATED.has(id));
    expect(missing).toEqual([]);
  });
});
