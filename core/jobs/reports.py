"""Seekers reporting a suspicious job: several different reporters hide it until staff look."""
from peewee import IntegrityError

from core.jobs import moderation
from core.outbound import outbox
from core.platform import runtime
from core.lifecycle import JOBS, IllegalMove
from core.jobs.models import Job, JobReport
from core.platform.models import db


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
        try:
            with outbox.recording():
                JOBS.move(job, "hide", "system", reject_reason=f"reported by {job.report_count} seekers")
                outbox.dispatch([moderation.reported_notice(job)])
        except IllegalMove:  # another report hid it (or staff moved it) first: that one told the employer
            return True, job.status == "hidden"
        return True, True
    return True, job.status == "hidden"
