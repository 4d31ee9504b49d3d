import {
  connect,
  disconnect,
  IcwsSignInRefusedError,
  readOwnEmails,
  type Fetch,
  type IcwsSession,
  type IcwsWarning,
} from '@bridge/icws-client';
import type { CicCredentials, CicDirectory, CicSignIn } from './cic-directory';

export interface IcwsDirectoryOptions {
  /** CIC_SERVERS, primary first (a switchover pair); alternateHostList is followed only within them. */
  readonly servers: readonly string[];
  /** How long one CIC server may take to answer a request of the sign-in. */
  readonly timeoutMs?: number;
  /** Told of an alternateHostList entry outside `servers`, which the user's password does not follow. */
  readonly onWarning?: (warning: IcwsWarning) => void;
  readonly fetch?: Fetch;
}

const APPLICATION = 'Cloud Bridge SSO';

/** A connect answer and one user's two emails take a few hundred bytes; anything near this is not CIC talking. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The CicDirectory port on libs/icws-client: opens an ICWS session as the user (pureconnect-icws.md §3.1), reads
 * their own business and mailbox emails, and logs off. Switchover, alternateHostList and the refusal statuses are
 * the client's; this adapter only says what they mean for a login.
 */
export class IcwsDirectory implements CicDirectory {
  constructor(private readonly options: IcwsDirectoryOptions) {}

  async signIn(credentials: CicCredentials): Promise<CicSignIn> {
    const { servers, timeoutMs = 5_000, onWarning, fetch: fetchFn = fetch } = this.options;
    let session: IcwsSession;
    try {
      session = await connect(
        servers,
        {
          ...credentials,
          applicationName: APPLICATION,
          timeoutMs,
          maxResponseBytes: MAX_RESPONSE_BYTES,
          ...(onWarning ? { onWarning } : {}),
        },
        fetchFn,
      );
    } catch (error) {
      if (error instanceof IcwsSignInRefusedError) return { kind: 'rejected' };
      return { kind: 'unavailable', detail: messageOf(error) };
    }
    try {
      const emails = await readOwnEmails(session, { signal: AbortSignal.timeout(timeoutMs) }, fetchFn);
      return { kind: 'signedIn', identity: { userId: session.userId, ...emails } };
    } catch (error) {
      return { kind: 'unavailable', detail: `reading the user's configuration: ${messageOf(error)}` };
    } finally {
      // Best effort: a session left open expires on the CIC server by itself.
      await disconnect(session, fetchFn);
    }
  }
}
