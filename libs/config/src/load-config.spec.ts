import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { databaseVariables, natsVariables, operatorVariables } from './shared-variables';
import { bindHost, flag, port, url, urlList } from './variables';

const schema = z.object({
  ...natsVariables,
  ...databaseVariables,
  CONSOLE_PORT: port(8080),
  DRY_RUN: flag(false),
});

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig('console', schema, {});
    expect(config).toEqual({
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_NAMESPACE: '',
      NATS_CREDS_FILE: undefined,
      NATS_NKEY_FILE: undefined,
      NATS_CA_FILE: undefined,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bridge',
      DATABASE_SCHEMA: 'public',
      CONSOLE_PORT: 8080,
      DRY_RUN: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable, what it expected and what it got', () => {
    const attempt = () =>
      loadConfig('console', schema, { NATS_URL: 'http://x', CONSOLE_PORT: '99999', DRY_RUN: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/NATS_URL: expected a nats or tls URL \(got "http:\/\/x"\)/);
    expect(attempt).toThrow(/CONSOLE_PORT: .*\(got "99999"\)/);
    expect(attempt).toThrow(/DRY_RUN: expected true or false \(got "maybe"\)/);
  });

  it('splits a comma list of URLs and rejects a bad member', () => {
    const servers = z.object({ CIC_SERVERS: urlList(['http', 'https'], 'http://127.0.0.1:8018') });
    expect(loadConfig('x', servers, { CIC_SERVERS: 'http://a:8018, https://b:8019' }).CIC_SERVERS).toEqual([
      'http://a:8018',
      'https://b:8019',
    ]);
    expect(() => loadConfig('x', servers, { CIC_SERVERS: 'http://a:8018,ftp://b' })).toThrow(/CIC_SERVERS/);
  });
});

describe('a ConfigError never shows a secret', () => {
  const secrets = z.object({
    ...databaseVariables,
    ...natsVariables,
    ...operatorVariables,
    CIC_PASSWORD: z.string().min(8),
    GC_CLIENT_SECRET: z.string().min(8),
    IDP_KEY_PEM: z.string().startsWith('-----BEGIN'),
    OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']),
  });
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig('x', secrets.partial(), env);
    } catch (error) {
      return String(error);
    }
    throw new Error('expected a ConfigError');
  };

  it.each([
    [
      'DATABASE_URL',
      'postgress://bridge:Sup3rS3cret@db:5432/bridge',
      /postgress:\/\/\*\*\*:\*\*\*@db:5432\/bridge/,
    ],
    ['DATABASE_URL', 'postgres//bridge:Sup3rS3cret@db/bridge', /not a URL, not shown/],
    ['NATS_URL', 'http://nats-user:Sup3rS3cret@nats:4222', /http:\/\/\*\*\*:\*\*\*@nats:4222/],
    ['CIC_PASSWORD', 'Sup3r', /CIC_PASSWORD: .*got 5 characters, not shown/],
    ['GC_CLIENT_SECRET', 'Sup3r', /GC_CLIENT_SECRET: .*not shown/],
    ['IDP_KEY_PEM', 'Sup3rS3cret key', /IDP_KEY_PEM: .*not shown/],
    [
      'OPERATOR_TOKEN',
      'Sup3rS3cret',
      /OPERATOR_TOKEN: expected at least 16 characters \(got 11 characters, not shown\)/,
    ],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'ftp://collector:Sup3rS3cret@otel:4318', /ftp:\/\/\*\*\*@otel:4318/],
  ])('names %s but does not print its value', (variable, value, shown) => {
    const message = problems({ [variable]: value });
    expect(message).toMatch(new RegExp(`^  - ${variable}: `, 'm'));
    expect(message).toMatch(shown);
    expect(message).not.toContain('Sup3r');
  });
});

describe('bindHost', () => {
  it('is loopback unless configured', () => {
    const schema = z.object({ X_HOST: bindHost() });
    expect(loadConfig('x', schema, {}).X_HOST).toBe('127.0.0.1');
    expect(loadConfig('x', schema, { X_HOST: '0.0.0.0' }).X_HOST).toBe('0.0.0.0');
  });
});
