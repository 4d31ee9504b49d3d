/** Where a part stands in its message: a message that was not split is one part, first and last. */
export interface MessagePart {
  readonly first: boolean;
  readonly last: boolean;
}

/** One part of a message: its own fields, and a run of the items of its long lists. */
export type SplitResult =
  | { readonly ok: true; readonly message: Record<string, unknown>; readonly part: MessagePart }
  | { readonly ok: false; readonly raw: string; readonly reason: 'invalidJson' };

export interface MessageSplitterOptions {
  /** The top-level lists whose items are handed on in parts (a snapshot's `added`, a status list). */
  readonly lists: ReadonlySet<string>;
  /** Items per part, across those lists. */
  readonly partItems: number;
  /** The fields a part must carry before it is handed on (`__type`, `isDelta`): before them, items wait. */
  readonly header: readonly string[];
}

const RAW_KEPT = 2_000;
const [QUOTE, BACKSLASH, COMMA, COLON] = ['"', '\\', ',', ':'].map((c) => c.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
];

type Mode = 'before' | 'key' | 'value' | 'list' | 'afterList' | 'done' | 'whole' | 'failed';

/**
 * Reads one ICWS message (a JSON object) as its text arrives and hands it on in parts: each part carries the
 * fields read so far and up to `partItems` items of the named lists, parsed one by one. So the first message of a
 * configuration subscription (every object of a kind, many megabytes for a large center) is never held whole, as
 * text or as objects; a small message comes out as one part, as it would whole. Text that is not a JSON object
 * is read whole and parsed at the end, as before.
 */
export class MessageSplitter {
  private mode: Mode = 'before';
  private depth = 0;
  private inString = false;
  private escape = false;
  /** The pieces of the token being read (a key, a value, a list item) from earlier chunks. */
  private pieces: string[] = [];
  private key = '';
  /** In value mode: its first character has been seen (a list to split starts with it). */
  private valueSeen = false;
  private readonly header: Record<string, unknown> = {};
  private pending = new Map<string, unknown[]>();
  private pendingCount = 0;
  private parts = 0;
  private raw = '';
  private out: SplitResult[] = [];

  constructor(private readonly options: MessageSplitterOptions) {}

  /** The next piece of the message's text; returns the parts completed by it. */
  push(text: string): SplitResult[] {
    if (this.raw.length < RAW_KEPT) this.raw += text.slice(0, RAW_KEPT - this.raw.length);
    if (this.mode === 'whole' || this.mode === 'failed' || this.mode === 'done') {
      if (this.mode === 'whole') this.pieces.push(text);
      return this.take();
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.mode === 'before') {
        if (c <= 32) continue;
        if (c !== OPEN_BRACE) {
          this.mode = 'whole';
          this.pieces.push(text.slice(i));
          return this.take();
        }
        this.depth = 1;
        this.mode = 'key';
        start = i + 1;
        continue;
      }
      if (this.mode === 'value' && !this.valueSeen && c > 32) {
        this.valueSeen = true;
        if (c === OPEN_BRACKET && this.options.lists.has(this.key)) {
          this.depth++;
          this.mode = 'list';
          this.pieces = [];
          start = i + 1;
          continue;
        }
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 1 && this.mode === 'list') {
          this.item(this.token(text, start, i));
          if (this.failed()) return this.take();
          this.mode = 'afterList';
        } else if (this.depth === 0) {
          if (this.mode === 'value') this.value(this.token(text, start, i));
          if (this.failed()) return this.take();
          this.mode = 'done';
          this.emit(true);
          return this.take();
        }
      } else if (c === COLON && this.depth === 1 && this.mode === 'key') {
        this.key = this.parse(this.token(text, start, i)) as string;
        if (this.failed()) return this.take();
        this.mode = 'value';
        this.valueSeen = false;
        start = i + 1;
      } else if (c === COMMA && this.depth === 1) {
        if (this.mode === 'value') this.value(this.token(text, start, i));
        if (this.failed()) return this.take();
        this.mode = 'key';
        start = i + 1;
      } else if (c === COMMA && this.depth === 2 && this.mode === 'list') {
        this.item(this.token(text, start, i));
        if (this.failed()) return this.take();
        start = i + 1;
      }
    }
    if (this.mode === 'key' || this.mode === 'value' || this.mode === 'list')
      this.pieces.push(text.slice(start));
    return this.take();
  }

  /** The message's text is complete; returns its last part (or the failure). */
  end(): SplitResult[] {
    if (this.mode === 'whole') {
      const text = this.pieces.join('');
      this.pieces = [];
      try {
        this.out.push({ ok: true, message: JSON.parse(text) as Record<string, unknown>, part: WHOLE });
      } catch {
        this.fail();
      }
    } else if (this.mode !== 'done' && this.mode !== 'failed') this.fail();
    return this.take();
  }

  /** The token from the pieces kept so far and this chunk up to `end`; the pieces are used up. */
  private token(text: string, start: number, end: number): string {
    const token =
      this.pieces.length === 0 ? text.slice(start, end) : this.pieces.join('') + text.slice(start, end);
    this.pieces = [];
    return token;
  }

  private value(text: string): void {
    const value = this.parse(text);
    if (!this.failed()) this.header[this.key] = value;
  }

  private failed(): boolean {
    return this.mode === 'failed';
  }

  private item(text: string): void {
    if (text.trim() === '') return;
    const item = this.parse(text);
    if (this.failed()) return;
    let list = this.pending.get(this.key);
    if (!list) this.pending.set(this.key, (list = []));
    list.push(item);
    this.pendingCount++;
    if (this.pendingCount >= this.options.partItems) this.emit(false);
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      this.fail();
      return undefined;
    }
  }

  /** Hands on the pending items with the header read so far, once the header is there (or at the end). */
  private emit(last: boolean): void {
    if (!last && !this.options.header.every((name) => name in this.header)) return;
    const message: Record<string, unknown> = { ...this.header };
    for (const [name, items] of this.pending) message[name] = items;
    this.out.push({ ok: true, message, part: { first: this.parts === 0, last } });
    this.parts++;
    this.pending = new Map();
    this.pendingCount = 0;
  }

  private fail(): void {
    this.mode = 'failed';
    this.pieces = [];
    this.pending = new Map();
    this.out.push({ ok: false, raw: this.raw, reason: 'invalidJson' });
  }

  private take(): SplitResult[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

const [OPEN_BRACE, OPEN_BRACKET, CLOSE_BRACE, CLOSE_BRACKET] = ['{', '[', '}', ']'].map((c) =>
  c.charCodeAt(0),
) as [number, number, number, number];
const WHOLE: MessagePart = { first: true, last: true };
