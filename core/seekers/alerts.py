"""Job alerts: when a job goes live, matching seekers get one SMS each, batched, capped, held in quiet hours.

Matching starts from SeekerTrade's (category, seeker) key, so the work grows with the seekers of that trade, and
the outbox rows are written by one INSERT … SELECT whose text is picked per seeker's language in SQL. Sending is
the outbox's: one rq job per batch of up to 100 identical texts.
"""
import datetime
import logging
from itertools import groupby

from peewee import Case, Value, fn
from core.jobs import livejobs
from core.outbound import outbox
from core.platform import clock, runtime
from core.text.i18n import LANGUAGES
from core.jobs.models import Employer, Job
from core.outbound.models import OutboundMessage
from core.platform.models import db, utcnow
from core.seekers.models import Seeker, SeekerTrade
from core.text.wording import fitted, job_place, job_title, job_wage

log = logging.getLogger(__name__)

KIND = "alert"
LOCK_SECONDS = 3600


def job_went_live(job_id):
    """rq job: alert the seekers who match a job that just went live. Returns how many were queued."""
    with db.connection_context():
        job = (
            Job.select(Job, Employer)
            .join(Employer)
            .where(Job.id == job_id)
            .first()
        )
        if job is None or not job.is_open:
            return 0
        if not _first_run(job):
            return 0
        config = runtime.current().config
        now = utcnow()
        today, not_before = local_day_and_hold(now, config)
        texts = {language: alert_text(job, language) for language in LANGUAGES}
        with db.atomic():
            count = _queue_alerts(job, texts, today, not_before, now, config.get_int("alerts", "max_per_day"))
            _count_towards_daily_cap(job, today)
        batches = _batches(job)
    _enqueue(batches, not_before)
    log.info("job %s: %d alerts in %d batches", job.ref, count, len(batches))
    return count


CATCH_UP_WINDOW = (datetime.timedelta(minutes=2), datetime.timedelta(days=1))


def catch_up():
    """rq job (sweeper): alert for jobs that went live in the last day but alerted nobody yet.

    Going live only enqueues job_went_live; if Redis was down then, or the job died after taking its lock, nothing
    else would ever send those alerts. Running it again is safe: it alerts nobody twice.
    """
    now = utcnow()
    newest, oldest = (now - age for age in CATCH_UP_WINDOW)
    alerted = OutboundMessage.select(OutboundMessage.job).where(
        (OutboundMessage.kind == KIND) & OutboundMessage.job.is_null(False)
    )
    jobs = (
        Job.select(Job.id)
        .join(Employer)
        .where(
            Job.open()
            & Job.published_at.between(oldest, newest)
            & Job.id.not_in(alerted)
        )
    )
    due = [job_id for (job_id,) in jobs.tuples()]  # read first: each run opens and closes its own connection
    return sum(job_went_live(job_id) for job_id in due)


def matching_seekers(job, today, max_per_day):
    """Seekers to alert for a job: its trade, home within their reach, alerts on, not opted out, under the cap."""
    under_cap = (
        Seeker.alerts_day.is_null()
        | (Seeker.alerts_day != today)
        | (Seeker.alerts_today < max_per_day)
    )
    return (
        Seeker.select()
        .join(SeekerTrade, on=(SeekerTrade.seeker == Seeker.id))
        .where(
            (SeekerTrade.category == job.category_id)
            & (Seeker.alerts_on == True)  # noqa: E712 - SQL comparison
            & Seeker.opted_out_at.is_null()
            & livejobs.seekers_reached_by(job.province_id)
            & under_cap
        )
    )


def alert_text(job, language):
    """The alert SMS in a language, in the segments core.text.wording allows it: the title in the language's script,
    shortened visibly to fit."""
    ussd = runtime.current().config.deployment().ussd_code
    values = dict(ref=job.ref, wage=job_wage(job, language), place=job_place(job, language), ussd=ussd)
    return fitted(language, "sms.alert", title=job_title(job, language), **values)


def local_day_and_hold(now, config):
    """(today's date in the service's zone, the UTC time to hold messages until or None outside quiet hours)."""
    local = clock.local_time(now, config)
    start, end = (_clock(part) for part in config["alerts"]["quiet_hours"].split("-"))
    hour = local.time()
    quiet = (start <= hour or hour < end) if start > end else (start <= hour < end)
    if not quiet:
        return local.date(), None
    morning = datetime.datetime.combine(local.date(), end, tzinfo=local.tzinfo)
    if morning <= local:
        morning += datetime.timedelta(days=1)
    return local.date(), morning.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def _clock(value):
    hours, minutes = value.strip().split(":")
    return datetime.time(int(hours), int(minutes))


def lock_key(job_id):
    """The Redis key that makes a job's alerts run once at a time."""
    return runtime.key("alerts", "job", job_id)


def _first_run(job):
    """True once per job: a job hidden and approved again, or a repeated rq job, alerts nobody twice."""
    try:
        if not runtime.current().redis.set(lock_key(job.id), 1, nx=True, ex=LOCK_SECONDS):
            return False
    except Exception as error:  # without Redis the outbox check below still stops a second run
        log.warning("alerts lock unavailable: %s", error)
    return not (
        OutboundMessage.select()
        .where((OutboundMessage.job == job) & (OutboundMessage.kind == KIND))
        .exists()
    )


def _queue_alerts(job, texts, today, not_before, now, max_per_day):
    default = runtime.current().config.deployment().default_language  # for seekers who never chose a language
    language = fn.COALESCE(Seeker.language, default)
    message = Case(language, [(code, texts[code]) for code in LANGUAGES if code != default], texts[default])
    rows = matching_seekers(job, today, max_per_day).select(
        Seeker.msisdn,
        message,
        Value(KIND),
        Value("queued"),
        Value(not_before),
        Value(job.id),
        Value(now),
        Value(now),
        Value(0),
    )
    columns = [
        OutboundMessage.msisdn,
        OutboundMessage.text,
        OutboundMessage.kind,
        OutboundMessage.status,
        OutboundMessage.not_before,
        OutboundMessage.job,
        OutboundMessage.created_at,
        OutboundMessage.updated_at,
        OutboundMessage.attempts,
    ]
    return OutboundMessage.insert_from(rows, columns).as_rowcount().execute()


def _count_towards_daily_cap(job, today):
    alerted = (
        OutboundMessage.select(OutboundMessage.msisdn)
        .where((OutboundMessage.job == job) & (OutboundMessage.kind == KIND))
    )
    (
        Seeker.update(
            alerts_today=Case(None, [(Seeker.alerts_day == today, Seeker.alerts_today + 1)], 1),
            alerts_day=today,
        )
        .where(Seeker.msisdn.in_(alerted))
        .execute()
    )


def _batches(job):
    """Ids of the job's queued alerts, identical texts together, at most BATCH_SIZE per batch."""
    rows = (
        OutboundMessage.select(OutboundMessage.id, OutboundMessage.text)
        .where((OutboundMessage.job == job) & (OutboundMessage.kind == KIND) & (OutboundMessage.status == "queued"))
        .order_by(OutboundMessage.text, OutboundMessage.id)
        .tuples()
    )
    batches = []
    for _text, group in groupby(rows, key=lambda row: row[1]):
        ids = [row[0] for row in group]
        batches.extend(ids[start:start + outbox.BATCH_SIZE] for start in range(0, len(ids), outbox.BATCH_SIZE))
    return batches


def _enqueue(batches, not_before):
    """One rq job per batch, in one Redis pipeline; held batches wait for `outbox.release_due` in the morning."""
    if not_before is None:
        outbox.enqueue_batches(batches)
