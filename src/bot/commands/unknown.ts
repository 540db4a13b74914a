import { echo, escapeCardText, escapeMessageText } from '../../text/user-text.js';
import type { Command } from '../command.js';
import { offerCard } from '../item-choice.js';
import { cardReply, textReply } from '../reply.js';
import { helpCard } from './help.js';

/**
 * What the bot could not place. In a group, one line — the full help would be thirteen lines
 * in front of everyone for one person's miss — with the nearest items as buttons when some words
 * matched; in a private chat, the help card.
 */
export function unknownCommand(table: () => Command[]): Command {
  return {
    intent: 'unknown',
    summary: '',
    examples: [],
    async run(ctx, { ranking, question }, input) {
      const asked = echo(input.text);
      if (ctx.inbound.chatType === 'p2p')
        return cardReply(helpCard(table(), `没听懂「${escapeCardText(asked)}」。你可以说：`));
      const near = ranking.hits.slice(0, 3).map((h) => h.item);
      if (near.length > 0)
        return cardReply(
          offerCard(`没听懂「${escapeCardText(asked)}」，是不是想问：`, near, 'item-detail', question.topic),
        );
      return textReply(
        `没听懂「${escapeMessageText(asked)}」。可以这样问：「政金企 谁牵头」「8.4 什么时候截止」，发「帮助」看全部。`,
      );
    },
  };
}
