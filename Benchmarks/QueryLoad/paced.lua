-- wrk script: cycles through the request paths in $WRK_PATHS (one per line), waits $WRK_DELAY_MS after each response
-- on each connection (paced load: rate ≈ connections / (delay + latency)), prints one RESULT line at the end.
local paths = {}
local counter = 0
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")

function init(args)
  local f = assert(io.open(os.getenv("WRK_PATHS"), "r"))
  for line in f:lines() do
    if #line > 0 then table.insert(paths, line) end
  end
  f:close()
  math.randomseed(math.floor(os.clock() * 1e6) + #paths)
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f rps=%.1f requests=%d errors=%d non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
