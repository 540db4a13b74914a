import { LuaScript } from '../lua-script.js';

/**
 * Reminder leases, with owners (as BullMQ's job locks): each reminder goes out once across
 * replicas, restarts and crashes.
 *
 *   {p:reminders}:reminder:<key>   held:<owner>:<deadline ms>  while an owner sends; `sent` after
 *   {p:reminders}:owner:<process>  1, PX a few seconds: the process is alive (beatOwner)
 *   {p:reminders}:msg:<message id> JSON occurrence ids, for replies
 *
 * An owner token is `<process>.<sweep>`: a random id per process plus a sweep number. A held
 * lease holds off other claims while BOTH its deadline (the caller's clock, the store's injected
 * clock, so every replica and test judges it alike) has not passed AND its process's liveness key
 * exists. The process refreshes that key (SET PX) while it sweeps; killed, it stops, the key
 * expires within its TTL, and the next sweep takes the lease at once instead of after the lease.
 * Release and mark check the owner, so one replica never drops another's live lease.
 *
 * All three families share the hash tag `{p:reminders}`: one Cluster slot, so a script may read a
 * holder's liveness key (named from the lease value) and write a message's mapping and every
 * one of its marks in one atomic step.
 */

/** Lua: does lease value `v` (not 'sent') hold off claims at `now`? ARGV-free; `owner_base` = GlobalKeys.ownerBase. */
const liveLease = `
local function live_lease(v, now, owner_base)
  local owner, deadline = string.match(v, '^held:([^:]+):(%d+)$')
  if not owner or tonumber(deadline) <= now then return false end
  local process = string.match(owner, '^([^.]+)')
  return redis.call('EXISTS', owner_base .. process) == 1
end
`;

export const claimReminderScript = new LuaScript(
  'claim-reminder',
  `-- claim-reminder: take the lease on a reminder unless it was sent or a live owner holds it.
-- KEYS[1]  GlobalKeys.reminder(key)
-- ARGV[1]  now (ms, the caller's clock)   ARGV[2] lease ms   ARGV[3] clean-up PX ms
-- ARGV[4]  owner token <process>.<sweep>  ARGV[5] GlobalKeys.ownerBase (same hash tag)
-- Returns  'sent' | 'held' | 'claimed'
${liveLease}
local value = redis.call('GET', KEYS[1])
if value == 'sent' then return 'sent' end
local now = tonumber(ARGV[1])
if value and live_lease(value, now, ARGV[5]) then return 'held' end
redis.call('SET', KEYS[1], 'held:' .. ARGV[4] .. ':' .. (now + tonumber(ARGV[2])), 'PX', ARGV[3])
return 'claimed'
`,
);

export const recordReminderSentScript = new LuaScript(
  'record-reminder-sent',
  `-- record-reminder-sent: after Lark accepted a message, its reply mapping and all its sent marks at once.
-- KEYS[1]  GlobalKeys.message(message id)   KEYS[2..n] GlobalKeys.reminder(key) of every key to mark
-- ARGV[1]  now (ms, the caller's clock)   ARGV[2] owner token   ARGV[3] GlobalKeys.ownerBase
-- ARGV[4]  sent-mark PX ms   ARGV[5] mapping JSON ('' = none)   ARGV[6] mapping PX ms
-- Returns  the positions (1-based, among KEYS[2..n]) left alone: another live owner holds them
${liveLease}
local now = tonumber(ARGV[1])
if ARGV[5] ~= '' then redis.call('SET', KEYS[1], ARGV[5], 'PX', ARGV[6]) end
local mine = 'held:' .. ARGV[2] .. ':'
local left = {}
for i = 2, #KEYS do
  local value = redis.call('GET', KEYS[i])
  if value ~= 'sent' then
    if value and string.sub(value, 1, #mine) ~= mine and live_lease(value, now, ARGV[3]) then
      table.insert(left, i - 1)
    else
      redis.call('SET', KEYS[i], 'sent', 'PX', ARGV[4])
    end
  end
end
return left
`,
);

export const releaseReminderScript = new LuaScript(
  'release-reminder',
  `-- release-reminder: drop the caller's own lease after a failed send; another's lease and a sent mark stay.
-- KEYS[1]  GlobalKeys.reminder(key)
-- ARGV[1]  owner token
-- Returns  1 if the lease was dropped, else 0
local value = redis.call('GET', KEYS[1])
local mine = 'held:' .. ARGV[1] .. ':'
if value and string.sub(value, 1, #mine) == mine then return redis.call('DEL', KEYS[1]) end
return 0
`,
);
