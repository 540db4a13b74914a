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

export const searchScript = new LuaScript(
  'search',
  `-- search: bigram candidates, checked for the exact words and ranked (see search-text.ts).
-- KEYS[1]  PlanKeys.items   KEYS[2] PlanKeys.search   KEYS[3] PlanKeys.searchScratch
-- KEYS[4..] PlanKeys.term(t) for each bigram of the query (at least one)
-- ARGV[1]  candidates to check   ARGV[2] limit   ARGV[3] title weight   ARGV[4..] normalised words
-- Returns  {item id, score, StoredItem JSON, ...}, best first (score desc, then plan order).
local candidates, limit, title_weight = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local ids
if #KEYS == 4 then
  ids = redis.call('ZREVRANGE', KEYS[4], 0, candidates - 1)
else
  local args = {'ZINTERSTORE', KEYS[3], #KEYS - 3}
  for i = 4, #KEYS do args[#args + 1] = KEYS[i] end
  args[#args + 1] = 'AGGREGATE'
  args[#args + 1] = 'MIN'
  redis.call(unpack(args))
  ids = redis.call('ZREVRANGE', KEYS[3], 0, candidates - 1)
  redis.call('DEL', KEYS[3])
end

local function count(text, word)
  local n, at = 0, 1
  while true do
    local s, e = string.find(text, word, at, true)
    if not s then return n end
    n = n + 1
    at = e + 1
  end
end

local hits = {}
for _, id in ipairs(ids) do
  local entry = redis.call('HGET', KEYS[2], id)
  if entry then
    local a = string.find(entry, '\\n', 1, true)
    local b = string.find(entry, '\\n', a + 1, true)
    local sort_key, title, body = tonumber(string.sub(entry, 1, a - 1)), string.sub(entry, a + 1, b - 1), string.sub(entry, b + 1)
    local score = 0
    for w = 4, #ARGV do
      local s = title_weight * count(title, ARGV[w]) + count(body, ARGV[w])
      if s == 0 then score = 0 break end
      score = score + s
    end
    if score > 0 then hits[#hits + 1] = {id, score, sort_key} end
  end
end
table.sort(hits, function(x, y)
  if x[2] ~= y[2] then return x[2] > y[2] end
  return x[3] < y[3]
end)
local out = {}
for i = 1, math.min(limit, #hits) do
  out[#out + 1] = hits[i][1]
  out[#out + 1] = hits[i][2]
  out[#out + 1] = redis.call('HGET', KEYS[1], hits[i][1])
end
return out
`,
);
