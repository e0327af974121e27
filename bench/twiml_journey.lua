-- wrk script for calls over TwiML as a Twilio-compatible gateway drives them: each call's callbacks as
-- bench/twilio_bench.py walked and signed them (TWIML_CALLS names the Lua file it wrote: a list of calls, each a
-- list of {p = path?query, b = form body, s = X-Twilio-Signature}). Each thread replays calls from its own offset.
-- Run with -tN -cN.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  calls = dofile(os.getenv("TWIML_CALLS"))
  call = (tid * 97) % #calls + 1
  step = 0
end
function request()
  step = step + 1
  if step > #calls[call] then
    call = call % #calls + 1
    step = 1
  end
  local s = calls[call][step]
  return wrk.format("POST", s.p, {["Content-Type"] = "application/x-www-form-urlencoded",
                                  ["X-Twilio-Signature"] = s.s}, s.b)
end
