-- POST bodies {"key": "..."} for the cluster section, from wrk threads spread over several servers.
-- The ports come from the environment, WRK_PORTS=7001,7002,...: thread i (from 0) talks to port
-- i mod (number of ports), so that with 4 threads and 2 servers each server gets 2 threads' connections.
-- Arguments after `--`:
--   keys FILE        every thread cycles through every key in FILE, one per line
--   share FILE T     thread i of T takes lines i+1, i+1+T, i+1+2T, ... of FILE, each sent once: no two
--                    requests of a run present the same key; after its share a thread starts it again,
--                    which bench/cluster.ts counts as a failed run
-- Every request is built in init(), before wrk starts its clock, as in verify.lua.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local started = 0

function setup(thread)
  local ports = {}
  for port in (os.getenv("WRK_PORTS") or ""):gmatch("%d+") do ports[#ports + 1] = port end
  if #ports == 0 then error("WRK_PORTS names no port") end
  thread.addr = wrk.lookup(wrk.host, ports[started % #ports + 1])[1]
  thread:set("slot", started)
  started = started + 1
end

wrk.headers["Content-Type"] = "application/json"

local requests = {}
local count = 0
local n = 0

function init(args)
  local mode, file = args[1], args[2]
  local every, first = 1, 0
  if mode == "share" then
    every = tonumber(args[3])
    first = slot
    if not every or every < 1 then error("share needs the number of threads") end
  elseif mode ~= "keys" then
    error("unknown mode " .. tostring(mode))
  end
  local line = 0
  for key in io.lines(file) do
    if #key > 0 then
      if line % every == first then
        count = count + 1
        requests[count] = wrk.format("POST", nil, nil, '{"key":"' .. key .. '"}')
      end
      line = line + 1
    end
  end
  if count == 0 then error("no keys for this thread in " .. file) end
end

function request()
  n = n % count + 1
  return requests[n]
end
