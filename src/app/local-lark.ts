import { randomBytes } from 'node:crypto';
import type { LoadedConfig } from '../config/load-config.js';
import type { DirectoryUser } from '../emulator/directory.js';
import { createLarkStandIn, type LarkStandIn } from '../emulator/stand-in.js';

/**
 * Local mode's Lark: the stand-in the tests use, seeded with the people and chats of org.yaml,
 * and fresh credentials for this process. The bot's own SDK client talks to it over HTTP on the
 * server's port, and events reach /lark/events encrypted and signed with these keys, so the bot
 * runs exactly as it would against Lark.
 */
export interface LocalLark {
  standIn: LarkStandIn;
  appId: string;
  appSecret: string;
  encryptKey: string;
  verificationToken: string;
}

export function createLocalLark(config: LoadedConfig): LocalLark {
  const appId = `cli_${randomBytes(8).toString('hex')}`;
  const appSecret = randomBytes(16).toString('hex');
  const standIn = createLarkStandIn({
    appId,
    appSecret,
    botName: '督办',
    users: peopleOf(config),
    chats: chatsOf(config),
  });
  return {
    standIn,
    appId,
    appSecret,
    encryptKey: randomBytes(16).toString('hex'),
    verificationToken: randomBytes(12).toString('hex'),
  };
}

function peopleOf(config: LoadedConfig): DirectoryUser[] {
  const { org } = config;
  const people = [
    ...org.admins,
    ...org.sections.flatMap((s) => [s.head, ...s.deputies, ...(s.leader ? [s.leader] : [])]),
  ];
  const byId = new Map<string, DirectoryUser>();
  for (const p of people) {
    if (!p.open_id || byId.has(p.open_id)) continue;
    byId.set(p.open_id, {
      openId: p.open_id,
      name: p.name,
      ...('email' in p && p.email ? { email: p.email } : {}),
    });
  }
  return [...byId.values()];
}

function chatsOf(config: LoadedConfig) {
  const { org } = config;
  const everyone = peopleOf(config).map((u) => u.openId);
  const chats = [{ chatId: org.chats.main, name: '督办工作群', members: everyone }];
  if (org.chats.leadership)
    chats.push({ chatId: org.chats.leadership, name: '局领导班子群', members: everyone });
  for (const section of org.sections) {
    if (!section.chat_id) continue;
    const members = [section.head, ...section.deputies].flatMap((p) => (p.open_id ? [p.open_id] : []));
    chats.push({ chatId: section.chat_id, name: `${section.name}工作群`, members });
  }
  return chats;
}
