/** One server-sent event: its `event` name (default `message`), `id` when given, and the joined `data` lines. */
export interface SseEvent {
  readonly event: string;
  readonly id?: string;
  readonly data: string;
}

/** Where SseStream hands what it reads. */
export interface SseSink {
  /** The next piece of the current event's data, in order; the data lines of one event are joined by \n. */
  data(piece: string): void;
  /** The blank line that ends an event; `hadData` is false for an event without data lines (not dispatched). */
  dispatch(event: string, id: string | undefined, hadData: boolean): void;
}

const DATA_FIELD = 'data:';

/**
 * Incremental server-sent-events reader (the WHATWG event-stream format): feed it text chunks as they arrive, in
 * any split. A `data:` line goes to the sink piece by piece as it arrives, never joined: a configuration snapshot
 * of a large center is one line of many megabytes, and its reader (MessageSplitter) takes it in parts. Other
 * lines are short and are read whole. Comment lines (`:ping`) and `retry:` are ignored.
 */
export class SseStream {
  /** The pieces of a (non-data) line not finished yet. */
  private partial: string[] = [];
  private partialLength = 0;
  /** The unfinished line is known not to be a data line. */
  private otherLine = false;
  /** Inside a data line whose pieces go straight to the sink. */
  private inData = false;
  /** The last chunk ended in \r: a \n starting the next one belongs to it. */
  private skipLf = false;
  private dataLines = 0;
  private event = '';
  private id: string | undefined;

  constructor(private readonly sink: SseSink) {}

  push(chunk: string): void {
    if (chunk === '') return;
    let start = this.skipLf && chunk.startsWith('\n') ? 1 : 0;
    this.skipLf = false;
    for (;;) {
      const newline = lineBreak(chunk, start);
      if (newline < 0) {
        if (start < chunk.length) this.unfinished(chunk.slice(start));
        return;
      }
      this.finished(chunk.slice(start, newline));
      if (chunk[newline] === '\r' && newline === chunk.length - 1) {
        this.skipLf = true;
        return;
      }
      start = newline + (chunk.startsWith('\r\n', newline) ? 2 : 1);
    }
  }

  /** A piece of a line whose end has not arrived. */
  private unfinished(piece: string): void {
    if (this.inData) return this.sink.data(piece);
    this.partial.push(piece);
    this.partialLength += piece.length;
    // Once the field name and the optional space after it are known, a data line streams from here on.
    if (this.otherLine || this.partialLength <= DATA_FIELD.length) return;
    const line = this.takePartial();
    if (!line.startsWith(DATA_FIELD)) {
      this.otherLine = true;
      this.partial.push(line);
      this.partialLength = line.length;
      return;
    }
    this.startData();
    this.inData = true;
    const value = line.slice(DATA_FIELD.length);
    this.sink.data(value.startsWith(' ') ? value.slice(1) : value);
  }

  private finished(rest: string): void {
    if (this.inData) {
      this.inData = false;
      if (rest !== '') this.sink.data(rest);
      return;
    }
    this.line(this.takePartial() + rest);
  }

  private takePartial(): string {
    const line = this.partial.join('');
    this.partial = [];
    this.partialLength = 0;
    this.otherLine = false;
    return line;
  }

  private startData(): void {
    if (this.dataLines > 0) this.sink.data('\n');
    this.dataLines++;
  }

  private line(line: string): void {
    if (line === '') {
      this.sink.dispatch(this.event || 'message', this.id, this.dataLines > 0);
      this.dataLines = 0;
      this.event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.startData();
      this.sink.data(value);
    } else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }
}

/** SseStream's events whole: each event's data joined into one string. */
export class SseParser {
  private data: string[] = [];
  private events: SseEvent[] = [];
  private readonly stream = new SseStream({
    data: (piece) => this.data.push(piece),
    dispatch: (event, id, hadData) => {
      if (hadData) this.events.push({ event, ...(id === undefined ? {} : { id }), data: this.data.join('') });
      this.data = [];
    },
  });

  push(chunk: string): SseEvent[] {
    this.stream.push(chunk);
    const events = this.events;
    this.events = [];
    return events;
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
