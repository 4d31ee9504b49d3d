import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

/** When this process started: its uptime in every status answer. */
const startedAt = new Date(Date.now() - Math.round(process.uptime() * 1000));

/** The bridge's version: the repository's package.json, found upwards from here (sources and dist alike). */
function bridgeVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.version && !manifest.name?.startsWith('@bridge/')) return manifest.version;
  }
  return 'unknown';
}

const version = bridgeVersion();

/**
 * Which process answers a status read (libs/contracts `processStatusSchema`): the service, `<host>:<pid>` (unique
 * among its instances; a pod's host name is its pod name), the bridge's version and the uptime.
 */
export function processStatusOf(service: string, now: Date = new Date()) {
  return {
    service,
    instance: `${hostname()}:${process.pid}`,
    version,
    startedAt: startedAt.toISOString(),
    uptimeSeconds: Math.floor((now.getTime() - startedAt.getTime()) / 1000),
  };
}
