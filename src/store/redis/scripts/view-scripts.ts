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
  `-- search: the best items for a query by the threshold walk described in search-text.ts.
-- KEYS[1]  PlanKeys.items   KEYS[2] PlanKeys.search   KEYS[3..] PlanKeys.term(t), one per bigram
-- ARGV[1]  limit   ARGV[2] title weight   ARGV[3] first page size   ARGV[4] largest page size
-- ARGV[5]  number of words W, then per word: its normalised text, its number of bigrams n, and
--          the n KEYS indexes of them
-- Returns  {item id, score, StoredItem JSON, ...}, best first (score desc, then plan order).
local limit, title_weight, page, max_page = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local words, p = {}, 6
for w = 1, tonumber(ARGV[5]) do
  local n = tonumber(ARGV[p + 1])
  local terms = {}
  for j = 1, n do terms[j] = tonumber(ARGV[p + 1 + j]) end
  words[w] = {text = ARGV[p], terms = terms}
  p = p + 2 + n
end

local card, top = {}, {}
for t = 3, #KEYS do
  card[t] = redis.call('ZCARD', KEYS[t])
  -- A bigram no item has: no item contains every word.
  if card[t] == 0 then return {} end
  top[t] = tonumber(redis.call('ZREVRANGE', KEYS[t], 0, 0, 'WITHSCORES')[2])
end
-- One list per word: its rarest bigram, the one with the lowest top weight among equals.
local lists, unbounded = {}, false
for _, word in ipairs(words) do
  if #word.terms == 0 then unbounded = true else
    local best
    for _, t in ipairs(word.terms) do
      if not best or card[t] < card[best] or (card[t] == card[best] and top[t] < top[best]) then best = t end
    end
    lists[#lists + 1] = {term = best, last = top[best]}
  end
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

local function score_of(entry)
  local a = string.find(entry, '\\n', 1, true)
  local b = string.find(entry, '\\n', a + 1, true)
  local title, body = string.sub(entry, a + 1, b - 1), string.sub(entry, b + 1)
  local score = 0
  for _, word in ipairs(words) do
    local s = title_weight * count(title, word.text) + count(body, word.text)
    if s == 0 then return 0, 0 end
    score = score + s
  end
  return score, tonumber(string.sub(entry, 1, a - 1))
end

local hits = {}
local function add(hit)
  hits[#hits + 1] = hit
  table.sort(hits, function(x, y)
    if x[2] ~= y[2] then return x[2] > y[2] end
    return x[3] < y[3]
  end)
  hits[limit + 1] = nil
end

-- Items an item's weights allow, best bound first; checked until the bound cannot beat the cut-off.
local function check(ids)
  if #ids == 0 then return end
  local weight = {}
  for t = 3, #KEYS do weight[t] = redis.call('ZMSCORE', KEYS[t], unpack(ids)) end
  local candidates = {}
  for i = 1, #ids do
    local bound, present = 0, true
    for _, word in ipairs(words) do
      if #word.terms == 0 then bound = math.huge else
        local low = math.huge
        for _, t in ipairs(word.terms) do
          local w = weight[t][i]
          if not w then present = false break end
          w = tonumber(w)
          if w < low then low = w end
        end
        bound = bound + low
      end
      if not present then break end
    end
    if present then candidates[#candidates + 1] = {i, bound} end
  end
  table.sort(candidates, function(x, y)
    if x[2] ~= y[2] then return x[2] > y[2] end
    return x[1] < y[1]
  end)
  for _, c in ipairs(candidates) do
    if #hits >= limit and c[2] <= hits[limit][2] then break end
    local score, sort_key = score_of(redis.call('HGET', KEYS[2], ids[c[1]]))
    if score > 0 then add({ids[c[1]], score, sort_key}) end
  end
end

local seen, start = {}, 0
while true do
  local ids, exhausted = {}, false
  for _, list in ipairs(lists) do
    local pg = redis.call('ZREVRANGE', KEYS[list.term], start, start + page - 1, 'WITHSCORES')
    local n = #pg / 2
    if n > 0 then list.last = tonumber(pg[2 * n]) end
    if n < page then exhausted = true end
    for i = 1, n do
      local id = pg[2 * i - 1]
      if not seen[id] then
        seen[id] = true
        ids[#ids + 1] = id
      end
    end
  end
  check(ids)
  -- An exhausted list leaves no unseen item that has all the bigrams.
  if exhausted then break end
  if not unbounded and #hits >= limit then
    local threshold = 0
    for _, list in ipairs(lists) do threshold = threshold + list.last end
    if hits[limit][2] >= threshold then break end
  end
  start = start + page
  page = math.min(page * 2, max_page)
end

local out = {}
for _, hit in ipairs(hits) do
  out[#out + 1] = hit[1]
  out[#out + 1] = hit[2]
  out[#out + 1] = redis.call('HGET', KEYS[1], hit[1])
end
return out
`,
);
