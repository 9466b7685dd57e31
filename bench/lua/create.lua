-- POST /v1/organizations/{orgId}/apikeys with a fixed body; counts the 201s across threads.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"bench","role":"member"}'

created = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 end
end

function extra_fields()
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("created") end
  return string.format(',"created":%d', total)
end
