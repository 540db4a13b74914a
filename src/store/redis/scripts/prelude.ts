import { luaKeyHelpers } from '../keys.js';

/**
 * Lua shared by the plan and ledger scripts: key helpers (from keys.ts), and the one place that
 * decides which due-date indexes an occurrence belongs in. Every ledger change and every sync
 * calls reindex_occurrence, so the indexes can never disagree with the ledger. Expects
 * ARGV[1] = PlanKeys.base.
 */
export const prelude = `
local BASE = ARGV[1]
${luaKeyHelpers()}

local function due_score(rec)
  local digits = string.gsub(rec.due, '-', '')
  return tonumber(digits)
end

local function confirmed_sections(id)
  local set = {}
  for _, s in ipairs(redis.call('HKEYS', K.confirmations(id))) do set[s] = true end
  return set
end

local function is_done(rec, confirmed)
  if #rec.leads == 0 then return false end
  for _, s in ipairs(rec.leads) do
    if not confirmed[s] then return false end
  end
  return true
end

-- Takes an occurrence out of every due-date index (it may be in none of them).
local function unindex_occurrence(rec)
  local id = rec.id
  redis.call('ZREM', K.due, id)
  redis.call('ZREM', K.open, id)
  redis.call('ZREM', K.verified, id)
  redis.call('ZREM', K.chapterDue(rec.chapter), id)
  redis.call('ZREM', K.chapterOpen(rec.chapter), id)
  redis.call('ZREM', K.chapterVerified(rec.chapter), id)
  redis.call('ZREM', K.itemOccurrences(rec.itemId), id)
  for _, s in ipairs(rec.leads) do
    redis.call('ZREM', K.sectionDue(s), id)
    redis.call('ZREM', K.sectionOpen(s), id)
    redis.call('ZREM', K.sectionVerified(s), id)
  end
end

-- Puts an active occurrence into the indexes its ledger state calls for.
local function index_occurrence(rec)
  local id, score = rec.id, due_score(rec)
  local confirmed = confirmed_sections(id)
  local done = is_done(rec, confirmed)
  local verified = done and redis.call('HEXISTS', K.verifications, id) == 1
  redis.call('ZADD', K.due, score, id)
  redis.call('ZADD', K.chapterDue(rec.chapter), score, id)
  redis.call('ZADD', K.itemOccurrences(rec.itemId), score, id)
  if not done then
    redis.call('ZADD', K.open, score, id)
    redis.call('ZADD', K.chapterOpen(rec.chapter), score, id)
  end
  if verified then
    redis.call('ZADD', K.verified, score, id)
    redis.call('ZADD', K.chapterVerified(rec.chapter), score, id)
  end
  for _, s in ipairs(rec.leads) do
    redis.call('SADD', K.sections, s)
    redis.call('ZADD', K.sectionDue(s), score, id)
    if not confirmed[s] then redis.call('ZADD', K.sectionOpen(s), score, id) end
    if verified then redis.call('ZADD', K.sectionVerified(s), score, id) end
  end
end

local function reindex_occurrence(rec)
  unindex_occurrence(rec)
  index_occurrence(rec)
end

-- One row per stored occurrence, for views:
-- {id, record JSON, verification JSON or '', archived-at or '', {section, confirmation JSON, ...}}
local function gather(ids)
  local rows = {}
  for _, id in ipairs(ids) do
    local rec = redis.call('HGET', K.occurrences, id)
    if rec then
      rows[#rows + 1] = {
        id, rec,
        redis.call('HGET', K.verifications, id) or '',
        redis.call('HGET', K.archived, 'o:' .. id) or '',
        redis.call('HGETALL', K.confirmations(id)),
      }
    end
  end
  return rows
end

local function audit(at, by, action, occurrence, section, note, source)
  redis.call('XADD', K.audit, '*', 'at', at, 'by', by, 'action', action,
    'occurrence', occurrence, 'section', section, 'note', note, 'source', source)
end
`;
