"""USSD sessions: the state is rebuilt from AT's `text`, so a navigation step needs no Redis read.

A session starts (`text` == "") with one pipeline that reads the msisdn's resume record and writes the session's
*start record*: the seeker profile and the resume offer its first screen was drawn from. From there the state is a
pure function of the start record and the inputs in `text`:
- a step that continues what this process answered last goes on from its own copy: no I/O at all;
- any other step reads the start record (one GET) and replays `text`, so any web process can answer any step and a
  session outlives a Redis restart (without a start record, the profile comes from the database).
Applying is answered from memory and one indexed read; the application is queued (and recorded idempotently by the
worker). Any other step that records something (alerts, language, report, invite, SMS) claims its place in the
session with SET NX, so a replayed or doubled request repeats nothing and gets the reply the first one stored. The
resume record ("continue where you left off"), the sponsored-slot counters and queued applications are written by a
background thread in batches, off the request path; a session's first step looks at this process's pending writes
before asking Redis.
"""
import atexit
import collections
import json
import logging
import os
import threading
import time

from core import applications, livejobs, slots
from ussd import effects as fx
from ussd import engine, host

log = logging.getLogger(__name__)

SESSION_TTL = 900  # AT drops a session after ~3 minutes; the records outlive it to answer replays
RESUME_TTL = 600  # "continue where you left off" within 10 minutes
LOCAL_SESSIONS = 20000
NOT_RESUMABLE = ("home", "lang.first", "lang.choose", "resume", "ended")
CLAIM_WAIT = 3.0  # how long a doubled recording request waits for the first one's reply


def start_key(session_id):
    return f"bp:ussd:start:{session_id}"


def claim_key(session_id, inputs):
    return f"bp:ussd:claim:{session_id}:{inputs}"


def reply_key(session_id, inputs):
    return f"bp:ussd:reply:{session_id}:{inputs}"


def resume_key(msisdn):
    return f"bp:ussd:last:{msisdn}"


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Entry:
    """What this process last answered in a session."""

    __slots__ = ("text", "state", "wire", "start", "screen")

    def __init__(self, text, state, wire, start, screen):
        self.text, self.state, self.wire, self.start, self.screen = text, state, wire, start, screen


class Writer:
    """Fire-and-forget Redis writes (resume records, counters), sent in one pipeline every few milliseconds."""

    def __init__(self, redis, interval=0.02, version_every=1.0):
        self.redis = redis
        self.interval = interval
        self.version_every = version_every
        self.lock = threading.Lock()
        self.pending = {}
        self.counters = collections.Counter()
        self.lists = {}
        self.pid = None
        self.closed = threading.Event()
        self.wants_drain = False  # this process queued applications: a worker should write them

    def set(self, key, value, ttl):
        """Write `value` (text, or a JSON-able value encoded when sent: a later set of the same key wins unencoded)."""
        self._start()
        with self.lock:
            self.pending[key] = (value, ttl)

    def delete(self, key):
        self._start()
        with self.lock:
            self.pending[key] = None

    def push(self, key, value):
        """Append `value` to the list `key` (in order)."""
        self._start()
        with self.lock:
            self.lists.setdefault(key, []).append(value)
            if key == applications.QUEUED_KEY:
                self.wants_drain = True

    def incr(self, key):
        self._start()
        with self.lock:
            self.counters[key] += 1

    def pending_value(self, key):
        """(True, value) if a write of `key` waits here (None for a delete), else (False, None)."""
        with self.lock:
            if key not in self.pending:
                return False, None
            value = self.pending[key]
        if value is None:
            return True, None
        return True, value[0] if isinstance(value[0], str) else _dumps(value[0])

    def drain_into(self, pipe):
        """Queue every pending write on `pipe` (the caller executes it)."""
        with self.lock:
            pending, counters, lists = self.pending, self.counters, self.lists
            self.pending, self.counters, self.lists = {}, collections.Counter(), {}
        for key, value in pending.items():
            if value is None:
                pipe.delete(key)
            else:
                data = value[0] if isinstance(value[0], str) else _dumps(value[0])
                pipe.set(key, data, ex=value[1])
        for key, count in counters.items():
            pipe.incrby(key, count)
        for key, values in lists.items():
            pipe.rpush(key, *values)
        return bool(pending or counters or lists)

    def flush(self):
        """Send what is pending now, and ask for a worker to record queued applications."""
        pipe = self.redis.pipeline(transaction=False)
        if self.drain_into(pipe):
            pipe.execute()
        if self.wants_drain:
            self.wants_drain = False
            applications.request_drain()

    def close(self):
        """Stop the background thread; what is still pending is dropped (the Redis it was for is gone)."""
        self.closed.set()

    def _start(self):
        if self.pid == os.getpid() or self.closed.is_set():
            return
        self.pid = os.getpid()  # after a fork the parent's thread is gone: start one in this process
        threading.Thread(target=self._run, name="ussd-writer", daemon=True).start()
        atexit.register(self.flush)  # a clean stop sends what is pending

    def _run(self):
        checked = 0.0
        while not self.closed.wait(self.interval):
            try:
                self.flush()
                if time.monotonic() - checked >= self.version_every:
                    checked = time.monotonic()
                    livejobs.cache.refresh(livejobs.read_version())
            except Exception as error:  # Redis away: keep going, the next tick tries again
                log.warning("ussd writer: %s", error)


