-- wrk script: each request is one batch of 50 ids that no other request names, so that every batch
-- does real work: batch b of a thread names ids (OFFSET + b) * 50 ... + 49. Each thread stops after
-- BATCHES batches: a fixed workload. A thread's other connections still have a request under way
-- when it stops, so a thread sends up to CONNECTIONS / threads batches more: the seed holds them.
-- KIND=sms deletes tasks t<thread>-<n>; KIND=drs stops and deletes jobs j<thread>-<n> (even ones
-- terminate, odd ones delete).
--
-- wrk keeps its clock running until -d is over, even when every thread has stopped, so requests/s
-- is taken from the load itself: each connection sends its next request when the last is answered,
-- so requests/s = connections / mean latency (Little's law).
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  batch = 0
  limit = tonumber(os.getenv("BATCHES") or "10000")
  offset = tonumber(os.getenv("OFFSET") or "0")
  kind = os.getenv("KIND") or "sms"
  project = "054ba152d480d55b2f5dc0069e7ddef0"
  wrk.headers["X-Auth-Token"] = "dev-token"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local parts = {}
  local base = (offset + batch) * 50
  for i = 0, 49 do
    if kind == "sms" then
      parts[#parts + 1] = string.format('"t%d-%d"', id, base + i)
    else
      local op = ((base + i) % 2 == 0) and "terminate" or "delete"
      parts[#parts + 1] = string.format('{"delete_type":"%s","job_id":"j%d-%d"}', op, id, base + i)
    end
  end
  batch = batch + 1
  if kind == "sms" then
    return wrk.format("POST", "/v3/tasks/delete", nil, '{"ids":[' .. table.concat(parts, ",") .. ']}')
  end
  return wrk.format("DELETE", "/v3/" .. project .. "/jobs/batch-jobs", nil, '{"jobs":[' .. table.concat(parts, ",") .. ']}')
end

function response(status, headers, body)
  if batch >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local connections = tonumber(os.getenv("CONNECTIONS") or "16")
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, connections / (latency.mean / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
