"""The engine's host side: the facts a step reads (from process memory and, lazily, the database) and the effects
it asks for, every one carried out here through core (rows and queued SMS, never a gateway call; counters in Redis)."""
import datetime
import zoneinfo
from dataclasses import dataclass

from core import applications, contacts, outbox, referrals, reports, runtime, slots, spend
from core.i18n import normalise_language, text
from core.models import Application, Call, Job, Seeker, SeekerTrade, db
from core.wording import fitted, job_facts
from ussd import effects as fx
from ussd.engine import Facts, new_profile


def facts(snapshot):
    """What the engine may read for one step."""
    config = runtime.current().config
    return Facts(
        snapshot,
        service=config["app"]["service_name"],
        hotline=", ".join(config.get_list("app", "hotline")),
        applications=applications_of,
        default_language=normalise_language(config["app"]["default_language"]),
    )


@dataclass
class Session:
    """Whom a step's effects are for: the msisdn, the session's language, and where counts go (`.incr(key)`)."""

    msisdn: str
    language: str
    counters: object
    session_id: str | None = None


def load_profile(msisdn):
    """The seeker facts a session carries: one indexed read, on the first step of a session only."""
    row = Seeker.profile_of(msisdn)
    if row is None:
        return new_profile()
    return new_profile(*row)


def applications_of(seeker_id):
    """The seeker's latest applications: (ref, title, status)."""
    return list(
        Application.select(Job.ref, Job.title, Application.status)
        .join(Job)
        .where(Application.seeker == seeker_id)
        .order_by(Application.created_at.desc())
        .limit(20)
        .tuples()
    )


def carry_out(effect, session):
    """Do what one effect asks; returns what the engine should know of the outcome."""
    return HANDLERS[type(effect)](effect, session)


def _seeker(session):
    seeker, _ = Seeker.get_or_create_by_msisdn(session.msisdn, language=session.language)
    return seeker


def _set_language(effect, session):
    seeker = contacts.set_language(session.msisdn, effect.language)
    return {"seeker": seeker.id}


def _save_alerts(effect, session):
    seeker = _seeker(session)
    msisdn, language = session.msisdn, session.language
    config = runtime.current().config["app"]
    with db.atomic():
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
            body = fitted(language, "ussd.sms.alerts.on", service=config["service_name"], trades=trades, place=place)
        else:
            body = text(language, "ussd.sms.alerts.off", service=config["service_name"], ussd=config["ussd_code"])
        message = outbox.add(msisdn, body, kind="confirmation")
    outbox.dispatch([message])
    return {"seeker": seeker.id}


def _live_job(ref):
    return Job.live().where(Job.ref == ref).first()


def _apply(effect, session):
    """Record the application (and its two SMS): "created", "already", or "closed" when the job no longer is open."""
    job = Job.by_ref(effect.ref)
    if job is None:
        return {"outcome": "closed"}
    seeker = Seeker.applicant(session.msisdn) or _seeker(session)
    try:
        _application, created = applications.apply(job, seeker, "ussd", experienced=effect.experienced)
    except applications.NotOpen:
        return {"outcome": "closed", "seeker": seeker.id}
    return {"outcome": "created" if created else "already", "seeker": seeker.id}


def _send_job(effect, session):
    job = _live_job(effect.ref)
    if job is None:
        return {}
    language = session.language
    body = fitted(
        language,
        "ussd.sms.job",
        employer=job.employer.name,
        ussd=runtime.current().config["app"]["ussd_code"],
        **job_facts(job, language),
    )
    with db.atomic():
        # Paid for: capped per session and per number a day (core.spend), so a replayed "*2" cannot send a hundred.
        decision = spend.allow("job_sms", session.msisdn, session=session.session_id)
        if decision.refused:
            return {"outcome": decision.refused}
        message = outbox.add(session.msisdn, body, kind="job_sms", job=job, asked_in=session.session_id)
    outbox.dispatch([message])
    return {}


def _report(effect, session):
    job = Job.by_ref(effect.ref)
    if job is not None:
        reports.report(job, _seeker(session), channel="ussd")
    return {}


def _invite(effect, session):
    seeker = _seeker(session)
    job = Job.by_ref(effect.ref) if effect.ref else None
    outcome, _ = referrals.invite(seeker, effect.msisdn, job=job, channel="ussd")
    return {"outcome": outcome.value, "seeker": seeker.id}


def _call_friend(effect, session):
    """Schedule the call as `CALL <number> <ref>` by SMS does (same caps, opt-outs, quiet hours, credit); "later"
    with the local time it will ring when quiet hours hold it."""
    seeker = _seeker(session)
    job = Job.by_ref(effect.ref)
    if job is None:
        return {"outcome": "job_closed", "seeker": seeker.id}
    outcome, friend_msisdn = referrals.invite(seeker, effect.msisdn, job=job, channel="call", relation=effect.relation)
    if outcome is not referrals.Outcome.SENT:
        return {"outcome": outcome.value, "seeker": seeker.id}
    call = (
        Call.select(Call.due_at, Call.created_at)
        .where((Call.msisdn == friend_msisdn) & (Call.kind == "share") & (Call.job == job.id))
        .order_by(Call.id.desc())
        .first()
    )
    if call is None or call.due_at <= call.created_at:
        return {"outcome": "sent", "seeker": seeker.id}
    zone = zoneinfo.ZoneInfo(runtime.current().config["app"]["timezone"])
    ring = call.due_at.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
    return {"outcome": "later", "call_at": ring.strftime("%H:%M"), "seeker": seeker.id}


def _count_view(effect, session):
    session.counters.incr(slots.views_key(effect.slot))
    return {}


HANDLERS = {
    fx.SetLanguage: _set_language,
    fx.RecordApplication: _apply,
    fx.SaveAlerts: _save_alerts,
    fx.SendJobBySms: _send_job,
    fx.ReportJob: _report,
    fx.InviteFriend: _invite,
    fx.CallFriend: _call_friend,
    fx.CountView: _count_view,
}
