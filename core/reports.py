"""Seekers reporting a suspicious job: several different reporters hide it until staff look."""
from peewee import IntegrityError

from core import livejobs, moderation, outbox, runtime
from core.models import AuditEvent, Job, JobReport, db


def report(job, seeker, channel="sms"):
    """Record one seeker's report. Returns (counted, hidden): counted is False for a repeat report."""
    try:
        with db.atomic():
            JobReport.create(job=job, seeker=seeker, channel=channel)
            Job.update(report_count=Job.report_count + 1).where(Job.id == job.id).execute()
    except IntegrityError:
        return False, job.status == "hidden"
    job = Job.get_by_id(job.id)
    if job.status == "live" and job.report_count >= runtime.current().config.get_int("safety", "reports_to_hide"):
        messages = []
        with db.atomic():
            hidden = Job.update(status="hidden").where((Job.id == job.id) & (Job.status == "live")).execute()
            if hidden:
                AuditEvent.record(
                    "system",
                    "job.hide",
                    job,
                    {"status": "live"},
                    {"status": "hidden", "reason": f"reported by {job.report_count} seekers"},
                )
                messages.append(moderation.reported_notice(job))
        outbox.dispatch(messages)
        livejobs.bump_version()
        return True, True
    return True, job.status == "hidden"
