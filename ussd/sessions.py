"""USSD sessions: the state is rebuilt from AT's `text`, so a navigation step needs no Redis read.

A session starts (`text` == "") with one pipeline that reads the msisdn's resume record and writes the session's
*start record*: the seeker profile and the resume offer its first screen was drawn from. From there the state is a
pure function of the start record and the inputs in `text`:
- a step that continues what this process answered last goes on from its own copy: no I/O at all;
- any other step reads the start record (one GET) and replays `text`, so any web process can answer any step.
A step that records something (apply, alerts, language, report, invite, SMS) does it in one database transaction
that also stores the step's reply (`UssdStep`, unique per session and step) and answers only once that has
committed: a repeated or doubled request repeats nothing and gets the first reply. Those rows also say where the
session started, so with Redis down or restarted empty a session goes on from `text` and the database (only the
"continue where you left off" offer needs Redis). The resume record and the sponsored-slot counters, which can be
lost without telling anyone anything untrue, are written to Redis by a background thread in batches.
"""
import atexit
import collections
import json
import logging
import os
import threading
import time

from peewee import IntegrityError

from core.contacts import contact as contacts, effects as fx, runner
from core.jobs import slots
from core.outbound import outbox
from core.platform import runtime
from core.seekers import applications
from core.contacts.models import UssdStep
from core.seekers.models import Seeker
from ussd import engine

log = logging.getLogger(__name__)

SESSION_TTL = 900  # AT drops a session after ~3 minutes; the records outlive it to answer replays
RESUME_TTL = 600  # "continue where you left off" within 10 minutes
LOCAL_SESSIONS = 20000
NOT_RESUMABLE = ("home", "lang.first", "lang.choose", "resume", "ended")


def start_key(session_id):
    return runtime.key("ussd", "start", session_id)


def resume_key(msisdn):
    return runtime.key("ussd", "last", msisdn)


def facts_for(snapshot):
    """What the engine may read for one step: the live jobs, the deployment's values, a seeker's applications."""
    deployment = runtime.current().config.deployment()
    return engine.Facts(snapshot, service=deployment.service, hotline=", ".join(deployment.hotlines),
                        applications=applications.latest, default_language=deployment.default_language)


def load_profile(msisdn):
    """The seeker facts a session carries: one indexed read, on the first step of a session only."""
    row = Seeker.profile_of(msisdn)
    if row is None:
        return engine.new_profile()
    return engine.new_profile(*row)


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _resumable(state):
    # A record written before the state's keys were spelled out has no "language": not offered, it would not load.
    return state["id"] not in NOT_RESUMABLE and "language" in state


class Entry:
    """What this process last answered in a session."""

    __slots__ = ("text", "state", "wire", "start", "screen")

    def __init__(self, text, state, wire, start, screen):
        self.text, self.state, self.wire, self.start, self.screen = text, state, wire, start, screen


class Writer:
    """Fire-and-forget Redis writes (resume records, counters), sent in one pipeline every few milliseconds, by a
    thread that also keeps the app's copy of the live jobs fresh (it has no app context: it is handed both)."""

    def __init__(self, redis, live_jobs, interval=0.02, version_every=1.0):
        self.redis = redis
        self.live_jobs = live_jobs
        self.interval = interval
        self.version_every = version_every
        self.lock = threading.Lock()
        self.pending = {}
        self.counters = collections.Counter()
        self.pid = None
        self.closed = threading.Event()

    def set(self, key, value, ttl):
        """Write `value` (text, or a JSON-able value encoded when sent: a later set of the same key wins unencoded)."""
        self._start()
        with self.lock:
            self.pending[key] = (value, ttl)

    def delete(self, key):
        self._start()
        with self.lock:
            self.pending[key] = None

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
            pending, counters = self.pending, self.counters
            self.pending, self.counters = {}, collections.Counter()
        for key, value in pending.items():
            if value is None:
                pipe.delete(key)
            else:
                data = value[0] if isinstance(value[0], str) else _dumps(value[0])
                pipe.set(key, data, ex=value[1])
        for key, count in counters.items():
            pipe.incrby(key, count)
        return bool(pending or counters)

    def flush(self):
        """Send what is pending now."""
        pipe = self.redis.pipeline(transaction=False)
        if self.drain_into(pipe):
            pipe.execute()

    def close(self):
        """Stop the background thread; what is still pending is dropped (the Redis it was for is gone)."""
        self.closed.set()

    def _start(self):
        if self.pid == os.getpid() or self.closed.is_set():
            return
        self.pid = os.getpid()  # after a fork the parent's thread is gone: start one in this process
        threading.Thread(target=self._run, name="ussd-writer", daemon=True).start()
        atexit.register(self._flush_at_exit)

    def _flush_at_exit(self):
        if self.closed.is_set():
            return
        try:
            self.flush()  # a clean stop sends what is pending
        except Exception as error:
            log.warning("ussd writer at exit: %s", error)

    def _run(self):
        checked = 0.0
        while not self.closed.wait(self.interval):
            try:
                if time.monotonic() - checked >= self.version_every:
                    checked = time.monotonic()
                    self.live_jobs.refresh()
                self.flush()
            except Exception as error:  # Redis away: drop what cannot be sent (it can be rebuilt), try again later
                with self.lock:
                    self.pending.clear()
                    self.counters.clear()
                log.warning("ussd writer: %s", error)


