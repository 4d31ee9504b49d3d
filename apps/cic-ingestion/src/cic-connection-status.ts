import type { IcwsConnectionState } from '@bridge/icws-client';

/**
 * The ICWS connection's state, shared by the ingestion (which sets it) and the `cic` health check (which reads
 * it): a plain holder, so the health module needs no reference to the ingestion service.
 */
export class CicConnectionStatus {
  state: IcwsConnectionState = { status: 'connecting' };

  check = async (): Promise<void> => {
    if (this.state.status !== 'up')
      throw new Error(
        this.state.status === 'down' ? `CIC connection down: ${this.state.reason}` : 'connecting to CIC',
      );
  };
}
