import { fileURLToPath } from 'node:url';
import { handleCardAction } from '../../src/bot/card-actions.js';
import type { BotDeps } from '../../src/bot/context.js';
import type { CardAction, Inbound } from '../../src/bot/inbound.js';
import type { Reply } from '../../src/bot/reply.js';
import { handleMessage } from '../../src/bot/router.js';
import { type LoadedConfig, loadConfig } from '../../src/config/load-config.js';
import { expandSections, findSection } from '../../src/config/sections.js';
import { expandOccurrences } from '../../src/plan/occurrences.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/store.js';

export const CONFIG_DIR = fileURLToPath(new URL('../../config', import.meta.url));

/** The bot over the real config/ and a synced store, with a clock the test moves. */
export interface BotHarness {
  deps: BotDeps;
  store: Store;
  config: LoadedConfig;
  setNow(iso: string): void;
  ask(text: string, from: string, extra?: Partial<Inbound>): Promise<Reply>;
  click(value: Record<string, unknown>, from: string): ReturnType<typeof handleCardAction>;
  /** open_id of a section's head in config/org.yaml. */
  headOf(section: string): string;
}

export const STAFF = 'ou_0000000000000000000000000000staff';

export async function botHarness(
  at: string,
  makeStore?: (options: ConstructorParameters<typeof MemoryStore>[0]) => Store,
): Promise<BotHarness> {
  const config = await loadConfig(CONFIG_DIR);
  let now = new Date(at);
  const options = { year: config.plan.year, clock: () => now, timeZone: config.reminders.timezone };
  const store = makeStore ? makeStore(options) : new MemoryStore(options);
  const expand = (names: string[]) => expandSections(names, config.org);
  await store.syncPlan({
    plan: config.plan,
    occurrences: expandOccurrences(config.plan, expand),
    version: config.version,
    expandSections: expand,
  });
  const deps: BotDeps = { store, config: () => config, clock: () => now };
  let seq = 0;
  return {
    deps,
    store,
    config,
    setNow: (iso) => {
      now = new Date(iso);
    },
    async ask(text, from, extra = {}) {
      seq++;
      const reply = await handleMessage(
        {
          eventId: `ev_${seq}`,
          messageId: `om_${seq}`,
          chatId: config.org.chats.main,
          chatType: 'group',
          sender: { openId: from, type: 'user' },
          text,
          mentions: [],
          mentionsBot: true,
          createTime: now.getTime(),
          ...extra,
        },
        deps,
      );
      if (!reply) throw new Error('the bot stayed silent');
      return reply;
    },
    click: (value, from) =>
      handleCardAction(
        {
          operatorOpenId: from,
          value,
          messageId: 'om_card',
          chatId: config.org.chats.main,
        } satisfies CardAction,
        deps,
      ),
    headOf(section) {
      const id = findSection(section, config.org)?.head.open_id;
      if (!id) throw new Error(`${section} has no head open_id in config/org.yaml`);
      return id;
    },
  };
}

/** Everything a reader would see: the card title and its markdown, or the text. */
export function replyText(reply: Reply): string {
  if (reply.kind === 'text') return reply.text;
  const parts = reply.card.body.elements.map((e) =>
    e.tag === 'markdown' ? e.content : e.tag === 'button' ? `[${e.text.content}]` : '---',
  );
  return [reply.card.header.title.content, ...parts].join('\n');
}

export function buttons(reply: Reply): Record<string, unknown>[] {
  if (reply.kind !== 'card') return [];
  return reply.card.body.elements.flatMap((e) => (e.tag === 'button' ? [e.behaviors[0]!.value] : []));
}
