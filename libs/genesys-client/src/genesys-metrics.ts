import { metricNames } from '@bridge/telemetry';
import { Counter, Gauge } from 'prom-client';
import type * as platformClient from 'purecloud-platform-client-v2';
import { toGenesysFailure } from './genesys-failure';

const requests = new Counter({
  name: metricNames.genesysRequests,
  help: 'Requests to the Genesys Cloud API, by endpoint (its path template), method and status code (0: no answer)',
  labelNames: ['endpoint', 'method', 'status_code'] as const,
});

/** Seconds Genesys asked the bridge to wait (Retry-After of its 429s), added up. */
export const retryAfterSeconds = new Counter({
  name: metricNames.genesysRetryAfter,
  help: 'Time the bridge was told to wait by the Retry-After of Genesys Cloud 429 answers',
});

/**
 * OAuth client-credentials logins, by outcome: `refused` (Genesys answered no: wrong credentials or a disabled
 * client), `unreachable` (no answer).
 */
export const logins = new Counter({
  name: metricNames.genesysLogins,
  help: 'OAuth client-credentials logins to Genesys Cloud, by outcome (ok, refused, unreachable)',
  labelNames: ['outcome'] as const,
});

/**
 * Counts every request the SDK sends by the endpoint's path template (`/api/v2/users/{userId}`), so the label
 * stays a short list however many objects there are.
 */
export function countRequests(api: typeof platformClient.ApiClient): void {
  const callApi = api.callApi.bind(api);
  api.callApi = async (path, method, ...rest) => {
    try {
      const answer: unknown = await callApi(path, method, ...rest);
      requests.inc({ endpoint: path, method, status_code: String(statusOf(answer)) });
      return answer;
    } catch (error) {
      requests.inc({ endpoint: path, method, status_code: String(toGenesysFailure(error).status) });
      throw error;
    }
  };
}

function statusOf(answer: unknown): number {
  return typeof answer === 'object' &&
    answer !== null &&
    'status' in answer &&
    typeof answer.status === 'number'
    ? answer.status
    : 200;
}

/** Tokens this process took from the org's rate budget (in blocks: spent or left to expire, they are used up). */
export const rateBudgetTokensTaken = new Counter({
  name: metricNames.rateBudgetTokensTaken,
  help: "Tokens taken from the org's shared Genesys Cloud rate budget by this process",
  labelNames: ['budget'] as const,
});

export const rateBudgetLimit = new Gauge({
  name: metricNames.rateBudgetLimit,
  help: "The org's Genesys Cloud rate budget, requests per minute (0: no limit of the bridge's own)",
  labelNames: ['budget'] as const,
});
