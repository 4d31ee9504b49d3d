import { isolationName } from '@bridge/testing';

/**
 * Imported before any app module by suites that run services in process: the apps parse their environment when
 * they are imported, so the suite's schema and namespace must be in place first. The suite then calls
 * `createIsolation(label, isolatedName)` with the same name.
 */
export const isolatedName = isolationName('inprocess');
process.env['DATABASE_SCHEMA'] = isolatedName;
process.env['NATS_NAMESPACE'] = isolatedName;
process.env['DATABASE_URL'] =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/bridge_test';
process.env['NATS_URL'] = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';
