"""Staff decisions on employers and jobs: each is a legal move or a ValueError, audited, cache bumped.

Job status moves (anything else is refused):
    pending  -> live, rejected
    live     -> hidden, closed
    hidden   -> live, rejected, closed
"""
from core import alerts, livejobs, outbox, runtime
from core.models import AuditEvent, Job, db, utcnow
from core.wording import fitted

JOB_MOVES = {
    ("pending", "live"),
    ("pending", "rejected"),
    ("live", "hidden"),
    ("live", "closed"),
    ("hidden", "live"),
    ("hidden", "rejected"),
    ("hidden", "closed"),
}
EMPLOYER_FIELDS = ("name", "status", "verified_by", "verified_at", "verification_note", "suspension_reason")
JOB_FIELDS = ("ref", "title", "status", "reject_reason", "published_at", "closed_at")


class IllegalMove(ValueError):
    """A status change that the rules above do not allow."""


def verify_employer(employer, actor, note):
    """Mark an employer verified after staff checked them; their waiting jobs that screening passed go live, the
    others stay for staff; one SMS tells them both and how to post."""
    note = (note or "").strip()
    if not note:
        raise ValueError("Say what was checked (licence, visit, phone call…) before verifying.")
    if employer.status == "verified":
        raise IllegalMove(f"{employer.name} is already verified.")
    with db.atomic():
        before = AuditEvent.snapshot(employer, EMPLOYER_FIELDS)
        employer.status = "verified"
        employer.verified_by = actor
        employer.verified_at = utcnow()
        employer.verification_note = note
        employer.suspended_at = None
        employer.suspension_reason = None
        employer.save()
        AuditEvent.record(actor, "employer.verify", employer, before, AuditEvent.snapshot(employer, EMPLOYER_FIELDS))
        waiting = list(Job.select().where((Job.employer == employer) & (Job.status == "pending")).order_by(Job.id))
        published = [job for job in waiting if not job.flags]
        for job in published:
            before = AuditEvent.snapshot(job, JOB_FIELDS)
            job.status, job.published_at = "live", utcnow()
            job.save()
            AuditEvent.record(actor, "job.approve", job, before, AuditEvent.snapshot(job, JOB_FIELDS))
        if waiting:
            body = fitted(employer.language, "sms.employer.verified.jobs", service=_service(), name=employer.name,
                          live=len(published), waiting=len(waiting) - len(published))
        else:
            body = fitted(employer.language, "sms.employer.verified", service=_service(), name=employer.name)
        message = outbox.add(employer.msisdn, body, kind="notice")
    outbox.dispatch([message])
    livejobs.bump_version()
    for job in published:
        runtime.enqueue(alerts.job_went_live, job.id)
    return employer


def suspend_employer(employer, actor, reason):
    """Suspend an employer: their jobs leave the menus at once."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Give a reason for the suspension.")
    if employer.status == "suspended":
        raise IllegalMove(f"{employer.name} is already suspended.")
    with db.atomic():
        before = AuditEvent.snapshot(employer, EMPLOYER_FIELDS)
        employer.status = "suspended"
        employer.suspended_at = utcnow()
        employer.suspension_reason = reason
        employer.save()
        AuditEvent.record(actor, "employer.suspend", employer, before, AuditEvent.snapshot(employer, EMPLOYER_FIELDS))
    livejobs.bump_version()
    return employer


def approve_job(job, actor):
    """Publish a pending or hidden job; the employer is told, matching seekers are alerted."""
    if job.employer.status != "verified":
        raise IllegalMove(f"Verify {job.employer.name} before publishing their jobs.")
    _move(job, "live", actor, "job.approve", published_at=job.published_at or utcnow(),
          notice=("sms.reply.job.live", {"ref": job.ref, "title": job.title}))
    return job


def reject_job(job, actor, reason):
    """Refuse a job; the employer is told why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Give the reason the employer will read.")
    _move(
        job,
        "rejected",
        actor,
        "job.reject",
        reject_reason=reason,
        notice=("sms.job.rejected", {"ref": job.ref, "reason": reason}),
    )
    return job


def hide_job(job, actor, reason=""):
    """Take a live job out of the menus until staff look again; the employer is told."""
    _move(job, "hidden", actor, "job.hide", reject_reason=(reason or "").strip() or None,
          notice=("sms.job.hidden", {"ref": job.ref, "hotline": hotline()}))
    return job


def reported_notice(job):
    """Queue the SMS that tells an employer seekers' reports hid their job (the caller dispatches it)."""
    employer = job.employer
    body = fitted(employer.language, "sms.job.reported", service=_service(), ref=job.ref, hotline=hotline())
    return outbox.add(employer.msisdn, body, kind="notice", job=job)


def close_job(job, actor):
    """Close a job: filled or withdrawn."""
    _move(job, "closed", actor, "job.close", closed_at=utcnow())
    return job


def _move(job, status, actor, action, notice=None, **fields):
    if (job.status, status) not in JOB_MOVES:
        raise IllegalMove(f"Job {job.ref} is {job.status}; it cannot become {status}.")
    messages = []
    with db.atomic():
        before = AuditEvent.snapshot(job, JOB_FIELDS)
        job.status = status
        for name, value in fields.items():
            setattr(job, name, value)
        job.save()
        AuditEvent.record(actor, action, job, before, AuditEvent.snapshot(job, JOB_FIELDS))
        if notice is not None:
            key, values = notice
            employer = job.employer
            body = fitted(employer.language, key, service=_service(), **values)
            messages.append(outbox.add(employer.msisdn, body, kind="notice", job=job))
    outbox.dispatch(messages)
    livejobs.bump_version()
    if status == "live":
        # The alerts fan-out is a job of its own: matching many seekers must not hold up a staff click.
        runtime.enqueue(alerts.job_went_live, job.id)
    return messages


def _service():
    return runtime.current().config["app"]["service_name"]


def hotline():
    """The first safe-work hotline, as messages show it."""
    return runtime.current().config.get_list("app", "hotline")[0]
