"""Voice calls: an outbound call is a row first (with the time it is due), committed with its cause, then placed
by a queued job; a call due later waits in the database, and a periodic job queues the ones whose time has come.
Redis holds only the wake-up, so a restart or a flushed Redis loses no call. The call log is written when a call
does something, when its menu ends and when the gateway reports its end.

Calls are the outbound pipeline's other half: core.outbound.outbox's backoff, staleness and interruption rules hold for them
too, and core.lifecycle's CALLS table says how a call's status moves.
"""
import datetime
import logging

from peewee import IntegrityError

from core.outbound import outbox, prompts, spend
from core.platform import runtime
from core.seekers.alerts import local_day_and_hold
from core.outbound.gateway import GatewayError, GatewayRejected
from core.lifecycle import CALLS
from core.outbound.models import Call
from core.platform.models import db, hot_sql, utcnow
from core.seekers.models import Seeker
from core.text.phone import mask_msisdn

log = logging.getLogger(__name__)

CALL_BACK_AFTER = {"hour": datetime.timedelta(hours=1), "tomorrow": datetime.timedelta(days=1)}
JOB_OPTIONS = {"result_ttl": 60, "failure_ttl": 7 * 24 * 3600}
# AT's hang-up causes for a call nobody took: the person was not reached, rather than the call failing.
NO_ANSWER_CAUSES = ("NO_ANSWER", "NO_USER_RESPONSE", "ORIGINATOR_CANCEL", "RECOVERY_ON_TIMER_EXPIRE")
BUSY_CAUSES = ("USER_BUSY", "CALL_REJECTED", "SUBSCRIBER_ABSENT")


def schedule(msisdn, kind, job, due_at=None, **fields):
    """Write one outbound call (inside the caller's transaction), held out of quiet hours; returns the row."""
    due_at = outside_quiet_hours(due_at or utcnow())
    return Call.create(direction="outbound", kind=kind, msisdn=msisdn, job=job, due_at=due_at, **fields)


def outside_quiet_hours(when):
    """`when`, or the end of the quiet hours it falls in (the same hours as every other message we start)."""
    _day, hold = local_day_and_hold(when, runtime.current().config)
    return hold or when


def dispatch(calls):
    """Queue the placing of committed call rows that are due; `enqueue_due` queues the others when their time comes.
    Inside an outbox.recording() transaction (a USSD step) they are queued once it commits."""
    outbox.when_committed(lambda: _enqueue(calls))


def _enqueue(calls):
    now = utcnow()
    for call in calls:
        if call.due_at <= now:
            runtime.enqueue(place_call, call.id, **JOB_OPTIONS)


def call_back(call, job, when, language):
    """Call this person again about a job, in an hour or this time tomorrow; asked once per call, job and time.
    None when core.outbound.spend refuses it."""
    asked_in = call.session_id or str(call.id)
    key = f"{asked_in}:{job.ref}:{when}"[:255]
    replayed = Call.get_or_none(Call.request_key == key)
    if replayed is not None:  # the same key press replayed: already scheduled
        return replayed
    try:
        with db.atomic():
            # Paid for: capped per call and per number a day, never to a number that opted out (core.outbound.spend).
            if spend.allow("callback", call.msisdn, session=asked_in).refused:
                return None
            row = schedule(call.msisdn, "callback", job, due_at=utcnow() + CALL_BACK_AFTER[when],
                           referral=call.referral_id, relation=call.relation, language=language, request_key=key,
                           asked_in=asked_in)
    except IntegrityError:  # the same key press at once twice: the other one scheduled it
        return Call.get(Call.request_key == key)
    dispatch([row])
    return row


def place_call(call_id):
    """rq job: place one due call through the gateway; a repeated or concurrent job places it once."""
    with db.connection_context():
        now = utcnow()
        claimed = CALLS.move_where("claim", (Call.id == call_id) & (Call.due_at <= now),
                                   attempts=Call.attempts + 1, updated_at=now)
        if not claimed:
            return None
        call = Call.get_by_id(call_id)
        reason = _not_to_call(call)
        if reason:
            _finish(call, "cancel", outcome=reason)
            return None
        if not speakable(call.language):
            _text_instead(call)
            return None
        try:
            session_id = runtime.current().gateway.call(call.msisdn)
        except GatewayError as error:
            _retry_later(call, str(error))
            return None
        except (GatewayRejected, ValueError) as error:
            _finish(call, "fail", outcome=str(error)[:255])
            return None
        if session_id is None:
            _finish(call, "fail", outcome="not queued by the gateway")
            return None
        try:
            with db.atomic():
                _move(call, "placed", session_id=session_id, placed_at=utcnow())
        except IntegrityError:  # the answer's callback got here first and holds the session
            _move(call, "placed", placed_at=utcnow())
        log.info("placed %s call %s to %s", call.kind, call.id, mask_msisdn(call.msisdn))
        return session_id


def _not_to_call(call):
    seeker = Seeker.get_or_none(Seeker.msisdn == call.msisdn)
    if seeker is not None and seeker.opted_out:
        return "opted out"
    job = call.job
    if job is None or not job.is_open:
        return "job closed"
    return None


