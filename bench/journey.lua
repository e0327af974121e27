-- wrk script for the project's own USSD journey, the same shape as peers/journey.lua: home -> jobs near me
-- -> trade -> details -> apply, then the experience question and the confirmation that the issue asks for (7
-- requests, one application at the end). One walk per session; each walk is a random seeded seeker (+85512xxxxxxx),
-- so the first step reads that seeker's profile. Run with -tN -cN. PATH_QS carries the token: "/ussd?token=x".
local steps = {"", "2", "2*1", "2*1*1", "2*1*1*1", "2*1*1*1*1", "2*1*1*1*1*1"}
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
  path = os.getenv("PATH_QS") or "/"
  seekers = tonumber(os.getenv("SEEKERS") or "100000")
end
function request()
  if step == #steps then step = 0; walk = walk + 1 end
  if step == 0 then seeker = math.random(0, seekers - 1) end
  step = step + 1
  local body = "sessionId=p" .. tid .. "-" .. walk .. "-" .. run .. "&serviceCode=%2A855%23" ..
    "&phoneNumber=%2B85512" .. string.format("%07d", seeker) ..
    "&networkCode=45601&text=" .. steps[step]:gsub("%*", "%%2A")
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
