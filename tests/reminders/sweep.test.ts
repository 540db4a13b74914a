import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleMessage } from '../../src/bot/router.js';
import { findSection } from '../../src/config/sections.js';
import { addWorkdays } from '../../src/plan/workdays.js';
import { storeReminderClaims } from '../../src/reminders/claims.js';
import { DEFAULT_TIMINGS } from '../../src/reminders/deliver.js';
import { instantOf } from '../../src/reminders/local-time.js';
import { sweep } from '../../src/reminders/sweep.js';
import { fakeReminderSender } from '../helpers/fake-reminder-sender.js';
import { reminderBackends } from '../helpers/reminder-backends.js';
import { daysOf, type ReminderHarness, reminderHarness } from '../helpers/reminder-harness.js';

/** The reminders (not weekly digests) that carried occurrence `id`: day, stage, section, kind. */
const about = (h: ReminderHarness, id: string) =>
  h.sender.sent.flatMap(({ message: m, messageId }) =>
    m.kind === 'weekly'
      ? []
      : m.occurrenceIds.flatMap((o, i) =>
          o === id
            ? [{ day: m.day, stage: m.stages[i]!, section: m.section, kind: m.kind, messageId, message: m }]
            : [],
        ),
  );

describe.each(await reminderBackends())('the sweep on $name', (backend) => {
  let h: ReminderHarness;
  beforeEach(async () => {
    h = await reminderHarness(backend);
  });
  afterEach(async () => h.cleanup());

  const headOf = (section: string) => findSection(section, h.config.org)!.head.open_id!;

  it('sends nothing more to a section once it has confirmed', async () => {
    await h.sweepOn('2023-09-25');
    expect(about(h, '8.4/m1/2023').map((r) => r.stage)).toEqual(['T-3']);
    h.setNow('2023-09-25T07:00:00Z');
    await h.store.confirm('8.4/m1/2023', '监督科', headOf('监督科'), '', 'command');
    for (const day of daysOf('2023-09-26', '2023-10-31')) await h.sweepOn(day);
    expect(about(h, '8.4/m1/2023')).toHaveLength(1);
  });

  it('keeps reminding the lead section that has not confirmed, and only it', async () => {
    // 2.2's deadline is led by 经建科 and 金融服务中心.
    h.setNow('2023-12-20T03:00:00Z');
    await h.store.confirm('2.2/deadline/2023', '经建科', headOf('经建科'), '', 'command');
    for (const day of daysOf('2023-12-21', '2024-01-10')) await h.sweepOn(day);
    const reminders = about(h, '2.2/deadline/2023').filter((r) => r.kind !== 'escalation');
    expect(reminders.map((r) => r.stage)).toEqual(expect.arrayContaining(['T-1', 'T-0', 'overdue+3']));
    const sections = new Set(reminders.map((r) => r.section));
    expect(sections).toEqual(new Set(['金融服务中心']));
  });

  it('escalates after 5 overdue work days to the leadership chat and the section’s 分管领导', async () => {
    // 7.2/m1 (国资科) was due 3-31 and nobody confirmed it.
    const escalateDay = addWorkdays('2023-03-31', 5);
    for (const day of daysOf('2023-04-01', escalateDay)) await h.sweepOn(day);
    const messages = about(h, '7.2/m1/2023').map((r) => r.message);
    const leader = findSection('国资科', h.config.org)!.leader!.open_id!;
    const overdue3 = messages.find((m) => m.stages.includes('overdue+3'))!;
    expect(overdue3.mentions).not.toContain(leader);
    const onEscalation = messages.filter((m) => m.day === escalateDay);
    expect(onEscalation.map((m) => m.kind).sort()).toEqual(['escalation', 'reminder']);
    const toLeadership = onEscalation.find((m) => m.kind === 'escalation')!;
    expect(toLeadership.chatId).toBe(h.config.org.chats.leadership);
    expect(toLeadership.mentions).toContain(leader);
    const toSection = onEscalation.find((m) => m.kind === 'reminder')!;
    expect(toSection.mentions).toEqual(expect.arrayContaining([headOf('国资科'), leader]));
    expect(messages.filter((m) => m.kind === 'escalation')).toHaveLength(1);
  });

  it('sends each reminder once when three replicas sweep the same instant', async () => {
    const replicas = [h, await h.replica(), await h.replica()];
    const senders = replicas.map((_, i) => fakeReminderSender(`om_r${i}`));
    const at = instantOf('2023-12-29', '09:00', 'Asia/Shanghai');
    h.setNow(at);
    const reports = await Promise.all(
      replicas.map((replica, i) =>
        sweep(at, h.deps({ store: replica.store, claims: replica.claims }, senders[i])),
      ),
    );
    const sent = senders.flatMap((s) => s.sent.map(({ message }) => message));
    const deliveries = sent.flatMap((m) =>
      m.occurrenceIds.map((id, i) => `${id}|${m.section ?? m.kind}|${m.stages[i]}`),
    );
    expect(deliveries.length).toBeGreaterThan(20);
    expect(new Set(deliveries).size).toBe(deliveries.length);
    // Exactly what one replica alone would have sent.
    const alone = await reminderHarness(backend);
    try {
      await alone.sweepOn('2023-12-29');
      const single = alone.sender.sent.flatMap(({ message: m }) =>
        m.occurrenceIds.map((id, i) => `${id}|${m.section ?? m.kind}|${m.stages[i]}`),
      );
      expect(deliveries.sort()).toEqual(single.sort());
    } finally {
      await alone.cleanup();
    }
    expect(reports.reduce((n, r) => n + r.owed, 0)).toBe(3 * reports[0]!.owed);
  });

  it('re-sends exactly once after the lease when a replica died between claim and send', async () => {
    const at = instantOf('2023-09-28', '09:00', 'Asia/Shanghai');
    h.setNow(at);
    let reached: () => void = () => {};
    const sending = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const dying = {
      store: h.store,
      claims: h.claims,
      send: () => {
        reached();
        return new Promise<never>(() => {});
      },
      config: h.config,
    };
    void sweep(at, dying);
    await sending; // its claims are taken and its process "dies" in the send
    const other = await h.replica();
    const held = await sweep(at, h.deps(other));
    expect(held.sent.filter((s) => s.message.kind !== 'weekly')).toEqual([]);
    expect(held.held).toBeGreaterThan(0);
    const afterLease = new Date(at.getTime() + DEFAULT_TIMINGS.leaseMs + 1000);
    h.setNow(afterLease);
    const retried = await sweep(afterLease, h.deps(other));
    expect(retried.sent.length).toBeGreaterThan(0);
    expect(retried.held).toBe(0);
    expect(about(h, '8.4/m1/2023').map((r) => r.stage)).toEqual(['T-0']);
    const again = await sweep(new Date(afterLease.getTime() + 60_000), h.deps(other));
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toBe(retried.owed);
  });

  it('takes over at once the claims of a replica whose process stopped beating, not after the lease', async () => {
    const at = instantOf('2023-09-28', '09:00', 'Asia/Shanghai');
    h.setNow(at);
    let reached: () => void = () => {};
    const sending = new Promise<void>((resolve) => {
      reached = resolve;
    });
    // Its heartbeat never comes again: as a killed process, it is dead once its liveness lapses.
    const dying = storeReminderClaims(h.store, { ownerTtlMs: 300, heartbeatMs: 3_600_000 });
    void sweep(at, {
      store: h.store,
      claims: dying,
      send: () => {
        reached();
        return new Promise<never>(() => {});
      },
      config: h.config,
    });
    await sending;
    // A second later (the memory store's liveness follows the store clock; Redis's, its own).
    const soon = new Date(at.getTime() + 1000);
    h.setNow(soon);
    const other = await h.replica();
    const report = await sweep(soon, h.deps(other), { awaitHeldMs: 2000 });
    expect(report.held).toBe(0);
    expect(report.alreadySent).toBe(0);
    expect(about(h, '8.4/m1/2023').map((r) => r.stage)).toEqual(['T-0']);
    for (const { messageId, message } of h.sender.sent)
      if (message.occurrenceIds.length > 0)
        expect(await h.store.occurrencesForMessage(messageId)).toEqual([...new Set(message.occurrenceIds)]);
  });

  it('does not take over the claims of a live replica: waits for it to send, then finds them sent', async () => {
    const at = instantOf('2023-09-28', '09:00', 'Asia/Shanghai');
    h.setNow(at);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = fakeReminderSender('om_slow');
    const first = sweep(at, {
      store: h.store,
      claims: h.claims,
      send: async (message) => {
        await gate;
        return slow.send(message);
      },
      config: h.config,
    });
    const other = await h.replica();
    const second = sweep(at, h.deps(other), { awaitHeldMs: 5000 });
    setTimeout(release, 600);
    const [a, b] = await Promise.all([first, second]);
    // (The weekly digest, claimed after the cards, may go to either.)
    const cards = (report: typeof a) => report.sent.filter((s) => s.message.kind !== 'weekly');
    expect(cards(b)).toEqual([]);
    expect(b.held).toBe(0);
    expect(b.takenOver).toBe(0);
    expect(b.alreadySent).toBe(a.owed);
    expect(cards(a).length).toBeGreaterThan(0);
    expect(slow.sent.filter((s) => s.message.kind !== 'weekly').length).toBe(cards(a).length);
  });

  it('releases the claims when Lark refuses, and the next sweep sends them', async () => {
    h.sender.failNext(100);
    const failed = await h.sweepOn('2023-09-28');
    expect(failed.failed.length).toBeGreaterThan(0);
    expect(h.sender.sent).toEqual([]);
    h.sender.failNext(0);
    const retried = await h.sweepOn('2023-09-28', '09:05');
    expect(retried.sent.length).toBe(failed.failed.length);
  });

  it('holds everything in quiet hours and sends it at the next allowed sweep', async () => {
    const quiet = await h.sweepOn('2023-09-27', '21:00');
    expect(quiet.skipped).toBe('quiet-hours');
    expect(h.sender.sent).toEqual([]);
    // 08:30 next morning: quiet hours are over; yesterday's T-1 goes out, today's T-0 waits for 09:00.
    await h.sweepOn('2023-09-28', '08:30');
    expect(about(h, '8.4/m1/2023').map((r) => [r.day, r.stage])).toEqual([['2023-09-28', 'T-1']]);
    await h.sweepOn('2023-09-28', '09:00');
    expect(about(h, '8.4/m1/2023').map((r) => r.stage)).toEqual(['T-1', 'T-0']);
  });

  it('sends nothing on a rest day, and catches up on the next work day', async () => {
    expect((await h.sweepOn('2023-10-02')).skipped).toBe('rest-day');
    expect((await h.sweepOn('2023-10-01')).skipped).toBe('rest-day');
    expect(h.sender.sent).toEqual([]);
    const report = await h.sweepOn('2023-10-07');
    expect(report.skipped).toBeNull();
    expect(about(h, '6.2/m1/2023-Q4').map((r) => [r.day, r.stage])).toEqual([
      ['2023-10-07', 'quarter-start'],
    ]);
  });

  it('remembers each sent message so that a reply "已完成" confirms it for the sender’s section', async () => {
    await h.sweepOn('2023-09-25');
    const reminder = about(h, '8.4/m1/2023')[0]!;
    expect(await h.store.occurrencesForMessage(reminder.messageId)).toEqual(reminder.message.occurrenceIds);
    expect(reminder.message.occurrenceIds).toContain('8.4/m1/2023');
    const reply = await handleMessage(
      {
        eventId: 'ev_reply',
        messageId: 'om_reply',
        chatId: reminder.message.chatId,
        chatType: 'group',
        sender: { openId: headOf('监督科'), type: 'user' },
        text: '全部完成',
        mentions: [],
        // A bare reply, no @督办: what arrives when the app may read every group message.
        mentionsBot: false,
        parentId: reminder.messageId,
        createTime: h.now().getTime(),
      },
      { store: h.store, config: () => h.config, clock: h.now },
    );
    // The card carries 监督科's overdue 8.4/m3 too: "全部完成" confirms both for the section.
    expect(reply?.kind === 'text' && reply.text).toContain('已记录 监督科 完成');
    for (const day of daysOf('2023-09-26', '2023-10-20')) await h.sweepOn(day);
    expect(about(h, '8.4/m1/2023')).toHaveLength(1);
  });

  it('sends the weekly leadership digest once a week, on the first work day from Monday', async () => {
    await h.sweepOn('2023-09-25');
    await h.sweepOn('2023-09-25', '15:00');
    for (const day of daysOf('2023-09-26', '2023-10-09')) await h.sweepOn(day);
    const weekly = h.sender.sent
      .filter(({ message }) => message.kind === 'weekly')
      .map(({ message }) => message);
    // Week of 10-02 is 国庆 until Friday: its digest goes out on the 调休 Saturday.
    expect(weekly.map((m) => m.day)).toEqual(['2023-09-25', '2023-10-07', '2023-10-09']);
    expect(weekly.every((m) => m.chatId === h.config.org.chats.leadership)).toBe(true);
    const text = JSON.stringify(weekly[1]!.card);
    expect(text).toContain('监督科');
    expect(text).toMatch(/完成 \d+\/\d+/);
  });
});
