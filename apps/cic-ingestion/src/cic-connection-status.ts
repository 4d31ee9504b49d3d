import type { IcwsConnectionState } from '@bridge/icws-client';
import { connected, switchovers } from './ingestion-metrics';

/**
 * The ICWS connection's state, shared by the ingestion (which sets it) and the `cic` health check (which reads
 * it): a plain holder, so the health module needs no reference to the ingestion service.
 */
export class CicConnectionStatus {
  private current: IcwsConnectionState = { status: 'connecting' };
  /** When the connection that is up now came up (the operator's status read). */
  connectedSince: Date | undefined;
  /** When the last ICWS message arrived. */
  lastMessageAt: Date | undefined;
  /** The server of the last session that came up: a session on the other one is a switchover. */
  private lastServer: string | undefined;

  get state(): IcwsConnectionState {
    return this.current;
  }

  set state(state: IcwsConnectionState) {
    if (state.status === 'up' && this.current.status !== 'up') {
      this.connectedSince = new Date();
      if (this.lastServer !== undefined && this.lastServer !== state.server) switchovers.inc();
      this.lastServer = state.server;
    }
    connected.set(state.status === 'up' ? 1 : 0);
    if (state.status !== 'up') this.connectedSince = undefined;
    this.current = state;
  }

  check = async (): Promise<void> => {
    if (this.state.status !== 'up')
      throw new Error(
        this.state.status === 'down' ? `CIC connection down: ${this.state.reason}` : 'connecting to CIC',
      );
  };
}
