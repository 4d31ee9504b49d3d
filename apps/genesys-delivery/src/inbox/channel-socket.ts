import WebSocket, { type RawData } from 'ws';

/** An open channel WebSocket: the lane only ever closes it; frames and the close arrive through the listener. */
export interface ChannelSocket {
  close(): void;
}

export interface ChannelSocketListener {
  frame(text: string): void;
  closed(): void;
}

export type OpenChannelSocket = (
  connectUri: string,
  listener: ChannelSocketListener,
) => Promise<ChannelSocket>;

/** Notification frames are small JSON documents; a larger one is refused rather than buffered. */
const MAX_FRAME_BYTES = 1024 * 1024;
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Opens a channel's WebSocket (`connectUri` needs no token: the channel id is the secret) once it is open. */
export const openChannelSocket: OpenChannelSocket = (connectUri, listener) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(connectUri, {
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    });
    ws.once('error', reject);
    ws.once('open', () => {
      ws.off('error', reject);
      // After the open, an error is followed by the close, which is what the lane acts on.
      ws.on('error', () => undefined);
      ws.on('message', (data) => listener.frame(textOf(data)));
      ws.once('close', () => listener.closed());
      resolve({ close: () => ws.terminate() });
    });
  });

/** A frame's text: ws hands over a Buffer, or its fragments, or an ArrayBuffer, by its binaryType. */
function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
