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
  /** The pieces of a line not finished yet: a multi-megabyte line arrives in many chunks, joined once. */
  private partial: string[] = [];
  /** The last chunk ended in \r: a \n starting the next one belongs to it. */
  private skipLf = false;
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  push(chunk: string): SseEvent[] {
    const events: SseEvent[] = [];
    if (chunk === '') return events;
    let start = this.skipLf && chunk.startsWith('\n') ? 1 : 0;
    this.skipLf = false;
    for (;;) {
      const newline = lineBreak(chunk, start);
      if (newline < 0) {
        if (start < chunk.length) this.partial.push(chunk.slice(start));
        return events;
      }
      const line = this.partial.join('') + chunk.slice(start, newline);
      this.partial = [];
      const event = this.line(line);
      if (event) events.push(event);
      if (chunk[newline] === '\r' && newline === chunk.length - 1) {
        this.skipLf = true;
        return events;
      }
      start = newline + (chunk.startsWith('\r\n', newline) ? 2 : 1);
    }
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

/**
 * The index of the first \r or \n at or after `from`, or -1. Native searches only, each bounded by the next \n:
 * a search for a \r that does not come would otherwise run to the end of the chunk once per line.
 */
function lineBreak(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.slice(from, lf < 0 ? text.length : lf).indexOf('\r');
  return cr < 0 ? lf : from + cr;
}
