import { card, markdown } from '../cards/card.js';
import type { Command } from '../command.js';
import { cardReply } from '../reply.js';

/** "帮助"/"help": generated from the command table, so it never falls behind it. */
export function helpCommand(table: () => Command[]): Command {
  return {
    intent: 'help',
    summary: '看这份说明',
    examples: ['帮助', 'help'],
    run: async () => cardReply(helpCard(table())),
  };
}

export function helpCard(commands: Command[], intro = '在群里 @督办 或私聊我，用自己的话问，例如：') {
  const lines = commands.map(
    (c) =>
      `· **${c.examples[0]}** — ${c.summary}${c.examples.length > 1 ? `；也可：${c.examples.slice(1).join('、')}` : ''}`,
  );
  return card('督办 使用说明', 'blue', [markdown(`${intro}\n${lines.join('\n')}`)]);
}
