import type { AddressInfo } from 'node:net';
import express from 'express';
import { attachLongConnection } from '../../src/emulator/long-connection/ws-server.js';
import { createLarkStandIn, type LarkStandIn, type LarkStandInOptions } from '../../src/emulator/stand-in.js';

export const TEST_APP_ID = 'cli_a1b2c3d4e5f60718';
export const TEST_APP_SECRET = 'sEcReT-app-secret-0123456789abcdef';
export const BOT_OPEN_ID = 'ou_bot000000000000000000000000000';
export const GROUP_CHAT = 'oc_group00000000000000000000000001';
export const ALICE = {
  openId: 'ou_alice0000000000000000000000001',
  name: '张三',
  email: 'zhangsan@example.cn',
};
export const BOB = { openId: 'ou_bob00000000000000000000000000002', name: '李四', mobile: '+8613800000000' };

export interface RunningStandIn {
  url: string;
  standIn: LarkStandIn;
  close(): Promise<void>;
}

/**
 * The Lark stand-in on a random local port, seeded with one group, two people and the bot, with
 * its long connection attached (WSClients connect through `/callback/ws/endpoint`).
 */
export async function startStandIn(options: Partial<LarkStandInOptions> = {}): Promise<RunningStandIn> {
  const standIn = createLarkStandIn({
    appId: TEST_APP_ID,
    appSecret: TEST_APP_SECRET,
    botOpenId: BOT_OPEN_ID,
    users: [ALICE, BOB],
    chats: [{ chatId: GROUP_CHAT, name: '财政局工作群', members: [ALICE.openId, BOB.openId] }],
    ...options,
  });
  const app = express();
  app.use(standIn.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const longConnection = attachLongConnection(server, standIn);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    standIn,
    close: async () => {
      await longConnection.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
