import { LuaScript } from '../lua-script.js';
import { prelude } from './prelude.js';

/** Reads that return occurrences with their ledger in one round trip. */

export const viewsByScoreScript = new LuaScript(
  'views-by-score',
  `-- views-by-score: the occurrences in a due-day index between two scores, with their ledger.
-- KEYS[1]  a due-day zset from PlanKeys (due, open, sectionOpen(s), itemOccurrences(i), …)
-- ARGV[1]  PlanKeys.base   ARGV[2] min score   ARGV[3] max score (ZRANGEBYSCORE syntax: '(', '-inf')
-- Returns  gather()'s rows, by due day.
${prelude}
return gather(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[2], ARGV[3]))
`,
);

export const viewsByIdScript = new LuaScript(
  'views-by-id',
  `-- views-by-id: named occurrences with their ledger; unknown ids are left out.
-- KEYS[1]  PlanKeys.occurrences
-- ARGV[1]  PlanKeys.base   ARGV[2..] occurrence ids
-- Returns  gather()'s rows, in the order asked.
${prelude}
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
return gather(ids)
`,
);
