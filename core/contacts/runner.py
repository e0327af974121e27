"""The one runner: carries out the effects (core.contacts.effects) a channel's pure flow asked for, for one Contact.

Every channel calls `run`; each effect has one handler here, so "apply", "share" or "stop" means the same on USSD,
voice, SMS and the website. A step's effects are written in one transaction and their SMS leave after it commits
(outbox.recording): the reply that tells a person something happened is built from what `run` returns, so it is
only ever sent once the fact is committed."""
import dataclasses
import datetime
import json
import zoneinfo
from typing import NamedTuple

from peewee import IntegrityError

from core.contacts import contact as contacts, effects as fx
from core.jobs import listings, moderation, reports, slots
from core.outbound import calls, outbox, spend
from core.platform import runtime
from core.seekers import applications, referrals
from core.text.i18n import text
from core.jobs.models import Employer, Job, ListingDraft
from core.outbound.models import Call
from core.platform.models import db, utcnow
from core.seekers.models import Seeker, SeekerTrade
from core.text.phone import normalise_msisdn
from core.text.wording import fitted, job_facts


class Via(NamedTuple):
    """How the person reached us for this step: the channel ("ussd", "voice", "sms", "web"), the gateway's session
    (per-session caps, a call's keys), where counts go (`.incr(key)`, for CountView) and the call being answered."""

    channel: str
    session_id: str | None = None
    counters: object = None
    call: Call | None = None


# The channels whose menus are a seeker's: their next session starts from the seeker row (its language too).
MENUS = ("ussd", "voice")


def run(contact, effects, via):
    """Carry out `effects` for `contact` in one transaction; returns one fx.Done per effect, in order."""
    if not fx.records(effects):  # only counts (a navigation step): no transaction, the database is not touched
        return carry_out(contact, effects, via)
    with outbox.recording():
        return carry_out(contact, effects, via)


def carry_out(contact, effects, via):
    """`run` inside the caller's own outbox.recording() transaction (a step that commits its record with them)."""
    return [HANDLERS[type(effect)](effect, contact, via) for effect in effects]


def _done(result=None, contact=None, **values):
    if contact is not None and contact.seeker is not None:
        values["seeker"] = contact.seeker.id
    return fx.Done(result, values)


def _set_language(effect, contact, via):
    # An employer's LANG by SMS makes no seeker row; a language chosen in a menu does, since the menu starts from it.
    make_seeker = via.channel in MENUS or contact.employer is None
    contact.seeker = contacts.set_language(contact.msisdn, effect.language, make_seeker=make_seeker)
    contact.language = effect.language
    return _done(contact=contact)


def _save_alerts(effect, contact, via):
    seeker = contact.as_seeker()
    language, deployment = contact.language, contact.deployment
    (
        Seeker.update(home_province=effect.home_province, reach=effect.reach, alerts_on=effect.on)
        .where(Seeker.id == seeker.id)
        .execute()
    )
    SeekerTrade.delete().where(SeekerTrade.seeker == seeker.id).execute()
    if effect.trades:
        SeekerTrade.insert_many([{"seeker": seeker.id, "category": number} for number in effect.trades]).execute()
    snapshot = runtime.current().live_jobs.current()
    if effect.on:
        trades = ", ".join(snapshot.category(number).name(language) for number in effect.trades)
        place = snapshot.province(effect.home_province).name(language)
        body = fitted(language, "ussd.sms.alerts.on", service=deployment.service, trades=trades, place=place)
    else:
        body = text(language, "ussd.sms.alerts.off", service=deployment.service, ussd=deployment.ussd_code)
    outbox.dispatch([outbox.add(contact.msisdn, body, kind="confirmation")])
    return _done(contact=contact)


def _apply(effect, contact, via):
    """"created", "already", or "closed" when the job no longer is open (core.seekers.applications sends the SMS)."""
    job = Job.by_ref(effect.ref)
    if job is None:
        return _done("unknown")
    # The few columns applying needs, read once (Seeker.applicant): not the whole row `contact.seeker` would read.
    seeker = Seeker.applicant(contact.msisdn) or contact.as_seeker()
    try:
        _application, created = applications.apply(job, seeker, via.channel, experienced=effect.experienced)
    except applications.NotOpen:
        return _done("closed", seeker=seeker.id)
    return _done("created" if created else "already", seeker=seeker.id, ref=job.ref)


