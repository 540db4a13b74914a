import { LuaScript } from '../lua-script.js';

/**
 * Reminder claims: a lease that makes each reminder go out once across replicas. The value is
 * `held:<deadline ms>` while a replica sends and `sent` afterwards. Deadlines are the caller's
 * clock (the store's injected clock), so every replica and every test judges a lease the same way;
 * the key's own PX is only clean-up.
 */

export const claimReminderScript = new LuaScript(
  'claim-reminder',
  `-- claim-reminder: take the lease on a reminder unless it was sent or another lease still runs.
-- KEYS[1]  GlobalKeys.reminder(key)
-- ARGV[1]  now (ms since the epoch, the caller's clock)   ARGV[2] lease ms   ARGV[3] clean-up PX ms
-- Returns  'sent' | 'held' | 'claimed'
local value = redis.call('GET', KEYS[1])
if value == 'sent' then return 'sent' end
local now = tonumber(ARGV[1])
if value then
  local deadline = tonumber(string.sub(value, 6))
  if deadline and deadline > now then return 'held' end
end
redis.call('SET', KEYS[1], 'held:' .. (now + tonumber(ARGV[2])), 'PX', ARGV[3])
return 'claimed'
`,
);

export const releaseReminderScript = new LuaScript(
  'release-reminder',
  `-- release-reminder: drop a lease after a failed send; a sent mark stays.
-- KEYS[1]  GlobalKeys.reminder(key)
-- ARGV     none
-- Returns  1 if a lease was dropped, else 0
local value = redis.call('GET', KEYS[1])
if value and string.sub(value, 1, 5) == 'held:' then return redis.call('DEL', KEYS[1]) end
return 0
`,
);
