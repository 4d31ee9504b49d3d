import {
  connect,
  disconnect,
  IcwsSignInRefusedError,
  readOwnMasterAdministrator,
  type IcwsSession,
} from '@bridge/icws-client';

/** What CIC said about a user signing in to the console. */
export type CicAdminAnswer =
  | { readonly kind: 'administrator'; readonly userId: string }
  | { readonly kind: 'notAdministrator' }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'unavailable'; readonly detail: string };

/** The port the sign-in asks; the ICWS adapter below, a fake in unit tests. */
export interface CicAdminCheck {
  check(userId: string, password: string): Promise<CicAdminAnswer>;
}

/** A connect answer and one property of the user's own record: anything larger is not CIC talking. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Signs in to CIC as the user (ICWS, with switchover), reads whether they are a Master Administrator from their
 * own configuration record, and logs off: what Interaction Administrator checks before letting a user in.
 */
export class IcwsAdminCheck implements CicAdminCheck {
  constructor(
    private readonly servers: readonly string[],
    private readonly timeoutMs = 5_000,
  ) {}

  async check(userId: string, password: string): Promise<CicAdminAnswer> {
    let session: IcwsSession;
    try {
      session = await connect(this.servers, {
        userId,
        password,
        applicationName: 'Cloud Bridge console',
        timeoutMs: this.timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
    } catch (error) {
      if (error instanceof IcwsSignInRefusedError) return { kind: 'rejected' };
      return { kind: 'unavailable', detail: messageOf(error) };
    }
    try {
      const administrator = await readOwnMasterAdministrator(session, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return administrator ? { kind: 'administrator', userId: session.userId } : { kind: 'notAdministrator' };
    } catch (error) {
      return { kind: 'unavailable', detail: `reading the user's rights: ${messageOf(error)}` };
    } finally {
      // Best effort: a session left open expires on the CIC server by itself.
      await disconnect(session);
    }
  }
}
