import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLiveCards, LIVE_SLOTS } from '../../src/app/live-cards.js';
import { card, markdown } from '../../src/bot/cards/card.js';
import type { LiveCard } from '../../src/bot/reply.js';
import type { PatchInput } from '../../src/lark/outbox.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

/** The occurrence → cards registry, over the memory store with a recording outbox. */
function setup(store = new MemoryStore({ year: 2023, clock: () => new Date('2023-09-25T01:00:00Z') })) {
  const patches: PatchInput[] = [];
  let version = 0;
  let gate: Promise<void> = Promise.resolve();
  const live = createLiveCards({
    store,
    outbox: {
      async patch(input) {
        await gate;
        patches.push(input);
      },
    },
    // The card says which ledger version it was drawn from.
    draw: async (view: LiveCard) => card(`v${version}`, 'blue', [markdown(view.occurrenceIds.join(','))]),
    logger: pino({ level: 'silent' }),
  });
  return {
    store,
    live,
    patches,
    bump: () => version++,
    hold: () => {
      let open = () => {};
      gate = new Promise((resolve) => {
        open = resolve;
      });
      return open;
    },
  };
}
const reminder = (ids: string[]): LiveCard => ({ view: 'reminder', section: '监督科', occurrenceIds: ids });
const titles = (patches: PatchInput[]) =>
  patches.map(
    (p) =>
      `${p.messageId}:${(JSON.parse(p.content as string) as { header: { title: { content: string } } }).header.title.content}`,
  );

describe('live cards', () => {
  it('redraws every card showing a changed occurrence, except the one a click redraws itself', async () => {
    const { live, patches } = setup();
    await live.remember('om_a', reminder(['8.4/m3/2023', '8.4/m1/2023']));
    await live.remember('om_b', reminder(['8.4/m1/2023']));
    await live.remember('om_c', reminder(['6.2/m1/2023-Q3']));
    expect(await live.redraw(['8.4/m1/2023'], 'om_b')).toBe(0);
    expect(patches.map((p) => p.messageId)).toEqual(['om_a']);
    expect(JSON.parse(patches[0]!.content as string).config.update_multi).toBe(true);
    await live.redraw(['8.4/m1/2023', '6.2/m1/2023-Q3']);
    expect(
      patches
        .map((p) => p.messageId)
        .slice(1)
        .sort(),
    ).toEqual(['om_a', 'om_b', 'om_c']);
  });

  it('two replicas remembering cards about one occurrence at once both keep theirs (slots, not a list)', async () => {
    const store = new MemoryStore({ year: 2023 });
    const one = setup(store);
    const two = setup(store);
    await Promise.all([
      ...['om_1', 'om_2', 'om_3'].map((id) => one.live.remember(id, reminder(['8.4/m1/2023']))),
      ...['om_4', 'om_5', 'om_6'].map((id) => two.live.remember(id, reminder(['8.4/m1/2023']))),
    ]);
    await one.live.redraw(['8.4/m1/2023']);
    expect(one.patches.map((p) => p.messageId).sort()).toEqual([
      'om_1',
      'om_2',
      'om_3',
      'om_4',
      'om_5',
      'om_6',
    ]);
  });

  it('a card past the last slot is not remembered, and nothing breaks', async () => {
    const { live, patches } = setup();
    for (let i = 0; i <= LIVE_SLOTS; i++) await live.remember(`om_${i}`, reminder(['8.4/m1/2023']));
    await live.redraw(['8.4/m1/2023']);
    expect(patches).toHaveLength(LIVE_SLOTS);
  });

  it('changes during a redraw are drawn once more after it, so the last patch is the latest', async () => {
    const { live, patches, bump, hold } = setup();
    await live.remember('om_a', reminder(['8.4/m1/2023']));
    const open = hold();
    const first = live.redraw(['8.4/m1/2023']);
    await new Promise((resolve) => setImmediate(resolve));
    bump();
    const second = live.redraw(['8.4/m1/2023']);
    bump();
    const third = live.redraw(['8.4/m1/2023']);
    open();
    await Promise.all([first, second, third]);
    const seen = titles(patches);
    expect(seen[0]).toBe('om_a:v0');
    expect(seen.at(-1)).toBe('om_a:v2');
    // Never an older drawing after a newer one.
    expect([...seen].sort()).toEqual(seen);
  });

  it('remembers a question card for replies too, when asked', async () => {
    const { live, store } = setup();
    await live.remember(
      'om_which',
      { view: 'which', section: '监督科', note: '', occurrenceIds: ['8.4/m1/2023'] },
      {
        replies: true,
      },
    );
    expect(await store.occurrencesForMessage('om_which')).toEqual(['8.4/m1/2023']);
    await live.remember('om_reminder', reminder(['8.4/m3/2023']));
    expect(await store.occurrencesForMessage('om_reminder')).toEqual([]);
  });
});
