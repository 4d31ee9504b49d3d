/** An ICWS call answered with an error status; `body` is ICWS's `{errorId?, message}` when it sent one. */
export class IcwsHttpError extends Error {
  override readonly name: string = 'IcwsHttpError';
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: unknown,
  ) {
    super(`ICWS ${status} from ${url}${bodyMessage(body)}`);
  }
}

/**
 * A server refused the connection request (400, 401 or 403): wrong credentials, an unknown user, a used or expired
 * token, or a request no server would accept. `connect` tries no other server after it.
 */
export class IcwsSignInRefusedError extends IcwsHttpError {
  override readonly name: string = 'IcwsSignInRefusedError';
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

/**
 * An ICWS answer longer than the client's cap (`maxResponseBytes`). Read as a stream and abandoned at the cap, so a
 * hostile or broken server cannot make the client buffer an unbounded body.
 */
export class IcwsResponseTooLargeError extends Error {
  override readonly name = 'IcwsResponseTooLargeError';
  constructor(
    readonly url: string,
    readonly maxBytes: number,
  ) {
    super(`ICWS answer from ${url} is longer than the ${maxBytes}-byte cap; refused`);
  }
}