def speakable(language):
    """True if a call in `language` (None: [app] default_language) can be spoken throughout: every prompt recorded,
    or read by a gateway voice of that language (voice.speech.missing says which prompts are missing)."""
    from voice.speech import Voices, missing  # pure: the rule of who may say what lives with the call's words

    language = language or runtime.current().config.deployment().default_language
    return not missing(language, prompts.recorded(), Voices.of(runtime.current().gateway.tts_voices()))


def _text_instead(call):
    """A share we cannot speak in the friend's language goes to them by SMS instead (the invitation `REF` sends);
    a call-back is not placed. Never a phone ringing with a voice they cannot understand."""
    from core.seekers import referrals

    with outbox.recording():
        _finish(call, "cancel", outcome=f"no voice for {call.language or 'the default language'}: "
                                                   + ("sent by SMS instead" if call.kind == "share" else "not called"))
        if call.kind == "share" and call.referral_id is not None:
            outbox.dispatch([outbox.add(call.msisdn, referrals.invitation(call.referral), kind="invite",
                                        job=call.job_id)])


def _retry_later(call, error):
    """The gateway was unreachable: scheduled again after the pipeline's backoff, or failed once it gives up."""
    due = outbox.next_attempt(call.attempts)
    if due is None:
        _finish(call, "fail", outcome=f"gave up after {call.attempts} attempts: {error}"[:255])
        return
    _move(call, "back_off", due_at=due, outcome=error[:255])
    dispatch([Call.get_by_id(call.id)])


def enqueue_due():
    """rq job (periodic): queue every scheduled call whose time has come (a call a worker died placing is settled
    by the outbox's sweep, core.outbound.outbox.interrupt_stale)."""
    now = utcnow()
    with db.connection_context():
        due = list(Call.due(now).limit(1000))
        dispatch(due)
        return len(due)


def answered(session_id, msisdn):
    """The outbound call a callback answers (marked answered), or None for a session we never placed."""
    call = Call.get_or_none(Call.session_id == session_id)
    if call is None and msisdn:
        # The answer's callback can beat place_call's record of the session id: the call in flight to this number.
        call = (
            Call.select()
            .where((Call.msisdn == msisdn) & Call.status.in_(("placing", "placed")) & Call.session_id.is_null())
            .order_by(Call.id.desc())
            .first()
        )
        if call is not None:
            _update(call, session_id=session_id)
    if call is not None and call.direction == "outbound" and call.status in CALLS.sources("answer"):
        _move(call, "answer")
    return call


def logged(session_id, direction, msisdn, call=None):
    """The call log row of a session; a call to us gets one the first time something needs it."""
    if call is None:
        call = Call.get_or_none(Call.session_id == session_id)
    if call is None and direction == "inbound":
        try:
            with db.atomic():
                call = Call.create(direction="inbound", kind="inbound", msisdn=msisdn, session_id=session_id,
                                   status="answered", placed_at=utcnow())
        except IntegrityError:  # the same callback twice at once
            call = Call.get(Call.session_id == session_id)
    return call


def record_keys(session_id, direction, msisdn, call_id, keys):
    """Store the keys pressed so far in the call log, in the caller's transaction: one statement, no read first.

    A call to us gets its row the first time (the same callback twice writes the same keys); a call we placed
    updates its row. Called when a call does something (applies, asks for a call-back) and when its menu ends, not
    on every key: a callback that only moves through the menu writes nothing."""
    now = Call.updated_at.db_value(utcnow())
    if call_id is not None:
        db.execute_sql(hot_sql('UPDATE "call" SET "keys" = ?, updated_at = ? WHERE id = ?'), (keys, now, call_id))
    elif direction == "inbound":
        db.execute_sql(
            hot_sql(
                'INSERT INTO "call" (direction, kind, msisdn, session_id, status, "keys", attempts, placed_at,'
                " created_at, updated_at) VALUES ('inbound', 'inbound', ?, ?, 'answered', ?, 0, ?, ?, ?)"
                ' ON CONFLICT (session_id) DO UPDATE SET "keys" = excluded."keys", updated_at = excluded.updated_at'
            ),
            (msisdn, session_id, keys, now, now, now),
        )


def ended(session_id, direction, msisdn, duration, cost, cause):
    """The gateway's end-of-call report: duration, cost and how it ended. Unknown outbound sessions change nothing."""
    call = logged(session_id, direction, msisdn) if msisdn else Call.get_or_none(Call.session_id == session_id)
    if call is None:
        return None
    fields = dict(duration_seconds=duration, cost=cost, outcome=cause or None, ended_at=utcnow())
    if call.status == "answered":
        move = "complete"
    elif cause in NO_ANSWER_CAUSES:
        move = "no_answer"
    elif cause in BUSY_CAUSES:
        move = "busy"
    else:
        move = "drop"
    if call.status in CALLS.sources(move):
        _finish(call, move, **fields)
    else:  # rejected at once, never placed, or ended already: the report changes no status
        _update(call, **fields)
    return call


def _finish(call, move, **fields):
    _move(call, move, **fields)
    log.info("call %s to %s: %s", call.id, mask_msisdn(call.msisdn), call.status)


def _move(call, move, **fields):
    """Move a call by the CALLS table, guarded: a concurrent callback that moved it first wins."""
    CALLS.try_move(call, move, updated_at=utcnow(), **fields)


def _update(call, **fields):
    fields["updated_at"] = utcnow()
    Call.update(**fields).where(Call.id == call.id).execute()
    for name, value in fields.items():
        setattr(call, name, value)
