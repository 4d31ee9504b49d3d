import { ICWS } from '@bridge/cic-sync';
import { IcwsHttpError } from './icws-errors';
import { readTextCapped } from './bounded-body';
import { IcwsResponseTooLargeError } from './icws-errors';
import { readBody, responseCapOf, sessionFetch, type Fetch, type IcwsSession } from './icws-session';
import { MessageSplitter, type MessagePart, type SplitResult } from './message-splitter';
import { SseStream } from './sse-parser';

/**
 * One message as retrieved: parsed JSON, or the raw text that was not JSON. A long message read from the event
 * stream comes in parts (`part`; see MessageSplitter), each with the message's fields and a run of its items;
 * without `part` it is whole.
 */
export type IcwsIncoming =
  | { readonly ok: true; readonly message: unknown; readonly part?: MessagePart }
  | { readonly ok: false; readonly raw: string; readonly reason: 'invalidJson' };

/**
 * The lists a long message is split along: a configuration snapshot's objects and a user status snapshot's
 * statuses. Their items are independent of one another; whatever needs the whole (a snapshot's removals) waits
 * for the last part.
 */
const SPLIT_LISTS = new Set<string>([
  ICWS.message.added,
  ICWS.message.changed,
  ICWS.message.removed,
  ICWS.status.userStatusList,
]);
/** Items per part: one append's worth (cic-ingestion appends 1,000 events a transaction). */
export const DEFAULT_PART_ITEMS = 1_000;

export type RetrievalMode = 'sse' | 'polling';

/** Server-sent events when the server offers `messaging` ≥ 2 (§3.1), short polling otherwise. */
export function retrievalModeOf(session: IcwsSession, preferPolling = false): RetrievalMode {
  return !preferPolling && (session.features.get(ICWS.features.messaging) ?? 0) >= 2 ? 'sse' : 'polling';
}

function parse(text: string): IcwsIncoming {
  try {
    return { ok: true, message: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, raw: text, reason: 'invalidJson' };
  }
}

const MESSAGES = '/messaging/messages';

/** A part as the caller sees it: a message that came whole carries no `part`. */
function incomingOf(result: SplitResult): IcwsIncoming {
  if (!result.ok) return result;
  const { message, part } = result;
  return part.first && part.last ? { ok: true, message } : { ok: true, message, part };
}

/**
 * The session's messages, in order, until the session ends: the event stream closes, or a poll is answered
 * with an error (401 once the session is gone, 503 on switchover). Ending or throwing both mean "reconnect".
 */
export async function* retrieveMessages(
  session: IcwsSession,
  options: {
    mode: RetrievalMode;
    pollIntervalMs?: number;
    signal?: AbortSignal;
    fetch?: Fetch;
    partItems?: number;
  },
): AsyncGenerator<IcwsIncoming> {
  const fetchFn = options.fetch ?? fetch;
  const maxBytes = responseCapOf(session);
  if (options.mode === 'sse') {
    const response = await sessionFetch(
      session,
      MESSAGES,
      { headers: { Accept: 'text/event-stream' }, ...(options.signal ? { signal: options.signal } : {}) },
      fetchFn,
    );
    if (!response.ok || !response.body)
      throw new IcwsHttpError(response.status, MESSAGES, await readBody(response, maxBytes, MESSAGES));
    const newSplitter = () =>
      new MessageSplitter({
        lists: SPLIT_LISTS,
        partItems: options.partItems ?? DEFAULT_PART_ITEMS,
        header: [ICWS.message.type, ICWS.message.isDelta],
      });
    let splitter = newSplitter();
    let ready: SplitResult[] = [];
    const stream = new SseStream({
      data: (piece) => ready.push(...splitter.push(piece)),
      dispatch: (_event, _id, hadData) => {
        if (!hadData) return;
        ready.push(...splitter.end());
        splitter = newSplitter();
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    // The stream itself never ends, so the cap is on one part: the bytes read since the last one was complete.
    let sincePart = 0;
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        sincePart += read.value.byteLength;
        stream.push(decoder.decode(read.value, { stream: true }));
        if (ready.length > 0) sincePart = 0;
        else if (sincePart > maxBytes) throw new IcwsResponseTooLargeError(MESSAGES, maxBytes);
        const parts = ready;
        ready = [];
        for (const part of parts) yield incomingOf(part);
      }
    } finally {
      // Stopped early (shutdown): close the stream rather than leave the server holding it.
      await reader.cancel().catch(() => undefined);
    }
    return;
  }
  const interval = options.pollIntervalMs ?? 1_000;
  while (!options.signal?.aborted) {
    const response = await sessionFetch(
      session,
      MESSAGES,
      { signal: options.signal ?? AbortSignal.timeout(10_000) },
      fetchFn,
    );
    const text = await readTextCapped(response, maxBytes, MESSAGES);
    if (!response.ok) throw new IcwsHttpError(response.status, MESSAGES, text);
    const body = parse(text);
    if (!body.ok) yield body;
    else if (Array.isArray(body.message))
      for (const message of body.message as unknown[]) yield { ok: true, message };
    else yield { ok: true, message: body.message };
    // Short polling (§3.5): ask again about every second; at once while the queue still had messages.
    if (!(body.ok && Array.isArray(body.message) && body.message.length > 0))
      await sleep(interval, options.signal);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
