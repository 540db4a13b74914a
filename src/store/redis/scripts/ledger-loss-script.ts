import { LuaScript } from '../lua-script.js';

/**
 * An admin's acknowledgement of a lost ledger: the mark is cleared and the audit entry naming who
 * acknowledged it written together, so the stream never says "acknowledged" of a mark still set,
 * and two admins acknowledging at once write one entry.
 */
export const ackLedgerLostScript = new LuaScript(
  'ack-ledger-lost',
  `-- ack-ledger-lost: clear the ledger-lost mark and audit who acknowledged it.
-- KEYS[1]  PlanKeys.ledgerLost   KEYS[2] PlanKeys.audit
-- ARGV[1]  at (ISO, now)   ARGV[2] by   ARGV[3] via (the path the admin took)
-- Returns  the mark's value (the ISO instant the loss was noticed), or false when there was none
local lost = redis.call('GET', KEYS[1])
if not lost then return false end
redis.call('DEL', KEYS[1])
redis.call('XADD', KEYS[2], '*', 'at', ARGV[1], 'by', ARGV[2], 'action', 'ack-ledger-lost',
  'occurrence', '', 'section', '', 'note', 'ledger lost at ' .. lost .. '; acknowledged via ' .. ARGV[3],
  'source', 'command')
return lost
`,
);
