-- wrk script for a voice call as Africa's Talking drives it: the answer, then each key posted to the callbackUrl of
-- the last GetDigits (which carries the flow's state): trade 1# -> next job -> next job -> apply -> experienced ->
-- end (7 callbacks, one application), or the keys in VOICE_KEYS. One call per walk, a random seeded seeker (+85512xxxxxxx) calling in.
-- Run with -tN -cN (one connection per thread: each answer gives the next request's URL). PATH_QS: "/voice?token=x".
local keys = {"", "1#", "2", "2", "1", "1", "0"}
if os.getenv("VOICE_KEYS") then  -- another walk, e.g. "1#,2,2,5,2,0" (navigation only)
  keys = {""}
  for key in os.getenv("VOICE_KEYS"):gmatch("[^,]+") do keys[#keys + 1] = key end
end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  math.randomseed(os.time() + tid * 7919)
  run = math.random(1000000000)
  step = 0
  walk = 0
  seeker = 0
  start_path = os.getenv("PATH_QS") or "/voice"
  next_path = start_path
  seekers = tonumber(os.getenv("SEEKERS") or "100000")
end
local function encode(value)
  return (value:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
function request()
  if step == #keys or (step > 0 and next_path == nil) then step = 0; walk = walk + 1 end
  if step == 0 then seeker = math.random(0, seekers - 1); next_path = start_path end
  step = step + 1
  local body = "isActive=1&sessionId=v" .. tid .. "-" .. walk .. "-" .. run .. "&direction=Inbound" ..
    "&callerNumber=" .. encode("+85512" .. string.format("%07d", seeker)) ..
    "&destinationNumber=%2B85523900000&dtmfDigits=" .. encode(keys[step])
  return wrk.format("POST", next_path, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
function response(status, headers, body)
  local url = body:match('callbackUrl="([^"]*)"')
  if url then
    next_path = url:gsub("&amp;", "&"):gsub("&quot;", '"'):gsub("^https?://[^/]+", "")
  else
    next_path = nil
  end
end
