import { bodyDigest, endpointKey, RequestLog, type LoggedRequest } from './request-log';

const request = (path: string, status = 200): LoggedRequest => ({
  at: '2026-01-01T00:00:00.000Z',
  receivedAtMs: 0,
  answeredAtMs: 1,
  method: 'GET',
  path,
  endpoint: endpointKey('GET', path),
  status,
  durationMs: 1,
});

describe('RequestLog', () => {
  it('counts every request since the last clear while keeping only the newest in full', () => {
    const log = new RequestLog(10);
    for (let i = 0; i < 25; i++) log.add(request(`/api/v2/users/${i}`, i % 5 === 0 ? 429 : 200));
    expect(log.summary()).toEqual({
      total: 25,
      byEndpoint: { 'GET /api/v2/users/{id}': 25 },
      byStatus: { '200': 20, '429': 5 },
      kept: 10,
    });
    expect(log.list().map((e) => e.path)).toEqual(
      Array.from({ length: 10 }, (_, i) => `/api/v2/users/${15 + i}`),
    );
    log.clear();
    expect(log.summary()).toEqual({ total: 0, byEndpoint: {}, byStatus: {}, kept: 0 });
  });

  it('digests the bodies of mutating requests only: the same body the same digest, another body another', () => {
    const body = { name: 'Sales', divisionId: 'd1' };
    expect(bodyDigest('POST', body)).toBe(bodyDigest('post', { ...body }));
    expect(bodyDigest('PUT', body)).not.toBe(bodyDigest('PUT', { ...body, name: 'Support' }));
    expect(bodyDigest('DELETE', undefined)).toMatch(/^[0-9a-f]{64}$/);
    expect(bodyDigest('GET', body)).toBeUndefined();
  });
});
