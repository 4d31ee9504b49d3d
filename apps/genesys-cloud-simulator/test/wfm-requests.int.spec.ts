import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { send, token } from './http-client';

const UNITS = '/api/v2/workforcemanagement/managementunits';

/** The management unit reads of agents' requests, as the SDK's WorkforceManagementApi calls them. */
describe('WFM management units and their requests (Genesys Cloud simulator)', () => {
  let sim: RunningGenesysCloudSimulator;
  let bearer: string;
  let agent: string;
  let other: string;
  beforeAll(async () => {
    sim = await startGenesysCloudSimulator({ port: 0, rateLimitPerMinute: 30 });
    bearer = await token(sim.url);
    const seeded = await send(sim.url, undefined, 'POST', '/sim/seed', {
      users: [
        { userName: 'agent@example.com', displayName: 'Agent' },
        { userName: 'other@example.com', displayName: 'Other' },
      ],
    });
    [agent, other] = (seeded.body as { users: string[] }).users as [string, string];
  });
  afterAll(async () => {
    await sim.close();
  });

  it('lists the units and their users, each user in one unit', async () => {
    const made = await send(sim.url, undefined, 'POST', '/sim/wfm/management-units', {
      name: 'Night shift',
      userIds: [other],
    });
    const units = (await send(sim.url, bearer, 'GET', UNITS)).body as {
      entities: { id: string; name: string; startDayOfWeek: string }[];
    };
    expect(units.entities.map((u) => u.name)).toEqual(['Default', 'Night shift']);
    const usersOf = async (id: string) =>
      ((await send(sim.url, bearer, 'GET', `${UNITS}/${id}/users`)).body as { entities: { id: string }[] })
        .entities;
    expect(await usersOf(units.entities[0]?.id ?? '')).toEqual([{ id: agent }]);
    expect(await usersOf((made.body as { id: string }).id)).toEqual([{ id: other }]);
    expect((await send(sim.url, bearer, 'GET', `${UNITS}/nope/users`)).status).toBe(404);
  });

  it('queries time-off requests by pending status or a date range of at most 33 days, with their status now', async () => {
    const unit = 'default-management-unit';
    const query = (body: unknown) =>
      send(sim.url, bearer, 'POST', `${UNITS}/${unit}/timeoffrequests/query`, body);
    const made = (
      await send(sim.url, undefined, 'POST', '/sim/wfm/time-off-requests', {
        userId: agent,
        dates: ['2026-12-24'],
      })
    ).body as { id: string };
    const pending = (await query({ statuses: ['PENDING'] })).body as {
      entities: { id: string; status: string }[];
    };
    expect(pending.entities.map((r) => [r.id, r.status])).toEqual([[made.id, 'PENDING']]);

    await send(sim.url, undefined, 'PUT', `/sim/wfm/time-off-requests/${made.id}/status`, {
      status: 'APPROVED',
    });
    expect(((await query({ statuses: ['PENDING'] })).body as { entities: unknown[] }).entities).toEqual([]);
    const inRange = (await query({ dateRange: { startDate: '2026-12-20', endDate: '2026-12-31' } })).body as {
      entities: { id: string; status: string; user: { id: string }; metadata: { dateModified: string } }[];
    };
    expect(inRange.entities).toEqual([
      expect.objectContaining({ id: made.id, status: 'APPROVED', user: { id: agent } }),
    ]);
    expect(Date.parse(inRange.entities[0]?.metadata.dateModified ?? '')).toBeGreaterThan(Date.now() - 60_000);

    expect((await query({})).status).toBe(400);
    expect((await query({ dateRange: { startDate: '2026-11-01', endDate: '2026-12-31' } })).status).toBe(400);
  });

  it("reads a unit's shift trades of one week with their state now", async () => {
    const trade = (
      await send(sim.url, undefined, 'POST', '/sim/wfm/shift-trades', {
        initiatingUserId: agent,
        receivingUserId: other,
        weekDate: '2026-12-07',
      })
    ).body as { id: string };
    await send(sim.url, undefined, 'PUT', `/sim/wfm/shift-trades/${trade.id}/state`, { state: 'Matched' });
    const week = (
      await send(sim.url, bearer, 'GET', `${UNITS}/default-management-unit/weeks/2026-12-07/shifttrades`)
    ).body as { entities: { trade: { id: string; state: string; receivingUser: { id: string } } }[] };
    expect(week.entities.map((e) => [e.trade.id, e.trade.state, e.trade.receivingUser.id])).toEqual([
      [trade.id, 'Matched', other],
    ]);
    const otherWeek = await send(
      sim.url,
      bearer,
      'GET',
      `${UNITS}/default-management-unit/weeks/2026-12-14/shifttrades`,
    );
    expect((otherWeek.body as { entities: unknown[] }).entities).toEqual([]);
  });

  it('limits these reads by the rate budget like every other route', async () => {
    let status = 200;
    for (let i = 0; i < 40 && status !== 429; i += 1)
      status = (await send(sim.url, bearer, 'GET', UNITS)).status;
    expect(status).toBe(429);
  });
});
