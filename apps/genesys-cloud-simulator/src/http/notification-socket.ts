import type { Server } from 'node:http';
import { WebSocketServer, type RawData } from 'ws';
import { NOTIFICATION_LIMITS } from '../domain/notification-hub';
import type { SimContext } from '../sim-context';

const CHANNEL_PATH = /^\/channels\/([A-Za-z0-9-]+)$/;

/**
 * Serves the channels' WebSocket (`connectUri`) on the simulator's HTTP server and sends every connected channel
 * a heartbeat on the documented period (scaled with the simulator's clock). Returns the stop function.
 */
export function serveNotificationSockets(server: Server, sim: SimContext, heartbeatMs?: number): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const channelId = CHANNEL_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname)?.[1];
    if (channelId === undefined || !sim.notifications.exists(channelId)) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const handle = { send: (text: string) => ws.send(text), close: () => ws.terminate() };
      if (!sim.notifications.connect(channelId, handle)) {
        ws.terminate();
        return;
      }
      ws.on('message', (data) => sim.notifications.received(channelId, textOf(data)));
      ws.on('close', () => sim.notifications.disconnect(channelId, handle));
      ws.on('error', () => sim.notifications.disconnect(channelId, handle));
    });
  });
  const timer = setInterval(
    () => sim.notifications.heartbeat(),
    heartbeatMs ?? NOTIFICATION_LIMITS.heartbeatMs / sim.clock.scale,
  );
  timer.unref();
  return () => {
    clearInterval(timer);
    sim.notifications.clear();
    wss.close();
  };
}

/** A frame's text: ws hands over a Buffer, or its fragments, or an ArrayBuffer, by its binaryType. */
function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
