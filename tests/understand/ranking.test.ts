import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/problem.js';
import { buildKnowledge, knowledgeOf } from '../../src/understand/knowledge.js';
import { buildQuery } from '../../src/understand/retrieval/query.js';
import { rankItems } from '../../src/understand/retrieval/rank.js';
import { understand } from '../../src/understand/understand.js';
import { CONFIG_DIR } from '../helpers/bot-harness.js';

let config: LoadedConfig;
beforeAll(async () => {
  config = await loadConfig(CONFIG_DIR);
});

const ask = (text: string, c = config) => understand(text, { config: c, today: '2023-09-25' });
const best = (text: string, c = config) => {
  const { ranking } = ask(text, c);
  return { id: ranking.hits[0]?.item.id, confidence: ranking.confidence };
};

describe('ranked search over the plan in memory', () => {
  it('finds a task by words the plan splits differently', () => {
    expect(best('预决算公开检查 谁负责')).toEqual({ id: '8.4', confidence: 'high' });
    expect(best('只增不减那个归谁')).toEqual({ id: '8.2', confidence: 'high' });
  });

  it('reads homophone typos through pinyin: 政经企 → 政金企, 隐形 → 隐性, 记帐 → 记账', () => {
    expect(best('政经企多久搞一次').id).toBe('6.2');
    expect(best('隐形债务 谁负责').id).toBe('5.1');
    expect(best('代理记帐 谁负责').id).toBe('8.4');
  });

  it('ranks items with figures first for "how much", the clause around the figure deciding', () => {
    expect(best('债券利息多少钱').id).toBe('5.1');
    expect(best('收入增长目标').id).toBe('2.1');
  });

  it('says how sure it is: nothing for words the plan lacks', () => {
    expect(best('火星探测 谁牵头')).toEqual({ id: undefined, confidence: 'none' });
  });

  it('prefers the items a named section leads', () => {
    const { index } = knowledgeOf(config);
    const plain = rankItems(index, buildQuery('投资评审', index, {}));
    expect(plain.hits.map((h) => h.item.id).slice(0, 3)).toEqual(['8.1', '5.2', '8.4']);
    expect(best('监督科那个投资评审啥时候').id).toBe('8.4');
  });

  it('builds the index once per config version', () => {
    expect(knowledgeOf(config)).toBe(knowledgeOf(config));
    const edited = { ...config, version: `${config.version}-edited`, plan: structuredClone(config.plan) };
    expect(knowledgeOf(edited)).not.toBe(knowledgeOf(config));
    expect(knowledgeOf(edited).version).toBe(edited.version);
  });
});

describe('synonyms.yaml', () => {
  it('teaches words the plan does not use: 电诈 → 电信网络诈骗, an office’s own 钱袋子 → 民生资金', () => {
    expect(best('电诈宣传归谁')).toEqual({ id: '10.1', confidence: 'high' });
    const taught = {
      ...config,
      synonyms: { terms: { 钱袋子: ['民生资金'] }, sections: {} },
      version: 'taught-钱袋子',
    };
    expect(best('钱袋子 谁管')).toEqual({ id: undefined, confidence: 'none' });
    expect(best('钱袋子 谁管', taught)).toEqual({ id: '3.2', confidence: 'high' });
    expect(buildKnowledge(taught).synonyms).toEqual({ 钱袋子: ['民生资金'] });
  });

  it('refuses a nickname for a section org.yaml does not have, saying which', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duban-synonyms-'));
    try {
      await cp(CONFIG_DIR, dir, { recursive: true });
      await writeFile(join(dir, 'synonyms.yaml'), 'terms:\n  化债: 化解债务\nsections:\n  纪检: 监察科\n');
      const error = await loadConfig(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(
        /synonyms\.yaml: sections\.纪检: 监察科 is not a section in org\.yaml/,
      );
      await writeFile(join(dir, 'synonyms.yaml'), 'terms:\n  化债: [""]\n');
      expect(((await loadConfig(dir).catch((e: unknown) => e)) as Error).message).toMatch(
        /synonyms\.yaml: terms\.化债\[0\]: empty/,
      );
      await rm(join(dir, 'synonyms.yaml'));
      expect((await loadConfig(dir)).synonyms).toEqual({ terms: {}, sections: {} });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
