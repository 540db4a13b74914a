import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { eventFrames, type LongConnectionAnswer } from './delivery.js';
import { decodeFrame, encodeFrame, type Frame, FrameMethod, headerOf } from './frames.js';
import { PendingAnswers } from './pending-answers.js';

/** Where the socket opens on the stand-in's own port (Lark's is `wss://msg-frontier.feishu.cn/ws/v2`). */
export const LONG_CONNECTION_PATH = '/ws/v2';

export interface LongConnectionConfig {
  /** Sent to the client as `ClientConfig` (endpoint answer and every pong): how often it pings. */
  pingIntervalSeconds: number;
  /** How many times the client retries a lost connection; -1 is forever. */
  reconnectCount: number;
  reconnectIntervalSeconds: number;
  /** The client waits a random part of this before its first retry, so replicas do not stampede. */
  reconnectNonceSeconds: number;
  maxConnections: number;
  /** How long a delivery waits for the client's answer (Lark allows an event 3 s). */
  answerTimeoutMs: number;
}

/**
 * Lark's values (also the SDK's defaults): 120 s pings, retry forever every 120 s after a random
 * wait of up to 30 s, 50 connections per app.
 */
export const LARK_LONG_CONNECTION: LongConnectionConfig = {
  pingIntervalSeconds: 120,
  reconnectCount: -1,
  reconnectIntervalSeconds: 120,
  reconnectNonceSeconds: 30,
  maxConnections: 50,
  answerTimeoutMs: 3_000,
};

/** Where the socket lives; the hub only sees bytes, so it needs no WebSocket library. */
export interface FrameSocket {
  send(bytes: Uint8Array): void;
  /** Drops the connection without a closing handshake, as a lost network would. */
  terminate(): void;
}

export interface ConnectionInfo {
  id: string;
  deviceId: string;
  /** Has sent a frame (the SDK pings as it opens): only then does it get events. */
  ready: boolean;
  pings: number;
  pongs: number;
  deliveries: number;
  /** Frames that did not decode, pinged another service, or answered nothing we sent. */
  strayFrames: number;
}

export interface DeliveryOptions {
  /** `card` is a frame type the protocol names but every SDK drops unanswered: clicks come as `event`. */
  kind?: 'event' | 'card';
  /** Split the event across this many frames, as Lark does with large ones. Default 1. */
  fragments?: number;
  /** This connection instead of the next one in turn. */
  connectionId?: string;
  timeoutMs?: number;
}

interface Connection extends ConnectionInfo {
  socket: FrameSocket;
}

/**
 * Lark's side of the long connection: tickets for the endpoint, the open connections, pongs, and
 * event delivery. Like Lark, it gives each event to ONE connected client (here in turn, so tests
 * know which), which is what lets several replicas share an app.
 * Emits `change` whenever a connection opens, closes or pings.
 */
export class LongConnectionHub extends EventEmitter {
  /** Echoed by the client in its pings (`service_id` in the socket URL). */
  readonly serviceId = 1 + (randomBytes(2).readUInt16BE() % 10_000);
  /** Set by `attachLongConnection`: until then the endpoint says there is no long connection. */
  attached = false;
  /** Off: pings go unanswered, as on a half-dead socket. */
  answerPings = true;
  private readonly config: LongConnectionConfig;
  private readonly tickets = new Map<string, string>();
  private readonly connections = new Map<string, Connection>();
  private readonly pending = new PendingAnswers();
  private counter = 0;
  private opened = 0;
  private seq = 0;
  private turn = 0;

  constructor(config: Partial<LongConnectionConfig> = {}) {
    super();
    this.config = { ...LARK_LONG_CONNECTION, ...config };
  }

  clientConfig() {
    return {
      PingInterval: this.config.pingIntervalSeconds,
      ReconnectCount: this.config.reconnectCount,
      ReconnectInterval: this.config.reconnectIntervalSeconds,
      ReconnectNonce: this.config.reconnectNonceSeconds,
    };
  }

  /**
   * The socket URL's query for one client, or undefined when the app is at its connection limit.
   * It starts with a parameter of no interest because the SDK parses the whole URL as a query
   * string: the first key swallows the `wss://host/path?` prefix (Lark's own URL starts `fpid=`).
   */
  issueTicket(): string | undefined {
    if (this.connections.size >= this.config.maxConnections) return undefined;
    const deviceId = `${++this.counter}${randomBytes(6).toString('hex')}`;
    const ticket = randomBytes(16).toString('hex');
    // Tickets nobody used (a client that never opened its socket) should not pile up.
    if (this.tickets.size >= 1_000) this.tickets.delete(this.tickets.keys().next().value!);
    this.tickets.set(ticket, deviceId);
    const query = { fpid: '493', device_id: deviceId, service_id: String(this.serviceId), ticket };
    return new URLSearchParams(query).toString();
  }

