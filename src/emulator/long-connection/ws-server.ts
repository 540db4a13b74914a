import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LarkStandIn } from '../stand-in.js';
import { LONG_CONNECTION_PATH } from './hub.js';

export interface AttachedLongConnection {
  /** Cuts every socket and stops taking new ones; call before closing the HTTP server. */
  close(): Promise<void>;
}

/**
 * Gives the stand-in a long connection on `server` (the one serving its router): the endpoint
 * route starts handing out socket URLs, and upgrades on LONG_CONNECTION_PATH become connections
 * of `standIn.longConnection`. Kept apart from the router so only servers that want sockets
 * load `ws`, and so a stand-in without one keeps telling clients so.
 */
export function attachLongConnection(server: Server, standIn: LarkStandIn): AttachedLongConnection {
  const hub = standIn.longConnection;
  // Frames are small; Lark splits large events itself. No compression, as Lark offers none.
  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 20 });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (url.pathname !== LONG_CONNECTION_PATH) {
      // Another upgrade listener may own this path; if there is none, the socket would hang.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'no such socket path');
      return;
    }
    const deviceId = hub.admit(url.searchParams);
    if (deviceId === undefined) {
      refuse(socket, 403, 'ticket unknown or already used: ask /callback/ws/endpoint again');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const connection = hub.open(deviceId, {
        send: (bytes) => ws.send(bytes),
        terminate: () => ws.terminate(),
      });
      ws.on('message', (data) => connection.receive(asBytes(data)));
      ws.on('close', () => connection.closed());
      // A reset socket also emits `close`; without a listener `error` would throw.
      ws.on('error', () => ws.terminate());
    });
  };
  server.on('upgrade', onUpgrade);
  hub.attached = true;
  return {
    close: () =>
      new Promise<void>((resolve) => {
        hub.attached = false;
        server.off('upgrade', onUpgrade);
        hub.closeAll();
        sockets.close(() => resolve());
      }),
  };
}

/** Lark answers a refused handshake with these headers; the SDK only sees a failed connect and retries. */
function refuse(socket: Duplex, status: number, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Forbidden'}\r\n` +
      `handshake-status: ${status}\r\nhandshake-msg: ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

/** `ws` hands a binary message over as one Buffer, a list of fragments, or an ArrayBuffer. */
function asBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : new Uint8Array(data);
}
