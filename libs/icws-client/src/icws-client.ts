import { IcwsHttpError } from './icws-errors';
import { retrieveMessages, retrievalModeOf, sleep, type IcwsIncoming, type RetrievalMode } from './messages';
import {
  connect,
  disconnect,
  type Fetch,
  type IcwsConnectSettings,
  type IcwsPasswordCredentials,
  type IcwsSession,
} from './icws-session';

/** Where the client stands, for health checks and logs. */
export type IcwsConnectionState =
  | { readonly status: 'connecting' }
  | { readonly status: 'up'; readonly server: string; readonly mode: RetrievalMode }
  | { readonly status: 'down'; readonly reason: string };

/** A password, not a token: the client signs in again after every loss, and a token is good for one sign-in. */
export interface IcwsClientOptions extends IcwsConnectSettings, IcwsPasswordCredentials {
  /** Base URLs, primary first (a switchover pair). */
  readonly servers: readonly string[];
  /** Subscribe here: called on every new session, before its messages are read. */
  readonly onSession: (session: IcwsSession) => Promise<void>;
  /** Each message in order; the next one waits until this resolves. A throw ends the session. */
  readonly onMessage: (incoming: IcwsIncoming) => Promise<void>;
  readonly onState?: (state: IcwsConnectionState) => void;
  /** Force short polling even when the server offers server-sent events. */
  readonly preferPolling?: boolean;
  readonly pollIntervalMs?: number;
  /** Wait between failed connection rounds. */
  readonly reconnectDelayMs?: number;
  readonly fetch?: Fetch;
}

/**
 * A long-lived ICWS connection: connect (following 503 and alternateHostList), subscribe, read messages, and on
 * any loss (stream end, 401, 503, network error) connect again and resubscribe. A new session starts with fresh
 * snapshots, so the caller's onSession/onMessage see everything they missed.
 */
export class IcwsClient {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private session: IcwsSession | undefined;

  constructor(private readonly options: IcwsClientOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  /** The open session, for a request of the caller's own (a custom notification); undefined while reconnecting. */
  currentSession(): IcwsSession | undefined {
    return this.session;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    if (this.session) await disconnect(this.session, this.options.fetch);
  }

  private state(state: IcwsConnectionState): void {
    this.options.onState?.(state);
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      this.state({ status: 'connecting' });
      try {
        this.session = await connect(this.options.servers, this.options, this.options.fetch);
        await this.options.onSession(this.session);
        const mode = retrievalModeOf(this.session, this.options.preferPolling);
        this.state({ status: 'up', server: this.session.baseUrl, mode });
        for await (const incoming of retrieveMessages(this.session, {
          mode,
          signal,
          ...(this.options.pollIntervalMs === undefined
            ? {}
            : { pollIntervalMs: this.options.pollIntervalMs }),
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        })) {
          await this.options.onMessage(incoming);
        }
        this.state({ status: 'down', reason: 'the session ended' });
      } catch (error) {
        if (signal.aborted) break;
        this.state({ status: 'down', reason: error instanceof Error ? error.message : String(error) });
        // A lost session (stream cut, 401/503) reconnects at once; a failed connection round waits a little.
        if (!(error instanceof IcwsHttpError) || this.session === undefined)
          await sleep(this.options.reconnectDelayMs ?? 500, signal);
      }
      this.session = undefined;
    }
  }
}