class Sessions:
    """This process's view of USSD sessions."""

    def __init__(self, redis, cache=None):
        self.redis = redis
        self.cache = cache or livejobs.cache
        self.local = collections.OrderedDict()
        self.writer = Writer(redis)
        self.round_trips = 0

    def answer(self, session_id, msisdn, text):
        """The wire reply (CON …/END …) to one AT request."""
        entry = self.local.get(session_id)
        if entry is not None and entry.text == text:
            return entry.wire  # AT repeating the step this process answered: same screen, nothing repeated
        snapshot = self.cache.current()
        facts = host.facts(snapshot)
        inputs = text.split("*") if text else []
        stored = None
        if text == "":
            start = self._begin_session(session_id, msisdn)
            state, effects = engine.begin(start["p"], facts, start["r"])
        elif entry is not None and (entry.text == "" or text.startswith(entry.text + "*")):
            start = entry.start
            state, effects, shown = entry.state, [], entry.screen
            for raw in inputs[len(entry.text.split("*")) if entry.text else 0:]:
                state, effects = engine.step(state, raw, facts, shown)
                shown = None
        else:
            start, stored = self._read_start(session_id, msisdn, len(inputs))
            state, effects = engine.begin(start["p"], facts, start["r"])
            for raw in inputs:
                state, effects = engine.step(state, raw, facts)
        screen = None
        if fx.records(effects):
            wire, state = self._record(session_id, msisdn, len(inputs), state, effects, facts, stored)
        else:
            screen = engine.render(state, facts)
            wire = screen.wire()
        self._after(session_id, msisdn, text, state, wire, start, effects, screen)
        return wire

    def _begin_session(self, session_id, msisdn):
        """Read the msisdn's resume record (this process may still hold it) and note the session's start."""
        profile = host.load_profile(msisdn)
        waiting, raw_last = self.writer.pending_value(resume_key(msisdn))
        if not waiting:
            raw_last = self.redis.get(resume_key(msisdn))
            self.round_trips += 1
        last = json.loads(raw_last) if raw_last else None
        resume = last["s"] if last and last.get("sid") != session_id and last["s"]["id"] not in NOT_RESUMABLE else None
        start = {"p": profile, "r": resume}
        if resume is None and profile.get("lang"):
            # What another process would rebuild from anyway (this profile, no offer): no need to wait for it.
            self.writer.set(start_key(session_id), start, SESSION_TTL)
        else:
            # A first screen drawn from something the database will not say later (a resume offer, no language yet):
            # it must be in Redis before the next step can reach another process.
            self.redis.set(start_key(session_id), _dumps(start), ex=SESSION_TTL)
            self.round_trips += 1
        return start

    def _read_start(self, session_id, msisdn, inputs):
        """The session's start record (and the reply stored for this step, if any) from Redis; else from the database."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.get(start_key(session_id))
        pipe.get(reply_key(session_id, inputs))
        raw_start, raw_reply = self._execute(pipe)
        start = json.loads(raw_start) if raw_start else {"p": host.load_profile(msisdn), "r": None}
        return start, raw_reply

    def _record(self, session_id, msisdn, inputs, state, effects, facts, stored):
        """Carry out a recording step once per session and step; a repeat gets the first reply."""
        records = fx.records(effects)
        if stored is None and len(records) == 1 and isinstance(records[0], fx.RecordApplication):
            return self._apply(session_id, msisdn, inputs, state, records[0], facts)
        if stored is None:
            claimed = self.redis.set(claim_key(session_id, inputs), "1", nx=True, ex=SESSION_TTL)
            self.round_trips += 1
            if not claimed:
                stored = self._wait_for_reply(session_id, inputs)
        if stored is not None:
            reply = json.loads(stored)
            return reply["r"], reply["s"]
        for effect in fx.records(effects):
            state = engine.settle(state, effect, host.carry_out(effect, msisdn, state))
        wire = engine.render(state, facts).wire()
        self.redis.set(reply_key(session_id, inputs), _dumps({"r": wire, "s": state}), ex=SESSION_TTL)
        self.round_trips += 1
        return wire, state

    def _apply(self, session_id, msisdn, inputs, state, effect, facts):
        """The apply step: decided from memory and one indexed read; no Redis round trip and no write here.

        The application is queued for the worker, and the reply kept for a repeat of this request reaching another
        process, by the background writer within milliseconds. Recording is idempotent (one application per job and
        seeker), so a repeat that queues it again changes nothing. What a crash of this process loses in that window
        is of the same order as what Redis, which keeps the queue, loses when it restarts without persistence.
        """
        outcome = host.application_outcome(effect, msisdn)
        state = engine.settle(state, effect, {"outcome": outcome})
        wire = engine.render(state, facts).wire()
        self.writer.set(reply_key(session_id, inputs), {"r": wire, "s": state}, SESSION_TTL)
        if outcome == "created":
            self.writer.push(applications.QUEUED_KEY, applications.intent(effect.ref, msisdn, "ussd", effect.experienced))
        return wire, state

    def _wait_for_reply(self, session_id, inputs):
        deadline = time.monotonic() + CLAIM_WAIT
        while time.monotonic() < deadline:
            stored = self.redis.get(reply_key(session_id, inputs))
            if stored is not None:
                return stored
            time.sleep(0.02)
        raise TimeoutError("the first request of this step did not finish")

    def _after(self, session_id, msisdn, text, state, wire, start, effects, screen):
        """Remember the step here; the resume record and counters go to Redis in the background."""
        if wire.startswith("END") or state["id"] in NOT_RESUMABLE:
            self.writer.delete(resume_key(msisdn))
        else:
            self.writer.set(resume_key(msisdn), {"sid": session_id, "s": state}, RESUME_TTL)
        for slot in screen.impressions if screen is not None else ():
            self.writer.incr(slots.impressions_key(slot))
        for effect in effects:
            if isinstance(effect, fx.CountView):
                self.writer.incr(slots.views_key(effect.slot))
        self.local[session_id] = Entry(text, state, wire, start, screen)
        self.local.move_to_end(session_id)
        if len(self.local) > LOCAL_SESSIONS:
            self.local.popitem(last=False)

    def _execute(self, pipe):
        self.round_trips += 1
        return pipe.execute()
