// `npm start`: runs the whole bridge on this machine — both simulators (unless SIMULATORS says otherwise) and
// every service — waits until each answers, prints the URLs, and stops everything cleanly on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setInterval } from 'node:timers';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Every process, in start order; one whose main file does not exist yet is skipped.
const services = JSON.parse(readFileSync(join(root, 'tools', 'services.json'), 'utf8'));
const logDir = join(root, 'tmp', 'logs');
const choice = process.env.SIMULATORS ?? 'all';
if (!['none', 'cic', 'genesys', 'all'].includes(choice)) {
  fail(`SIMULATORS must be none, cic, genesys or all (got "${choice}")`);
}
const wanted = services.filter(
  (service) => !service.simulator || choice === 'all' || choice === service.simulator,
);

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitReady(service, child) {
  const url = `http://127.0.0.1:${service.port}${service.ready ?? '/health'}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bridge';
for (const [name, url] of [
  ['NATS', natsUrl],
  ['PostgreSQL', databaseUrl],
]) {
  if (!(await reachable(url)))
    fail(
      `${name} does not answer at ${new URL(url).host}; start it (see README.md) or set ${name === 'NATS' ? 'NATS_URL' : 'DATABASE_URL'}.`,
    );
}

mkdirSync(logDir, { recursive: true });
const running = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping…\n');
  await Promise.all(
    running.reverse().map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('SIGHUP', () => void stopAll(0));
// `npm start` runs this under `sh -c`, and a SIGTERM to npm stops that shell without passing the signal on: this
// process is then re-parented. Noticing it is the only way to stop the services rather than leave them running.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stopAll(0);
}, 1000).unref();

// The services have no default credentials (a forgotten variable must fail, not fall back to the sandbox's):
// npm start passes the simulators' own to the services when it runs that simulator, unless the caller set them.
const sandboxCredentials = {
  cic: { CIC_USER: 'PureCloudAdmin', CIC_PASSWORD: '1234' },
  genesys: { GC_CLIENT_ID: 'bridge-sandbox', GC_CLIENT_SECRET: 'bridge-sandbox-secret' },
};
const credentials = Object.assign(
  {},
  ...Object.entries(sandboxCredentials)
    .filter(([simulator]) => choice === 'all' || choice === simulator)
    .map(([, values]) => values),
);

// Operator endpoints need a bearer token. Without OPERATOR_TOKEN, npm start makes one and keeps it in tmp/
// (readable by this user only), so it survives restarts and scripts can read it.
const tokenFile = join(root, 'tmp', 'operator-token');
function operatorToken() {
  if (process.env.OPERATOR_TOKEN) return { token: process.env.OPERATOR_TOKEN, source: 'OPERATOR_TOKEN' };
  mkdirSync(dirname(tokenFile), { recursive: true });
  if (!existsSync(tokenFile))
    writeFileSync(tokenFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);
  return { token: readFileSync(tokenFile, 'utf8').trim(), source: 'tmp/operator-token' };
}
const operator = operatorToken();

// The sandbox signs in through the IdP npm start runs: sso-idp starts first and writes its certificate, and the
// Genesys Cloud simulator trusts it (unless the caller configured the simulator's SAML already).
const idpBaseUrl = process.env.IDP_BASE_URL ?? `http://127.0.0.1:${process.env.IDP_PORT ?? 8090}`;
// The demo center is alive: a few agents change status now and then (6 changes a minute across the center), so
// presence flows without anyone doing anything. DEMO_ACTIVITY=off stills it; CIC_SIM_ACTIVITY sets another rate.
const demoActivity = process.env.DEMO_ACTIVITY ?? 'on';
if (!['on', 'off'].includes(demoActivity)) fail(`DEMO_ACTIVITY must be on or off (got "${demoActivity}")`);
// And it takes calls: about 3 ACD interactions a minute with a real center's lives, so interaction replication
// (and the historical upload after it) shows without anyone doing anything. DEMO_TRAFFIC=off stops them.
const demoTraffic = process.env.DEMO_TRAFFIC ?? 'on';
if (!['on', 'off'].includes(demoTraffic)) fail(`DEMO_TRAFFIC must be on or off (got "${demoTraffic}")`);
const serviceEnv = {
  'cic-simulator': {
    CIC_SIM_ACTIVITY: demoActivity === 'off' ? '0' : '6',
    CIC_SIM_TRAFFIC: demoTraffic === 'off' ? '0' : '3',
  },
  'genesys-cloud-simulator': {
    GC_SIM_IDP_CERT_FILE: join(root, process.env.IDP_DATA_DIR ?? 'tmp/sso-idp', 'signing-cert.pem'),
    GC_SIM_IDP_SSO_URL: `${idpBaseUrl}/saml/sso`,
  },
};

// The services run compiled (tools/build.mjs), as in the container image: no compiler loaded at start.
if (spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { stdio: 'inherit' }).status !== 0) {
  fail('the build failed');
}
const compiled = (main) => join('dist', main.replace(/\.ts$/, '.js'));

const started = [];
for (const service of wanted) {
  const port = Number(process.env[service.portVariable] ?? service.port);
  const log = createWriteStream(join(logDir, `${service.name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [compiled(service.main)], {
    cwd: root,
    env: {
      ...credentials,
      ...serviceEnv[service.name],
      ...process.env,
      OPERATOR_TOKEN: operator.token,
      [service.portVariable]: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  running.push({ service, child });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${service.name} exited (${signal ?? code}); see tmp/logs/${service.name}.log\n`);
      void stopAll(1);
    }
  });
  process.stdout.write(`starting ${service.name}…\n`);
  if (!(await waitReady({ ...service, port }, child))) {
    process.stderr.write(`${service.name} did not become ready; see tmp/logs/${service.name}.log\n`);
    await stopAll(1);
  }
  started.push({ name: service.name, url: `http://127.0.0.1:${port}` });
}

const width = Math.max(...started.map((s) => s.name.length));
process.stdout.write(`\nCloud Bridge for PureConnect is running (simulators: ${choice}).\n\n`);
for (const { name, url } of started) process.stdout.write(`  ${name.padEnd(width)}  ${url}\n`);
process.stdout.write(`\nLogs: tmp/logs/<service>.log · health: <url>/health · Ctrl-C stops everything.\n`);
process.stdout.write(
  `Operator token (${operator.source}): ${operator.token}\n` +
    `  e.g. curl -H "Authorization: Bearer ${operator.source === 'OPERATOR_TOKEN' ? '$OPERATOR_TOKEN' : '$(cat tmp/operator-token)'}" http://127.0.0.1:${process.env.GENESYS_DELIVERY_PORT ?? 8103}/delivery/backlog\n`,
);
if (started.some((s) => s.name === 'console')) {
  const consoleUrl = process.env.CONSOLE_BASE_URL ?? `http://127.0.0.1:${process.env.CONSOLE_PORT ?? 8080}`;
  process.stdout.write(
    `Console (health, status, records, activity, operator actions): ${consoleUrl}\n` +
      (started.some((s) => s.name === 'cic-simulator')
        ? `  sign in as the CIC simulator's Master Administrator: PureCloudAdmin / 1234\n`
        : `  sign in as a CIC Master Administrator, or a CONSOLE_OPERATORS account\n`),
  );
}
if (started.some((s) => s.name === 'genesys-cloud-simulator') && started.some((s) => s.name === 'sso-idp')) {
  process.stdout.write(
    `Sign in to the Genesys Cloud simulator with CIC credentials: http://127.0.0.1:${process.env.GC_SIM_PORT ?? 8700}/saml/login\n`,
  );
}
