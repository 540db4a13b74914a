import { LuaScript } from '../lua-script.js';
import { prelude } from './prelude.js';

/**
 * The whole of a sync as one script, so replicas and readers see the old plan or the new one and
 * never a mix. The client computes what changed (digests); the script re-checks that nobody
 * synced in between (compare-and-set on the meta digest) and applies it, re-deriving each written
 * occurrence's indexes from the ledger as it stands at that moment.
 */
export const syncScript = new LuaScript(
  'sync',
  `-- sync: applies a plan diff.
-- KEYS[1]  PlanKeys.meta
-- ARGV[1]  PlanKeys.base
-- ARGV[2]  the meta digest the diff was computed against ('' before the first sync)
-- ARGV[3]  payload JSON: {digest, version, title, year, at, by, note,
--            chapters: [[number, title], ...],
--            items: [[id, digest], ...] (only their digests are kept), archivedItems: [id, ...],
--            occurrences: [{id, digest, json}], archivedOccurrences: [id, ...]}
--          When payload.digest equals the stored digest only the version is recorded.
-- Returns  {'conflict'} (someone synced since ARGV[2] was read: recompute and retry) |
--          {'unchanged'} | {'ok'}
${prelude}
local current = redis.call('HGET', KEYS[1], 'digest') or ''
local p = cjson.decode(ARGV[3])
if current == p.digest then
  redis.call('HSET', KEYS[1], 'version', p.version)
  return {'unchanged'}
end
if current ~= ARGV[2] then return {'conflict'} end

for _, item in ipairs(p.items) do redis.call('HSET', K.digests, 'i:' .. item[1], item[2]) end
for _, id in ipairs(p.archivedItems) do redis.call('HDEL', K.digests, 'i:' .. id) end

for _, occ in ipairs(p.occurrences) do
  local old = redis.call('HGET', K.occurrences, occ.id)
  if old then unindex_occurrence(cjson.decode(old)) end
  redis.call('HSET', K.occurrences, occ.id, occ.json)
  redis.call('HSET', K.digests, 'o:' .. occ.id, occ.digest)
  redis.call('HDEL', K.archived, 'o:' .. occ.id)
  index_occurrence(cjson.decode(occ.json))
end
for _, id in ipairs(p.archivedOccurrences) do
  local old = redis.call('HGET', K.occurrences, id)
  if old then unindex_occurrence(cjson.decode(old)) end
  redis.call('HDEL', K.digests, 'o:' .. id)
  redis.call('HSET', K.archived, 'o:' .. id, p.at)
end

redis.call('DEL', K.chapters)
for _, c in ipairs(p.chapters) do redis.call('HSET', K.chapters, c[1], c[2]) end
redis.call('HSET', KEYS[1], 'digest', p.digest, 'version', p.version, 'title', p.title,
  'year', p.year, 'syncedAt', p.at)
audit(p.at, p.by, 'sync', '', '', p.note, 'sync')
return {'ok'}
`,
);
