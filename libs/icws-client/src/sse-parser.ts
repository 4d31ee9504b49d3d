/** One server-sent event: its `event` name (default `message`), `id` when given, and the joined `data` lines. */
export interface SseEvent {
  readonly event: string;
  readonly id?: string;
  readonly data: string;
}

/**
 * Incremental server-sent-events parser (the WHATWG event-stream format): feed it text chunks as they arrive, in
 * any split, and it returns the events completed so far. Comment lines (`:ping`) and `retry:` are ignored; an
 * event without data lines is not dispatched.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  /** How far into the buffer no line break was found: a long line in many chunks is scanned once. */
  private scanned = 0;

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const newline = lineBreak(this.buffer, Math.max(start, this.scanned));
      if (newline < 0) {
        this.scanned = this.buffer.length;
        break;
      }
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[newline] === '\r' && newline === this.buffer.length - 1) {
        this.scanned = newline;
        break;
      }
      const event = this.line(this.buffer.slice(start, newline));
      if (event) events.push(event);
      start = newline + (this.buffer.startsWith('\r\n', newline) ? 2 : 1);
    }
    this.buffer = this.buffer.slice(start);
    this.scanned = Math.max(0, this.scanned - start);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      const event =
        this.data.length > 0
          ? {
              event: this.event || 'message',
              ...(this.id === undefined ? {} : { id: this.id }),
              data: this.data.join('\n'),
            }
          : undefined;
      this.data = [];
      this.event = '';
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
    return undefined;
  }
}

/** The index of the first \r or \n at or after `from`, or -1 (one pass: indexOf per character class would
 * scan past many short lines again for each). */
function lineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return -1;
}
