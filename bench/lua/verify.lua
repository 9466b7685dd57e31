-- POST bodies {"key": "..."} for verify runs, and for the bare POST baseline (same bytes).
-- Arguments after `--`: a mode, its parameter, and for the made-up keys how many to make.
--   keys FILE           cycle through the keys in FILE, one per line
--   garbage - N         random printable strings of 8 to 120 characters: mostly too short, else no prefix
--   malformed PFX N     PFX_ and 38 base62 characters: the generated shape with a wrong checksum (odd
--                       keys), or with one character outside the alphabet (even keys)
--   unknown PFX N       well-formed keys with a valid CRC32 checksum, all different, so that no
--                       negative cache can answer them
-- Every request is built in init(), which wrk calls before it opens its connections and starts its
-- clock, so that request() only hands out the next one, whatever the mode: made per request, in Lua,
-- the bad keys could make wrk (one thread, one CPU) the limit rather than the server. After N requests
-- the made-up keys come round again; bench/floods.ts fails a run that sent more requests than keys.
-- Each run seeds its keys from /dev/urandom, so that no two runs, a warm-up and its run included,
-- send the same ones.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local bit = require("bit")
local band, bnot, bxor, rshift = bit.band, bit.bnot, bit.bxor, bit.rshift
local char, floor, random, unpack = string.char, math.floor, math.random, unpack

local B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
local DIGIT, VALUE = {}, {}
for i = 1, #B62 do
  DIGIT[i - 1] = B62:byte(i)
  VALUE[B62:byte(i)] = i - 1
end

-- CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as node:zlib's crc32 computes it.
local CRC = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if band(c, 1) == 1 then c = bxor(rshift(c, 1), 0xEDB88320) else c = rshift(c, 1) end
  end
  CRC[i] = c
end

-- A made-up key is written as byte codes into `key`, then made a string once: joining strings made
-- several per key, each one hashed and interned by LuaJIT, and cost most of init's time.
local key = {}

local function crc32(length)
  local c = 0xFFFFFFFF
  for i = 1, length do
    c = bxor(CRC[band(bxor(c, key[i]), 0xFF)], rshift(c, 8))
  end
  c = bnot(c)
  if c < 0 then c = c + 4294967296 end
  return c
end

local function putRandom62(from, to)
  for i = from, to do key[i] = DIGIT[random(0, 61)] end
end

-- `n` in base62, `width` digits ending at key[last]. 62^6 > 2^32: six digits hold any CRC32 exactly.
local function putBase62(n, last, width)
  for i = last, last - width + 1, -1 do
    key[i] = DIGIT[n % 62]
    n = floor(n / 62)
  end
end

local function base62At(last, width)
  local n = 0
  for i = last - width + 1, last do n = n * 62 + VALUE[key[i]] end
  return n
end

local function garbage()
  local length = random(8, 120)
  for i = 1, length do
    local c = random(32, 126)
    if c == 34 or c == 92 then c = 33 end -- no quote or backslash: the JSON must stay valid
    key[i] = c
  end
  return char(unpack(key, 1, length))
end

-- The generated shape, `prefix_` then 32 random characters and a 6-character checksum: `head` is the
-- length before the checksum. The prefix is already in `key`.
local function unknown(head)
  putRandom62(head - 31, head)
  putBase62(crc32(head), head + 6, 6)
  return char(unpack(key, 1, head + 6))
end

local function malformed(head, i)
  putRandom62(head - 31, head)
  local checksum = crc32(head)
  if i % 2 == 1 then
    repeat putRandom62(head + 1, head + 6) until base62At(head + 6, 6) ~= checksum
    return char(unpack(key, 1, head + 6))
  end
  putBase62(checksum, head + 6, 6)
  key[head - 32 + random(1, 38)] = 33 -- "!"
  return char(unpack(key, 1, head + 6))
end

local MAKE = { garbage = garbage, malformed = malformed, unknown = unknown }

-- A seed no other run shares: 48 bits of /dev/urandom, exact in a Lua number.
local function freshSeed()
  local urandom = assert(io.open("/dev/urandom", "rb"))
  local bytes = urandom:read(6)
  urandom:close()
  local seed = 0
  for i = 1, #bytes do seed = seed * 256 + bytes:byte(i) end
  return seed
end

wrk.headers["Content-Type"] = "application/json"

local requests = {}
local count = 0
local n = 0

-- Each body length's request up to its key: wrk.format once per length rather than once per key.
local heads = {}

local function add(text)
  local head = heads[#text]
  if not head then
    local whole = wrk.format("POST", nil, nil, '{"key":"' .. string.rep("x", #text) .. '"}')
    head = whole:sub(1, #whole - #text - 2)
    heads[#text] = head
  end
  count = count + 1
  requests[count] = head .. text .. '"}'
end

function init(args)
  local mode, param = args[1], args[2]
  if mode == "keys" then
    for line in io.lines(param) do
      if #line > 0 then add(line) end
    end
    if count == 0 then error("no keys in " .. param) end
    return
  end
  local make = MAKE[mode]
  if not make then error("unknown mode " .. tostring(mode)) end
  local total = tonumber(args[3])
  if not total or total < 1 then error(mode .. " needs how many keys to make") end
  for i = 1, #param do key[i] = param:byte(i) end
  key[#param + 1] = 95 -- "_"
  local head = #param + 1 + 32
  math.randomseed(freshSeed())
  for i = 1, total do add(make(head, i)) end
end

function request()
  n = n % count + 1
  return requests[n]
end
