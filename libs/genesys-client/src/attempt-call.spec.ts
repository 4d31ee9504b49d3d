import { attemptCallOf } from './attempt-call';
import { GenesysFailure } from './genesys-failure';

describe('attemptCallOf', () => {
  it('names the fields a PATCH replaces and the id answered, never a value sent', () => {
    const call = attemptCallOf(
      {
        method: 'PATCH',
        path: '/api/v2/scim/v2/users/{userId}',
        pathParams: { userId: 'u 1' },
        queryParams: {},
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Secret Name' }],
        },
      },
      12.6,
      { status: 200, body: { id: 'u 1', displayName: 'Secret Name' } },
    );
    expect(call).toEqual({
      method: 'PATCH',
      path: '/api/v2/scim/v2/users/u%201',
      request: '{ replace displayName }',
      status: 200,
      answer: 'id u 1',
      durationMs: 13,
    });
    expect(JSON.stringify(call)).not.toContain('Secret');
  });

  it('keeps the query and counts the items of a listing', () => {
    const call = attemptCallOf(
      {
        method: 'GET',
        path: '/api/v2/scim/v2/users',
        pathParams: {},
        queryParams: { filter: 'userName eq "ann@example.com"', count: undefined },
        body: undefined,
      },
      3,
      { status: 200, body: { Resources: [] } },
    );
    expect(call).toMatchObject({ request: '?filter=userName eq "ann@example.com"', answer: '0 item(s)' });
  });

  it('answers a failure with its code and message', () => {
    const call = attemptCallOf(
      {
        method: 'POST',
        path: '/api/v2/routing/queues',
        pathParams: {},
        queryParams: {},
        body: { name: 'x' },
      },
      5,
      new GenesysFailure('rateLimited', 429, 'too.many.requests', 'Rate limit exceeded', 1000),
    );
    expect(call).toMatchObject({
      request: '{ name }',
      status: 429,
      answer: 'too.many.requests: Rate limit exceeded',
    });
  });
});
