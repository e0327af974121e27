"""Staff decisions on employers and jobs, each a move of core.lifecycle's tables (audited, the menus refreshed and
seekers alerted once it is committed), with the SMS that tells the employer."""
from core.jobs import livejobs, screening
from core.outbound import outbox
from core.platform import runtime
from core.seekers import alerts
from core.text.i18n import keys
from core.lifecycle import EMPLOYERS, JOBS, IllegalMove
from core.jobs.models import Application, Job
from core.platform.models import AuditEvent, utcnow
from core.reference.models import Category, Province
from core.seekers.models import Seeker
from core.text.wording import fitted, job_title, job_wage

# What staff may correct in a job, as the audit log shows it before and after.
EDIT_FIELDS = ("title", "wage_amount", "wage_currency", "wage_period", "positions", "category_id", "province_id")
EDITABLE_STATUSES = ("pending", "live", "hidden")
WAGE_FIELDS = ("wage_amount", "wage_currency", "wage_period")
CURRENCIES = ("USD", "KHR")


def verify_employer(employer, actor, note):
    """Mark an employer verified after staff checked them; their waiting jobs that screening passed go live, the
    others stay for staff; one SMS tells them both and how to post."""
    note = (note or "").strip()
    if not note:
        raise ValueError("Say what was checked (licence, visit, phone call…) before verifying.")
    with outbox.recording():
        EMPLOYERS.move(employer, "verify", actor, verified_by=actor, verified_at=utcnow(), verification_note=note,
                       suspended_at=None, suspension_reason=None)
        waiting = list(Job.select().where((Job.employer == employer) & (Job.status == "pending")).order_by(Job.id))
        published = [job for job in waiting if not job.flags]
        for job in published:
            JOBS.move(job, "approve", actor, published_at=utcnow())
        if waiting:
            body = fitted(employer.language, "sms.employer.verified.jobs", service=_service(), name=employer.name,
                          live=len(published), waiting=len(waiting) - len(published))
        else:
            body = fitted(employer.language, "sms.employer.verified", service=_service(), name=employer.name)
        outbox.dispatch([outbox.add(employer.msisdn, body, kind="notice")])
    return employer


def suspend_employer(employer, actor, reason):
    """Suspend an employer: their jobs leave the menus at once."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Give a reason for the suspension.")
    EMPLOYERS.move(employer, "suspend", actor, suspended_at=utcnow(), suspension_reason=reason)
    return employer


def approve_job(job, actor):
    """Publish a pending or hidden job; the employer is told, matching seekers are alerted."""
    if job.employer.status != "verified":
        raise IllegalMove(f"Verify {job.employer.name} before publishing their jobs.")
    _move(job, "approve", actor, published_at=job.published_at or utcnow(),
          notice=("sms.reply.job.live", {"ref": job.ref, "title": job.title}))
    return job


def reject_job(job, actor, reason):
    """Refuse a job; the employer is told why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("Give the reason the employer will read.")
    _move(job, "reject", actor, reject_reason=reason, notice=("sms.job.rejected", {"ref": job.ref, "reason": reason}))
    return job


def hide_job(job, actor, reason=""):
    """Take a live job out of the menus until staff look again; the employer is told."""
    _move(job, "hide", actor, reject_reason=(reason or "").strip() or None,
          notice=("sms.job.hidden", {"ref": job.ref, "hotline": hotline()}))
    return job


def reported_notice(job):
    """Queue the SMS that tells an employer seekers' reports hid their job (the caller dispatches it)."""
    employer = job.employer
    body = fitted(employer.language, "sms.job.reported", service=_service(), ref=job.ref, hotline=hotline())
    return outbox.add(employer.msisdn, body, kind="notice", job=job)


def close_job(job, actor):
    """Close a job: filled or withdrawn."""
    _move(job, "close", actor, closed_at=utcnow())
    return job


def wage_periods():
    """The wage periods every channel can write ("month", "day", …): those the catalogues have words for."""
    return sorted(key.removeprefix("wage.per_") for key in keys("en") if key.startswith("wage.per_"))


