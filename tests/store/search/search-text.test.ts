import { describe, expect, it } from 'vitest';
import {
  bigrams,
  countOf,
  itemSortKey,
  normalizeText,
  planQuery,
  queryWords,
  scoreEntry,
  searchEntry,
  TITLE_WEIGHT,
} from '../../../src/store/search/search-text.js';
import { fixtureItem } from '../../helpers/plan-fixture.js';

describe('search text', () => {
  it('normalises full-width forms, case and punctuation away', () => {
    expect(normalizeText('“政金企”对接 ＡＰＰ，２０２３年！')).toBe('政金企对接app2023年');
  });

  it('splits queries on spaces and Chinese punctuation, dropping repeats and empty words', () => {
    expect(queryWords(' 人大  预算草案，人大、 ！ ')).toEqual(['人大', '预算草案']);
    expect(queryWords('  ')).toEqual([]);
  });

  it('indexes bigrams by code point; a single character has none', () => {
    expect(bigrams('预决算')).toEqual(['预决', '决算']);
    expect(bigrams('税')).toEqual([]);
    expect(bigrams('𠀀𠀁a')).toEqual(['𠀀𠀁', '𠀁a']);
    expect(planQuery('人大 预算草案 人大')).toEqual({
      words: [
        { text: '人大', terms: ['人大'] },
        { text: '预算草案', terms: ['预算', '算草', '草案'] },
      ],
      terms: ['人大', '预算', '算草', '草案'],
    });
    expect(planQuery('税 费')).toBeNull();
  });

  it('weighs a bigram in the title TITLE_WEIGHT times a bigram in the body', () => {
    const entry = searchEntry(
      fixtureItem({
        id: '3.1',
        title: '强化预算编制',
        text: '强化预算编制。预算草案3月底前报批。',
        milestones: [{ text: '另行开展预算评审', due: '2023-09-30', every: null }],
      }),
    );
    expect(entry.title).toBe('强化预算编制');
    expect(entry.body).toBe('强化预算编制预算草案3月底前报批另行开展预算评审');
    expect(entry.terms.get('预算')).toBe(TITLE_WEIGHT * 1 + 3);
    expect(entry.terms.get('评审')).toBe(1);
    expect(entry.sortKey).toBe(3_000_001);
  });

  it('scores zero unless every word is present', () => {
    const entry = { title: '政府采购', body: '政府采购电子卖场电子卖场' };
    expect(scoreEntry(entry, ['电子卖场'])).toBe(2);
    expect(scoreEntry(entry, ['政府采购', '电子卖场'])).toBe(TITLE_WEIGHT + 1 + 2);
    expect(scoreEntry(entry, ['电子卖场', '代理记账'])).toBe(0);
  });

  it('counts non-overlapping occurrences and orders items numerically', () => {
    expect(countOf('aaaa', 'aa')).toBe(2);
    expect(countOf('abc', '')).toBe(0);
    expect(itemSortKey('2.1')).toBeLessThan(itemSortKey('10.1'));
    expect(itemSortKey('8.4')).toBeLessThan(itemSortKey('8.10'));
    expect(itemSortKey('x')).toBe(Number.MAX_SAFE_INTEGER);
  });
});
