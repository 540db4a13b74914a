import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { keyPatterns } from '../../src/store/redis/keys.js';

/** docs/部署指南.md against the order and against the code it describes. */

const guide = readFileSync(fileURLToPath(new URL('../../docs/部署指南.md', import.meta.url)), 'utf8');
const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const headings = [...guide.matchAll(/^## (\d+)\. (.+)$/gm)].map((m) => m[2]!);

describe('docs/部署指南.md', () => {
  it('walks through the deployment in the order Lark needs it, then the operations', () => {
    const order = [
      '创建企业自建应用',
      '添加机器人能力',
      '开通权限',
      '可用范围与通讯录权限范围',
      '启动督办',
      '事件订阅',
      '卡片回调',
      '把机器人加入群',
      'org.yaml',
      'duban check',
      '重载配置',
      '出站防火墙',
      'HTTPS 与反向代理',
      '内网镜像与离线安装',
      '安装 Node',
      '备份与恢复',
      'Redis 键与清理',
    ];
    const at = order.map((title) => headings.findIndex((h) => h.includes(title)));
    expect(at.filter((i) => i < 0)).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('lists every permission the bot needs', () => {
    for (const scope of [
      'im:message',
      'im:message:send_as_bot',
      'im:message.group_at_msg:readonly',
      'im:message.p2p_msg:readonly',
      'im:message.group_msg',
      'im:resource',
      'contact:user.id:readonly',
    ])
      expect(guide).toContain(`\`${scope}\``);
  });

  it('gives the Redis key patterns the store really uses', () => {
    for (const pattern of keyPatterns('duban')) {
      expect(guide).toContain(`'${pattern}'`);
      expect(readme).toContain(`'${pattern}'`);
    }
  });

  it('names only duban commands and options that exist', () => {
    const names = new Set(commands.map((c) => c.name));
    // `duban x` in text, `… exec duban duban x` and `duban x` at the start of a command line.
    const used = [...guide.matchAll(/(?:`duban|exec duban duban|^\s*duban) ([a-z][a-z-]*)/gm)].map(
      (m) => m[1]!,
    );
    expect(used.length).toBeGreaterThan(8);
    // "duban cannot start: …" is the server's own message, quoted in the table of errors.
    expect([...new Set(used)].filter((name) => !names.has(name) && name !== 'cannot')).toEqual([]);
    const sweep = commands.find((c) => c.name === 'sweep')!;
    expect(sweep.usage).toContain('--catch-up');
  });

  it('is linked from the Chinese opening of the README, before the English part', () => {
    const link = readme.indexOf('(docs/部署指南.md)');
    const english = readme.indexOf('# English');
    expect(link).toBeGreaterThan(0);
    expect(english).toBeGreaterThan(link);
    expect(readme.slice(0, english)).toContain('npm install && npm start');
  });
});
