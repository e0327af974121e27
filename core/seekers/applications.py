"""Applying for a job and recording a placement: the rows, the two SMS, the credit to the referrer."""
import datetime

from core.outbound import outbox
from core.platform import clock, runtime
from core.text.i18n import text
from core.lifecycle import APPLICATIONS
from core.jobs.models import Application, Job, Referral, SponsoredSlot
from core.platform.models import db, hot_sql, utcnow
from core.seekers.models import Seeker
from core.text.phone import local_msisdn
from core.text.wording import fitted, job_facts, job_title

REFERRAL_CREDIT_WINDOW = datetime.timedelta(days=30)


class NotOpen(ValueError):
    """The job is not live, or its employer is not verified."""


def apply(job, seeker, channel, experienced=None):
    """Record an application with its two SMS (the seeker's confirmation, the employer's notice), committed before
    this returns or with the caller's transaction. Returns (application, created).

    A seeker waits on this step (USSD, voice), so its statements are written out once rather than built per call."""
    if not job.is_open:
        raise NotOpen(f"job {job.ref} is not open")
    now = utcnow()
    with outbox.recording():
        referrer_id = referrer_of(seeker)
        # One application per job and seeker: a repeat, or the same seeker on two channels at once, inserts nothing.
        inserted = db.execute_sql(
            hot_sql(
                "INSERT INTO application (job_id, seeker_id, channel, experienced, referrer_id, status, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'applied', ?) ON CONFLICT DO NOTHING RETURNING id"
            ),
            (job.id, seeker.id, channel, experienced, referrer_id, Application.created_at.db_value(now)),
        ).fetchone()
        if inserted is None:
            return Application.get((Application.job == job.id) & (Application.seeker == seeker.id)), False
        outbox.dispatch(outbox.add_many([
            {"msisdn": seeker.msisdn, "text": _confirmation_text(job, seeker.language), "kind": "confirmation",
             "job": job.id},
            {"msisdn": job.employer.msisdn, "text": _employer_notice_text(job, seeker.msisdn, experienced),
             "kind": "notice", "job": job.id},
        ]))
        SponsoredSlot.count_application(job.id, clock.today())
    application = Application(id=inserted[0], job=job, seeker=seeker, channel=channel, experienced=experienced,
                              referrer=referrer_id, status="applied", created_at=now)
    return application, True


def latest(seeker_id, limit=20):
    """A seeker's latest applications, newest first: (ref, title, status)."""
    return list(
        Application.select(Job.ref, Job.title, Application.status)
        .join(Job)
        .where(Application.seeker == seeker_id)
        .order_by(Application.created_at.desc())
        .limit(limit)
        .tuples()
    )


def referrer_of(seeker):
    """The id of who gets the credit: the seeker's referrer, or whoever invited this number in the last 30 days."""
    if seeker.referred_by_id is not None:
        return seeker.referred_by_id
    invitation = db.execute_sql(
        hot_sql(
            "SELECT id, referrer_id FROM referral WHERE friend_msisdn = ? AND referrer_id <> ? AND created_at >= ?"
            " ORDER BY created_at DESC LIMIT 1"
        ),
        (seeker.msisdn, seeker.id, Referral.created_at.db_value(utcnow() - REFERRAL_CREDIT_WINDOW)),
    ).fetchone()
    if invitation is None:
        return None
    invitation_id, referrer_id = invitation
    Seeker.update(referred_by=referrer_id).where(Seeker.id == seeker.id).execute()
    Referral.update(friend=seeker.id).where(Referral.id == invitation_id).execute()
    return referrer_id


def record_hire(job, msisdn, actor):
    """Mark the seeker's application to this job as hired. Returns the application, or None if they never applied."""
    application = (
        Application.select()
        .join(Seeker)
        .where((Application.job == job) & (Seeker.msisdn == msisdn))
        .first()
    )
    if application is None:
        return None
    if application.status != "hired":
        APPLICATIONS.move(application, "hire", actor, hired_at=utcnow())
    return application


def _confirmation_text(job, language):
    language = language or runtime.current().config.deployment().default_language  # a seeker who never chose one
    return fitted(
        language,
        "sms.apply.confirm",
        employer=job.employer.name,
        contact=local_msisdn(job.employer.msisdn),  # as it is dialled in Cambodia, and three characters shorter
        hotline=runtime.current().config.deployment().hotline,
        **job_facts(job, language),
    )


def _employer_notice_text(job, applicant, experienced):
    language = job.employer.language
    experience = {True: "sms.apply.experienced", False: "sms.apply.not_experienced"}.get(experienced)
    return fitted(
        language,
        "sms.apply.employer",
        ref=job.ref,
        title=job_title(job, language),
        applicant=applicant,
        experience=text(language, experience) if experience else "",
    )

