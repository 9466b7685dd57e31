-- POST bodies {"key": "..."} for verify runs, and for the bare POST baseline (same bytes).
-- Arguments after `--`: a mode, then its parameter, then a random seed.
--   keys FILE       cycle through the keys in FILE, one per line (requests built once, up front)
--   garbage -       random printable strings of 8 to 120 characters: mostly too short, else no prefix
--   malformed PFX   PFX_ and 38 base62 characters: the generated shape with a wrong checksum (odd
--                   requests), or with one character outside the alphabet (even requests)
--   unknown PFX     well-formed keys with a valid CRC32 checksum, fresh for every request, so that no
--                   negative cache can answer them
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local bit = require("bit")
local B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

-- CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as node:zlib's crc32 computes it.
local CRC = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if bit.band(c, 1) == 1 then c = bit.bxor(bit.rshift(c, 1), 0xEDB88320) else c = bit.rshift(c, 1) end
  end
  CRC[i] = c
end

local function crc32(s)
  local c = 0xFFFFFFFF
  for i = 1, #s do
    c = bit.bxor(CRC[bit.band(bit.bxor(c, s:byte(i)), 0xFF)], bit.rshift(c, 8))
  end
  c = bit.bnot(c)
  if c < 0 then c = c + 4294967296 end
  return c
end

local function base62(n, width)
  local out = {}
  for i = width, 1, -1 do
    local d = n % 62
    out[i] = B62:sub(d + 1, d + 1)
    n = math.floor(n / 62)
  end
  return table.concat(out)
end

local function random62(length)
  local out = {}
  for i = 1, length do
    local d = math.random(1, 62)
    out[i] = B62:sub(d, d)
  end
  return table.concat(out)
end

local function body(key)
  return wrk.format("POST", nil, nil, '{"key":"' .. key .. '"}')
end

wrk.headers["Content-Type"] = "application/json"

local mode, param
local fixed = {}
local count = 0
local n = 0

function init(args)
  mode, param = args[1], args[2]
  math.randomseed(tonumber(args[3]) or os.time())
  if mode == "keys" then
    for line in io.lines(param) do
      if #line > 0 then
        count = count + 1
        fixed[count] = body(line)
      end
    end
    if count == 0 then error("no keys in " .. param) end
  elseif mode ~= "garbage" and mode ~= "malformed" and mode ~= "unknown" then
    error("unknown mode " .. tostring(mode))
  end
end

local function garbage()
  local out = {}
  for i = 1, math.random(8, 120) do
    local c = math.random(32, 126)
    if c == 34 or c == 92 then c = 33 end -- no quote or backslash: the JSON must stay valid
    out[i] = string.char(c)
  end
  return table.concat(out)
end

local function malformed()
  n = n + 1
  local head = param .. "_" .. random62(32)
  if n % 2 == 1 then
    local good = base62(crc32(head), 6)
    local bad = good
    while bad == good do bad = random62(6) end
    return head .. bad
  end
  local key = head .. base62(crc32(head), 6)
  local at = #param + 1 + math.random(1, 38)
  return key:sub(1, at - 1) .. "!" .. key:sub(at + 1)
end

local function unknown()
  local head = param .. "_" .. random62(32)
  return head .. base62(crc32(head), 6)
end

function request()
  if mode == "keys" then
    n = n % count + 1
    return fixed[n]
  elseif mode == "garbage" then
    return body(garbage())
  elseif mode == "malformed" then
    return body(malformed())
  end
  return body(unknown())
end
