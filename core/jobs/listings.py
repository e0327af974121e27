"""Posting a listing for an employer: screened, then live at once or waiting for staff. Nothing half-saved."""
from peewee import IntegrityError

from core.jobs import screening
from core.outbound import outbox
from core.lifecycle import JOBS
from core.jobs.models import Job
from core.platform.models import AuditEvent, db, utcnow
from core.reference.models import Category


class Suspended(ValueError):
    """A suspended employer may not post."""


class Duplicate(ValueError):
    """The employer already has this very listing active (up, waiting for review or hidden); `job` is that listing."""

    def __init__(self, job):
        super().__init__(f"{job.ref} is the same listing ({job.status})")
        self.job = job


def duplicate_of(employer, category_number, province_code, wage_amount, wage_currency, wage_period, title,
                 details=""):
    """The employer's active job with the same trade, place, wage and words (any case or spacing), or None."""
    candidates = (
        Job.select()
        .where(
            (Job.employer == employer)
            & (Job.category == category_number)
            & (Job.province == province_code)
            & (Job.wage_amount == wage_amount)
            & (Job.wage_currency == wage_currency)
            & (Job.wage_period == wage_period)
            & Job.active()  # a listing repeated while one like it is still up (even waiting or hidden) is refused
        )
        .order_by(Job.id)
    )
    words = _words(title, details)
    return next((job for job in candidates if _words(job.title, job.details) == words), None)


def _words(title, details):
    return " ".join(f"{title} {details}".casefold().split())


def post(employer, category_number, province_code, wage_amount, wage_currency, wage_period, positions, title,
         details="", source="sms"):
    """Save a job, pending with its flags; published at once (core.lifecycle.JOBS's "publish", the system's move)
    when the employer is verified and screening finds nothing."""
    # Refused with Suspended (a suspended employer) or Duplicate (the same listing is already active).
    if employer.status == "suspended":
        raise Suspended(f"{employer.name} is suspended")
    same = duplicate_of(
        employer, category_number, province_code, wage_amount, wage_currency, wage_period, title, details
    )
    if same is not None:
        raise Duplicate(same)
    category = Category.get_by_id(category_number)
    flags = screening.screen(
        f"{title} {details}".strip(), category.code, province_code, wage_amount, wage_currency, wage_period
    )
    with outbox.recording():
        job = _create_with_fresh_ref(
            employer=employer,
            category=category,
            province=province_code,
            title=title,
            details=details,
            wage_amount=wage_amount,
            wage_currency=wage_currency,
            wage_period=wage_period,
            positions=positions,
            flags=flags,
            source=source,
        )
        actor = f"employer:{employer.id}"
        AuditEvent.record(actor, "job.post", job, None, {"ref": job.ref, "status": job.status, "flags": flags})
        if employer.status == "verified" and not flags:
            JOBS.move(job, "publish", actor, published_at=utcnow())
    return job


def _create_with_fresh_ref(**fields):
    """Create the job under a new random ref, drawing again on the rare collision."""
    for _ in range(20):
        try:
            with db.atomic():
                return Job.create(ref=Job.new_ref(), **fields)
        except IntegrityError:
            continue
    raise IntegrityError("could not allocate a job ref")
