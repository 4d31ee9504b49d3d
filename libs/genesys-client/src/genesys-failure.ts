import type { DeliveryFailure, FailureKind } from '@bridge/delivery-planning';

/** A Genesys Cloud call that failed, with what the caller needs to decide: retry, adopt, or give up. */
export class GenesysFailure extends Error implements DeliveryFailure {
  override readonly name = 'GenesysFailure';
  constructor(
    readonly kind: FailureKind,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

interface SdkErrorShape {
  status?: unknown;
  headers?: Record<string, unknown>;
  body?: unknown;
  code?: unknown;
  message?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Reads `Retry-After` (seconds or an HTTP date) as milliseconds. */
export function retryAfterMsOf(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' && typeof header !== 'number') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Maps what the SDK rejects with (an extended response `{status, headers, body}`, or an axios error without a
 * response) to a GenesysFailure.
 */
export function toGenesysFailure(error: unknown): GenesysFailure {
  if (error instanceof GenesysFailure) return error;
  const shape: SdkErrorShape = isRecord(error) ? error : {};
  const status = typeof shape.status === 'number' ? shape.status : 0;
  const body = isRecord(shape.body) ? shape.body : {};
  const code =
    typeof body['code'] === 'string'
      ? body['code']
      : typeof body['scimType'] === 'string'
        ? body['scimType']
        : typeof shape.code === 'string'
          ? shape.code
          : `http.${status}`;
  const message =
    typeof body['message'] === 'string'
      ? body['message']
      : typeof body['detail'] === 'string'
        ? body['detail']
        : typeof shape.message === 'string'
          ? shape.message
          : `Genesys Cloud answered ${status}`;
  if (status === 0) {
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message);
    return new GenesysFailure(timedOut ? 'timeout' : 'unavailable', 0, code, message);
  }
  const retryAfterMs = retryAfterMsOf(shape.headers?.['retry-after']);
  return new GenesysFailure(kindOf(status), status, code, message, retryAfterMs);
}

function kindOf(status: number): FailureKind {
  if (status === 429) return 'rateLimited';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'unavailable';
  if (status === 409) return 'conflict';
  if (status === 404) return 'notFound';
  return 'rejected';
}