def edit_job(job, actor, **changes):
    """Correct a job's fields (EDIT_FIELDS by name, category and province by number): audited before and after,
    screened again. A live job the new text flags is hidden for review (the move table's live -> hidden, with its
    notice to the employer); applicants still waiting on the job are told a new wage by SMS. Returns the job."""
    if job.status not in EDITABLE_STATUSES:
        raise IllegalMove(f"Job {job.ref} is {job.status}; only a pending, live or hidden job can be edited.")
    values = _checked_edit(changes)
    before = dict(AuditEvent.snapshot(job, EDIT_FIELDS), flags=[flag["code"] for flag in job.flags or []])
    if all(before[name] == value for name, value in values.items()):
        raise ValueError("Nothing changed.")
    for name, value in values.items():
        setattr(job, name, value)
    category = Category.get_by_id(job.category_id)
    job.flags = screening.screen(f"{job.title} {job.details}".strip(), category.code, job.province_id,
                                 job.wage_amount, job.wage_currency, job.wage_period)
    wage_changed = any(before[name] != getattr(job, name) for name in WAGE_FIELDS)
    with outbox.recording():
        # The edited fields only: the status is core.lifecycle's to move.
        Job.update(flags=job.flags, **values).where(Job.id == job.id).execute()
        AuditEvent.record(actor, "job.edit", job, before,
                          dict(AuditEvent.snapshot(job, EDIT_FIELDS), flags=[flag["code"] for flag in job.flags]))
        if wage_changed:
            outbox.dispatch(_tell_applicants_of_wage(job))
        if job.status == "live" and job.flags:
            codes = ", ".join(flag["code"] for flag in job.flags)
            hide_job(job, actor, f"staff edit raised screening flags: {codes}")
    livejobs.bump_version()  # menus and the site show the corrected job
    return job


def _checked_edit(changes):
    """The changes as stored values, or ValueError naming the first field that is wrong."""
    values = {}
    for name, value in changes.items():
        if name not in EDIT_FIELDS:
            raise ValueError(f"{name} cannot be edited.")
        values[name] = value
    if "title" in values:
        values["title"] = " ".join(str(values["title"] or "").split())
        if not values["title"] or len(values["title"]) > Job.title.max_length:
            raise ValueError(f"Give a title of 1 to {Job.title.max_length} characters.")
    if values.get("wage_amount") is not None and not 0 < values["wage_amount"] <= 100_000_000:
        raise ValueError("Give the wage as a whole amount above 0, or leave it empty if the employer gave none.")
    if "wage_currency" in values and values["wage_currency"] not in CURRENCIES:
        raise ValueError(f"The currency is one of {', '.join(CURRENCIES)}.")
    if "wage_period" in values and values["wage_period"] not in wage_periods():
        raise ValueError(f"The wage period is one of {', '.join(wage_periods())}.")
    if "positions" in values and not 1 <= (values["positions"] or 0) <= 10_000:
        raise ValueError("Give the number of workers wanted, from 1 to 10000.")
    if "category_id" in values and Category.get_or_none(Category.number == values["category_id"]) is None:
        raise ValueError("No such trade.")
    if "province_id" in values and Province.of(values["province_id"]) is None:
        raise ValueError("No such province.")
    return values


def _tell_applicants_of_wage(job):
    """Queue the new-wage SMS to each of the job's applicants (the caller dispatches them); held over
    quiet hours like alerts, and never sent after STOP (the outbox checks when sending)."""
    _today, hold = alerts.local_day_and_hold(utcnow(), runtime.current().config)
    default = runtime.current().config.deployment().default_language
    applicants = (
        Seeker.select(Seeker.msisdn, Seeker.language)
        .join(Application, on=(Application.seeker == Seeker.id))
        .where((Application.job == job) & Seeker.opted_out_at.is_null())
        .order_by(Seeker.id)
    )
    messages = []
    for seeker in applicants:
        language = seeker.language or default
        body = fitted(language, "sms.job.wage_changed", service=_service(), ref=job.ref,
                      title=job_title(job, language), wage=job_wage(job, language))
        messages.append(outbox.add(seeker.msisdn, body, kind="notice", job=job, not_before=hold))
    return messages


def _move(job, move, actor, notice=None, **fields):
    """Move a job by core.lifecycle.JOBS and queue the employer's notice with it."""
    with outbox.recording():
        JOBS.move(job, move, actor, **fields)
        if notice is not None:
            key, values = notice
            employer = job.employer
            body = fitted(employer.language, key, service=_service(), **values)
            outbox.dispatch([outbox.add(employer.msisdn, body, kind="notice", job=job)])


def _service():
    return runtime.current().config.deployment().service


def hotline():
    """The first safe-work hotline, as messages show it."""
    return runtime.current().config.deployment().hotline
