import { register } from 'prom-client';
import { CicConnectionStatus } from './cic-connection-status';

const value = async (name: string) =>
  Number((await register.getSingleMetricAsString(name)).split('\n').at(-1)?.split(' ').at(-1));

it('counts a session on the other server of the pair as a switchover, and shows whether CIC is connected', async () => {
  const status = new CicConnectionStatus();
  const up = (server: string) => ({ status: 'up', server, mode: 'polling' }) as const;
  status.state = up('https://primary');
  expect(await value('bridge_cic_connected')).toBe(1);
  status.state = { status: 'down', reason: 'connection lost' };
  expect(await value('bridge_cic_connected')).toBe(0);
  status.state = up('https://primary');
  expect(await value('bridge_cic_switchovers_total')).toBe(0);
  status.state = { status: 'connecting' };
  status.state = up('https://backup');
  status.state = { status: 'connecting' };
  status.state = up('https://primary');
  expect(await value('bridge_cic_switchovers_total')).toBe(2);
});
