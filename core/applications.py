"""Applying for a job and recording a placement: the rows, the two SMS, the credit to the referrer."""
import datetime
import json

from peewee import IntegrityError

from core import outbox, runtime
from core.i18n import text
from core.models import Application, Job, Referral, Seeker, SponsoredSlot, db, utcnow
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


# Applications a channel has promised (the USSD END screen said "you applied") wait here, in Redis, until the
# worker writes them. A list rather than one rq job each: pushing an item costs a tenth of an rq enqueue and can
# share one atomic round trip with the step's claim, which is what keeps the USSD apply step fast.
QUEUED_KEY = "bp:applications:queued"
DRAIN_LOCK = "bp:applications:draining"
DRAIN_PENDING = "bp:applications:drain-queued"


def intent(ref, msisdn, channel, experienced=None):
    """An application to record later, as pushed on QUEUED_KEY."""
    return json.dumps({"ref": ref, "msisdn": msisdn, "channel": channel, "experienced": experienced})


def request_drain():
    """Enqueue one drain job unless one is already waiting (called often, from many processes)."""
    if runtime.Runtime.redis.set(DRAIN_PENDING, "1", nx=True, ex=30):
        runtime.enqueue(record_queued_applications)


def record_queued_applications():
    """rq job: record every queued application, oldest first; one drainer at a time, safe to run again."""
    redis = runtime.Runtime.redis
    redis.delete(DRAIN_PENDING)
    recorded = 0
    while redis.set(DRAIN_LOCK, "1", nx=True, ex=60):
        try:
            with db.connection_context():
                # Peek, record, then pop: a crash in between leaves the item for the next drain, and recording
                # again is harmless (one application per job and seeker).
                while (raw := redis.lindex(QUEUED_KEY, 0)) is not None:
                    record_application(**json.loads(raw))
                    redis.lpop(QUEUED_KEY)
                    redis.expire(DRAIN_LOCK, 60)
                    recorded += 1
        finally:
            redis.delete(DRAIN_LOCK)
        if not redis.llen(QUEUED_KEY):  # something pushed while we let go of the lock is ours to take
            break
    return recorded


def record_application(ref, msisdn, channel, experienced=None):
    """Apply for the job `ref` on behalf of `msisdn`, for a channel that answered before writing it."""
    job = Job.by_ref(ref)
    if job is None:
        return None
    seeker, _ = Seeker.get_or_create_by_msisdn(msisdn)
    try:
        application, created = apply(job, seeker, channel, experienced=experienced)
    except NotOpen:
        # Closed between the seeker's "confirm" and now: tell them rather than leave them waiting for a call.
        outbox.send(msisdn, text(seeker.language, "sms.apply.closed_meanwhile", ref=job.ref), kind="reply", job=job)
        return None
    return application.id if created else None


def has_applied(ref, msisdn):
    """True if this number has applied for the job `ref`: one indexed read, for channels that answer at once."""
    cursor = db.execute_sql(
        "SELECT 1 FROM application"
        " JOIN seeker ON seeker.id = application.seeker_id"
        " JOIN job ON job.id = application.job_id"
        f" WHERE seeker.msisdn = {db.param} AND job.ref = {db.param}",
        (msisdn, ref),
    )
    return cursor.fetchone() is not None


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
        (
            Application.update(status="hired", hired_at=utcnow())
            .where(Application.id == application.id)
            .execute()
        )
        application.status = "hired"
    return application


def _confirmation(job, seeker):
    language = seeker.language
    return outbox.add(
        seeker.msisdn,
        text(
            language,
            "sms.apply.confirm",
            ref=job.ref,
            title=job.title[:40],
            employer=job.employer.name[:30],
            wage=job_wage(job, language),
            place=job_place(job, language),
            contact=job.employer.msisdn,
            hotline=runtime.Runtime.config.get_list("app", "hotline")[0],
        ),
        kind="confirmation",
        job=job,
    )


def _employer_notice(job, seeker, experienced):
    employer = job.employer
    language = employer.language
    experience = {True: "sms.apply.experienced", False: "sms.apply.not_experienced"}.get(experienced)
    return outbox.add(
        employer.msisdn,
        text(
            language,
            "sms.apply.employer",
            ref=job.ref,
            title=job.title[:40],
            applicant=seeker.msisdn,
            experience=text(language, experience) if experience else "",
        ),
        kind="notice",
        job=job,
    )


def _count_sponsored_application(job):
    today = utcnow().date()
    (
        SponsoredSlot.update(applications=SponsoredSlot.applications + 1)
        .where((SponsoredSlot.job == job) & (SponsoredSlot.starts_on <= today) & (SponsoredSlot.ends_on >= today))
        .execute()
    )


