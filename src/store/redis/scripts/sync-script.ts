import { LuaScript } from '../lua-script.js';

/**
 * The whole of a sync as one script, so replicas and readers see the old plan or the new one and
 * never a mix. The client computes what changed (digests); the script re-checks that nobody
 * synced in between (compare-and-set on the meta digest) and applies it. Confirmations are never
 * touched: a rewritten or restored occurrence keeps its ledger.
 */
export const syncScript = new LuaScript(
  'sync',
  `-- sync: applies a plan diff.
-- KEYS[1]  PlanKeys.meta   KEYS[2] PlanKeys.digests   KEYS[3] PlanKeys.occurrences
-- KEYS[4]  PlanKeys.archived   KEYS[5] PlanKeys.chapters   KEYS[6] PlanKeys.audit
-- ARGV[1]  the meta digest the diff was computed against ('' before the first sync)
-- ARGV[2]  payload JSON: {digest, version, title, year, at, by, note,
--            chapters: [[number, title], ...],
--            items: [[id, digest], ...] (only their digests are kept), archivedItems: [id, ...],
--            occurrences: [[id, digest, json], ...], archivedOccurrences: [id, ...]}
--          When payload.digest equals the stored digest only the version is recorded.
-- Returns  'conflict' (someone synced since ARGV[1] was read: recompute and retry) |
--          'unchanged' | 'ok'
local meta, digests, occurrences, archived, chapters = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local current = redis.call('HGET', meta, 'digest') or ''
local p = cjson.decode(ARGV[2])
if current == p.digest then
  redis.call('HSET', meta, 'version', p.version)
  return 'unchanged'
end
if current ~= ARGV[1] then return 'conflict' end

for _, item in ipairs(p.items) do redis.call('HSET', digests, 'i:' .. item[1], item[2]) end
for _, id in ipairs(p.archivedItems) do redis.call('HDEL', digests, 'i:' .. id) end
for _, occ in ipairs(p.occurrences) do
  redis.call('HSET', occurrences, occ[1], occ[3])
  redis.call('HSET', digests, 'o:' .. occ[1], occ[2])
  redis.call('HDEL', archived, 'o:' .. occ[1])
end
for _, id in ipairs(p.archivedOccurrences) do
  redis.call('HDEL', digests, 'o:' .. id)
  redis.call('HSET', archived, 'o:' .. id, p.at)
end

redis.call('DEL', chapters)
for _, c in ipairs(p.chapters) do redis.call('HSET', chapters, c[1], c[2]) end
redis.call('HSET', meta, 'digest', p.digest, 'version', p.version, 'title', p.title,
  'year', p.year, 'syncedAt', p.at)
redis.call('XADD', KEYS[6], '*', 'at', p.at, 'by', p.by, 'action', 'sync',
  'occurrence', '', 'section', '', 'note', p.note, 'source', 'sync')
return 'ok'
`,
);
