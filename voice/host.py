"""The call flow's host side: the facts a call starts from and the effects it asks for, carried out through core
(each committed before the answer that tells the person about it is written)."""
from typing import NamedTuple

from core import applications, calls, outbox
from core.models import Call, Job, Seeker, SeekerTrade, db
from core.phone import local_msisdn
from voice import effects as fx
from voice.flow import Offer


class Caller(NamedTuple):
    """Who is on a call: their number, the gateway's session, the call's direction and its row (outbound only)."""

    msisdn: str
    session_id: str
    direction: str
    call: Call | None = None


def profile_of(msisdn):
    """What the flow starts from for a caller: language, home province, reach and trades (empty for a new number)."""
    seeker = Seeker.get_or_none(Seeker.msisdn == msisdn)
    if seeker is None:
        return {}
    trades = [number for (number,) in
              SeekerTrade.select(SeekerTrade.category).where(SeekerTrade.seeker == seeker).tuples()]
    return {"lang": seeker.language, "home": seeker.home_province_id, "reach": seeker.reach, "trades": trades}


def offer_of(call):
    """The job offer an outbound call carries: who shared it and how they know the friend, for a share."""
    if call is None or call.job_id is None:
        return None
    sharer = call.referral.referrer.msisdn if call.referral_id is not None and call.kind == "share" else None
    return Offer(call.kind, call.job.ref, local_msisdn(sharer) if sharer else None, call.relation)


def carry_out(effect, caller, state):
    """Do what one effect asks; returns its outcome for flow.settle."""
    return HANDLERS[type(effect)](effect, caller, state)


def _seeker(caller, state):
    seeker, _ = Seeker.get_or_create_by_msisdn(caller.msisdn, language=state["lang"])
    return seeker


def _set_language(effect, caller, state):
    seeker, created = Seeker.get_or_create_by_msisdn(caller.msisdn, language=effect.language)
    if not created and seeker.language != effect.language:
        Seeker.update(language=effect.language).where(Seeker.id == seeker.id).execute()
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
        calls.call_back(calls.logged(caller.session_id, caller.direction, caller.msisdn, caller.call), job,
                        effect.when, state["lang"])
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
