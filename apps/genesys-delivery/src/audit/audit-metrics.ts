import { metricNames } from '@bridge/telemetry';
import { Counter } from 'prom-client';

/** Drift the audit found, by kind of object (the /metrics endpoint). */
export const driftFound = new Counter({
  name: metricNames.driftFound,
  help: 'Managed Genesys Cloud objects found changed or deleted behind the bridge, by kind',
  labelNames: ['kind'],
});
