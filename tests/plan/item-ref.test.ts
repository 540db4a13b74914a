import { describe, expect, it } from 'vitest';
import { parseItemRef } from '../../src/plan/item-ref.js';

describe('parseItemRef', () => {
  it.each([
    '8.4',
    '8-4',
    '8．4',
    '８．４',
    '八（四）',
    '八(四)',
    '八.4',
    '八、四',
    '第八章第四项',
    '第8章第4项',
    '第八章（四）',
    '8.4项',
    ' 8.4 ',
  ])('reads %s as 8.4', (text) => {
    expect(parseItemRef(text)).toBe('8.4');
  });

  it('reads numbers past ten', () => {
    expect(parseItemRef('十（二）')).toBe('10.2');
    expect(parseItemRef('第十章第二项')).toBe('10.2');
    expect(parseItemRef('十二.三')).toBe('12.3');
    expect(parseItemRef('二十一（十一）')).toBe('21.11');
    expect(parseItemRef('10.12')).toBe('10.12');
  });

  it.each([
    '84',
    '八四',
    '(四)',
    '8.4亿元',
    '八（四',
    '八四）',
    '0.4',
    '8.0',
    '政金企',
    '',
    '8..4',
    '第八章',
  ])('does not read %s as an item', (text) => {
    expect(parseItemRef(text)).toBeNull();
  });
});
