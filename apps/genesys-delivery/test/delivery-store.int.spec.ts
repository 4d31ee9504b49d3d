import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { DesiredObjects } from '../src/persistence/desired-objects';
import { IdMap } from '../src/persistence/id-map';
import { deliveryMigrations } from '../src/persistence/migrations';
import { desiredUser } from './support/desired-user';

/**
 * The hand-over of a Genesys user between two keys (a business email passing from one CIC user to the next) on
 * the real Postgres: the adopting key takes it from the old one, and a removal by the old key that raced with
 * the hand-over makes the new holder dirty, knowing the user is inactive or gone. And a deleted skill leaves the
 * known state of the users that had it.
 */
let isolation: Isolation;
let db: DataSource;
let objects: DesiredObjects;
let idMap: IdMap;

beforeAll(async () => {
  isolation = await createIsolation('dstore');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  objects = new DesiredObjects(db, isolation.schema);
  idMap = new IdMap(db, isolation.schema, objects);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const genesysUser = (id: string, userName: string, active = true) => ({
  id,
  active,
  userName,
  displayName: userName,
  phoneNumbers: [],
  routingSkills: [],
  routingLanguages: [],
});

async function handOver(genesysId: string, from: string, to: string): Promise<void> {
  const entry = (key: string) => ({
    kind: 'user' as const,
    key,
    genesysId,
    name: `${genesysId}@example.com`,
    live: true,
    actual: genesysUser(genesysId, `${genesysId}@example.com`),
  });
  await idMap.save([{ ...entry(from), origin: 'created' }]);
  // The new holder's document is stored and delivered (clean) before the old key's removal lands.
  await objects.store(
    [
      {
        kind: 'user',
        key: to,
        desired: { present: true, document: desiredUser(`${genesysId}@example.com`) },
      },
    ],
    0,
  );
  await db.query(`UPDATE "${isolation.schema}".delivery_objects SET dirty = false`);
  await idMap.save([{ ...entry(to), origin: 'adopted' }]);
}

const dirtyKeys = async () =>
  (
    await db.query<{ key: string }[]>(
      `SELECT key FROM "${isolation.schema}".delivery_objects WHERE dirty ORDER BY key`,
    )
  ).map((row) => row.key);

it('hands a Genesys user to the key that adopts it', async () => {
  await handOver('g-1', 'ann', 'cat');
  expect(await idMap.entry('user', 'ann')).toBeUndefined();
  expect(await idMap.entry('user', 'cat')).toMatchObject({ genesysId: 'g-1', origin: 'adopted' });
  expect(await dirtyKeys()).toEqual([]);
});

it('re-dirties the new holder, knowing the user inactive, when the old key deactivated it after the hand-over', async () => {
  await handOver('g-2', 'bob', 'dan');
  await idMap.userRemoved('bob', genesysUser('g-2', 'g-2@example.com', false), 'deactivated');
  expect(await idMap.entry('user', 'bob')).toBeUndefined();
  expect(await idMap.entry('user', 'dan')).toMatchObject({
    genesysId: 'g-2',
    live: false,
    actual: { active: false, userName: 'g-2@example.com' },
  });
  expect(await dirtyKeys()).toEqual(['dan']);
});

it('forgets the user for the new holder too, and re-dirties it, when the old key deleted it', async () => {
  await handOver('g-3', 'eve', 'fay');
  await idMap.userRemoved('eve', genesysUser('g-3', 'g-3@example.com', false), 'deleted');
  expect(await idMap.entry('user', 'eve')).toBeUndefined();
  expect(await idMap.entry('user', 'fay')).toBeUndefined();
  expect(await dirtyKeys()).toEqual(['fay']);
});

it('gives the new holder what a stale patch by the old key did to the user, and re-dirties both', async () => {
  await handOver('g-4', 'gus', 'hal');
  await objects.store(
    [{ kind: 'user', key: 'gus', desired: { present: true, document: desiredUser('x@example.com') } }],
    0,
  );
  await db.query(`UPDATE "${isolation.schema}".delivery_objects SET dirty = false`);
  // gus began its reconcile before hal adopted g-4, and renamed it afterwards.
  const renamed = genesysUser('g-4', 'gus.new@example.com');
  expect(await idMap.userPatched('gus', renamed)).toBe(false);
  expect(await idMap.entry('user', 'gus')).toBeUndefined();
  expect(await idMap.entry('user', 'hal')).toMatchObject({
    genesysId: 'g-4',
    actual: { userName: 'gus.new@example.com' },
  });
  expect(await dirtyKeys()).toEqual(['gus', 'hal']);
});

it('makes a key dirty when another key adopts its Genesys user, so it provisions one of its own', async () => {
  await objects.store(
    [{ kind: 'user', key: 'ivy', desired: { present: true, document: desiredUser('x@example.com') } }],
    0,
  );
  await idMap.save([
    {
      kind: 'user',
      key: 'ivy',
      genesysId: 'g-5',
      origin: 'created',
      name: 'x',
      live: true,
      actual: genesysUser('g-5', 'x'),
    },
  ]);
  await db.query(`UPDATE "${isolation.schema}".delivery_objects SET dirty = false`);
  await idMap.save([
    {
      kind: 'user',
      key: 'jon',
      genesysId: 'g-5',
      origin: 'adopted',
      name: 'x',
      live: true,
      actual: genesysUser('g-5', 'x'),
    },
  ]);
  expect(await idMap.entry('user', 'ivy')).toBeUndefined();
  expect(await dirtyKeys()).toEqual(['ivy']);
});

it('takes a deleted skill off the known state of every user, as Genesys did', async () => {
  const skilled = (id: string, skills: string[]) => ({
    kind: 'user' as const,
    key: id,
    genesysId: id,
    origin: 'created' as const,
    name: id,
    live: true,
    actual: {
      ...genesysUser(id, id),
      routingSkills: skills.map((name) => ({ name, proficiency: 3 })),
      routingLanguages: [{ name: 'Billing', proficiency: 2 }],
    },
  });
  await idMap.save([skilled('g-6', ['Billing', 'Foreign']), skilled('g-7', ['Foreign'])]);
  const skill = { id: 'g-s', name: 'Billing' };
  const entry = {
    kind: 'skill',
    key: 'Billing',
    genesysId: 'g-s',
    origin: 'created',
    name: 'Billing',
  } as const;
  await idMap.namedDeleted({ ...entry, live: false, actual: skill });
  expect(await idMap.entry('skill', 'Billing')).toMatchObject({ live: false });
  const known = async (key: string) => {
    const user = await idMap.entry('user', key);
    return user?.kind === 'user' ? [user.actual.routingSkills, user.actual.routingLanguages] : undefined;
  };
  // The language of the same name is another object, and stays.
  expect(await known('g-6')).toEqual([
    [{ name: 'Foreign', proficiency: 3 }],
    [{ name: 'Billing', proficiency: 2 }],
  ]);
  expect(await known('g-7')).toEqual([
    [{ name: 'Foreign', proficiency: 3 }],
    [{ name: 'Billing', proficiency: 2 }],
  ]);
});
