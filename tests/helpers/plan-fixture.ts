import type { Item, Plan } from '../../src/plan/types.js';

/**
 * A small hand-made plan for store tests: two chapters, a dated milestone, a quarterly one, an
 * item with two lead sections, and "各科室" as partner. Sections: 办公室, 预算科, 国库科, 监督科.
 */
export const FIXTURE_SECTIONS = ['办公室', '预算科', '国库科', '监督科'];

export function expandFixtureSections(names: string[]): string[] {
  return [...new Set(names.flatMap((n) => (n === '各科室' ? FIXTURE_SECTIONS : [n])))];
}

export function fixtureItem(overrides: Partial<Item> & Pick<Item, 'id'>): Item {
  return {
    title: `事项${overrides.id}`,
    text: `事项${overrides.id}的内容。`,
    points: [],
    leads: ['办公室'],
    partners: [],
    deadline: '2023-12-31',
    milestones: [],
    targets: [],
    ...overrides,
  };
}

export function fixturePlan(): Plan {
  return {
    title: '测试局2023年工作要点',
    year: 2023,
    chapters: [
      {
        number: 1,
        title: '加强预算管理',
        items: [
          fixtureItem({
            id: '1.1',
            title: '强化预算编制',
            text: '强化预算编制。预算草案3月底前报人大审批。',
            leads: ['预算科'],
            partners: ['国库科'],
            milestones: [{ text: '预算草案3月底前报人大审批', due: '2023-03-31', every: null }],
          }),
          fixtureItem({
            id: '1.2',
            title: '加强库款管理',
            text: '加强库款管理，每季度分析库款情况。',
            leads: ['国库科', '预算科'],
            partners: ['各科室'],
            deadline: '2023-06-30',
            milestones: [{ text: '每季度分析库款情况', due: null, every: 'quarter' }],
          }),
        ],
      },
      {
        number: 2,
        title: '加强财政监督',
        items: [
          fixtureItem({
            id: '2.1',
            title: '开展专项检查',
            text: '开展预决算公开专项检查，长期坚持。',
            leads: ['监督科'],
            partners: ['预算科'],
            milestones: [{ text: '长期坚持', due: null, every: null }],
          }),
        ],
      },
    ],
  };
}
