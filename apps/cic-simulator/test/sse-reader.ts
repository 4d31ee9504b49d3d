/** Reads server-sent events from a fetch response until `done` says enough (or the time runs out). */
export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export async function readEvents(
  response: Response,
  done: (events: SseEvent[]) => boolean,
  timeoutMs = 3000,
): Promise<SseEvent[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (!done(events) && Date.now() < deadline) {
    let timeout: NodeJS.Timeout | undefined;
    const timer = new Promise<{ done: true; value: undefined }>((resolve) => {
      timeout = setTimeout(
        () => resolve({ done: true, value: undefined }),
        Math.max(0, deadline - Date.now()),
      );
    });
    const chunk = await Promise.race([reader.read(), timer]);
    clearTimeout(timeout);
    if (chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1);
        else if (line.startsWith('id: ')) event.id = line.slice(4);
        else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) event.data = line.slice(6);
      }
      events.push(event);
    }
  }
  await reader.cancel().catch(() => undefined);
  return events;
}
