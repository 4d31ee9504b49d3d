import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@bridge/postgres';
import { appendLock } from '../append-protocol';

/**
 * The append lock is the event store's own, not the database's. Appends take an advisory lock so that positions
 * are handed out in commit order (ADR 0002); taken on one key, it made every event store in the database (a
 * sandbox beside production, each test suite in its own schema) wait on the others' appends. The second key is the
 * schema's: each events table still has one lock for all its appenders. The append functions are rewritten in
 * place from their own definitions, so their bodies are not repeated here.
 */
export class AppendLockPerSchema1765600000000 implements MigrationInterface {
  name = 'AppendLockPerSchema1765600000000';

  async up(runner: QueryRunner): Promise<void> {
    const key = await schemaKey(runner);
    await rewriteAppendFunctions(runner, `(${appendLock})`, `(${appendLock}, ${key})`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const key = await schemaKey(runner);
    await rewriteAppendFunctions(runner, `(${appendLock}, ${key})`, `(${appendLock})`);
  }
}

async function schemaKey(runner: QueryRunner): Promise<number> {
  const name = (runner.connection.options as { schema?: string }).schema ?? 'public';
  const [row] = (await runner.query('SELECT hashtext($1) AS key', [name])) as { key: number }[];
  if (row === undefined) throw new Error(`no hash for the schema ${name}`);
  return row.key;
}

/** Replaces the lock's arguments in every function of the schema that takes it, from its own definition. */
async function rewriteAppendFunctions(runner: QueryRunner, from: string, to: string): Promise<void> {
  const [lockFrom, lockTo] = [`pg_advisory_xact_lock${from}`, `pg_advisory_xact_lock${to}`];
  const schema = schemaOf(runner);
  const functions = (await runner.query(
    `SELECT pg_get_functiondef(p.oid) AS definition FROM pg_proc p
     WHERE p.pronamespace = $1::regnamespace AND p.prokind = 'f'`,
    [schema],
  )) as { definition: string }[];
  for (const { definition } of functions)
    if (definition.includes(lockFrom)) await runner.query(definition.split(lockFrom).join(lockTo));
}
