import type { RecordedMessage } from '../state.js';

/**
 * A message as the emulator page shows it. Times are on the emulated clock (the one the visitor
 * moves), not the wall clock the stand-in stamps, so a reminder "sent" on 2023-09-25 says so.
 */
export interface PageMessage {
  id: string;
  chatId: string;
  /** 'bot', or the open id of the person who wrote it. */
  from: string;
  kind: 'text' | 'card' | 'image' | 'file' | 'other';
  /** Text messages: the text, which may carry `<at user_id="ou_…">name</at>`. */
  text?: string;
  /** Cards: the JSON 2.0 card as it stands now, updates applied. */
  card?: unknown;
  /** Images and files: where the page gets the bytes (`/emulator/api/messages/:id/resource`). */
  resourceUrl?: string;
  /** Files: the name the sender gave it. */
  fileName?: string;
  parentId?: string;
  /** ISO instant on the emulated clock. */
  at: string;
  /** How many times the card was redrawn. */
  updates: number;
  /** A group message that did not @ the bot: real Lark would not deliver it to the bot. */
  notDelivered?: true;
}

/** When each message happened on the emulated clock, keyed by message id. */
export class EmulatedTimes {
  private readonly times = new Map<string, number>();
  private readonly undelivered = new Set<string>();

  /** `fileName`: the name a file was uploaded with (a bot's file message carries only its key). */
  constructor(private readonly fileName: (fileKey: string) => string | undefined = () => undefined) {}

  stamp(messageId: string, at: Date): void {
    if (!this.times.has(messageId)) this.times.set(messageId, at.getTime());
  }

  markNotDelivered(messageId: string): void {
    this.undelivered.add(messageId);
  }

  view(message: RecordedMessage): PageMessage {
    const content = message.content as { text?: unknown; file_name?: unknown; file_key?: unknown } | null;
    const kind = kindOf(message.msgType);
    return {
      id: message.messageId,
      chatId: message.chatId,
      from: message.sender.type === 'app' ? 'bot' : message.sender.openId,
      kind,
      ...(kind === 'text' ? { text: typeof content?.text === 'string' ? content.text : '' } : {}),
      ...(kind === 'card' ? { card: message.content } : {}),
      ...(kind === 'image' || kind === 'file'
        ? { resourceUrl: `/emulator/api/messages/${encodeURIComponent(message.messageId)}/resource` }
        : {}),
      ...(kind === 'file' ? { fileName: this.fileNameOf(content) } : {}),
      ...(kind === 'other' ? { text: `[${message.msgType}] ${message.rawContent}` } : {}),
      ...(message.parentId ? { parentId: message.parentId } : {}),
      at: new Date(this.times.get(message.messageId) ?? message.createTime).toISOString(),
      updates: message.updates,
      ...(this.undelivered.has(message.messageId) ? { notDelivered: true as const } : {}),
    };
  }

  private fileNameOf(content: { file_name?: unknown; file_key?: unknown } | null): string {
    if (typeof content?.file_name === 'string') return content.file_name;
    const stored = typeof content?.file_key === 'string' ? this.fileName(content.file_key) : undefined;
    return stored ?? '文件';
  }
}

function kindOf(msgType: string): PageMessage['kind'] {
  if (msgType === 'interactive') return 'card';
  if (msgType === 'text' || msgType === 'image' || msgType === 'file') return msgType;
  return 'other';
}
