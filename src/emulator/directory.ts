/**
 * The people and chats the stand-in knows. Seeded from options; local mode lists them on its web
 * page, and the contact and chat-member endpoints answer from them.
 */
export interface DirectoryUser {
  openId: string;
  name: string;
  email?: string;
  mobile?: string;
  userId?: string;
  unionId?: string;
}

export interface DirectoryChat {
  chatId: string;
  name: string;
  chatType: 'group' | 'p2p';
  /** Open ids of the human members (Lark never lists bots as members). */
  members: string[];
  /** Whether the bot is in the chat; sends to a chat without it fail with 230002. */
  botIsMember: boolean;
}

/** A chat to seed: a group the bot is in unless told otherwise. */
export type ChatSeed = Pick<DirectoryChat, 'chatId' | 'name'> & Partial<DirectoryChat>;

export interface DirectorySeed {
  users?: DirectoryUser[];
  chats?: ChatSeed[];
}

export class Directory {
  private readonly users = new Map<string, DirectoryUser>();
  private readonly chats = new Map<string, DirectoryChat>();

  constructor(seed: DirectorySeed = {}) {
    for (const user of seed.users ?? []) this.addUser(user);
    for (const chat of seed.chats ?? []) this.addChat(chat);
  }

  addUser(user: DirectoryUser): DirectoryUser {
    const copy = { ...user };
    this.users.set(user.openId, copy);
    return copy;
  }

  addChat(chat: ChatSeed): DirectoryChat {
    const full: DirectoryChat = {
      chatType: 'group',
      members: [],
      botIsMember: true,
      ...chat,
    };
    this.chats.set(full.chatId, full);
    return full;
  }

  listUsers(): DirectoryUser[] {
    return [...this.users.values()];
  }

  listChats(): DirectoryChat[] {
    return [...this.chats.values()];
  }

  user(openId: string): DirectoryUser | undefined {
    return this.users.get(openId);
  }

  chat(chatId: string): DirectoryChat | undefined {
    return this.chats.get(chatId);
  }

  /** Finds a user by any of Lark's id kinds. */
  findUser(idType: string, id: string): DirectoryUser | undefined {
    if (idType === 'open_id') return this.users.get(id);
    for (const user of this.users.values()) {
      if (idType === 'user_id' && user.userId === id) return user;
      if (idType === 'union_id' && user.unionId === id) return user;
      if (idType === 'email' && user.email === id) return user;
    }
    return undefined;
  }

  /** The bot's one-to-one chat with a user, created on first use like Lark does. */
  p2pChatWith(user: DirectoryUser): DirectoryChat {
    const chatId = `oc_p2p_${user.openId.replace(/^ou_/, '')}`;
    return (
      this.chats.get(chatId) ??
      this.addChat({ chatId, name: user.name, chatType: 'p2p', members: [user.openId] })
    );
  }
}
