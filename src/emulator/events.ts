import { randomUUID } from 'node:crypto';

/**
 * Builders for the JSON Lark posts to an event URL (before sealing), shaped like the real thing:
 * the v2 envelope `{schema, header, event}` for messages and card clicks, and the v1-style
 * `url_verification` challenge.
 */
export interface EventIdentity {
  appId: string;
  /** The app's verification token; Lark puts it in `header.token`. */
  token: string;
  tenantKey?: string;
  eventId?: string;
  /** Epoch ms. */
  createTime?: number;
}

export interface MessageEventInput extends EventIdentity {
  messageId: string;
  chatId: string;
  chatType?: 'group' | 'p2p';
  senderOpenId: string;
  senderType?: 'user' | 'app';
  /** Message text; `@_user_1`, `@_user_2`… stand for `mentions[0]`, `mentions[1]`… */
  text?: string;
  mentions?: Array<{ openId: string; name: string }>;
  messageType?: 'text' | 'post' | 'image' | 'file';
  /** Raw content object, replacing the one built from `text` (e.g. a post). */
  content?: unknown;
  parentId?: string;
  rootId?: string;
}

export function messageReceiveEvent(input: MessageEventInput) {
  const createTime = String(input.createTime ?? Date.now());
  const tenantKey = input.tenantKey ?? 'standin-tenant';
  return {
    schema: '2.0',
    header: header(input, 'im.message.receive_v1', createTime, tenantKey),
    event: {
      sender: {
        sender_id: {
          open_id: input.senderOpenId,
          union_id: `on_${input.senderOpenId}`,
          user_id: input.senderOpenId,
        },
        sender_type: input.senderType ?? 'user',
        tenant_key: tenantKey,
      },
      message: {
        message_id: input.messageId,
        root_id: input.rootId ?? '',
        parent_id: input.parentId ?? '',
        create_time: createTime,
        update_time: createTime,
        chat_id: input.chatId,
        chat_type: input.chatType ?? 'group',
        message_type: input.messageType ?? 'text',
        content: JSON.stringify(input.content ?? { text: input.text ?? '' }),
        mentions: (input.mentions ?? []).map((m, i) => ({
          key: `@_user_${i + 1}`,
          id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: m.openId },
          name: m.name,
          tenant_key: tenantKey,
        })),
        user_agent: 'duban-stand-in',
      },
    },
  };
}

export interface CardActionEventInput extends EventIdentity {
  operatorOpenId: string;
  value: Record<string, unknown>;
  messageId: string;
  chatId: string;
}

export function cardActionEvent(input: CardActionEventInput) {
  // Card callbacks carry microseconds in header.create_time, messages milliseconds.
  const createTime = String((input.createTime ?? Date.now()) * 1000);
  const tenantKey = input.tenantKey ?? 'standin-tenant';
  return {
    schema: '2.0',
    header: header(input, 'card.action.trigger', createTime, tenantKey),
    event: {
      operator: {
        tenant_key: tenantKey,
        open_id: input.operatorOpenId,
        union_id: `on_${input.operatorOpenId}`,
      },
      token: `c-${randomUUID()}`,
      action: { value: input.value, tag: 'button' },
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: input.chatId },
    },
  };
}

export function urlVerificationEvent(input: { token: string; challenge?: string }) {
  return { challenge: input.challenge ?? randomUUID(), token: input.token, type: 'url_verification' };
}

function header(identity: EventIdentity, eventType: string, createTime: string, tenantKey: string) {
  return {
    event_id: identity.eventId ?? randomUUID().replace(/-/g, ''),
    event_type: eventType,
    create_time: createTime,
    token: identity.token,
    app_id: identity.appId,
    tenant_key: tenantKey,
  };
}
