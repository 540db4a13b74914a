import { LuaScript } from '../lua-script.js';

/**
 * Lark's send limits shared by every replica: sliding windows of the last second and minute for
 * the app, and of the last second per chat. A slot is taken only when all three have room, so a
 * refused caller leaves no trace and simply waits the answer's milliseconds.
 */
export const sendSlotScript = new LuaScript(
  'send-slot',
  `-- send-slot: take a send slot if the app's and the lane's windows allow it.
-- KEYS[1]  GlobalKeys.send('app-s')   KEYS[2] GlobalKeys.send('app-m')   KEYS[3] GlobalKeys.send('lane:' .. lane)
-- ARGV[1]  now (ms)   ARGV[2] unique member   ARGV[3] app per second   ARGV[4] app per minute
-- ARGV[5]  lane per second
-- Returns  0 when the slot was taken, else the ms to wait before asking again
local now = tonumber(ARGV[1])
local windows = {
  { KEYS[1], 1000, tonumber(ARGV[3]) },
  { KEYS[2], 60000, tonumber(ARGV[4]) },
  { KEYS[3], 1000, tonumber(ARGV[5]) },
}
local wait = 0
for _, w in ipairs(windows) do
  redis.call('ZREMRANGEBYSCORE', w[1], '-inf', now - w[2])
  if redis.call('ZCARD', w[1]) >= w[3] then
    local oldest = redis.call('ZRANGE', w[1], 0, 0, 'WITHSCORES')
    local until_free = tonumber(oldest[2]) + w[2] - now + 1
    if until_free > wait then wait = until_free end
  end
end
if wait > 0 then return wait end
for _, w in ipairs(windows) do
  redis.call('ZADD', w[1], now, ARGV[2])
  redis.call('PEXPIRE', w[1], w[2])
end
return 0
`,
);