  /** The device id a socket may open as, consuming its one-use ticket; undefined if refused. */
  admit(query: URLSearchParams): string | undefined {
    const ticket = query.get('ticket') ?? '';
    const deviceId = this.tickets.get(ticket);
    if (deviceId === undefined || deviceId !== query.get('device_id')) return undefined;
    this.tickets.delete(ticket);
    return deviceId;
  }

  open(deviceId: string, socket: FrameSocket): { receive(bytes: Uint8Array): void; closed(): void } {
    const id = `conn-${++this.opened}`;
    const connection: Connection = {
      id,
      deviceId,
      ready: false,
      socket,
      pings: 0,
      pongs: 0,
      deliveries: 0,
      strayFrames: 0,
    };
    this.connections.set(id, connection);
    this.emit('change');
    return {
      receive: (bytes) => this.receive(connection, bytes),
      closed: () => this.closed(connection),
    };
  }

  connectionsNow(): ConnectionInfo[] {
    return [...this.connections.values()].map(({ socket: _socket, ...info }) => info);
  }

  /** Resolves once `count` connections can take events. */
  waitForConnections(count: number, timeoutMs = 5_000): Promise<void> {
    const ready = () => this.connectionsNow().filter((c) => c.ready).length >= count;
    return this.waitUntil(ready, timeoutMs, `${count} long connection(s)`);
  }

  /** Resolves once `check` holds, re-checked on every `change`; rejects after `timeoutMs`. */
  async waitUntil(check: () => boolean, timeoutMs = 5_000, what = 'the long connection'): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    while (!check()) {
      try {
        await once(this, 'change', { signal });
      } catch {
        throw new Error(`${what} did not reach the expected state within ${timeoutMs} ms`);
      }
    }
  }

  /** Sends one event to one client and resolves with its answer (rejects if none is connected). */
  async deliver(payload: unknown, options: DeliveryOptions = {}): Promise<LongConnectionAnswer> {
    const connection = this.pick(options.connectionId);
    const messageId = `lc_${++this.counter}_${randomBytes(4).toString('hex')}`;
    const frames = eventFrames({
      payload,
      kind: options.kind ?? 'event',
      messageId,
      traceId: randomBytes(8).toString('hex'),
      service: this.serviceId,
      fragments: options.fragments ?? 1,
      nextSeq: () => ++this.seq,
    });
    const timeoutMs = options.timeoutMs ?? this.config.answerTimeoutMs;
    const answered = this.pending.expect(messageId, connection.id, timeoutMs);
    connection.deliveries++;
    for (const frame of frames) connection.socket.send(encodeFrame(frame));
    return answered;
  }

  /** Cuts one connection, as a network failure or a Lark restart would. */
  drop(connectionId: string): void {
    this.connections.get(connectionId)?.socket.terminate();
  }

  closeAll(): void {
    for (const connection of this.connections.values()) connection.socket.terminate();
  }

  private pick(connectionId: string | undefined): Connection {
    if (connectionId !== undefined) {
      const chosen = this.connections.get(connectionId);
      if (!chosen?.ready) throw new Error(`the stand-in has no ready long connection ${connectionId}`);
      return chosen;
    }
    const open = [...this.connections.values()].filter((c) => c.ready);
    if (open.length === 0) throw new Error('no client is connected over the long connection');
    return open[this.turn++ % open.length]!;
  }

  private receive(connection: Connection, bytes: Uint8Array): void {
    // The SDK listens for frames only after its open handler has returned, and ws may replay
    // bytes that came with the handshake before then: a frame sent at once would be lost. The
    // client's first frame (a ping, sent from that handler) shows it is listening.
    if (!connection.ready) {
      connection.ready = true;
      this.emit('change');
    }
    let frame: Frame;
    try {
      frame = decodeFrame(bytes);
    } catch {
      connection.strayFrames++;
      return;
    }
    if (frame.method === FrameMethod.control) this.control(connection, frame);
    else if (!this.pending.settle(connection.id, frame)) connection.strayFrames++;
  }

  private control(connection: Connection, frame: Frame): void {
    if (headerOf(frame, 'type') !== 'ping') return;
    // A ping names the service from the socket URL; any other is not this server's to answer.
    if (frame.service !== this.serviceId) {
      connection.strayFrames++;
      return;
    }
    connection.pings++;
    if (this.answerPings) {
      connection.pongs++;
      const pong: Frame = {
        SeqID: frame.SeqID,
        LogID: frame.LogID,
        service: frame.service,
        method: FrameMethod.control,
        headers: [{ key: 'type', value: 'pong' }],
        // The client adopts these, so a pong can retune its pings and retries.
        payload: Buffer.from(JSON.stringify(this.clientConfig())),
      };
      connection.socket.send(encodeFrame(pong));
    }
    this.emit('change');
  }

  private closed(connection: Connection): void {
    if (!this.connections.delete(connection.id)) return;
    this.pending.failConnection(connection.id);
    this.emit('change');
  }
}
