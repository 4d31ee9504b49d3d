import { retryAfterMsOf, toGenesysFailure } from './genesys-failure';
import { targetOf } from './target';

describe('toGenesysFailure', () => {
  it.each([
    [
      'a 429 with Retry-After',
      {
        status: 429,
        headers: { 'retry-after': '3' },
        body: { code: 'too.many.requests', message: 'slow down' },
      },
      { kind: 'rateLimited', status: 429, code: 'too.many.requests', retryAfterMs: 3000 },
    ],
    [
      'an injected 503',
      { status: 503, headers: {}, body: { code: 'service.unavailable', message: 'x' } },
      { kind: 'unavailable', status: 503, code: 'service.unavailable' },
    ],
    [
      'a duplicate name',
      { status: 409, headers: {}, body: { code: 'general.conflict', message: 'exists' } },
      { kind: 'conflict', status: 409 },
    ],
    [
      'a SCIM uniqueness error',
      { status: 409, headers: {}, body: { scimType: 'uniqueness', detail: 'taken' } },
      { kind: 'conflict', code: 'uniqueness', message: 'taken' },
    ],
    [
      'a bad request',
      { status: 400, headers: {}, body: { code: 'invalid.value', message: 'bad' } },
      { kind: 'rejected', status: 400 },
    ],
    [
      'an axios timeout',
      { code: 'ECONNABORTED', message: 'timeout of 100ms exceeded' },
      { kind: 'timeout', status: 0 },
    ],
    [
      'a reset connection',
      { code: 'ECONNRESET', message: 'socket hang up' },
      { kind: 'unavailable', status: 0 },
    ],
  ])('maps %s', (_name, error, expected) => {
    expect(toGenesysFailure(error)).toMatchObject(expected);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMsOf('2')).toBe(2000);
    expect(retryAfterMsOf(new Date(11_000).toUTCString(), 1000)).toBe(10_000);
    expect(retryAfterMsOf(undefined)).toBeUndefined();
  });
});

describe('targetOf', () => {
  it('uses one gateway when API and login share a host (the simulator)', () => {
    expect(targetOf('http://127.0.0.1:8700', 'http://127.0.0.1:8700')).toEqual({
      gateway: { host: '127.0.0.1', protocol: 'http', port: 8700 },
    });
  });

  it('uses the region environment for api.<host> and login.<host>', () => {
    expect(targetOf('https://api.mypurecloud.ie', 'https://login.mypurecloud.ie')).toEqual({
      environment: 'mypurecloud.ie',
    });
  });
});
