// The floor under the initial sync's calls (issue 18, target 3): what the calls of a 10,000-user sync cost on
// this machine with nothing of the bridge around them. The same number and mix of calls (SCIM user creates for
// the configuration lane, primary-source PUTs for the presence lane) goes out, several at a time, three ways:
//   http        plain node:http requests with a keep-alive agent to a server that does no work
//               (trivial-genesys.ts): the machine's own floor for that many HTTP round trips;
//   sdk         the bridge's GenesysClient (the purecloud-platform-client-v2 SDK) to the same trivial server:
//               the floor of every bridge that talks through the SDK;
//   simulator   the same GenesysClient to the Genesys Cloud simulator: the floor plus the simulator's own cost,
//               which the whole-system bench (initial-sync.bench.ts) pays on the same two cores.
// Each way reports wall time and the CPU seconds of the client (this process) and of the server process.
//
// Run: node -r @swc-node/register bench/sync/sdk-floor.bench.ts [--creates N] [--puts N] [--in-flight N]
//   [--rounds N] [--ways http,sdk,simulator]
// Defaults are the 10,000-user sync's counts (docs/benchmarks.md): 9,645 configuration calls, 8,849 presence.
import { GenesysClient } from '@bridge/genesys-client';
import { freePort, sandboxCredentials, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import { Agent, request } from 'node:http';
import { describeMachine, median, printTable, runBench } from '../machine';
import { cpuSeconds, numberArg, pidOf } from './support';

const CREATES = numberArg('creates', 9_645);
const PUTS = numberArg('puts', 8_849);
const IN_FLIGHT = numberArg('in-flight', 8);
const ROUNDS = numberArg('rounds', 3);
/** The simulator's built-in presence source (org-state.ts): every user's primary source may be set to it. */
const PURECLOUD_SOURCE = 'purecloud';

const TRIVIAL_MAIN = 'bench/sync/trivial-genesys.ts';
const SIMULATOR_MAIN = 'apps/genesys-cloud-simulator/src/main.ts';

const allWays = ['http', 'sdk', 'simulator'] as const;
type Way = (typeof allWays)[number];
const isWay = (name: string): name is Way => (allWays as readonly string[]).includes(name);
/** `--ways a,b`: which of them to run (all by default). */
function waysArg(): Way[] {
  const at = process.argv.indexOf('--ways');
  if (at < 0) return [...allWays];
  const names = (process.argv[at + 1] ?? '').split(',');
  const unknown = names.filter((name) => !isWay(name));
  if (unknown.length > 0)
    throw new Error(`--ways: unknown ${unknown.join(', ')} (ways: ${allWays.join(', ')})`);
  return names.filter(isWay);
}
interface Round {
  wallS: number;
  clientCpuS: number;
  serverCpuS: number;
}

/** Runs `call(i)` for i in [0, count), `IN_FLIGHT` at a time. */
async function inFlight(count: number, call: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await call(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

function userOf(round: number, i: number) {
  const name = `floor-${round}-${i}`;
  return {
    userName: `${name}@example.com`,
    displayName: `Floor User ${i}`,
    externalId: name,
    phoneNumbers: [],
    routingSkills: [],
    routingLanguages: [],
  };
}

async function viaSdk(baseUrl: string, round: number): Promise<void> {
  const url = new URL(baseUrl);
  const client = new GenesysClient({
    target: { gateway: { host: url.hostname, protocol: 'http', port: Number(url.port) } },
    clientId: sandboxCredentials['GC_CLIENT_ID'] ?? '',
    clientSecret: sandboxCredentials['GC_CLIENT_SECRET'] ?? '',
  });
  const ids: string[] = [];
  await inFlight(CREATES, async (i) => ids.push((await client.createUser(userOf(round, i))).id));
  await inFlight(PUTS, (i) => client.setPrimarySource(ids[i % ids.length] ?? '', PURECLOUD_SOURCE));
}

async function viaHttp(baseUrl: string, round: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const url = new URL(baseUrl);
  const send = (method: string, path: string, body: unknown) =>
    new Promise<void>((resolve, reject) => {
      const text = JSON.stringify(body);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            JSON.parse(Buffer.concat(chunks).toString());
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  await inFlight(CREATES, (i) => send('POST', '/api/v2/scim/v2/users', userOf(round, i)));
  await inFlight(PUTS, (i) =>
    send('PUT', `/api/v2/presence/users/trivial-${i}/primarysource`, { sourceId: PURECLOUD_SOURCE }),
  );
  agent.destroy();
}

async function startServer(way: Way): Promise<{ server: ServiceProcess; pid: number }> {
  const port = await freePort();
  const server =
    way === 'simulator'
      ? await startServiceProcess({
          name: 'genesys-cloud-simulator',
          main: SIMULATOR_MAIN,
          env: { GC_SIM_PORT: String(port), GC_SIM_RATE_LIMIT_PER_MINUTE: '10000000', LOG_LEVEL: 'warn' },
          baseUrl: `http://127.0.0.1:${port}`,
          ready: '/sim/state',
        })
      : await startServiceProcess({
          name: 'trivial-genesys',
          main: TRIVIAL_MAIN,
          args: ['--port', String(port)],
          env: {},
          baseUrl: `http://127.0.0.1:${port}`,
          ready: '/ready',
        });
  return { server, pid: pidOf(way === 'simulator' ? SIMULATOR_MAIN : TRIVIAL_MAIN) };
}

/** One round of one way, on a server of its own (the simulator's org starts empty each round). */
async function runRound(way: Way, round: number): Promise<Round> {
  const { server, pid } = await startServer(way);
  try {
    const serverCpu = cpuSeconds(pid);
    const clientCpu = process.cpuUsage();
    const started = performance.now();
    await (way === 'http' ? viaHttp : viaSdk)(server.baseUrl, round);
    const wallS = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(clientCpu);
    return { wallS, clientCpuS: (user + system) / 1e6, serverCpuS: cpuSeconds(pid) - serverCpu };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const calls = CREATES + PUTS;
  console.log(describeMachine());
  console.log(
    `${calls} calls (${CREATES} SCIM user creates, ${PUTS} primary-source PUTs), ${IN_FLIGHT} in flight`,
  );
  const ways = waysArg();
  const rounds = new Map<Way, Round[]>(ways.map((way) => [way, []]));
  // Ways alternate within a round, so a change in the machine's load falls on all of them alike.
  for (let round = 0; round < ROUNDS; round++)
    for (const way of ways) {
      const result = await runRound(way, round);
      rounds.get(way)?.push(result);
      console.log(
        `round ${round + 1} ${way}: ${result.wallS.toFixed(2)} s, CPU s client ${result.clientCpuS.toFixed(2)}` +
          ` server ${result.serverCpuS.toFixed(2)}`,
      );
    }
  const perCall = (seconds: number) => `${((seconds * 1000) / calls).toFixed(3)} ms`;
  const rows: [string, string, string][] = [['way', 'wall s (calls/s)', 'CPU a call: client / server']];
  for (const way of ways) {
    const of = rounds.get(way) ?? [];
    const wall = median(of.map((r) => r.wallS));
    rows.push([
      way,
      `${wall.toFixed(2)} (${Math.round(calls / wall)})`,
      `${perCall(median(of.map((r) => r.clientCpuS)))} / ${perCall(median(of.map((r) => r.serverCpuS)))}`,
    ]);
  }
  printTable(`medians of ${ROUNDS} rounds`, rows);
}

runBench(main);
