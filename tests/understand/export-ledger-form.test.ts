import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { knowledgeOf } from '../../src/understand/knowledge.js';
import { parseQuestion } from '../../src/understand/parse-question.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

let config: LoadedConfig;
const intentOf = (text: string) => {
  const knowledge = knowledgeOf(config);
  return parseQuestion(text, {
    lexicon: knowledge.lexicon,
    itemExists: (id) => knowledge.index.byId.has(id),
    today: '2023-09-25',
  }).intent;
};

beforeAll(async () => {
  config = await loadConfig(CONFIG_DIR);
});

describe('asking for the 台账 as a file', () => {
  it.each([
    '导出台账',
    '@督办 导出台账',
    '下载台账',
    '督办台账',
    '台账',
    '导出台账excel',
    '导出 Excel',
    '给我台账吧',
  ])('%s is export-ledger', (text) => {
    expect(intentOf(text)).toBe('export-ledger');
  });

  it.each(['台账怎么填', '8.4 已完成', '进度', '导出'])('%s is something else', (text) => {
    expect(intentOf(text)).not.toBe('export-ledger');
  });
});
