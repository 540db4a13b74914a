import { createHash } from 'node:crypto';
import type { Org, Person } from '../../config/org-schema.js';
import type { Directory } from '../directory.js';

/**
 * Who the emulator page lets a visitor be, and where they can talk: everyone org.yaml names
 * (section heads and deputies, admins, 分管领导) plus one member of staff org.yaml does not know,
 * and the chats the stand-in holds for them.
 */
export interface PagePerson {
  openId: string;
  name: string;
  /** What the person select shows: "监督科 科长 曹阳". */
  label: string;
  /** False for the member of staff org.yaml does not list (who may ask but not confirm). */
  registered: boolean;
}

export interface PageChat {
  chatId: string;
  name: string;
  kind: 'main' | 'leadership' | 'section' | 'p2p';
  /** Open ids of the people in it (a p2p chat: the one person talking to the bot). */
  members: string[];
}

/** A colleague with no place in org.yaml: open_id "ou_" + md5(name), like the demo data. */
export const STAFF_MEMBER: PagePerson = {
  openId: `ou_${createHash('md5').update('王小明').digest('hex')}`,
  name: '王小明',
  label: '普通干部 王小明（未登记）',
  registered: false,
};

export function pagePeople(org: Org): PagePerson[] {
  const roles = new Map<string, { name: string; roles: string[] }>();
  const add = (person: Person | undefined, role: string) => {
    if (!person?.open_id) return;
    const entry = roles.get(person.open_id) ?? { name: person.name, roles: [] };
    if (!entry.roles.includes(role)) entry.roles.push(role);
    roles.set(person.open_id, entry);
  };
  for (const section of org.sections) {
    add(section.head, `${section.name} 科长`);
    for (const deputy of section.deputies) add(deputy, `${section.name} 副科长`);
  }
  for (const admin of org.admins) add(admin, '管理员');
  const oversees = new Map<string, string[]>();
  for (const section of org.sections) {
    const id = section.leader?.open_id;
    if (id) oversees.set(id, [...(oversees.get(id) ?? []), section.name]);
  }
  for (const section of org.sections) {
    const id = section.leader?.open_id;
    if (id && !roles.has(id)) add(section.leader, `局领导（分管 ${oversees.get(id)!.join('、')}）`);
  }
  const people = [...roles].map(([openId, { name, roles: r }]) => ({
    openId,
    name,
    label: `${r.join(' · ')} ${name}`,
    registered: true,
  }));
  return [STAFF_MEMBER, ...people];
}

/**
 * Makes the stand-in's directory hold what the page offers: the member of staff (in the bureau
 * group, like every colleague) and each person's private chat with the bot.
 */
export function seedPageDirectory(directory: Directory, org: Org, people: PagePerson[]): void {
  for (const person of people) {
    const user =
      directory.user(person.openId) ?? directory.addUser({ openId: person.openId, name: person.name });
    directory.p2pChatWith(user);
  }
  const main = directory.chat(org.chats.main);
  if (main && !main.members.includes(STAFF_MEMBER.openId)) main.members.push(STAFF_MEMBER.openId);
}

/** The bureau group, the leadership group, each section's group, then every private chat. */
export function pageChats(directory: Directory, org: Org): PageChat[] {
  const chats: PageChat[] = [];
  const push = (chatId: string | undefined, kind: PageChat['kind']) => {
    const chat = chatId ? directory.chat(chatId) : undefined;
    if (chat) chats.push({ chatId: chat.chatId, name: chat.name, kind, members: [...chat.members] });
  };
  push(org.chats.main, 'main');
  push(org.chats.leadership, 'leadership');
  for (const section of org.sections) push(section.chat_id, 'section');
  for (const chat of directory.listChats())
    if (chat.chatType === 'p2p')
      chats.push({
        chatId: chat.chatId,
        name: `${chat.name} 与督办的私聊`,
        kind: 'p2p',
        members: [...chat.members],
      });
  return chats;
}
