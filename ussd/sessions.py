"""USSD sessions in Redis, at most one pipelined round trip per navigation step.

A step is computed optimistically from this process's copy of the session (its last reply here) and the in-memory
live jobs; one pipeline then reads back the stored session, the resume record and the jobs version *and* writes the
new session and the sponsored-slot counters. If what it read back differs from what was assumed (another process
served the last step, Redis was flushed, the jobs changed, a dropped session waits to be resumed), the step is
computed again from what Redis holds and written a second time. A step that records something (apply, alerts,
language, report, invite, SMS) and a step this process has not seen the session for read first, then write: two
round trips, and the database write. A session whose Redis state is gone is rebuilt by replaying AT's `text`.
"""
import collections
import json

from core import livejobs
from ussd import effects as fx
from ussd import engine, host

SESSION_TTL = 900  # AT drops a session after ~3 minutes; the record outlives it to answer replays
RESUME_TTL = 600  # "continue where you left off" within 10 minutes
LOCAL_SESSIONS = 20000
NOT_RESUMABLE = ("home", "lang.first", "lang.choose", "resume", "ended")


def session_key(session_id):
    return f"bp:ussd:session:{session_id}"


def resume_key(msisdn):
    return f"bp:ussd:last:{msisdn}"


class Observed:
    """What Redis holds for a session: its record, the msisdn's resume record, the live jobs version."""

    def __init__(self, session, last, version):
        self.raw = session.decode() if isinstance(session, bytes) else session
        self.session = json.loads(self.raw) if self.raw else None
        self.last = json.loads(last) if last else None
        self.version = livejobs.version_text(version)


class Sessions:
    def __init__(self, redis, cache=None):
        self.redis = redis
        self.cache = cache or livejobs.cache
        self.local = collections.OrderedDict()  # session id -> (raw record, record) last written here
        self.round_trips = 0

    def answer(self, session_id, msisdn, text):
        """The wire reply (CON …/END …) to one AT request."""
        guess = self._guess(session_id, text)
        observed = None
        undo = ()
        if guess is not None:
            raw, record = guess
            if record is not None and record["t"] == text:
                return record["r"]  # a replay of the step this process answered: same screen, no effect
            snapshot = self.cache.current()
            state, effects, screen = self._compute(record, msisdn, text, snapshot, resume=None)
            if not fx.records(effects):
                new_raw = self._record(text, state, screen)
                observed = self._write(session_id, msisdn, new_raw, state, screen, effects, read_back=True)
                if observed.raw == raw and observed.version == snapshot.version and not (
                    text == "" and self._resumable(observed.last, session_id)
                ):
                    self._remember(session_id, new_raw)
                    return screen.wire()
                undo = self._counters(screen, effects)
        if observed is None:
            observed = self._read(session_id, msisdn)
        record = observed.session
        if record is not None and record["t"] == text:
            self._remember(session_id, observed.raw)
            return record["r"]
        snapshot = self.cache.current(observed.version)
        resume = observed.last["s"] if text == "" and self._resumable(observed.last, session_id) else None
        state, effects, screen = self._compute(record, msisdn, text, snapshot, resume)
        for effect in fx.records(effects):
            state = engine.settle(state, effect, host.carry_out(effect, msisdn, state))
            screen = engine.render(state, host.facts(snapshot))
        new_raw = self._record(text, state, screen)
        self._write(session_id, msisdn, new_raw, state, screen, effects, read_back=False, undo=undo)
        self._remember(session_id, new_raw)
        return screen.wire()

    def _guess(self, session_id, text):
        """(raw, record) this process last wrote for the session if `text` continues it; (None, None) for a new one."""
        if text == "":
            return None, None
        known = self.local.get(session_id)
        if known is None:
            return None
        raw, record = known
        if record["t"] == text or text.startswith(record["t"] + "*") or (record["t"] == "" and text):
            return known
        return None

    def _compute(self, record, msisdn, text, snapshot, resume):
        facts = host.facts(snapshot)
        inputs = text.split("*") if text else []
        if record is not None and record["t"] != text and (record["t"] == "" or text.startswith(record["t"] + "*")):
            state, done = record["s"], len(record["t"].split("*")) if record["t"] else 0
            effects = []
            for raw in inputs[done:]:
                state, produced = engine.step(state, raw, facts)
                effects += produced
        elif text == "":
            state, effects = engine.begin(host.load_profile(msisdn), facts, resume)
        else:  # the session's record is gone: rebuild it from AT's text
            state, effects = engine.replay(inputs, host.load_profile(msisdn), facts)
        return state, effects, engine.render(state, facts)

    @staticmethod
    def _record(text, state, screen):
        return json.dumps({"t": text, "s": state, "r": screen.wire()}, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def _resumable(last, session_id):
        return last is not None and last.get("sid") != session_id and last["s"]["id"] not in NOT_RESUMABLE

    @staticmethod
    def _counters(screen, effects):
        keys = [f"slot:{slot}:impressions" for slot in screen.impressions]
        return keys + [f"slot:{effect.slot}:views" for effect in effects if isinstance(effect, fx.CountView)]

    def _read(self, session_id, msisdn):
        pipe = self.redis.pipeline(transaction=False)
        pipe.get(session_key(session_id))
        pipe.get(resume_key(msisdn))
        pipe.get(livejobs.JOBS_VERSION_KEY)
        self.round_trips += 1
        return Observed(*pipe.execute())

    def _write(self, session_id, msisdn, new_raw, state, screen, effects, read_back, undo=()):
        pipe = self.redis.pipeline(transaction=False)
        if read_back:
            pipe.get(session_key(session_id))
            pipe.get(resume_key(msisdn))
            pipe.get(livejobs.JOBS_VERSION_KEY)
        pipe.set(session_key(session_id), new_raw, ex=SESSION_TTL)
        if screen.ends or state["id"] in NOT_RESUMABLE:
            pipe.delete(resume_key(msisdn))
        else:
            last = json.dumps({"sid": session_id, "s": state}, ensure_ascii=False, separators=(",", ":"))
            pipe.set(resume_key(msisdn), last, ex=RESUME_TTL)
        for key in undo:
            pipe.decr(key)
        for key in self._counters(screen, effects):
            pipe.incr(key)
        self.round_trips += 1
        results = pipe.execute()
        return Observed(*results[:3]) if read_back else None

    def _remember(self, session_id, raw):
        self.local[session_id] = (raw, json.loads(raw))
        self.local.move_to_end(session_id)
        while len(self.local) > LOCAL_SESSIONS:
            self.local.popitem(last=False)
