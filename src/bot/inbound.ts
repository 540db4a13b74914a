/**
 * What the bot sees of Lark, with no SDK types: the webhook and the long connection both normalise
 * events into these shapes, so commands are tested by injecting them directly.
 */
export interface Inbound {
  eventId: string;
  messageId: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  sender: { openId: string; type: 'user' | 'bot' | 'app' };
  /** The message text, the bot's own mention stripped, other mentions rendered as @name. */
  text: string;
  /** People mentioned, the bot excluded. */
  mentions: { openId: string; name: string }[];
  /**
   * Whether the message @-mentions the bot. In groups the bot answers only these — plus replies
   * saying 已完成 to its own reminders — so an app granted every group message stays quiet.
   */
  mentionsBot: boolean;
  /** The message this one replies to (a reminder, when someone answers 已完成). */
  parentId?: string;
  rootId?: string;
  /** Milliseconds since the epoch. */
  createTime: number;
  /** Files and images the message carries (a file or image message, or a post with pictures). */
  attachments?: Attachment[];
}

/** A file or image a person sent; the bot can fetch it only together with its message. */
export interface Attachment {
  kind: 'file' | 'image';
  /** file_key / image_key. */
  key: string;
  /** The file's name; "图片" for an image. */
  name: string;
}

/** A click on a card button. */
export interface CardAction {
  operatorOpenId: string;
  /** The button's callback value, as the bot put it on the card. */
  value: Record<string, unknown>;
  messageId: string;
  chatId: string;
}