class Sessions:
    """This process's view of USSD sessions."""

    def __init__(self, services):
        self.redis = services.redis
        self.cache = services.live_jobs
        self.local = collections.OrderedDict()
        self.writer = Writer(services.redis, services.live_jobs)
        self.round_trips = 0

    def answer(self, session_id, msisdn, text):
        """The wire reply (CON …/END …) to one AT request."""
        entry = self.local.get(session_id)
        if entry is not None and entry.text == text:
            return entry.wire  # AT repeating the step this process answered: same screen, nothing repeated
        snapshot = self.cache.current()
        facts = facts_for(snapshot)
        inputs = text.split("*") if text else []

        def recorded(step):
            return UssdStep.state_after(session_id, step)

        if text == "":
            start = self._begin_session(session_id, msisdn)
            state, effects = engine.begin(start["profile"], facts, start["resume"])
        elif entry is not None and (entry.text == "" or text.startswith(entry.text + "*")):
            start = entry.start
            done = len(entry.text.split("*")) if entry.text else 0
            state, effects = engine.replay(entry.state, inputs[done:], facts, done + 1, entry.screen, recorded)
        else:
            start = self._read_start(session_id, msisdn)
            state, effects = engine.begin(start["profile"], facts, start["resume"])
            state, effects = engine.replay(state, inputs, facts, recorded=recorded)
        wire, state, screen = self._carry_out(session_id, msisdn, len(inputs), start, state, effects, facts, text)
        self._after(session_id, msisdn, text, state, wire, start, screen)
        return wire

    def _begin_session(self, session_id, msisdn):
        """Read the msisdn's resume record (this process may still hold it) and note the session's start."""
        profile = load_profile(msisdn)
        try:
            waiting, raw_last = self.writer.pending_value(resume_key(msisdn))
            if not waiting:
                self.round_trips += 1
                raw_last = self.redis.get(resume_key(msisdn))
        except Exception as error:  # no resume offer without Redis; the session itself needs none
            log.warning("ussd: resume records unavailable: %s", error)
            raw_last = None
        last = json.loads(raw_last) if raw_last else None
        resume = last["state"] if last and last["session"] != session_id and _resumable(last["state"]) else None
        start = {"profile": profile, "resume": resume}
        if resume is None and profile.get("language"):
            # What another process would rebuild from anyway (this profile, no offer): no need to wait for it.
            self.writer.set(start_key(session_id), start, SESSION_TTL)
            return start
        try:
            # A first screen drawn from something the database will not say later (a resume offer, no language yet):
            # it must be in Redis before the next step can reach another process.
            self.round_trips += 1
            self.redis.set(start_key(session_id), _dumps(start), ex=SESSION_TTL)
        except Exception as error:
            log.warning("ussd: start records unavailable: %s", error)
            start = {"profile": profile, "resume": None}  # what any process rebuilds from the database
        return start

    def _read_start(self, session_id, msisdn):
        """The session's start record from Redis; else from its first recorded step, else the seeker's profile."""
        try:
            self.round_trips += 1
            raw_start = self.redis.get(start_key(session_id))
        except Exception as error:
            log.warning("ussd: start records unavailable: %s", error)
            raw_start = None
        if raw_start:
            return json.loads(raw_start)
        return UssdStep.start_of(session_id) or {"profile": load_profile(msisdn), "resume": None}

    def _carry_out(self, session_id, msisdn, step, start, state, effects, facts, text=None):
        """Carry out a step's effects and draw its reply: (wire, state, screen). A step that records something
        commits what it records with its reply in one transaction and answers only then; a repeat gets the first
        reply (and no screen: it counts nothing again)."""
        via = runner.Via("ussd", session_id, self.writer)
        if not fx.records(effects):
            if effects:  # a sponsored job opened: a count in Redis; no Contact row is read, no transaction begun
                runner.run(contacts.Contact(msisdn, state["language"]), effects, via)
            screen = engine.render(state, facts)
            return screen.wire(), state, screen
        contact = contacts.Contact(msisdn, state["language"])
        try:
            with outbox.recording():
                for effect, done in zip(effects, runner.carry_out(contact, effects, via)):
                    state = engine.settle(state, effect, done)
                wire = engine.render(state, facts).wire()
                UssdStep.record(session_id, step, start, state, wire, msisdn, text)
        except IntegrityError:  # this step was recorded already (a repeat, or a doubled request that won)
            stored = UssdStep.get((UssdStep.session_id == session_id) & (UssdStep.step == step))
            return stored.wire, stored.state, None
        return wire, state, None

    def _after(self, session_id, msisdn, text, state, wire, start, screen):
        """Remember the step here; the resume record and the screen's sponsored impressions go to Redis in the
        background."""
        if wire.startswith("END") or state["id"] in NOT_RESUMABLE:
            self.writer.delete(resume_key(msisdn))
        else:
            self.writer.set(resume_key(msisdn), {"session": session_id, "state": state}, RESUME_TTL)
        for slot in screen.impressions if screen is not None else ():
            self.writer.incr(slots.impressions_key(slot))
        self.local[session_id] = Entry(text, state, wire, start, screen)
        self.local.move_to_end(session_id)
        if len(self.local) > LOCAL_SESSIONS:
            self.local.popitem(last=False)
