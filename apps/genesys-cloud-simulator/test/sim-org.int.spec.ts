import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { send, token } from './http-client';

const SCIM_USERS = '/api/v2/scim/v2/users';
const GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';

/** /sim/org: edits "by hand" that the API then shows, and that the request log does not count. */
describe('/sim/org', () => {
  let sim: RunningGenesysCloudSimulator;
  let bearer: string;
  let userId: string;
  let skillId: string;
  let queueId: string;
  let codeId: string;
  const api = (method: string, path: string, body?: unknown) => send(sim.url, bearer, method, path, body);
  const byHand = async (method: string, path: string, body?: unknown) => {
    const reply = await send(sim.url, undefined, method, `/sim/org${path}`, body);
    expect(reply.status).toBe(204);
  };

  beforeAll(async () => {
    sim = await startGenesysCloudSimulator({ port: 0 });
    bearer = await token(sim.url);
    skillId = ((await api('POST', '/api/v2/routing/skills', { name: 'Billing' })).body as { id: string }).id;
    codeId = ((await api('POST', '/api/v2/routing/wrapupcodes', { name: 'Sold' })).body as { id: string }).id;
    queueId = ((await api('POST', '/api/v2/routing/queues', { name: 'Support' })).body as { id: string }).id;
    const user = await api('POST', SCIM_USERS, {
      userName: 'ann@example.com',
      displayName: 'Ann',
      [GENESYS]: { routingSkills: [{ name: 'Billing', proficiency: 4 }] },
    });
    userId = (user.body as { id: string }).id;
    await api('POST', `/api/v2/routing/queues/${queueId}/members`, [{ id: userId }]);
    await api('POST', `/api/v2/routing/queues/${queueId}/wrapupcodes`, [{ id: codeId }]);
    await send(sim.url, undefined, 'DELETE', '/sim/requests');
  });

  afterAll(async () => {
    await sim.close();
  });

  it('renames a user and changes a skill rating', async () => {
    await byHand('PATCH', `/users/${userId}`, { displayName: 'Annie' });
    await byHand('PUT', `/users/${userId}/skills/${skillId}`, { proficiency: 2 });
    const user = (await api('GET', `${SCIM_USERS}/${userId}`)).body as Record<string, unknown>;
    expect(user['displayName']).toBe('Annie');
    expect(user[GENESYS]).toMatchObject({ routingSkills: [{ name: 'Billing', proficiency: 2 }] });
  });

  it('removes and adds members, renames and deletes a wrap-up code and a queue', async () => {
    await byHand('DELETE', `/queues/${queueId}/members/${userId}`);
    expect((await api('GET', `/api/v2/routing/queues/${queueId}/members`)).body).toMatchObject({
      entities: [],
    });
    await byHand('POST', `/queues/${queueId}/members`, { ids: [userId] });
    await byHand('PUT', `/queues/${queueId}`, { name: 'Support desk' });
    expect((await api('GET', `/api/v2/routing/queues/${queueId}`)).body).toMatchObject({
      name: 'Support desk',
      memberCount: 1,
    });
    await byHand('PUT', `/wrapupcodes/${codeId}`, { name: 'Sold out' });
    expect((await api('GET', `/api/v2/routing/wrapupcodes/${codeId}`)).body).toMatchObject({
      name: 'Sold out',
    });
    await byHand('DELETE', `/wrapupcodes/${codeId}`);
    expect((await api('GET', `/api/v2/routing/wrapupcodes/${codeId}`)).status).toBe(404);
    await byHand('DELETE', `/queues/${queueId}`);
    expect((await api('GET', `/api/v2/routing/queues/${queueId}`)).status).toBe(404);
  });

  it('deletes a user and a skill', async () => {
    await byHand('DELETE', `/skills/${skillId}`);
    await byHand('DELETE', `/users/${userId}`);
    const listed = (await api('GET', SCIM_USERS)).body as { totalResults: number };
    expect(listed.totalResults).toBe(0);
  });

  it('answers 404 for what does not exist, and leaves the request log alone', async () => {
    expect((await send(sim.url, undefined, 'DELETE', '/sim/org/queues/nope')).status).toBe(404);
    const summary = (await send(sim.url, undefined, 'GET', '/sim/requests/summary')).body as {
      byEndpoint: Record<string, number>;
    };
    expect(Object.keys(summary.byEndpoint).some((endpoint) => endpoint.includes('/sim/'))).toBe(false);
  });
});
