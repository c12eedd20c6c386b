-- wrk script: one POST /api/events/{event}/queue per buyer token, each wrk thread sending its own share of the
-- token file once. Arguments: <tokens file> <event id> <wrk threads> <progress file>.
-- wrk itself always runs for its -d duration, so each thread appends "ready" to the progress file once it has read
-- its tokens and "done" once its share is answered; the bench takes the time between the last ready and the last
-- done, and stops wrk (SIGINT) then. "answered <thread> <n>" every 100 answers lets it see a run that stalls (a
-- request wrk timed out is never answered to the script). Requests beyond the share (connections still open while the last answers
-- arrive) are cheap liveness reads, told apart by their body, so they never count as joins.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local function mark(what)
  local out = io.open(progress_file, "a")
  out:write(what .. "\n")
  out:close()
end

function init(args)
  local file, event, count = args[1], args[2], tonumber(args[3])
  progress_file = args[4]
  tokens = {}
  local i = 0
  for line in io.lines(file) do
    if i % count == id then
      tokens[#tokens + 1] = line
    end
    i = i + 1
  end
  join_path = "/api/events/" .. event .. "/queue"
  sent, answered, fillers = 0, 0, 0
  c200, c201, c202, c4xx, c429, c5xx, cother = 0, 0, 0, 0, 0, 0, 0
  mark("ready")
  if #tokens == 0 then
    mark("done")
  end
end

function request()
  if sent < #tokens then
    sent = sent + 1
    return wrk.format("POST", join_path, { ["Authorization"] = "Bearer " .. tokens[sent],
      ["Content-Type"] = "application/json" }, "")
  end
  fillers = fillers + 1
  return wrk.format("GET", "/actuator/health/liveness")
end

function response(status, headers, body)
  if answered >= #tokens or (status == 200 and not body:find('"ticket"', 1, true)) then
    return -- a filler's answer
  end
  answered = answered + 1
  if answered % 100 == 0 then
    mark("answered " .. id .. " " .. answered)
  end
  if status == 200 then c200 = c200 + 1
  elseif status == 201 then c201 = c201 + 1
  elseif status == 202 then c202 = c202 + 1
  elseif status == 429 then c429 = c429 + 1
  elseif status >= 400 and status < 500 then c4xx = c4xx + 1
  elseif status >= 500 then c5xx = c5xx + 1
  else cother = cother + 1 end
  if answered >= #tokens then
    mark("answered " .. id .. " " .. answered)
    mark("done")
    wrk.thread:stop() -- its connections would only send fillers from now on, taking cpu from the others' joins
  end
end

function done(summary, latency, requests)
  local t = { answered = 0, fillers = 0, c200 = 0, c201 = 0, c202 = 0, c4xx = 0, c429 = 0, c5xx = 0, cother = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do
      t[key] = t[key] + (thread:get(key) or 0)
    end
  end
  io.write(string.format("JOIN_ANSWERS answered=%d fillers=%d 200=%d 201=%d 202=%d 429=%d 4xx=%d 5xx=%d other=%d\n",
    t.answered, t.fillers, t.c200, t.c201, t.c202, t.c429, t.c4xx, t.c5xx, t.cother))
end
