import type { Command } from '../command.js';
import { textReply } from '../reply.js';

/** Admin "重载配置": re-reads config/ and re-syncs, so an edited org.yaml takes effect without a restart. */
export const reloadCommand: Command = {
  intent: 'reload',
  summary: '（管理员）重新加载配置并同步',
  examples: ['重载配置', 'reload'],
  async run(ctx) {
    if (!ctx.senderIsAdmin) return textReply('只有督办管理员可以重载配置。');
    if (!ctx.deps.reload) return textReply('此部署不支持在聊天中重载配置，请重启服务。');
    try {
      return textReply(`配置已重新加载：${await ctx.deps.reload()}`);
    } catch (error) {
      // A bad edit must not take the bot down: the old config stays in force and the admin sees why.
      return textReply(`配置有误，未生效（仍使用原配置）：\n${(error as Error).message}`);
    }
  },
};
