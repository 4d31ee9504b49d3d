import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { databaseVariables, natsVariables } from './shared-variables';
import { flag, port, urlList } from './variables';

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
