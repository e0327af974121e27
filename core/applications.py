"""Applying for a job and recording a placement: the rows, the two SMS, the credit to the referrer."""
import datetime

from peewee import IntegrityError

from core import outbox, runtime
from core.i18n import text
from core.models import Application, AuditEvent, Referral, Seeker, SponsoredSlot, db, utcnow
from core.wording import job_place, job_wage

REFERRAL_CREDIT_WINDOW = datetime.timedelta(days=30)


class NotOpen(ValueError):
    """The job is not live, or its employer is not verified."""


def apply(job, seeker, channel, experienced=None):
    """Record an application; the seeker gets a confirmation, the employer the applicant. Returns (application, created)."""
    if job.status != "live" or job.employer.status != "verified":
        raise NotOpen(f"job {job.ref} is not open")
    existing = Application.get_or_none(Application.job == job, Application.seeker == seeker)
    if existing is not None:
        return existing, False
    try:
        with db.atomic():
            referrer = referrer_of(seeker)
            application = Application.create(
                job=job, seeker=seeker, channel=channel, experienced=experienced, referrer=referrer
            )
            messages = [_confirmation(job, seeker), _employer_notice(job, seeker, experienced)]
            _count_sponsored_application(job)
    except IntegrityError:  # the same seeker applying twice at the same moment
        return Application.get(Application.job == job, Application.seeker == seeker), False
    outbox.dispatch(messages)
    return application, True


def referrer_of(seeker):
    """Who gets the credit: the seeker's referrer, or whoever invited this number in the last 30 days."""
    if seeker.referred_by_id is not None:
        return seeker.referred_by
    invitation = (
        Referral.select()
        .where(
            (Referral.friend_msisdn == seeker.msisdn)
            & (Referral.referrer != seeker)
            & (Referral.created_at >= utcnow() - REFERRAL_CREDIT_WINDOW)
        )
        .order_by(Referral.created_at.desc())
        .first()
    )
    if invitation is None:
        return None
    Seeker.update(referred_by=invitation.referrer).where(Seeker.id == seeker.id).execute()
    Referral.update(friend=seeker).where(Referral.id == invitation.id).execute()
    seeker.referred_by = invitation.referrer
    return invitation.referrer


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
        with db.atomic():
            (
                Application.update(status="hired", hired_at=utcnow())
                .where(Application.id == application.id)
                .execute()
            )
            AuditEvent.record(actor, "application.hire", application, {"status": application.status}, {"status": "hired"})
        application.status = "hired"
    return application


def _confirmation(job, seeker):
    return outbox.add(seeker.msisdn, _confirmation_text(job, seeker.language), kind="confirmation", job=job)


def _employer_notice(job, seeker, experienced):
    return outbox.add(job.employer.msisdn, _employer_notice_text(job, seeker.msisdn, experienced), kind="notice", job=job)


def _confirmation_text(job, language):
    return text(
        language,
        "sms.apply.confirm",
        ref=job.ref,
        title=job.title[:40],
        employer=job.employer.name[:30],
        wage=job_wage(job, language),
        place=job_place(job, language),
        contact=job.employer.msisdn,
        hotline=runtime.Runtime.config.get_list("app", "hotline")[0],
    )


def _employer_notice_text(job, applicant, experienced):
    language = job.employer.language
    experience = {True: "sms.apply.experienced", False: "sms.apply.not_experienced"}.get(experienced)
    return text(
        language,
        "sms.apply.employer",
        ref=job.ref,
        title=job.title[:40],
        applicant=applicant,
        experience=text(language, experience) if experience else "",
    )


def _count_sponsored_application(job, count=1):
    today = utcnow().date()
    (
        SponsoredSlot.update(applications=SponsoredSlot.applications + count)
        .where((SponsoredSlot.job == job) & (SponsoredSlot.starts_on <= today) & (SponsoredSlot.ends_on >= today))
        .execute()
    )
