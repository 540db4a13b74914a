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
-- ARGV[1]  limit   ARGV[2] title weight   ARGV[3] page size   ARGV[4] number of words W, then per
--          word: its normalised text, its number of bigrams n, and the n KEYS indexes of them
-- Returns  {item id, score, StoredItem JSON, ...}, best first (score desc, then plan order).
local limit, title_weight, page = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local words, p = {}, 5
for w = 1, tonumber(ARGV[4]) do
  local n = tonumber(ARGV[p + 1])
  local terms = {}
  for j = 1, n do terms[j] = KEYS[tonumber(ARGV[p + 1 + j])] end
  words[w] = {text = ARGV[p], terms = terms}
  p = p + 2 + n
end

local rarest, rarest_card, rarest_word
for w, word in ipairs(words) do
  for _, key in ipairs(word.terms) do
    local card = redis.call('ZCARD', key)
    if not rarest or card < rarest_card then rarest, rarest_card, rarest_word = key, card, w end
  end
end
if rarest_card == 0 then return {} end

-- What the other words can add to an item not yet seen: per word, its bigrams' lowest top weight.
local others = 0
for w, word in ipairs(words) do
  if w ~= rarest_word then
    if #word.terms == 0 then others = math.huge else
      local bound = math.huge
      for _, key in ipairs(word.terms) do
        local top = redis.call('ZREVRANGE', key, 0, 0, 'WITHSCORES')
        local m = tonumber(top[2] or 0)
        if m < bound then bound = m end
      end
      others = others + bound
    end
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

local hits, start = {}, 0
while true do
  local pg = redis.call('ZREVRANGE', rarest, start, start + page - 1, 'WITHSCORES')
  local n = #pg / 2
  if n == 0 then break end
  local ids, weight = {}, {}
  for i = 1, n do
    ids[i] = pg[2 * i - 1]
    weight[i] = {[rarest] = tonumber(pg[2 * i])}
  end
  for t = 3, #KEYS do
    if KEYS[t] ~= rarest then
      local scores = redis.call('ZMSCORE', KEYS[t], unpack(ids))
      for i = 1, n do weight[i][KEYS[t]] = scores[i] and tonumber(scores[i]) end
    end
  end
  local kth = #hits >= limit and hits[limit][2] or nil
  for i = 1, n do
    -- An item's score is at most, per word, the lowest weight among the word's bigrams.
    local bound, present = 0, true
    for _, word in ipairs(words) do
      if #word.terms == 0 then bound = math.huge else
        local low = math.huge
        for _, key in ipairs(word.terms) do
          local w = weight[i][key]
          if not w then present = false elseif w < low then low = w end
        end
        bound = bound + low
      end
    end
    if present and not (kth and bound <= kth) then
      local score, sort_key = score_of(redis.call('HGET', KEYS[2], ids[i]))
      if score > 0 then hits[#hits + 1] = {ids[i], score, sort_key} end
    end
  end
  table.sort(hits, function(x, y)
    if x[2] ~= y[2] then return x[2] > y[2] end
    return x[3] < y[3]
  end)
  for i = #hits, limit + 1, -1 do hits[i] = nil end
  local last_weight = tonumber(pg[2 * n])
  if n < page then break end
  if #hits >= limit and hits[limit][2] >= last_weight + others then break end
  start = start + page
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