def _send_job(effect, contact, via):
    job = Job.live().where(Job.ref == effect.ref).first()
    if job is None:
        return _done("closed")
    language = contact.language
    body = fitted(language, "ussd.sms.job", employer=job.employer.name, ussd=contact.deployment.ussd_code,
                  **job_facts(job, language))
    # Paid for: capped per session and per number a day (core.outbound.spend), so a replayed "*2" cannot send a hundred.
    decision = spend.allow("job_sms", contact.msisdn, session=via.session_id)
    if decision.refused:
        return _done(decision.refused)
    outbox.dispatch([outbox.add(contact.msisdn, body, kind="job_sms", job=job, asked_in=via.session_id)])
    return _done("sent")


def _report(effect, contact, via):
    """"counted", "hidden" (this report hid the job), "again" (reported before), or "unknown"."""
    job = Job.by_ref(effect.ref)
    if job is None:
        return _done("unknown")
    counted, hidden = reports.report(job, contact.as_seeker(), channel=via.channel)
    return _done("hidden" if hidden else "counted" if counted else "again", contact, ref=job.ref)


def _share_by_sms(effect, contact, via):
    """referrals.Outcome's value ("sent", "opted_out", …), or "unknown" for a job that does not exist."""
    job = None
    if effect.ref is not None:
        job = Job.by_ref(effect.ref)
        if job is None:
            return _done("unknown")
    seeker = contact.as_seeker()
    # The site's share goes by SMS; where it was asked is its origin (core.seekers.referrals counts both).
    outcome, friend = referrals.invite(seeker, effect.msisdn, job=job, channel="sms" if via.channel == "web" else
                                       via.channel, origin=_origin(via), sharer_name=effect.sharer_name)
    return _done(outcome.value, contact, friend=friend, code=seeker.referral_code, ref=effect.ref or "")


def _origin(via):
    return "web" if via.channel == "web" else "phone"


def _share_by_call(effect, contact, via):
    """As `CALL <number> <ref>` by SMS does (same caps, opt-outs, quiet hours, credit); "later" with the local time
    it will ring (`call_at`) when quiet hours hold it."""
    job = Job.by_ref(effect.ref)
    if job is None:
        return _done("unknown")
    seeker = contact.as_seeker()
    outcome, friend = referrals.invite(seeker, effect.msisdn, job=job, channel="call", relation=effect.relation,
                                       origin=_origin(via), sharer_name=effect.sharer_name)
    values = dict(friend=friend, code=seeker.referral_code, ref=job.ref)
    if outcome is not referrals.Outcome.SENT:
        return _done(outcome.value, contact, **values)
    call = (
        Call.select(Call.due_at, Call.created_at)
        .where((Call.msisdn == friend) & (Call.kind == "share") & (Call.job == job.id))
        .order_by(Call.id.desc())
        .first()
    )
    if call is None or call.due_at <= call.created_at:
        return _done("sent", contact, **values)
    zone = zoneinfo.ZoneInfo(runtime.current().config["app"]["timezone"])
    ring = call.due_at.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    return _done("later", contact, call_at=ring.strftime("%H:%M"), **values)


def _call_back(effect, contact, via):
    """"scheduled", or "refused" by core.outbound.spend's caps (the caller hears so, never a promise)."""
    job = Job.by_ref(effect.ref)
    if job is None:
        return _done("unknown")
    row = calls.call_back(calls.logged(via.session_id, "outbound" if via.call else "inbound", contact.msisdn,
                                       via.call), job, effect.when, contact.language)
    return _done("refused" if row is None else "scheduled")


def _stop_calls(effect, contact, via):
    outbox.mark_opted_out(contact.msisdn)
    return _done()


def _count_view(effect, contact, via):
    via.counters.incr(slots.views_key(effect.slot))
    return _done()


# -- employers (SMS): registering, posting a listing (and the question it may wait on), closing it, recording a hire,
# and STOP/START.

