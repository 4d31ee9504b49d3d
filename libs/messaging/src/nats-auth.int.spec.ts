import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeys } from '@nats-io/nats-core';
import { startNatsServer, type NatsServerProcess } from '@bridge/testing';
import { connectNats, natsServerAndCredentials } from './connection';

/** connectNats against private NATS servers that want credentials (review S3). */
const password = 'nats-pass-7f3a9c';
const token = 'nats-token-4b1e8d2f';
const dir = mkdtempSync(join(tmpdir(), 'bridge-nats-auth-'));
const servers: NatsServerProcess[] = [];

async function server(args: string[]): Promise<NatsServerProcess> {
  const started = await startNatsServer({ args });
  servers.push(started);
  return started;
}

const withCredentials = (server: NatsServerProcess, userinfo: string) =>
  server.url.replace('nats://', `nats://${userinfo}@`);

async function refusal(attempt: Promise<{ close(): Promise<void> }>): Promise<string> {
  const outcome = await attempt.then(
    (connection) => ({ connection }),
    (error: unknown) => ({ error }),
  );
  if ('connection' in outcome) {
    await outcome.connection.close();
    throw new Error('expected the connection to be refused');
  }
  return outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.dispose()));
  rmSync(dir, { recursive: true, force: true });
});

it('takes a user and password, or a token, from the URL and keeps them out of the server address', () => {
  expect(natsServerAndCredentials('nats://bridge:p%40ss@nats:4222')).toEqual({
    server: 'nats://nats:4222',
    options: { user: 'bridge', pass: 'p@ss' },
  });
  expect(natsServerAndCredentials('tls://secret-token@nats')).toEqual({
    server: 'tls://nats',
    options: { token: 'secret-token' },
  });
  expect(natsServerAndCredentials('nats://127.0.0.1:4222')).toEqual({
    server: 'nats://127.0.0.1:4222',
    options: {},
  });
});

describe('a NATS server that wants a user and password', () => {
  let nats: NatsServerProcess;
  beforeAll(async () => {
    nats = await server(['--user', 'bridge', '--pass', password]);
  });

  it('is connected to with the right ones in NATS_URL', async () => {
    const connection = await connectNats(withCredentials(nats, `bridge:${password}`), 'auth-test');
    await connection.flush();
    await connection.close();
  });

  it('refuses none or wrong ones with a clear error that shows no password', async () => {
    const none = await refusal(connectNats(nats.url, 'auth-test'));
    expect(none).toMatch(/^NATS at nats:\/\/127\.0\.0\.1:\d+ refused the connection \(.*auth.*\); check/i);
    const wrong = await refusal(connectNats(withCredentials(nats, 'bridge:wrong-pass-1234'), 'auth-test'));
    expect(wrong).toMatch(/refused the connection .*NATS_URL/);
    expect(wrong).not.toContain('wrong-pass-1234');
  });
});

describe('a NATS server that wants a token', () => {
  it('is connected to with the token in NATS_URL, and refuses a wrong one', async () => {
    const nats = await server(['--auth', token]);
    const connection = await connectNats(withCredentials(nats, token), 'auth-test');
    await connection.flush();
    await connection.close();
    const wrong = await refusal(connectNats(withCredentials(nats, 'not-the-token'), 'auth-test'));
    expect(wrong).not.toContain('not-the-token');
  });
});

describe('a NATS server that wants an nkey', () => {
  it('is connected to with the seed in NATS_NKEY_FILE', async () => {
    const user = nkeys.createUser();
    const config = join(dir, 'nkey.conf');
    writeFileSync(config, `authorization { users = [ { nkey: ${user.getPublicKey()} } ] }\n`);
    const seedFile = join(dir, 'user.nk');
    writeFileSync(seedFile, `${new TextDecoder().decode(user.getSeed())}\n`, { mode: 0o600 });
    const nats = await server(['-c', config]);

    const connection = await connectNats(nats.url, 'auth-test', { nkeyFile: seedFile });
    await connection.flush();
    await connection.close();
    await refusal(connectNats(nats.url, 'auth-test'));
  });
});

// Node trusts no such CA by default, so the connection proves NATS_CA_FILE applied. (Without it the client keeps
// retrying the handshake, as it retries an absent server: it would never settle.)
describe('a NATS server whose certificate a private CA signed', () => {
  it('is connected to over TLS with the CA in NATS_CA_FILE', async () => {
    const file = (name: string) => join(dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
    openssl(
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=test CA'],
      ...['-keyout', file('ca.key'), '-out', file('ca.pem')],
    );
    openssl(
      ...['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1'],
      ...['-keyout', file('server.key'), '-out', file('server.csr')],
    );
    writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl(
      ...['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key')],
      ...['-CAcreateserial', '-days', '1', '-extfile', file('san.ext'), '-out', file('server.pem')],
    );
    const nats = await server(['--tls', '--tlscert', file('server.pem'), '--tlskey', file('server.key')]);
    const tlsUrl = nats.url.replace('nats://', 'tls://');

    const connection = await connectNats(tlsUrl, 'auth-test', { caFile: file('ca.pem') });
    await connection.flush();
    await connection.close();
  });
});
