-- wrk script for the project's own USSD journey of a NEW seeker: language first, then find jobs -> trade -> all
-- Cambodia -> a job -> apply -> experience -> confirm (9 requests, one application, two SMS queued). Each walk is a
-- number never seen before (+855<PREFIX>xxxxxxx), so the language step creates the seeker. Run with -tN -cN.
local steps = {"", "3", "3*1", "3*1*1", "3*1*1*2", "3*1*1*2*2", "3*1*1*2*2*1", "3*1*1*2*2*1*1", "3*1*1*2*2*1*1*1"}
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
  prefix = os.getenv("PREFIX") or "13"  -- a fresh prefix per run: its numbers must be new
end
function request()
  if step == #steps then step = 0; walk = walk + 1 end
  if step == 0 then seeker = seeker + 1 end
  step = step + 1
  local body = "sessionId=p" .. tid .. "-" .. walk .. "-" .. run .. "&serviceCode=%2A855%23" ..
    "&phoneNumber=%2B855" .. prefix .. string.format("%02d%05d", tid, seeker) ..
    "&networkCode=45601&text=" .. steps[step]:gsub("%*", "%%2A")
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
