import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/plan/types.js';
import type { TruthTask } from './corpus.js';
import { normalise, scoreDocument } from './score.js';

function item(id: string, title: string, fields: Partial<Item> = {}): Item {
  return {
    id,
    title,
    text: `${title}。`,
    points: [],
    leads: [],
    partners: [],
    deadline: null,
    milestones: [],
    targets: [],
    ...fields,
  };
}

function task(ref: string, title: string, fields: Partial<TruthTask> = {}): TruthTask {
  return { ref, title, leads: [], partners: [], deadline: 'none', ...fields };
}

describe('scoreDocument', () => {
  const truth = [
    task('1', '开展政金企对接活动', {
      leads: ['市财政局'],
      partners: ['市发改委', '人民银行'],
      deadline: '2023-06-30',
    }),
    task('2', '完成棚户区改造2836户', { partners: ['县住建局'], deadline: 'ongoing' }),
    task('3', '新建2座人行天桥', { leads: ['县住建局'] }),
  ];

  it('gives every field of a perfect import, in any unit order', () => {
    const items = [
      item('1.1', '开展“政金企”对接活动', {
        leads: ['市财政局'],
        partners: ['人民银行', '市发改委'],
        deadline: '2023-06-30',
      }),
      item('1.2', '完成棚户区改造2836户', {
        partners: ['县住建局'],
        milestones: [{ text: '长期坚持', due: null, every: null }],
      }),
      item('1.3', '新建2座人行天桥', { leads: ['县住建局'] }),
    ];
    expect(scoreDocument(truth, items)).toMatchObject({ tasks: 3, right: 12, total: 12, misses: [] });
  });

  it('charges a missing task four fields, each wrong field one, and each extra item one', () => {
    const items = [
      item('1.1', '（一）开展政金企对接活动', {
        leads: ['市发改委'],
        partners: ['人民银行'],
        deadline: '2023-12-31',
      }),
      item('1.2', '指导思想'),
      item('1.3', '新建2座人行天桥', { leads: ['县住建局'], deadline: '2023-12-31' }),
    ];
    const score = scoreDocument(truth, items);
    // task 1: found only; task 2: nothing; task 3: found, leads, partners; 1.2 is an extra item.
    expect(score).toMatchObject({ tasks: 3, right: 4, total: 13, extraItems: ['1.2 指导思想'] });
    expect(score.misses.map((m) => `${m.ref}:${m.field}`)).toEqual([
      '1:leads',
      '1:partners',
      '1:deadline',
      '2:found',
      '3:deadline',
    ]);
    expect(score.misses.find((m) => m.ref === '1' && m.field === 'deadline')).toMatchObject({
      expected: '2023-06-30',
      got: '2023-12-31',
    });
  });

  it('does not match a title found only deep inside another item', () => {
    const items = [item('1.1', '加快推进项目建设', { text: '加快推进项目建设,力争年内新建2座人行天桥。' })];
    expect(scoreDocument([truth[2]!], items)).toMatchObject({ right: 0, total: 5 });
  });

  it('reads ongoing as no date and an ongoing milestone, none as no date at all', () => {
    const ongoing = { text: '持续深化', due: null, every: null };
    const dated = item('1.1', '完成棚户区改造2836户', { partners: ['县住建局'], deadline: '2023-12-31' });
    const bare = item('1.1', '完成棚户区改造2836户', { partners: ['县住建局'] });
    const withMilestone = { ...bare, milestones: [ongoing] };
    const score = (deadline: string, it: Item) =>
      scoreDocument([task('2', '完成棚户区改造2836户', { partners: ['县住建局'], deadline })], [it]).right;
    expect([score('ongoing', withMilestone), score('ongoing', bare), score('ongoing', dated)]).toEqual([
      4, 3, 3,
    ]);
    expect([score('none', bare), score('none', withMilestone), score('none', dated)]).toEqual([4, 4, 3]);
  });

  it('normalises full-width and half-width punctuation alike', () => {
    expect(normalise('（一）各县（市、区）政府')).toBe(normalise('(一)各县(市、区)政府'));
  });
});
