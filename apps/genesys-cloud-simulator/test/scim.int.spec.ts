import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { type Reply, send, token } from './http-client';
import { definition, validate } from './openapi';

const USERS = '/api/v2/scim/v2/users';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
let sim: RunningGenesysCloudSimulator;
let bearer = '';
const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  send(sim.url, bearer, method, path, body, headers);
const patchOps = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** Asserts a ScimError of the given status and scimType, shaped as the ScimError model says. */
function expectScimError(reply: Reply, status: number, scimType?: string): void {
  expect(reply.status).toBe(status);
  expect(validate(reply.body, definition('ScimError'))).toEqual([]);
  expect(reply.body).toMatchObject({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType ? { scimType } : {}),
  });
}

async function createUser(
  userName: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; meta: { version: string } }> {
  const reply = await api('POST', USERS, { userName, displayName: userName, ...extra });
  expect(reply.status).toBe(201);
  return reply.body as { id: string; meta: { version: string } };
}

beforeAll(async () => {
  sim = await startGenesysCloudSimulator({ port: 0 });
  bearer = await token(sim.url);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/sim/reset`, { method: 'POST' });
  bearer = await token(sim.url);
});

describe('SCIM users', () => {
  it('refuses a second user with the same userName (409 uniqueness, case-insensitive)', async () => {
    await createUser('ann@example.com');
    expectScimError(
      await api('POST', USERS, { userName: 'ANN@example.com', displayName: 'Ann 2' }),
      409,
      'uniqueness',
    );
  });

  it('refuses unknown attributes, missing required ones and bad JSON', async () => {
    expectScimError(
      await api('POST', USERS, { userName: 'a@x.com', displayName: 'A', nickName: 'a' }),
      400,
      'invalidSyntax',
    );
    expectScimError(await api('POST', USERS, { userName: 'a@x.com' }), 400, 'invalidValue');
    expectScimError(await api('POST', USERS, '{"userName": '), 400, 'invalidSyntax');
    expectScimError(
      await api('POST', USERS, {
        userName: 'a@x.com',
        displayName: 'A',
        phoneNumbers: [{ value: '1', type: 'fax' }],
      }),
      400,
      'invalidValue',
    );
    expectScimError(
      await api('POST', USERS, {
        userName: 'a@x.com',
        displayName: 'A',
        'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User': {
          routingSkills: [{ name: 'Nope', proficiency: 1 }],
        },
      }),
      400,
      'invalidValue',
    );
  });

  it('filters on userName, externalId, id, active and email, and pages with startIndex/count', async () => {
    const ann = await createUser('ann@example.com', {
      externalId: 'E1',
      emails: [{ value: 'ann.w@example.com', type: 'work' }],
    });
    await createUser('bob@example.com');
    await createUser('cy@example.com');
    const total = async (filter: string) =>
      ((await api('GET', `${USERS}?filter=${encodeURIComponent(filter)}`)).body as { totalResults: number })
        .totalResults;
    expect(await total('userName eq "ann@example.com"')).toBe(1);
    expect(await total('externalId eq "E1"')).toBe(1);
    expect(await total(`id eq ${ann.id}`)).toBe(1);
    expect(await total('email eq "ann.w@example.com"')).toBe(1);
    expect(await total('active eq true')).toBe(3);
    const page = (await api('GET', `${USERS}?startIndex=2&count=1`)).body;
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect((await api('GET', `${USERS}?count=0`)).body).toMatchObject({
      totalResults: 3,
      itemsPerPage: 0,
      Resources: [],
    });
    expectScimError(
      await api('GET', `${USERS}?filter=${encodeURIComponent('userName sw "a"')}`),
      400,
      'invalidFilter',
    );
    expectScimError(
      await api('GET', `${USERS}?filter=${encodeURIComponent('nickName eq "a"')}`),
      400,
      'invalidFilter',
    );
  });

  it('applies PATCH paths: filtered multi-valued, extension attributes, no path', async () => {
    const user = await createUser('ann@example.com', { phoneNumbers: [{ value: '+1555', type: 'work' }] });
    const reply = await api(
      'PATCH',
      `${USERS}/${user.id}`,
      patchOps(
        { op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '+1666' },
        { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1777' },
        {
          op: 'add',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
          value: 'Support',
        },
        { op: 'replace', value: { title: 'Agent' } },
      ),
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      title: 'Agent',
      phoneNumbers: [
        { value: '+1666', type: 'work' },
        { value: '+1777', type: 'mobile' },
      ],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Support' },
      meta: { version: 'W/"2"' },
    });
    expect(reply.headers.get('etag')).toBe('W/"2"');
    expectScimError(
      await api('PATCH', `${USERS}/${user.id}`, patchOps({ op: 'replace', path: 'id', value: 'x' })),
      400,
      'mutability',
    );
    expectScimError(
      await api('PATCH', `${USERS}/${user.id}`, patchOps({ op: 'replace', path: 'nickName', value: 'x' })),
      400,
      'invalidPath',
    );
    expectScimError(await api('PATCH', `${USERS}/${user.id}`, patchOps({ op: 'remove' })), 400, 'noTarget');
  });

  it('answers 400 invalidVers to a stale If-Match and 304 to a current If-None-Match', async () => {
    const user = await createUser('ann@example.com');
    const first = user.meta.version;
    const ok = await api(
      'PATCH',
      `${USERS}/${user.id}`,
      patchOps({ op: 'replace', path: 'title', value: 'A' }),
      { 'If-Match': first },
    );
    expect(ok.status).toBe(200);
    expectScimError(
      await api('PATCH', `${USERS}/${user.id}`, patchOps({ op: 'replace', path: 'title', value: 'B' }), {
        'If-Match': first,
      }),
      400,
      'invalidVers',
    );
    expectScimError(
      await api('DELETE', `${USERS}/${user.id}`, undefined, { 'If-Match': first }),
      400,
      'invalidVers',
    );
    expect((await api('GET', `${USERS}/${user.id}`, undefined, { 'If-None-Match': 'W/"2"' })).status).toBe(
      304,
    );
    expect((await api('GET', `${USERS}/${user.id}`, undefined, { 'If-None-Match': first })).status).toBe(200);
  });

  it('tells active=false (inactive) from DELETE (deleted), and re-activates a deleted user without roles', async () => {
    const ann = await createUser('ann@example.com', { roles: [{ value: 'Agent' }] });
    const bob = await createUser('bob@example.com');
    await api('PATCH', `${USERS}/${ann.id}`, patchOps({ op: 'replace', path: 'active', value: 'False' }));
    expect((await api('DELETE', `${USERS}/${bob.id}`)).status).toBe(204);
    expect((await api('GET', USERS)).body).toMatchObject({ totalResults: 0 });
    expect((await api('GET', `${USERS}?filter=${encodeURIComponent('active eq false')}`)).body).toMatchObject(
      { totalResults: 2 },
    );
    expect((await api('GET', `/api/v2/users/${ann.id}`)).body).toMatchObject({ state: 'inactive' });
    expect((await api('GET', `/api/v2/users/${bob.id}`)).body).toMatchObject({ state: 'deleted' });
    await api('PATCH', `${USERS}/${bob.id}`, patchOps({ op: 'replace', path: 'active', value: true }));
    expect((await api('GET', `/api/v2/users/${bob.id}`)).body).toMatchObject({ state: 'active' });
    await api('PATCH', `${USERS}/${ann.id}`, patchOps({ op: 'replace', path: 'active', value: true }));
    expect((await api('GET', `${USERS}/${ann.id}`)).body).toMatchObject({
      active: true,
      roles: [{ value: 'Agent' }],
    });
  });

  it('shares routing skills with the Platform API (by name in SCIM, by id there)', async () => {
    const skill = (await api('POST', '/api/v2/routing/skills', { name: 'Billing' })).body as { id: string };
    const user = await createUser('ann@example.com');
    const genesys = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';
    const patched = await api(
      'PATCH',
      `${USERS}/${user.id}`,
      patchOps({ op: 'add', path: `${genesys}:routingSkills`, value: [{ name: 'Billing', proficiency: 3 }] }),
    );
    expect(patched.status).toBe(200);
    expect((await api('GET', `/api/v2/users/${user.id}/routingskills`)).body).toMatchObject({
      entities: [{ id: skill.id, name: 'Billing', proficiency: 3 }],
    });
  });

  it('returns only the asked attributes (plus id, userName, active, meta) or drops excluded ones', async () => {
    await createUser('ann@example.com', { title: 'Agent' });
    const only = (await api('GET', `${USERS}?attributes=title`)).body as {
      Resources: Record<string, unknown>[];
    };
    expect(Object.keys(only.Resources[0] ?? {}).sort()).toEqual([
      'active',
      'id',
      'meta',
      'schemas',
      'title',
      'userName',
    ]);
    const without = (await api('GET', `${USERS}?excludedAttributes=routingSkills,title`)).body as {
      Resources: Record<string, Record<string, unknown>>[];
    };
    const resource = without.Resources[0] ?? {};
    expect(resource['title']).toBeUndefined();
    expect(
      Object.keys(resource['urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User'] ?? {}),
    ).not.toContain('routingSkills');
  });

  it('answers 404 for an unknown user and 403 for filtered schema lists', async () => {
    expectScimError(await api('GET', `${USERS}/00000000-0000-4000-8000-000000000000`), 404);
    expectScimError(await api('GET', '/api/v2/scim/v2/schemas?filter=x'), 403);
  });
});
