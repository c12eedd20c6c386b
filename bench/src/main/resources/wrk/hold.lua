-- wrk script: one POST /api/events/{event}/orders per line of the requests file, each line a distinct buyer
-- ("<token>\t<idempotency key>\t<JSON body>"), each wrk thread sending its own share once, for wrk's -d duration.
-- Arguments: <requests file> <event id> <wrk threads>.
-- The requests are formatted in init, before wrk starts its clock, so the measured time is not spent in Lua.
-- A thread that has sent its whole share stops (the bench then reports the supply as exhausted: the rate is
-- understated, give it more --holds); requests already formatted but left unanswered when -d ends are not counted.
-- Hold decisions are 201 (held) and 409 (refused with a reason); everything else is counted apart: 503 (shed, and
-- whether it said when to come back: Retry-After) apart from every other 5xx, which is a failure of the edge.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, event, count = args[1], args[2], tonumber(args[3])
  local path = "/api/events/" .. event .. "/orders"
  requests_of = {}
  local i = 0
  for line in io.lines(file) do
    if i % count == id then
      local token, key, body = line:match("^([^\t]+)\t([^\t]+)\t(.+)$")
      requests_of[#requests_of + 1] = wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json", ["Idempotency-Key"] = key }, body)
    end
    i = i + 1
  end
  sent, exhausted, fillers = 0, 0, 0
  c201, c409, c202, c429, c4xx, c503, c503bare, c5xx, cother = 0, 0, 0, 0, 0, 0, 0, 0, 0
  seat_taken, sold_out, insufficient, buyer_limit, other_reason = 0, 0, 0, 0, 0
end

function request()
  if sent < #requests_of then
    sent = sent + 1
    return requests_of[sent]
  end
  exhausted = 1
  fillers = fillers + 1
  wrk.thread:stop()
  return wrk.format("GET", "/actuator/health/liveness")
end

function response(status, headers, body)
  if status == 201 then c201 = c201 + 1
  elseif status == 409 then
    c409 = c409 + 1
    local reason = body:match('"reason"%s*:%s*"([%u_]+)"')
    if reason == "SEAT_TAKEN" then seat_taken = seat_taken + 1
    elseif reason == "SOLD_OUT" then sold_out = sold_out + 1
    elseif reason == "INSUFFICIENT_CAPACITY" then insufficient = insufficient + 1
    elseif reason == "BUYER_LIMIT" then buyer_limit = buyer_limit + 1
    else other_reason = other_reason + 1 end
  elseif status == 200 then return -- a filler's answer (a hold with a fresh key is never 200)
  elseif status == 202 then c202 = c202 + 1
  elseif status == 429 then c429 = c429 + 1
  elseif status >= 400 and status < 500 then c4xx = c4xx + 1
  elseif status == 503 then
    c503 = c503 + 1
    if headers["Retry-After"] == nil and headers["retry-after"] == nil then c503bare = c503bare + 1 end
  elseif status >= 500 then c5xx = c5xx + 1
  else cother = cother + 1 end
end

function done(summary, latency, requests)
  local keys = { "sent", "exhausted", "fillers", "c201", "c409", "c202", "c429", "c4xx", "c503", "c503bare", "c5xx", "cother", "seat_taken",
    "sold_out", "insufficient", "buyer_limit", "other_reason" }
  local t = {}
  for _, key in ipairs(keys) do t[key] = 0 end
  for _, thread in ipairs(threads) do
    for _, key in ipairs(keys) do
      t[key] = t[key] + (thread:get(key) or 0)
    end
  end
  io.write(string.format("HOLD_ANSWERS sent=%d 201=%d 409=%d 202=%d 429=%d 4xx=%d 503=%d 503withoutRetryAfter=%d 5xx=%d other=%d fillers=%d exhaustedThreads=%d\n",
    t.sent, t.c201, t.c409, t.c202, t.c429, t.c4xx, t.c503, t.c503bare, t.c5xx, t.cother, t.fillers, t.exhausted))
  io.write(string.format("HOLD_REASONS SEAT_TAKEN=%d SOLD_OUT=%d INSUFFICIENT_CAPACITY=%d BUYER_LIMIT=%d other=%d\n",
    t.seat_taken, t.sold_out, t.insufficient, t.buyer_limit, t.other_reason))
  io.write(string.format("HOLD_LATENCY_US p50=%d p90=%d p99=%d p999=%d max=%d\n", latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
