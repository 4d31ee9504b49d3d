import { generateContactCenter } from '../src/domain/generate-contact-center';
import { startCicSimulator, type RunningCicSimulator } from '../src/server';
import { connect, icws, type TestSession } from './icws-test-session';

type Items = { items: Record<string, unknown>[] };
const generator = { users: 450, workgroups: 30, skills: 20, wrapUpCodes: 25, seed: 11 };

describe('ICWS configuration reads', () => {
  const expected = generateContactCenter(generator);
  let simulator: RunningCicSimulator;
  let session: TestSession;

  beforeAll(async () => {
    simulator = await startCicSimulator({ port: 0, logLevel: 'silent', generate: generator });
    session = await connect(simulator.url);
  });
  afterAll(() => simulator.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await icws(session, 'GET', path, undefined, headers);
    return {
      status: response.status,
      contentRange: response.headers.get('content-range'),
      body: (await response.json()) as Items,
    };
  };

  it('lists every user id without select, uncapped', async () => {
    const { body, contentRange } = await get('/configuration/users');
    expect(contentRange).toBeNull();
    expect(body.items.map((item) => (item['configurationId'] as { id: string }).id)).toEqual(
      expected.users.map((u) => u.id),
    );
    expect(Object.keys(body.items[1] ?? {})).toEqual(['configurationId']);
  });

  it('caps a selected list at 200 and pages with Range', async () => {
    const first = await get('/configuration/users?select=personalInformationProperties.emailAddress');
    expect(first.body.items).toHaveLength(200);
    expect(first.contentRange).toBe('items 0-199/450');
    const last = await get('/configuration/users?select=*', { range: 'items=400-599' });
    expect(last.body.items).toHaveLength(50);
    expect(last.contentRange).toBe('items 400-449/450');
  });

  it('omits null properties', async () => {
    const withoutEmail = expected.users.find(
      (user, index) => index > 0 && !user.businessEmail && !user.givenName,
    );
    const noEmail = expected.users.find((user, index) => index > 0 && !user.businessEmail);
    const target = withoutEmail ?? noEmail;
    if (!target) throw new Error('generator gave no user without email');
    const response = await icws(
      session,
      'GET',
      `/configuration/users/${encodeURIComponent(target.id)}?select=*`,
    );
    const user = (await response.json()) as Record<string, Record<string, unknown> | undefined>;
    expect(user['personalInformationProperties']?.['emailAddress']).toBeUndefined();
    expect(JSON.stringify(user)).not.toContain('null');
  });

  it('filters with where', async () => {
    const target = expected.users[7];
    if (!target) throw new Error('no user');
    const { body } = await get(
      `/configuration/users?where=${encodeURIComponent(`configurationId.id eq ${target.id}`)}`,
    );
    expect(body.items).toEqual([{ configurationId: expect.objectContaining({ id: target.id }) as unknown }]);
    const none = await get(
      `/configuration/workgroups?select=queueType&where=${encodeURIComponent('queueType eq None')}`,
    );
    expect(none.body.items.length).toBe(expected.workgroups.filter((wg) => wg.queueType === 'None').length);
    expect(none.body.items.every((item) => item['queueType'] === 'None')).toBe(true);
  });

  it('serves a workgroup with members, skills, wrap-up codes and queue type, by an id with a dot and a space', async () => {
    const response = await icws(
      session,
      'GET',
      `/configuration/workgroups/${encodeURIComponent('Support.Tier 2')}?select=members,skills,wrapUpCodes,queueType,hasQueue,isActive`,
    );
    expect(response.status).toBe(200);
    const workgroup = (await response.json()) as Record<string, unknown>;
    const source = expected.workgroups.find((wg) => wg.id === 'Support.Tier 2');
    expect(workgroup).toMatchObject({
      queueType: source?.queueType,
      hasQueue: source?.queueType !== 'None',
      isActive: source?.isActive,
    });
    expect((workgroup['members'] as unknown[]).length).toBe(source?.members.length);
  });

  it('serves skills with treatAsLanguage and wrap-up codes', async () => {
    const skills = await get('/configuration/skills?select=treatAsLanguage');
    expect(skills.body.items.filter((item) => item['treatAsLanguage'] === true).length).toBe(
      expected.skills.filter((skill) => skill.treatAsLanguage).length,
    );
    const codes = await get('/configuration/wrap-up-codes');
    expect(codes.body.items).toHaveLength(25);
  });

  it('answers 404 for an unknown object or type and 400 for a bad where', async () => {
    expect((await icws(session, 'GET', '/configuration/users/nobody')).status).toBe(404);
    expect((await icws(session, 'GET', '/configuration/roles')).status).toBe(404);
    expect((await icws(session, 'GET', '/configuration/users?where=foo%20like%20bar')).status).toBe(400);
  });

  it('serves status messages and a user status', async () => {
    const statuses = (await (await icws(session, 'GET', '/status/status-messages')).json()) as {
      statusMessageList: { statusId: string; isAcdStatus: boolean }[];
    };
    expect(statuses.statusMessageList).toContainEqual(
      expect.objectContaining({ statusId: 'Available', isAcdStatus: true }),
    );
    const status = await icws(session, 'GET', '/status/user-statuses/PureCloudAdmin');
    expect(await status.json()).toMatchObject({
      userId: 'PureCloudAdmin',
      statusId: expect.any(String) as unknown,
    });
  });
});
