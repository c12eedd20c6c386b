-- wrk script: GET /api/events/{event}/queue/{ticket} with the ticket's own buyer token, cycling through the pairs
-- file ("<token>\t<ticket>" per line); each wrk thread starts at its own offset. Arguments: <pairs file> <event id>
-- <wrk threads>.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file, event, count = args[1], args[2], tonumber(args[3])
  requests_of = {}
  for line in io.lines(file) do
    local token, ticket = line:match("^([^\t]+)\t(.+)$")
    if token then
      requests_of[#requests_of + 1] = wrk.format("GET", "/api/events/" .. event .. "/queue/" .. ticket,
        { ["Authorization"] = "Bearer " .. token })
    end
  end
  at = math.floor(#requests_of * id / count)
  ok, bad = 0, 0
end

function request()
  at = at % #requests_of + 1
  return requests_of[at]
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_bad = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + (thread:get("ok") or 0)
    total_bad = total_bad + (thread:get("bad") or 0)
  end
  io.write(string.format("STATUS_ANSWERS 200=%d other=%d\n", total_ok, total_bad))
end