def _register(effect, contact, via):
    """"created", or "already" (with the employer's `name`) for a number that is an employer already."""
    if contact.employer is not None:
        return _done("already", name=contact.employer.name)
    try:
        with db.atomic():
            employer = Employer.create(msisdn=contact.msisdn, name=effect.name, status="pending",
                                       language=effect.language or contact.language)
    except IntegrityError:  # the same REG arriving twice at once
        contact.employer = Employer.get(Employer.msisdn == contact.msisdn)
        return _done("already", name=contact.employer.name)
    contact.employer = employer
    return _done("created", name=employer.name)


def _post_job(effect, contact, via):
    """"ask" (with the `question`) when the listing waits on one: nothing is posted on a guessed spelling or a wage
    with no period. Else "live" or "pending" (`ref`, `title`), "duplicate" (the open listing's `ref` and `status`)
    or "suspended". For the contact's employer: the flow asks only an employer's."""
    listing, employer = effect.listing, contact.employer
    question = "confirm" if listing.guessed else "period" if listing.wage_period is None else None
    if question is not None:
        _keep_draft(employer, listing, question, effect.draft)
        return _done("ask", question=question)
    job = None
    try:
        job = listings.post(employer, listing.category_number, listing.province_code, listing.wage_amount,
                            listing.wage_currency, listing.wage_period, listing.positions, listing.title,
                            listing.details)
    except listings.Suspended:
        done = _done("suspended")
    except listings.Duplicate as duplicate:
        done = _done("duplicate", ref=duplicate.job.ref, status=duplicate.job.status)
    else:
        done = _done(job.status, ref=job.ref, title=job.title)
    if effect.draft is not None:
        (ListingDraft.update(status="posted", job=job, answered_at=utcnow())
         .where(ListingDraft.id == effect.draft)
         .execute())
    return done


def _keep_draft(employer, listing, question, draft):
    """The listing waits as the employer's one draft (a newer listing replaces a waiting one), asking `question`."""
    if draft is not None:
        ListingDraft.update(question=question).where(ListingDraft.id == draft).execute()
        return
    (ListingDraft.update(status="replaced")
     .where((ListingDraft.employer == employer) & (ListingDraft.status == "waiting"))
     .execute())
    ListingDraft.create(employer=employer, question=question, text=listing.title,
                        listing=json.dumps(dataclasses.asdict(listing)))


def _own_job(contact, ref):
    return Job.get_or_none((Job.ref == ref.upper()) & (Job.employer == contact.employer))


def _close_job(effect, contact, via):
    """"closed", "refused" (with the job's `status`: the move table forbids it), or "unknown" (not this employer's)."""
    job = _own_job(contact, effect.ref)
    if job is None:
        return _done("unknown")
    try:
        moderation.close_job(job, f"employer:{contact.employer.id}")
    except moderation.IllegalMove:
        return _done("refused", ref=job.ref, status=job.status)
    return _done("closed", ref=job.ref)


def _record_hire(effect, contact, via):
    """"hired", "not_applied" (that number never applied), "bad_number", or "unknown" (not this employer's job)."""
    job = _own_job(contact, effect.ref)
    if job is None:
        return _done("unknown")
    msisdn = normalise_msisdn(effect.msisdn)
    if msisdn is None:
        return _done("bad_number")
    hired = applications.record_hire(job, msisdn, f"employer:{contact.employer.id}")
    return _done("not_applied" if hired is None else "hired", ref=job.ref, msisdn=msisdn)


def _stop(effect, contact, via):
    outbox.mark_opted_out(contact.msisdn)
    return _done()


def _start(effect, contact, via):
    outbox.mark_opted_in(contact.as_seeker())
    return _done()


HANDLERS = {
    fx.SetLanguage: _set_language,
    fx.SaveAlerts: _save_alerts,
    fx.Apply: _apply,
    fx.SendJobBySms: _send_job,
    fx.ReportJob: _report,
    fx.ShareBySms: _share_by_sms,
    fx.ShareByCall: _share_by_call,
    fx.CallBack: _call_back,
    fx.StopCalls: _stop_calls,
    fx.CountView: _count_view,
    fx.Register: _register,
    fx.PostJob: _post_job,
    fx.CloseJob: _close_job,
    fx.RecordHire: _record_hire,
    fx.Stop: _stop,
    fx.Start: _start,
}
