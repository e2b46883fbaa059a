-- wrk script: POST /api/v1/billing/executions as the platform's backend (billing-recorder token), a unique
-- execution id per request, for a random one of BENCH_CUSTOMERS customers (bench_1 .. bench_N).
-- With BENCH_REQUEST=me: GET /api/v1/me with the same token, an authenticated request that reads no data (the
-- framework's own cost: HTTP, JWT verification, security, JSON).
local token = os.getenv("BENCH_TOKEN")
local customers = tonumber(os.getenv("BENCH_CUSTOMERS") or "10000")
local run = os.getenv("BENCH_RUN") or "run"
local only_me = os.getenv("BENCH_REQUEST") == "me"
local threads = {}
local next_thread = 0

function setup(thread)
   thread:set("tid", next_thread)
   next_thread = next_thread + 1
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   math.randomseed(os.time() * 1000 + tid)
end

function request()
   if only_me then
      return wrk.format("GET", "/api/v1/me", {["Authorization"] = "Bearer " .. token})
   end
   counter = counter + 1
   local body = string.format('{"execution_id":"%s-%d-%d","customer_id":"bench_%d"}', run, tid, counter,
      math.random(1, customers))
   return wrk.format("POST", "/api/v1/billing/executions",
      {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function done(summary, latency, requests)
   io.write(string.format("BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "non2xx=%d socket_errors=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
