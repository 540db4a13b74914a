import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { answerCardAction } from '../../src/app/answer-message.js';
import type { Reply } from '../../src/bot/reply.js';
import { createMetrics } from '../../src/http/metrics.js';
import { parseItemRef } from '../../src/plan/item-ref.js';
import { knowledgeOf } from '../../src/understand/knowledge.js';
import { buildQuery, MAX_GROUPS } from '../../src/understand/retrieval/query.js';
import { botHarness, STAFF } from '../helpers/bot-harness.js';

/** What a chat member might type to make the bot speak markup for them. */
const INJECTIONS = [
  '<at id=all></at>',
  '<at user_id="all"></at>',
  '<at id=ou_evil0000000000000000000000000></at>',
  '[点此领取](https://evil.example/x)',
  '**粗体注入**',
];
/** The markup as Lark would read it; none may appear in anything the bot sends. */
const LIVE_IN_TEXT = ['<at id=all', 'user_id="all"', '<at id=ou_evil', '](https://evil'];
/** Card markdown also reads emphasis. */
const LIVE_IN_CARDS = [...LIVE_IN_TEXT, '**粗体注入**'];

/** Each injection inside the kinds of message the commands parse. */
const TEMPLATES = [
  (x: string) => x,
  (x: string) => `${x} 谁牵头`,
  (x: string) => `谁负责${x}`,
  (x: string) => `撤销 ${x}`,
  (x: string) => `完成 ${x}`,
  (x: string) => `${x}的任务`,
  (x: string) => `8.4 ${x}`,
  (x: string) => `预算 ${x} 谁牵头`,
];

describe('nothing a user typed becomes markup', () => {
  it('escapes injections in every reply, card or text', async () => {
    const h = await botHarness('2023-09-25T10:00:00+08:00');
    const replies: Reply[] = [];
    for (const injection of INJECTIONS)
      for (const template of TEMPLATES) {
        replies.push(await h.ask(template(injection), STAFF));
        replies.push(await h.ask(template(injection), h.headOf('监督科')));
      }
    expect(new Set(replies.map((r) => r.kind))).toEqual(new Set(['card', 'text']));
    for (const reply of replies) {
      const payload = JSON.stringify(reply);
      for (const markup of reply.kind === 'card' ? LIVE_IN_CARDS : LIVE_IN_TEXT)
        expect(payload).not.toContain(markup);
    }
    // The asker still sees what they typed, escaped rather than dropped: as entities in a card, or
    // (a miss in a group is one text line since issue 11) as full-width brackets in text.
    const echoed = (r: Reply) =>
      r.kind === 'card'
        ? JSON.stringify(r).includes('&#60;at id=all&#62;')
        : r.text.includes('＜at id=all＞');
    expect(replies.some(echoed)).toBe(true);
    expect(replies.some((r) => r.kind === 'card' && JSON.stringify(r).includes('&#42;&#42;粗体注入'))).toBe(
      true,
    );
  });
});

describe('bounded input', () => {
  it('reads no item reference out of 100 KB of digits, and still reads real ones', () => {
    expect(parseItemRef(`完成 ${'9'.repeat(100_000)}a`)).toBeNull();
    expect(parseItemRef(`${'9'.repeat(100_000)}.4`)).toBeNull();
    expect(parseItemRef('第十章第二项')).toBe('10.2');
    expect(parseItemRef('10.2')).toBe('10.2');
  });

  // Issue 11: questions are answered from the plan held in memory (the store has no search), so
  // the bound is on the terms one question may look up.
  it('costs a bounded amount of search, however long the question', async () => {
    const h = await botHarness('2023-09-25T10:00:00+08:00');
    const words = Array.from({ length: 500 }, (_, i) => `预算公开检查第${i}轮专项`).join(' ');
    const knowledge = knowledgeOf(h.config);
    expect(buildQuery(words, knowledge.index, knowledge.synonyms).length).toBeLessThanOrEqual(MAX_GROUPS);
    const started = performance.now();
    await h.ask(`${words} 谁牵头`.slice(0, 2000), STAFF);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('a click on a removed milestone', () => {
  it('answers that the milestone left the plan instead of a generic failure', async () => {
    const h = await botHarness('2023-09-25T10:00:00+08:00');
    const plan = structuredClone(h.config.plan);
    const item = plan.chapters.flatMap((c) => c.items).find((i) => i.id === '8.4')!;
    const removed = `8.4/m${item.milestones.length}/2023`;
    item.milestones = item.milestones.slice(0, -1);
    const { expandOccurrences } = await import('../../src/plan/occurrences.js');
    const { expandSections } = await import('../../src/config/sections.js');
    const expand = (names: string[]) => expandSections(names, h.config.org);
    await h.store.syncPlan({
      plan,
      occurrences: expandOccurrences(plan, expand),
      version: 'without-8.4-m1',
      expandSections: expand,
    });
    const answer = await answerCardAction(
      {
        operatorOpenId: h.headOf('监督科'),
        value: { action: 'confirm', occurrenceId: removed, view: 'item' },
        messageId: 'om_old_card',
        chatId: h.config.org.chats.main,
      },
      {
        bot: h.deps,
        outbox: undefined as never,
        logger: pino({ level: 'silent' }),
        metrics: createMetrics(() => undefined),
      },
    );
    expect(answer.toast.content).toBe('该节点已从计划中移除，无需再确认。');
  });
});
