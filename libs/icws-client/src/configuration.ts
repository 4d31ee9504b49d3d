import { ICWS } from '@bridge/cic-sync';
import { IcwsHttpError } from './icws-errors';
import {
  readBody,
  responseCapOf,
  sessionFetch,
  sessionPut,
  type Fetch,
  type IcwsSession,
} from './icws-session';

/** The server returns at most 200 items per request when properties are selected (§3.2). */
export const PAGE_SIZE = 200;

/**
 * Every item of a configuration list (`users`, `workgroups` …) with the selected properties, read page by page
 * with `Range: items=a-b` until `Content-Range` says the list is done.
 */
export async function listConfiguration(
  session: IcwsSession,
  objectType: string,
  options: { select?: readonly string[]; where?: string; pageSize?: number } = {},
  fetchFn: Fetch = fetch,
): Promise<unknown[]> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const query = new URLSearchParams();
  if (options.select?.length) query.set('select', options.select.join(','));
  if (options.where) query.set('where', options.where);
  const items: unknown[] = [];
  for (let start = 0; ; start += pageSize) {
    const path = `/configuration/${objectType}${query.size ? `?${query.toString()}` : ''}`;
    const response = await sessionFetch(
      session,
      path,
      { headers: { [ICWS.headers.range]: `items=${start}-${start + pageSize - 1}` } },
      fetchFn,
    );
    const body = await readBody(response, responseCapOf(session), path);
    if (!response.ok) throw new IcwsHttpError(response.status, path, body);
    const page = typeof body === 'object' && body !== null ? (body as { items?: unknown }).items : undefined;
    if (Array.isArray(page)) items.push(...(page as unknown[]));
    const range = /items (\d+)-(\d+)\/(\d+)/.exec(response.headers.get(ICWS.headers.contentRange) ?? '');
    if (!range || Number(range[2]) + 1 >= Number(range[3]) || !Array.isArray(page) || page.length === 0)
      return items;
  }
}

/**
 * Creates or replaces a configuration subscription (§3.5); its first message is a full snapshot
 * (`isDelta: false`), later ones carry only changes.
 */
export async function subscribeConfiguration(
  session: IcwsSession,
  objectType: string,
  subscriptionId: string,
  body: {
    configurationIds: readonly string[];
    properties: readonly string[];
    rightsFilter?: 'view' | 'admin';
  },
  fetchFn: Fetch = fetch,
): Promise<void> {
  const path = `/messaging/subscriptions/configuration/${objectType}/${encodeURIComponent(subscriptionId)}`;
  await sessionPut(session, path, body, fetchFn);
}
