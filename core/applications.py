"""Applying for a job and recording a placement: the rows, the two SMS, the credit to the referrer."""
import datetime
import json
from collections import Counter

from peewee import IntegrityError

from core import outbox, runtime
from core.i18n import text
from core.models import Application, AuditEvent, Employer, Job, Referral, Seeker, SponsoredSlot, db, utcnow
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
DRAIN_CHUNK = 200  # intents recorded per transaction: a handful of queries and two INSERTs for all of them


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
                # Peek, record, then pop: a crash in between leaves the items for the next drain, and recording
                # again is harmless (one application per job and seeker, and a repeat writes no SMS).
                while raws := redis.lrange(QUEUED_KEY, 0, DRAIN_CHUNK - 1):
                    outbox.dispatch(_record_chunk([json.loads(raw) for raw in raws]))
                    with redis.pipeline() as pipe:
                        pipe.ltrim(QUEUED_KEY, len(raws), -1)  # pushes go on the right: only what we read goes
                        pipe.expire(DRAIN_LOCK, 60)
                        pipe.execute()
                    recorded += len(raws)
        finally:
            redis.delete(DRAIN_LOCK)
        if not redis.llen(QUEUED_KEY):  # something pushed while we let go of the lock is ours to take
            break
    return recorded


def _record_chunk(intents):
    """Record queued applications in one transaction; returns the outbox rows written, for dispatch."""
    try:
        with db.atomic():
            return _record_many(intents)
    except IntegrityError:  # the same seeker applying by SMS at this moment: one by one, each settles its own
        for item in intents:
            record_application(**item)
        return []


def _record_many(intents):
    """What record_application does for each intent, with a handful of queries for the whole list."""
    jobs = _jobs_by_ref({_normal_ref(item["ref"]) for item in intents})
    intents = [item for item in intents if _normal_ref(item["ref"]) in jobs]
    seekers = _seekers_by_msisdn({item["msisdn"] for item in intents})
    applied = _applied({job.id for job in jobs.values()}, {seeker.id for seeker in seekers.values()})
    now = utcnow()
    rows, messages, created = [], [], Counter()
    for item in intents:
        job = jobs[_normal_ref(item["ref"])]
        seeker = seekers[item["msisdn"]]
        if job.status != "live" or job.employer.status != "verified":
            messages.append(outbox.add(seeker.msisdn, _closed_meanwhile_text(job, seeker), kind="reply", job=job))
            continue
        if (job.id, seeker.id) in applied:
            continue
        applied.add((job.id, seeker.id))
        created[job] += 1
        rows.append((job, seeker, item["channel"], item.get("experienced")))
    referrers = _referrers({seeker for _, seeker, _, _ in rows})
    if rows:
        Application.insert_many(
            [
                {"job": job.id, "seeker": seeker.id, "channel": channel, "experienced": experienced,
                 "referrer": referrers.get(seeker.id), "created_at": now}
                for job, seeker, channel, experienced in rows
            ]
        ).execute()
        messages += outbox.add_many(
            [
                message
                for job, seeker, _, experienced in rows
                for message in (
                    {"msisdn": seeker.msisdn, "text": _confirmation_text(job, seeker.language),
                     "kind": "confirmation", "job": job.id},
                    {"msisdn": job.employer.msisdn, "text": _employer_notice_text(job, seeker.msisdn, experienced),
                     "kind": "notice", "job": job.id},
                )
            ]
        )
    for job, count in created.items():
        _count_sponsored_application(job, count)
    return messages


def _normal_ref(ref):
    return (ref or "").strip().upper()


def _jobs_by_ref(refs):
    query = (
        Job.select(Job, Employer)
        .join(Employer)
        .where(Job.ref.in_(list(refs)))
    )
    return {job.ref: job for job in query}


def _seekers_by_msisdn(msisdns):
    """The seekers with these numbers, creating those who never contacted us before."""
    seekers = {seeker.msisdn: seeker for seeker in Seeker.select().where(Seeker.msisdn.in_(list(msisdns)))}
    for msisdn in msisdns - seekers.keys():
        seekers[msisdn], _ = Seeker.get_or_create_by_msisdn(msisdn)
    return seekers


def _applied(job_ids, seeker_ids):
    if not job_ids or not seeker_ids:
        return set()
    query = (
        Application.select(Application.job, Application.seeker)
        .where(Application.job.in_(list(job_ids)) & Application.seeker.in_(list(seeker_ids)))
        .tuples()
    )
    return set(query)


def _referrers(seekers):
    """{seeker id: referrer id} for those with a referrer; referrer_of's rule, one query for all the invited."""
    found = {seeker.id: seeker.referred_by_id for seeker in seekers if seeker.referred_by_id is not None}
    uninvited = {seeker.msisdn: seeker for seeker in seekers if seeker.referred_by_id is None}
    if not uninvited:
        return found
    invitations = (
        Referral.select()
        .where(
            Referral.friend_msisdn.in_(list(uninvited))
            & (Referral.created_at >= utcnow() - REFERRAL_CREDIT_WINDOW)
        )
        .order_by(Referral.created_at.desc())
    )
    for invitation in invitations:
        seeker = uninvited.get(invitation.friend_msisdn)
        if seeker is None or seeker.id in found or invitation.referrer_id == seeker.id:
            continue
        Seeker.update(referred_by=invitation.referrer_id).where(Seeker.id == seeker.id).execute()
        Referral.update(friend=seeker).where(Referral.id == invitation.id).execute()
        seeker.referred_by = invitation.referrer_id
        found[seeker.id] = invitation.referrer_id
    return found


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
        outbox.send(msisdn, _closed_meanwhile_text(job, seeker), kind="reply", job=job)
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


def _closed_meanwhile_text(job, seeker):
    return text(seeker.language, "sms.apply.closed_meanwhile", ref=job.ref)


def _count_sponsored_application(job, count=1):
    today = utcnow().date()
    (
        SponsoredSlot.update(applications=SponsoredSlot.applications + count)
        .where((SponsoredSlot.job == job) & (SponsoredSlot.starts_on <= today) & (SponsoredSlot.ends_on >= today))
        .execute()
    )
