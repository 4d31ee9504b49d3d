// The CIC simulator under a status storm: can it keep up with 5,000 agents at 2 and at 10 changes a minute each
// (≈167/s and ≈833/s), delivered to one subscribed session by server-sent events and by short polling (1 s)?
// Prints changes/s made and received, messages/s, the simulator's CPU and how long the session trailed at the end.
// Run: node -r @swc-node/register bench/cic-simulator/status-storm.bench.ts [--seconds 20]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '@bridge/testing';
import { describeMachine, printTable } from '../machine';

const AGENTS = 5_000;
const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 20;

interface Session {
  base: string;
  path: string;
  headers: Record<string, string>;
}
interface Tally {
  entries: number;
  messages: number;
}

/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startSimulator(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'apps/cic-simulator/src/main.ts',
      '--port',
      String(port),
      '--users',
      String(AGENTS + 1),
    ],
    { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if ((await fetch(`${base}/sim/state`).catch(() => undefined))?.ok) return { child, base };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the CIC simulator did not start');
}

async function subscribedSession(base: string): Promise<Session> {
  const response = await fetch(`${base}/icws/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
    body: JSON.stringify({
      __type: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
      applicationName: 'bench',
      userID: 'PureCloudAdmin',
      password: '1234',
    }),
  });
  const body = (await response.json()) as { sessionId: string; csrfToken: string };
  const session = {
    base,
    path: `${base}/icws/${body.sessionId}`,
    headers: {
      'ININ-ICWS-CSRF-Token': body.csrfToken,
      cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    },
  };
  const state = (await (await fetch(`${base}/sim/state`)).json()) as { userStatuses: { userId: string }[] };
  await fetch(`${session.path}/messaging/subscriptions/status/user-statuses`, {
    method: 'PUT',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ userIds: state.userStatuses.map((status) => status.userId) }),
  });
  await fetch(`${session.path}/messaging/messages`, { headers: session.headers });
  return session;
}

function count(tally: Tally, message: { isDelta?: boolean; userStatusList?: unknown[] }): void {
  if (message.isDelta !== true) return;
  tally.messages += 1;
  tally.entries += message.userStatusList?.length ?? 0;
}

/** Reads the session's event stream into the tally until `stop` is called. */
function streamInto(session: Session, tally: Tally): () => void {
  const controller = new AbortController();
  void (async () => {
    const response = await fetch(`${session.path}/messaging/messages`, {
      headers: { ...session.headers, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (data) count(tally, JSON.parse(data.slice(6)) as { isDelta?: boolean });
      }
    }
  })().catch(() => undefined);
  return () => controller.abort();
}

/** Polls the session every second, as ICWS clients do, until `stop` is called. */
function pollInto(session: Session, tally: Tally): () => void {
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const messages = (await (
        await fetch(`${session.path}/messaging/messages`, { headers: session.headers })
      ).json()) as { isDelta?: boolean }[];
      messages.forEach((message) => count(tally, message));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return () => {
    stopped = true;
  };
}

async function storm(
  base: string,
  pid: number,
  perAgentPerMinute: number,
  deliver: (tally: Tally) => () => void,
): Promise<[string, string, string]> {
  const tally: Tally = { entries: 0, messages: 0 };
  const stop = deliver(tally);
  const cpuBefore = cpuSeconds(pid);
  const started = Date.now();
  await fetch(`${base}/sim/status-storm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ changesPerMinute: perAgentPerMinute, durationS: SECONDS, seed: 7 }),
  });
  let progress = { running: true, changes: 0 };
  while (progress.running) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    progress = (await (await fetch(`${base}/sim/status-storm`)).json()) as typeof progress;
  }
  const ended = Date.now();
  const cpu = cpuSeconds(pid) - cpuBefore;
  while (tally.entries < progress.changes && Date.now() - ended < 10_000)
    await new Promise((resolve) => setTimeout(resolve, 10));
  const trailing = Date.now() - ended;
  stop();
  const seconds = (ended - started) / 1000;
  return [
    `${perAgentPerMinute}/min per agent`,
    `${Math.round(progress.changes / seconds)} changes/s made, ${Math.round(tally.entries / seconds)}/s received ` +
      `(${tally.entries}/${progress.changes}) in ${Math.round(tally.messages / seconds)} messages/s`,
    `simulator CPU ${Math.round((cpu / seconds) * 100)} %, last change received ${trailing} ms after the end`,
  ];
}

async function main(): Promise<void> {
  console.log(describeMachine());
  const { child, base } = await startSimulator();
  const pid = child.pid ?? 0;
  try {
    for (const [mode, deliver] of [
      ['server-sent events', streamInto],
      ['short polling (1 s)', pollInto],
    ] as const) {
      const rows: [string, string, string][] = [];
      for (const rate of [2, 10]) {
        const session = await subscribedSession(base);
        rows.push(await storm(base, pid, rate, (tally) => deliver(session, tally)));
        await fetch(`${session.path}/connection`, { method: 'DELETE', headers: session.headers });
      }
      printTable(`${AGENTS} agents, ${SECONDS} s storm, ${mode}`, rows);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
