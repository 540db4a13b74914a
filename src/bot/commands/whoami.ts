import { card, markdown } from '../cards/card.js';
import type { Command } from '../command.js';
import { cardReply } from '../reply.js';

/** "我是谁": the sender's open_id and sections — how admins fill in org.yaml. */
export const whoamiCommand: Command = {
  intent: 'whoami',
  summary: '我的 open_id 和所在科室（登记 org.yaml 用）',
  examples: ['我是谁', 'whoami'],
  async run(ctx) {
    const sections =
      ctx.senderSections.length > 0 ? ctx.senderSections.join('、') : '未登记（请管理员加入 org.yaml）';
    return cardReply(
      card('我是谁', 'grey', [
        markdown(
          [
            `**open_id**：${ctx.inbound.sender.openId}`,
            `**科室**：${sections}`,
            `**督办管理员**：${ctx.senderIsAdmin ? '是' : '否'}`,
            `**本群 chat_id**：${ctx.inbound.chatId}`,
          ].join('\n'),
        ),
      ]),
    );
  },
};
