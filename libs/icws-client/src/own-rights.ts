import { ICWS } from '@bridge/cic-sync';
import { IcwsHttpError } from './icws-errors';
import { readBody, responseCapOf, sessionFetch, type Fetch, type IcwsSession } from './icws-session';

const U = ICWS.user;

/**
 * Whether the signed-in user is a CIC Master Administrator, read from their own configuration record (§3.2): what
 * Interaction Administrator checks before it lets a user administer the system. Anything but an explicit `true`
 * is no.
 */
export async function readOwnMasterAdministrator(
  session: IcwsSession,
  options: { signal?: AbortSignal } = {},
  fetchFn: Fetch = fetch,
): Promise<boolean> {
  const select = `${U.administrativeRights}.${U.masterAdministrator}`;
  const path = `/configuration/${ICWS.objectTypes.user}/${encodeURIComponent(session.userId)}?select=${select}`;
  const response = await sessionFetch(
    session,
    path,
    options.signal ? { signal: options.signal } : {},
    fetchFn,
  );
  const body = await readBody(response, responseCapOf(session), path);
  if (!response.ok) throw new IcwsHttpError(response.status, path, body);
  const rights =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)[U.administrativeRights]
      : undefined;
  return (
    typeof rights === 'object' &&
    rights !== null &&
    (rights as Record<string, unknown>)[U.masterAdministrator] === true
  );
}
