import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, request } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import express from 'express';
import protobuf from 'protobufjs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FrameMethod } from '../../src/emulator/long-connection/frames.js';
import { createLarkStandIn } from '../../src/emulator/stand-in.js';
import { createSdkLogger } from '../../src/lark/sdk-logger.js';
import { captureLogger } from '../helpers/lark-log.js';
import { type RunningStandIn, startStandIn, TEST_APP_ID, TEST_APP_SECRET } from '../helpers/lark-stand-in.js';

/** The SDK's generated pbbp2 codec: not exported, but registered in protobufjs' shared default root. */
interface GeneratedFrameCodec {
  encode(frame: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): { method: number; service: number; headers: { key: string; value: string }[] };
}
const sdkFrame = (protobuf.roots.default as unknown as { pbbp2: { Frame: GeneratedFrameCodec } }).pbbp2.Frame;

async function askEndpoint(url: string, secret = TEST_APP_SECRET) {
  const res = await fetch(`${url}/callback/ws/endpoint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ AppID: TEST_APP_ID, AppSecret: secret }),
  });
  return (await res.json()) as {
    code: number;
    data: { URL?: string; ClientConfig?: Record<string, number> };
  };
}

/** A bare WebSocket handshake, to see what the stand-in answers before any frame. */
function handshake(wsUrl: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(wsUrl.replace(/^ws/, 'http'), {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode!, headers: res.headers });
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: 101, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the stand-in’s long connection', () => {
  let running: RunningStandIn | undefined;
  const clients: lark.WSClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close({ force: true });
    await running?.close();
    running = undefined;
  });

  /** The SDK's own WSClient and EventDispatcher, no duban code between them and the stand-in. */
  async function sdkClient(handle: (data: unknown) => Promise<unknown> = async () => ({})) {
    const { logger, lines } = captureLogger();
    const dispatcher = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.error }).register({
      'im.message.receive_v1': handle,
    });
    const client = new lark.WSClient({
      appId: TEST_APP_ID,
      appSecret: TEST_APP_SECRET,
      domain: running!.url,
      loggerLevel: lark.LoggerLevel.warn,
      logger: createSdkLogger(logger, []),
    });
    clients.push(client);
    const hub = running!.standIn.longConnection;
    const before = hub.connectionsNow().filter((c) => c.ready).length;
    void client.start({ eventDispatcher: dispatcher });
    await hub.waitForConnections(before + 1);
    return { client, lines };
  }

  it('encodes frames byte for byte as the SDK’s generated codec does', () => {
    const frame = {
      SeqID: 7,
      LogID: 9,
      service: 321,
      method: FrameMethod.data,
      headers: [
        { key: 'type', value: 'event' },
        { key: 'message_id', value: 'm1' },
      ],
      payload: Buffer.from('{"a":"督办"}'),
    };
    expect(Buffer.from(encodeFrame(frame))).toEqual(Buffer.from(sdkFrame.encode(frame).finish()));
    const ping = sdkFrame.encode({
      SeqID: 0,
      LogID: 0,
      service: 5,
      method: 0,
      headers: [{ key: 'type', value: 'ping' }],
    });
    expect(decodeFrame(ping.finish())).toMatchObject({ service: 5, method: FrameMethod.control, SeqID: 0 });
  });

  it('says there is no long connection until one is attached to its server', async () => {
    const standIn = createLarkStandIn({ appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
    const server = express().use(standIn.router).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      expect((await askEndpoint(`http://127.0.0.1:${port}`)).code).toBe(1000040345);
    } finally {
      server.close();
    }
  });

  it('hands out a socket URL the SDK can read, only for the right secret and within the limit', async () => {
    running = await startStandIn({ longConnection: { maxConnections: 1 } });
    expect((await askEndpoint(running.url, 'wrong')).code).toBe(514);
    const { code, data } = await askEndpoint(running.url);
    expect(code).toBe(0);
    expect(data.ClientConfig).toEqual({
      PingInterval: 120,
      ReconnectCount: -1,
      ReconnectInterval: 120,
      ReconnectNonce: 30,
    });
    const url = new URL(data.URL!);
    expect(url.protocol).toBe('ws:');
    // The SDK reads the whole URL as a query string: device_id and service_id must not come first.
    expect([...url.searchParams.keys()]).toEqual(['fpid', 'device_id', 'service_id', 'ticket']);
    expect(url.searchParams.get('service_id')).toBe(String(running.standIn.longConnection.serviceId));
    await sdkClient();
    expect((await askEndpoint(running.url)).code).toBe(1000040350);
  });

  it('opens a socket once per ticket and refuses unknown ones with Lark’s handshake headers', async () => {
    running = await startStandIn();
    const { data } = await askEndpoint(running.url);
    expect((await handshake(data.URL!)).status).toBe(101);
    const reused = await handshake(data.URL!);
    expect(reused.status).toBe(403);
    expect(reused.headers['handshake-status']).toBe('403');
    const forged = data.URL!.replace(/ticket=\w+/, 'ticket=forged');
    expect((await handshake(forged)).status).toBe(403);
  });

  it('answers the SDK’s pings with pongs it accepts', async () => {
    running = await startStandIn({ longConnection: { pingIntervalSeconds: 0.05 } });
    const hub = running.standIn.longConnection;
    const { client, lines } = await sdkClient();
    await hub.waitUntil(() => (hub.connectionsNow()[0]?.pings ?? 0) >= 3);
    const [connection] = hub.connectionsNow();
    // Pings carried the service id from the URL, each got a pong, and the SDK logged no error.
    expect(connection).toMatchObject({ pongs: connection!.pings, strayFrames: 0 });
    expect(hub.connectionsNow()).toHaveLength(1);
    expect(client.getConnectionStatus().state).toBe('connected');
    expect(lines).toEqual([]);
  });

  it('gets no answer for a card-typed frame, which the SDKs drop', async () => {
    running = await startStandIn();
    const hub = running.standIn.longConnection;
    await sdkClient();
    const card = hub.deliver(
      { schema: '2.0', header: { event_type: 'card.action.trigger' } },
      { kind: 'card' },
    );
    const unanswered = card.catch((error: Error) => error.message);
    // Frames are handled in order: the event's answer means the card frame was already dropped.
    const event = await hub.deliver({
      schema: '2.0',
      header: { event_type: 'im.message.receive_v1' },
      event: {},
    });
    expect(event.code).toBe(200);
    hub.drop(event.connectionId);
    expect(await unanswered).toMatch(/closed before answering/);
  });

  it('refuses to deliver when no client is connected', async () => {
    running = await startStandIn();
    await expect(running.standIn.controls.deliverOverLongConnection({})).rejects.toThrow(
      /no client is connected/,
    );
  });
});
