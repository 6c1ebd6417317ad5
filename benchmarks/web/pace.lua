-- wrk script: each connection waits DELAY ms (the first script argument) after every response,
-- so that N connections send about N / (DELAY + latency) requests a second: an open-ish load at
-- a chosen rate instead of wrk's default flat-out loop. bench_web.py calibrates DELAY.
-- Further arguments are the addresses to ask, in turn (each thread starting at its own place in
-- the list), so that a run asks a varied mix of questions rather than one.
local delay_ms = 0
local paths = {}
local turn = 0

function init(args)
  delay_ms = tonumber(args[1]) or 0
  for i = 2, #args do
    paths[#paths + 1] = args[i]
  end
  turn = math.random(1, math.max(#paths, 1))
end

function request()
  if #paths == 0 then
    return wrk.format()
  end
  turn = turn % #paths + 1
  return wrk.format(nil, paths[turn])
end

function delay()
  return delay_ms
end
