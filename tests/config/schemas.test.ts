import { describe, expect, it } from 'vitest';
import { orgSchema } from '../../src/config/org-schema.js';
import { planSchema } from '../../src/config/plan-schema.js';
import { formatProblem } from '../../src/config/problem.js';
import { isQuiet, reminderPolicySchema } from '../../src/config/reminders-schema.js';
import { editDistance, suggest } from '../../src/config/suggest.js';
import { parseWith } from '../../src/config/zod-problems.js';

function problems(schema: Parameters<typeof parseWith>[0], data: unknown, file = 'x.yaml'): string[] {
  const result = parseWith(schema, data, file);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('reminders.yaml schema', () => {
  it('fills every default from an empty file', () => {
    expect(reminderPolicySchema.parse({})).toEqual({
      timezone: 'Asia/Shanghai',
      send_at: '09:00',
      ladder: [14, 7, 3, 1, 0],
      ladder_unit: 'workdays',
      overdue: { repeat_every_workdays: 3, escalate_after_workdays: 5 },
      quiet_hours: { from: '20:00', to: '08:00' },
      weekly_digest: { weekday: 1, at: '09:00' },
      require_verify: false,
      group_messages: false,
      progress_report: null,
    });
  });

  it('fills defaults inside a partly written section, and keeps the ladder largest first', () => {
    const policy = reminderPolicySchema.parse({
      overdue: { repeat_every_workdays: 1 },
      ladder: [0, 5, 5, 2],
    });
    expect(policy.overdue).toEqual({ repeat_every_workdays: 1, escalate_after_workdays: 5 });
    expect(policy.ladder).toEqual([5, 2, 0]);
  });

  it('explains bad values', () => {
    expect(
      problems(reminderPolicySchema, {
        send_at: '9am',
        ladder_unit: 'hours',
        timezone: 'China',
        weekly_digest: { weekday: 0 },
        ladder: [-1],
      }),
    ).toEqual([
      'x.yaml: timezone: not a known time zone — use an IANA name such as Asia/Shanghai',
      'x.yaml: send_at: not a time of day — write it as "HH:MM", 24-hour, e.g. "09:00"',
      'x.yaml: ladder[0]: negative — count days from 0 (the due day) upwards',
      'x.yaml: ladder_unit: "hours" is not allowed — use one of: "workdays", "days"',
      'x.yaml: weekly_digest.weekday: not a weekday — use 1 (Monday) to 7 (Sunday)',
    ]);
  });

  it('refuses a send time inside the quiet hours', () => {
    expect(problems(reminderPolicySchema, { send_at: '22:00' })).toEqual([
      'x.yaml: send_at: 22:00 falls in the quiet hours 20:00–08:00 — move send_at or quiet_hours',
    ]);
    expect(isQuiet('07:59', { from: '20:00', to: '08:00' })).toBe(true);
    expect(isQuiet('08:00', { from: '20:00', to: '08:00' })).toBe(false);
    expect(isQuiet('12:30', { from: '12:00', to: '13:00' })).toBe(true);
  });

  it('names the allowed keys for an unknown one', () => {
    expect(problems(reminderPolicySchema, { sendAt: '09:00' })).toEqual([
      'x.yaml: unknown key "sendAt" — allowed keys here: timezone, send_at, ladder, ladder_unit, overdue, quiet_hours, weekly_digest, require_verify, group_messages, progress_report',
    ]);
  });
});

describe('org.yaml schema', () => {
  const minimal = {
    sections: [{ name: '办公室', head: { name: '张敏', open_id: 'ou_4e872d560434f34f' } }],
    chats: { main: 'oc_f55cd6476f42714046' },
  };

  it('accepts the minimum and defaults deputies, admins and aliases', () => {
    const org = orgSchema.parse(minimal);
    expect(org.sections[0]!.deputies).toEqual([]);
    expect(org.admins).toEqual([]);
    expect(org.aliases).toEqual({});
  });

  it('checks ids, emails and required keys', () => {
    expect(
      problems(orgSchema, {
        sections: [{ name: '办公室', head: { name: '张敏', email: 'zhangmin' }, chat_id: 'chat1' }],
        chats: {},
        admins: [{ name: '周婷' }],
      }),
    ).toEqual([
      'x.yaml: sections[0].head.email: not an email address — write it like name@example.gov.cn',
      'x.yaml: sections[0].chat_id: not a Lark chat_id — a chat_id looks like oc_ followed by letters and digits (group settings → chat ID)',
      'x.yaml: chats.main: missing — add "main"',
      'x.yaml: admins[0].open_id: missing — add "open_id"',
    ]);
  });

  it('rejects an open_id that is a number, with a hint to quote it', () => {
    const org = { ...minimal, admins: [{ name: '周婷', open_id: 12345 }] };
    expect(problems(orgSchema, org)).toEqual([
      'x.yaml: admins[0].open_id: expected an open_id — quote it: open_id: "ou_…"',
    ]);
  });
});

describe('plan schema', () => {
  const item = {
    id: '6.2',
    title: '持续抓好金融服务',
    text: '每季度开展好“政金企”对接活动',
    points: [],
    leads: ['金融服务中心'],
    partners: [],
    deadline: '2023-12-31',
    milestones: [{ text: '每季度开展好“政金企”对接活动', due: null, every: 'quarter' }],
    targets: [{ text: '4家', value: 4, unit: '家' }],
  };
  const plan = { title: 't', year: 2023, chapters: [{ number: 6, title: '金融', items: [item] }] };

  it('accepts the Plan JSON shape', () => {
    expect(planSchema.parse(plan)).toEqual(plan);
  });

  it('rejects impossible dates, bad ids, unknown recurrences and dated-and-recurring milestones', () => {
    const bad = {
      ...item,
      id: '六.2',
      deadline: '2023-02-30',
      milestones: [
        { text: 'a', due: '2023-03-31', every: 'month' },
        { text: 'b', due: null, every: 'weekly' },
      ],
    };
    expect(problems(planSchema, { ...plan, chapters: [{ number: 6, title: '金融', items: [bad] }] })).toEqual(
      [
        'x.yaml: chapters[0].items[0].id: not an item id — write it as chapter.item, e.g. "8.4"',
        'x.yaml: chapters[0].items[0].deadline: not a real date — write it as YYYY-MM-DD, e.g. 2023-09-30',
        'x.yaml: chapters[0].items[0].milestones[0].every: has both due and every — a milestone is dated (due) or recurring (every), not both',
        'x.yaml: chapters[0].items[0].milestones[1].every: "weekly" is not allowed — use one of: "month", "quarter", "half-year", "year"',
      ],
    );
  });

  it('says what type it expected', () => {
    expect(problems(planSchema, { ...plan, year: '2023', chapters: {} })).toEqual([
      'x.yaml: year: expected a number, got text "2023"',
      'x.yaml: chapters: expected a list, got a mapping',
    ]);
  });
});

describe('suggest', () => {
  const sections = ['办公室', '预算科', '国库科', '经建科', '金融服务中心', '监督科', '党风廉政监督组'];

  it('finds one wrong character, a shortened name, or nothing', () => {
    expect(suggest('监察科', sections)).toBe('监督科');
    expect(suggest('金融中心', sections)).toBe('金融服务中心');
    expect(suggest('预算处', sections)).toBe('预算科');
    expect(suggest('人事处', sections)).toBeUndefined();
  });

  it('measures distance in characters, not UTF-16 units', () => {
    expect(editDistance('监察科', '监督科')).toBe(1);
    expect(editDistance('', '办公室')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
