import { LuaScript } from '../lua-script.js';

/**
 * A confirm, undo, verify or return (退回), decided in TypeScript (store/ledger.ts) on what the store read, and
 * written here only if the occurrence is still as read: its record digest (gone once archived,
 * different once a sync changed it), the sections that had confirmed, and whether it was verified.
 * Otherwise nothing is written and the caller reads and decides again. The write and its audit
 * entry happen together or not at all.
 */
export const ledgerScript = new LuaScript(
  'ledger',
  `-- ledger: write one confirm / undo / verify / return / evidence if the occurrence is unchanged since it was read.
-- KEYS[1]  PlanKeys.digests   KEYS[2] PlanKeys.confirmations(id)   KEYS[3] PlanKeys.verifications
-- KEYS[4]  PlanKeys.audit   KEYS[5] PlanKeys.evidence(id)
-- ARGV[1]  occurrence id   ARGV[2] its record digest as read   ARGV[3] 1 if it was verified, else 0
-- ARGV[4]  confirm | undo | verify | return | evidence   ARGV[5] section ('' for verify and return)
-- ARGV[6]  Confirmation JSON (confirm) | Verification JSON (verify) | '<message>:<key>' + '\\n' +
--          Evidence JSON (evidence) | '' (undo, return)
-- ARGV[7]  at (ISO)   ARGV[8] by   ARGV[9] note   ARGV[10] source
-- ARGV[11..] the sections whose confirmations were read
-- Returns  'ok' | 'stale' (changed since read: nothing written)
local id, op, section = ARGV[1], ARGV[4], ARGV[5]
if redis.call('HGET', KEYS[1], 'o:' .. id) ~= ARGV[2] then return 'stale' end
if redis.call('HEXISTS', KEYS[3], id) ~= tonumber(ARGV[3]) then return 'stale' end
if redis.call('HLEN', KEYS[2]) ~= #ARGV - 10 then return 'stale' end
for i = 11, #ARGV do
  if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 0 then return 'stale' end
end
if op == 'confirm' then
  redis.call('HSET', KEYS[2], section, ARGV[6])
elseif op == 'undo' then
  redis.call('HDEL', KEYS[2], section)
  redis.call('HDEL', KEYS[3], id)
elseif op == 'verify' then
  redis.call('HSET', KEYS[3], id, ARGV[6])
elseif op == 'evidence' then
  local cut = string.find(ARGV[6], '\\n', 1, true)
  redis.call('HSET', KEYS[5], string.sub(ARGV[6], 1, cut - 1), string.sub(ARGV[6], cut + 1))
elseif op == 'return' then
  redis.call('DEL', KEYS[2])
  redis.call('HDEL', KEYS[3], id)
else
  return redis.error_reply('unknown ledger op ' .. op)
end
redis.call('XADD', KEYS[4], '*', 'at', ARGV[7], 'by', ARGV[8], 'action', op,
  'occurrence', id, 'section', section, 'note', ARGV[9], 'source', ARGV[10])
return 'ok'
`,
);
