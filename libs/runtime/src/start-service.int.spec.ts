import { bindHost, loadConfig, operatorVariables } from '@bridge/config';
import { capturedLogger, freePort } from '@bridge/testing';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Post,
  type DynamicModule,
  type INestApplication,
} from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { OperatorAccessModule, OperatorEndpoint } from './operator-access';
import { startService } from './start-service';

/** startService and the operator guard in a real Nest app on a loopback port (DESIGN §4, review S2: T8, T9). */
const token = 'operator-token-for-this-test-0123456789';

@Controller('ops')
@OperatorEndpoint()
class OpsController {
  @Get('state')
  state() {
    return { paused: ['user'] };
  }

  @Post('confirm')
  @HttpCode(200)
  confirm(@Body() body: { kind?: string } | undefined) {
    return { confirmed: [body?.kind ?? 'all'] };
  }
}

/** Built from the settings, as every app's AppModule.register(config). */
@Module({})
class OpsModule {
  static register(operatorToken: string | undefined): DynamicModule {
    return {
      module: OpsModule,
      imports: [OperatorAccessModule.forRoot({ token: operatorToken })],
      controllers: [OpsController],
    };
  }
}

const config = (env: Record<string, string>) =>
  loadConfig('test', z.object({ TEST_HOST: bindHost(), ...operatorVariables }), env);

const { logger, output: logs, clear: clearLogs } = capturedLogger();
const started: INestApplication[] = [];

async function start(env: Record<string, string>) {
  const settings = config(env);
  const port = await freePort();
  const app = await startService({
    service: 'test',
    module: OpsModule.register(settings.OPERATOR_TOKEN),
    port,
    host: settings.TEST_HOST,
    logger,
    consumers: false,
  });
  started.push(app);
  const call = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${port}${path}`, init);
  return { app, call };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const bearer = { Authorization: `Bearer ${token}` };

afterAll(async () => {
  await Promise.all(started.map((app) => app.close()));
});

beforeEach(clearLogs);

describe('startService', () => {
  it('listens on 127.0.0.1 when no host is configured', async () => {
    const { app } = await start({});
    expect((app.getHttpServer() as { address(): AddressInfo }).address().address).toBe('127.0.0.1');
  });

  it('listens on the configured host', async () => {
    const { app } = await start({ TEST_HOST: '0.0.0.0' });
    expect((app.getHttpServer() as { address(): AddressInfo }).address().address).toBe('0.0.0.0');
  });
});

describe('operator endpoints', () => {
  it('refuse every request, and the service still runs, when no operator token is configured', async () => {
    const { call } = await start({});
    expect((await call('/ops/state', { headers: bearer })).status).toBe(403);
    expect((await call('/ops/confirm', json({}, bearer))).status).toBe(403);
  });

  it('answer 401 without a bearer token or with a wrong one', async () => {
    const { call } = await start({ OPERATOR_TOKEN: token });
    const missing = await call('/ops/confirm', json({}));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call('/ops/confirm', json({}, { Authorization: `Bearer ${token}x` }))).status).toBe(401);
    expect((await call('/ops/confirm', json({}, { Authorization: token }))).status).toBe(401);
    expect((await call('/ops/state')).status).toBe(401);
    expect((await call('/ops/state', { headers: bearer })).status).toBe(200);
  });

  it('answer 415 to a state change sent as a form or as text, which a web page could send without a preflight', async () => {
    const { call } = await start({ OPERATOR_TOKEN: token });
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'kind=user'],
      ['text/plain', '{"kind":"user"}'],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      const response = await call('/ops/confirm', {
        method: 'POST',
        headers: { ...bearer, 'Content-Type': type },
        body,
      });
      expect([type, response.status]).toEqual([type, 415]);
    }
    expect((await call('/ops/confirm', { method: 'POST', headers: bearer })).status).toBe(415);
  });

  it('write one audit line per action, and for each refusal, and never the token', async () => {
    const { call } = await start({ OPERATOR_TOKEN: token });
    const response = await call(
      '/ops/confirm',
      json({ kind: 'queue' }, { ...bearer, 'User-Agent': 'ops-cli' }),
    );
    expect(await response.json()).toEqual({ confirmed: ['queue'] });
    await call('/ops/confirm', json({ kind: 'user' }, { Authorization: `Bearer ${token}-guess` }));
    await call('/ops/state', { headers: bearer });
    const lines = logs()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; context?: string })
      .filter((line) => line.context === 'OperatorAudit');
    expect(lines.map((line) => line.msg)).toEqual([
      'operator action: POST /ops/confirm from 127.0.0.1 (ops-cli) with {"kind":"queue"}: done, {"confirmed":["queue"]}',
      expect.stringMatching(
        /^operator request refused: POST \/ops\/confirm from 127\.0\.0\.1.*: wrong bearer token$/,
      ),
    ]);
    expect(logs()).not.toContain(token);
  });
});
