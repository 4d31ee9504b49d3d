/** An ICWS call answered with an error status; `body` is ICWS's `{errorId?, message}` when it sent one. */
export class IcwsHttpError extends Error {
  override readonly name = 'IcwsHttpError';
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: unknown,
  ) {
    super(`ICWS ${status} from ${url}${bodyMessage(body)}`);
  }
}

/** No server of the list (nor any alternate they named) accepted the connection. */
export class IcwsConnectError extends Error {
  override readonly name = 'IcwsConnectError';
  constructor(readonly attempts: readonly string[]) {
    super(`no CIC server accepted the connection: ${attempts.join('; ')}`);
  }
}

function bodyMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string')
    return `: ${body.message}`;
  return '';
}
