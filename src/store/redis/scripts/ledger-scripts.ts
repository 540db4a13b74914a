import { LuaScript } from '../lua-script.js';
import { prelude } from './prelude.js';

/**
 * The ledger's three changes, each one script: the check, the write, the index update and the
 * audit entry happen together or not at all, and two replicas confirming at once cannot both win.
 */

export const confirmScript = new LuaScript(
  'confirm',
  `-- confirm: a lead section confirms an occurrence; a repeat changes nothing.
-- KEYS[1]  PlanKeys.occurrences (routes the script to the plan's slot)
-- ARGV[1]  PlanKeys.base   ARGV[2] occurrence id   ARGV[3] section   ARGV[4] Confirmation JSON
-- ARGV[5]  at (ISO)        ARGV[6] by              ARGV[7] note      ARGV[8] source
-- Returns  {'unknown'} | {status, row} with status 'archived' | 'not-lead' | 'already' |
--          'confirmed'; row is gather()'s row of the occurrence after the change.
${prelude}
local id, section = ARGV[2], ARGV[3]
local json = redis.call('HGET', K.occurrences, id)
if not json then return {'unknown'} end
if redis.call('HEXISTS', K.archived, 'o:' .. id) == 1 then return {'archived', gather({id})[1]} end
local rec = cjson.decode(json)
local lead = false
for _, s in ipairs(rec.leads) do if s == section then lead = true end end
if not lead then return {'not-lead', gather({id})[1]} end
if redis.call('HSETNX', K.confirmations(id), section, ARGV[4]) == 0 then
  return {'already', gather({id})[1]}
end
reindex_occurrence(rec)
audit(ARGV[5], ARGV[6], 'confirm', id, section, ARGV[7], ARGV[8])
return {'confirmed', gather({id})[1]}
`,
);

export const undoScript = new LuaScript(
  'undo',
  `-- undo: withdraws a section's confirmation, and with it the occurrence's verification.
-- KEYS[1]  PlanKeys.occurrences (routes the script to the plan's slot)
-- ARGV[1]  PlanKeys.base   ARGV[2] occurrence id   ARGV[3] section
-- ARGV[4]  at (ISO)        ARGV[5] by              ARGV[6] note      ARGV[7] source
-- Returns  {'unknown'} | {status, row} with status 'archived' | 'not-confirmed' | 'undone'.
${prelude}
local id, section = ARGV[2], ARGV[3]
local json = redis.call('HGET', K.occurrences, id)
if not json then return {'unknown'} end
if redis.call('HEXISTS', K.archived, 'o:' .. id) == 1 then return {'archived', gather({id})[1]} end
if redis.call('HDEL', K.confirmations(id), section) == 0 then return {'not-confirmed', gather({id})[1]} end
redis.call('HDEL', K.verifications, id)
reindex_occurrence(cjson.decode(json))
audit(ARGV[4], ARGV[5], 'undo', id, section, ARGV[6], ARGV[7])
return {'undone', gather({id})[1]}
`,
);

export const verifyScript = new LuaScript(
  'verify',
  `-- verify: 销号 — an admin verifies an occurrence every lead section has confirmed.
-- KEYS[1]  PlanKeys.occurrences (routes the script to the plan's slot)
-- ARGV[1]  PlanKeys.base   ARGV[2] occurrence id   ARGV[3] Verification JSON
-- ARGV[4]  at (ISO)        ARGV[5] by              ARGV[6] note      ARGV[7] source
-- Returns  {'unknown'} | {status, row} with status 'archived' | 'not-done' | 'already' | 'verified'.
${prelude}
local id = ARGV[2]
local json = redis.call('HGET', K.occurrences, id)
if not json then return {'unknown'} end
if redis.call('HEXISTS', K.archived, 'o:' .. id) == 1 then return {'archived', gather({id})[1]} end
local rec = cjson.decode(json)
if not is_done(rec, confirmed_sections(id)) then return {'not-done', gather({id})[1]} end
if redis.call('HSETNX', K.verifications, id, ARGV[3]) == 0 then return {'already', gather({id})[1]} end
reindex_occurrence(rec)
audit(ARGV[4], ARGV[5], 'verify', id, '', ARGV[6], ARGV[7])
return {'verified', gather({id})[1]}
`,
);
