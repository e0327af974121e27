"""The call flow's host side: the facts a call starts from and the effects it asks for, carried out through core
(each committed before the answer that tells the person about it is written)."""
from typing import NamedTuple

from peewee import IntegrityError

from core import applications, calls, contacts, outbox, runtime, spend
from core.i18n import text
from core.models import AuditEvent, Call, Job, Seeker, db, hot_sql, utcnow
from core.phone import local_msisdn
from voice import effects as fx
from voice import flow
from voice.flow import Offer


class Caller(NamedTuple):
    """Who is on a call: their number, the gateway's session, the call's direction and its row (outbound only)."""

    msisdn: str
    session_id: str
    direction: str
    call: Call | None = None


def profile_of(msisdn):
    """What the flow starts from for a caller: language, home province, reach and trades (empty for a new number)."""
    # One indexed read, written out once: the first callback of every call to us waits on it.
    rows = db.execute_sql(hot_sql(
        "SELECT seeker.language, seeker.home_province_id, seeker.reach, seeker_trade.category_id FROM seeker"
        " LEFT JOIN seeker_trade ON seeker_trade.seeker_id = seeker.id WHERE seeker.msisdn = ?"
    ), (msisdn,)).fetchall()
    if not rows:
        return {}
    language, home, reach, _trade = rows[0]
    return {"lang": language, "home": home, "reach": reach,
            "trades": sorted(trade for *_seeker, trade in rows if trade is not None)}


def offer_of(call):
    """The job offer an outbound call carries: who shared it and how they know the friend, for a share."""
    if call is None or call.job_id is None:
        return None
    sharer = call.referral.referrer.msisdn if call.referral_id is not None and call.kind == "share" else None
    return Offer(call.kind, call.job.ref, local_msisdn(sharer) if sharer else None, call.relation)


def missed_call(msisdn, session_id, language):
    """A call we cannot speak to the caller in: log it as missed and text them, in their language, how to reach
    jobs without a voice (the USSD code, JOBS by SMS, the hotline); committed before the call is rejected. The same
    callback twice gets one SMS; a number that keeps calling, at most [caps] missed_call_sms_per_day (core.spend)."""
    now = utcnow()
    with outbox.recording():
        try:
            with db.atomic():
                Call.create(direction="inbound", kind="inbound", msisdn=msisdn, session_id=session_id,
                            status="missed", language=language, outcome="no voice or recordings for its language",
                            placed_at=now, ended_at=now)
        except IntegrityError:  # the gateway's repeat of the same callback
            return
        if spend.allow("missed_call", msisdn).refused is None:
            outbox.dispatch([outbox.add(msisdn, missed_call_text(language), kind="missed_call")])


def missed_call_text(language):
    """The SMS a missed call answers with, in the caller's language."""
    config = runtime.current().config
    return text(language, "sms.missed_call", service=config["app"]["service_name"], ussd=config["app"]["ussd_code"],
                sms_number=config.sms_number(), hotline=", ".join(config.get_list("app", "hotline")))


def record(effects, caller, state):
    """Carry out a step's effects and store the call's keys, in one transaction; returns the state they settle in.

    Committed before the answer that tells the person about them is written: a web process that dies first has told
    nobody anything, and the gateway's repeat of the callback finds the application (one per job and seeker)."""
    with outbox.recording():
        calls.record_keys(caller.session_id, caller.direction, caller.msisdn, caller.call.id if caller.call else None,
                          state["k"].strip())
        for effect in effects:
            state = flow.settle(state, effect, carry_out(effect, caller, state))
            if AuditEvent.acting() is not None:  # staff in the simulator: each thing the call did is on record
                AuditEvent.record(caller.msisdn, f"voice.{type(effect).__name__}",
                                  calls.logged(caller.session_id, caller.direction, caller.msisdn, caller.call),
                                  None, {name: value for name, value in effect._asdict().items()})
    return state


def carry_out(effect, caller, state):
    """Do what one effect asks; returns its outcome for flow.settle."""
    return HANDLERS[type(effect)](effect, caller, state)


def _seeker(caller, state):
    seeker, _ = Seeker.get_or_create_by_msisdn(caller.msisdn, language=state["lang"])
    return seeker


def _set_language(effect, caller, state):
    contacts.set_language(caller.msisdn, effect.language)
    return None


def _apply(effect, caller, state):
    job = Job.by_ref(effect.ref)
    if job is None:
        return "closed"
    seeker = Seeker.applicant(caller.msisdn) or _seeker(caller, state)
    try:
        _application, created = applications.apply(job, seeker, "voice", experienced=effect.experienced)
    except applications.NotOpen:
        return "closed"
    return "created" if created else "already"


def _call_back(effect, caller, state):
    job = Job.by_ref(effect.ref)
    if job is not None:
        row = calls.call_back(calls.logged(caller.session_id, caller.direction, caller.msisdn, caller.call), job,
                              effect.when, state["lang"])
        if row is None:
            return "refused"  # core.spend's caps: the caller hears so, not a promise
    return None


def _stop_calls(effect, caller, state):
    with db.atomic():
        outbox.mark_opted_out(caller.msisdn)
    return None


HANDLERS = {
    fx.SetLanguage: _set_language,
    fx.Apply: _apply,
    fx.CallBack: _call_back,
    fx.StopCalls: _stop_calls,
}
