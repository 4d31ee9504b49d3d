import { ICWS } from '@bridge/cic-sync';
import { IcwsHttpError } from './icws-errors';
import { readBody, responseCapOf, sessionFetch, type Fetch, type IcwsSession } from './icws-session';

/** A user's business email (personal information) and mailbox email; null where CIC has none (§3.3). */
export interface IcwsUserEmails {
  readonly businessEmail: string | null;
  readonly mailboxEmail: string | null;
}

const U = ICWS.user;

function emailIn(record: unknown, property: string): string | null {
  const group =
    typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[property] : undefined;
  const email =
    typeof group === 'object' && group !== null
      ? (group as Record<string, unknown>)[U.emailAddress]
      : undefined;
  return typeof email === 'string' ? email : null;
}

/**
 * The signed-in user's own emails, read from their configuration record (§3.2, §3.3): what a user may read without
 * any administrator right.
 */
export async function readOwnEmails(
  session: IcwsSession,
  options: { signal?: AbortSignal } = {},
  fetchFn: Fetch = fetch,
): Promise<IcwsUserEmails> {
  const select = [U.personalInformationProperties, U.mailboxProperties].map(
    (group) => `${group}.${U.emailAddress}`,
  );
  const path = `/configuration/${ICWS.objectTypes.user}/${encodeURIComponent(session.userId)}?select=${select.join(',')}`;
  const response = await sessionFetch(
    session,
    path,
    options.signal ? { signal: options.signal } : {},
    fetchFn,
  );
  const body = await readBody(response, responseCapOf(session), path);
  if (!response.ok) throw new IcwsHttpError(response.status, path, body);
  return {
    businessEmail: emailIn(body, U.personalInformationProperties),
    mailboxEmail: emailIn(body, U.mailboxProperties),
  };
}
