-- wrk script: GET one path (a section's seat map) with buyer tokens taken in turn from the tokens file (one per line),
-- each wrk thread starting at its own offset. Arguments: <tokens file> <path> <wrk threads>.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, path, count = args[1], args[2], tonumber(args[3])
  requests_of = {}
  for token in io.lines(file) do
    if token ~= "" then
      requests_of[#requests_of + 1] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
    end
  end
  at = math.floor(#requests_of * id / count)
  ok, bad, bytes = 0, 0, 0
end

function request()
  at = at % #requests_of + 1
  return requests_of[at]
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    bytes = #body
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_bad, body_bytes = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + (thread:get("ok") or 0)
    total_bad = total_bad + (thread:get("bad") or 0)
    body_bytes = math.max(body_bytes, thread:get("bytes") or 0)
  end
  io.write(string.format("SEATMAP_ANSWERS 200=%d other=%d bodyBytes=%d\n", total_ok, total_bad, body_bytes))
  io.write(string.format("SEATMAP_LATENCY_US p50=%d p90=%d p99=%d p999=%d max=%d\n", latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
