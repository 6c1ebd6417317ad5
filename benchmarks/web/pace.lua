-- wrk script: each connection waits DELAY ms (the first script argument) after every response,
-- so that N connections send about N / (DELAY + latency) requests a second: an open-ish load at
-- a chosen rate instead of wrk's default flat-out loop. bench_web.py calibrates DELAY.
local delay_ms = 0

function init(args)
  delay_ms = tonumber(args[1]) or 0
end

function delay()
  return delay_ms
end
