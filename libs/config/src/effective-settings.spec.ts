import { z } from 'zod';
import { effectiveSettings } from './effective-settings';
import { loadConfig } from './load-config';
import { positiveInt, url } from './variables';

const schema = z.object({
  DATABASE_URL: url(['postgres']),
  GC_CLIENT_SECRET: z.string(),
  WORKERS: positiveInt(4),
  SERVERS: z
    .string()
    .default('a,b')
    .transform((value) => value.split(',')),
  TABLE: z.object({ rows: z.number() }).default({ rows: 1 }),
});

it('shows where each setting came from, the given value masked, defaults as used, and no secret', () => {
  const config = loadConfig('test', schema, {
    DATABASE_URL: 'postgres://bridge:hunter2@db:5432/bridge',
    GC_CLIENT_SECRET: 's3cret-value',
    UNRELATED: 'x',
  });
  expect(effectiveSettings(config)).toEqual([
    {
      name: 'DATABASE_URL',
      value: 'postgres://***:***@db:5432/bridge',
      secret: false,
      source: 'environment',
    },
    { name: 'GC_CLIENT_SECRET', secret: true, source: 'environment' },
    { name: 'SERVERS', value: 'a,b', secret: false, source: 'default' },
    { name: 'TABLE', secret: false, source: 'default' },
    { name: 'WORKERS', value: '4', secret: false, source: 'default' },
  ]);
  expect(JSON.stringify(effectiveSettings(config))).not.toMatch(/hunter2|s3cret/);
});
