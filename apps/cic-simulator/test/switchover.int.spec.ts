import { startCicSimulator, type RunningCicSimulator } from '../src/server';
import { connect, icws, poll, sim } from './icws-test-session';
import { readEvents } from './sse-reader';

async function connectStatus(base: string) {
  const response = await fetch(`${base}/icws/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
    body: JSON.stringify({
      __type: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
      userID: 'PureCloudAdmin',
      password: '1234',
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('switchover pair', () => {
  let pair: RunningCicSimulator;

  beforeEach(async () => {
    pair = await startCicSimulator({ port: 0, backupPort: 0, logLevel: 'silent' });
  });
  afterEach(() => pair.close());

  it('serves on the primary only, and the backup points at it', async () => {
    const backupUrl = pair.backupUrl ?? '';
    const refused = await connectStatus(backupUrl);
    expect(refused.status).toBe(503);
    expect(refused.body['alternateHostList']).toEqual([pair.url.replace('http://', '')]);
    const session = await connect(pair.url);
    expect(session.body['alternateHostList']).toEqual([backupUrl.replace('http://', '')]);
  });

  it('takes the primary down: its sessions and streams end, it answers 503, the backup serves the same center', async () => {
    const session = await connect(pair.url);
    await icws(session, 'PUT', '/messaging/subscriptions/configuration/users/s', { configurationIds: ['*'] });
    const stream = await icws(session, 'GET', '/messaging/messages', undefined, {
      accept: 'text/event-stream',
    });
    await sim(pair.url, 'POST', '/users', { id: 'before.down' });

    expect(await (await sim(pair.url, 'POST', '/primary/down')).json()).toEqual({ active: 'backup' });
    const events = await readEvents(stream, () => false, 1000);
    expect(events.filter((event) => event.data)).toHaveLength(2);

    const refused = await icws(session, 'GET', '/connection');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as Record<string, unknown>)['alternateHostList']).toEqual([
      (pair.backupUrl ?? '').replace('http://', ''),
    ]);

    const onBackup = await connect(pair.backupUrl ?? '');
    await icws(onBackup, 'PUT', '/messaging/subscriptions/configuration/users/s', {
      configurationIds: ['*'],
    });
    const [snapshot] = await poll(onBackup);
    expect(snapshot?.['added']).toContainEqual({
      configurationId: expect.objectContaining({ id: 'before.down' }) as unknown,
    });

    // The restarted primary waits as the standby until the next switchover.
    expect(await (await sim(pair.url, 'POST', '/primary/up')).json()).toEqual({ active: 'backup' });
    expect((await connectStatus(pair.url)).status).toBe(503);
    expect(await (await sim(pair.url, 'POST', '/switchover')).json()).toEqual({ active: 'primary' });
    expect((await icws(onBackup, 'GET', '/connection')).status).toBe(503);
    expect((await connectStatus(pair.url)).status).toBe(201);
  });

  it('a lone server taken down refuses with an empty alternateHostList, then comes back', async () => {
    const single = await startCicSimulator({ port: 0, logLevel: 'silent' });
    try {
      await sim(single.url, 'POST', '/primary/down');
      expect(await connectStatus(single.url)).toMatchObject({ status: 503, body: { alternateHostList: [] } });
      expect((await sim(single.url, 'POST', '/switchover')).status).toBe(400);
      await sim(single.url, 'POST', '/primary/up');
      expect((await connectStatus(single.url)).status).toBe(201);
    } finally {
      await single.close();
    }
  });
});
