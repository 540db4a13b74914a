import { describe, expect, it } from 'vitest';
import { globalKeys, keyPatterns, luaKeyHelpers, planKeys } from '../../../src/store/redis/keys.js';

describe('keys', () => {
  it('puts every plan key behind the hash tag {prefix:year}', () => {
    const k = planKeys('duban', 2023);
    expect(k.base).toBe('{duban:2023}:');
    expect(k.meta).toBe('{duban:2023}:meta');
    expect(k.term('预算')).toBe('{duban:2023}:term:预算');
    expect(k.sectionOpen('预算科')).toBe('{duban:2023}:sec-open:预算科');
    expect(k.chapterDue(8)).toBe('{duban:2023}:ch-due:8');
    expect(k.confirmations('8.4/m2/2023')).toBe('{duban:2023}:conf:8.4/m2/2023');
    expect(planKeys('duban', 2024).meta).not.toBe(k.meta);
  });

  it('keeps claims and message mapping outside any plan, under the prefix', () => {
    const g = globalKeys('duban');
    expect(g.claim('event:ev_1')).toBe('duban:claim:event:ev_1');
    expect(g.message('om_1')).toBe('duban:msg:om_1');
    expect(keyPatterns('t-1')).toEqual(['{t-1:*', 't-1:*']);
  });

  it('gives the Lua scripts the same names and suffixes', () => {
    const lua = luaKeyHelpers();
    expect(lua).toContain("meta = BASE .. 'meta',");
    expect(lua).toContain("term = function(m) return BASE .. 'term:' .. m end,");
    const k = planKeys('p', 1);
    for (const name of Object.keys(k).filter((n) => n !== 'base')) expect(lua).toContain(`  ${name} = `);
  });
});
