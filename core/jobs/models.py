"""Employers, jobs and what hangs on a job: applications, reports, referrals, sponsored slots, drafts."""

import functools
import secrets

from peewee import JOIN, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField, fn

from core.platform.models import BaseModel, db, hot_sql, JSONField, status_field, utcnow
from core.reference.models import Category, Province
from core.seekers.models import Seeker
from core.text.i18n import DEFAULT_LANGUAGE

# The statuses the database accepts; core.lifecycle's tables say how a row moves between them.
JOB_STATUSES = ("pending", "live", "hidden", "rejected", "closed")
ACTIVE_JOB_STATUSES = ("pending", "live", "hidden")  # Job.active: the listing is not over
EMPLOYER_STATUSES = ("pending", "verified", "suspended")
APPLICATION_STATUSES = ("applied", "hired")


class Employer(BaseModel):
    """A business that posts jobs by SMS; only verified employers' jobs are shown."""

    msisdn = CharField(unique=True)
    name = CharField()
    province = ForeignKeyField(Province, null=True, backref="employers")
    language = CharField(default=DEFAULT_LANGUAGE)
    status = status_field(EMPLOYER_STATUSES, "pending", index=True)
    verified_by = CharField(null=True)
    verified_at = DateTimeField(null=True)
    verification_note = TextField(null=True)
    suspended_at = DateTimeField(null=True)
    suspension_reason = TextField(null=True)
    created_at = DateTimeField(default=utcnow)

    @classmethod
    def is_verified(cls, msisdn):
        """Whether this number is a verified employer's."""
        return cls.select().where((cls.msisdn == msisdn) & (cls.status == "verified")).exists()


class Job(BaseModel):
    """A listing; only `live` jobs of verified employers are shown to seekers."""

    ref = CharField(unique=True)
    employer = ForeignKeyField(Employer, backref="jobs")
    category = ForeignKeyField(Category, backref="jobs")
    province = ForeignKeyField(Province, backref="jobs")
    title = CharField(max_length=160)
    details = TextField(default="")
    wage_amount = IntegerField(null=True)
    wage_currency = CharField(default="USD")
    wage_period = CharField(default="month")
    positions = IntegerField(default=1)
    status = status_field(JOB_STATUSES, "pending")
    flags = JSONField(default=list)
    source = CharField(default="sms")
    reject_reason = TextField(null=True)
    report_count = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)
    published_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "category", "province", "published_at"), False),)

    @classmethod
    def new_ref(cls):
        """A short public reference such as J4821: a letter then digits, easy to type and say."""
        return "J%d" % (1000 + secrets.randbelow(99000))

    @classmethod
    def live(cls):
        """Jobs seekers may see: live, from verified employers, newest first."""
        return (
            cls.select(cls, Employer)
            .join(Employer)
            .where(cls.open())
            .order_by(cls.published_at.desc(), cls.id.desc())
        )

    @classmethod
    def open(cls):
        """The rule that makes a job open to seekers (listed, applied to), for a query that joins Employer: live,
        employer verified."""
        return (cls.status == "live") & (Employer.status == "verified")

    @property
    def is_open(self):
        """This job is open to seekers (the rule of `Job.open`, for a job in hand)."""
        return self.status == "live" and self.employer.status == "verified"

    @classmethod
    def active(cls):
        """The rule that makes a listing still its employer's business: live, waiting for staff or hidden after
        reports; not closed, not rejected. (Seekers see only the `open` ones.)"""
        return cls.status.in_(ACTIVE_JOB_STATUSES)

    @classmethod
    def active_of(cls, employer, limit=None):
        """An employer's active jobs (`active`), newest first, with their number of applicants (as dicts)."""
        return (
            cls.select(cls.ref, cls.status, fn.COUNT(Application.id).alias("applicants"))
            .join(Application, JOIN.LEFT_OUTER, on=(Application.job == cls.id))
            .where((cls.employer == employer) & cls.active())
            .group_by(cls.id, cls.ref, cls.status)
            .order_by(cls.created_at.desc(), cls.id.desc())
            .limit(limit)
            .dicts()
        )

    @classmethod
    def reported(cls):
        """Jobs waiting for staff because seekers reported them: hidden, or live with reports."""
        return cls.select().where((cls.status == "hidden") | ((cls.report_count > 0) & (cls.status == "live")))

    @classmethod
    def by_ref(cls, ref):
        """The job with this public reference (any letter case), with its employer and province, or None.

        One query written out once: applying reads it on the step a seeker waits on."""
        row = db.execute_sql(hot_sql(_job_by_ref()), ((ref or "").strip().upper(),)).fetchone()
        if row is None:
            return None
        job_fields, employer_fields = Job._meta.sorted_fields, Employer._meta.sorted_fields
        job = cls(**{f.name: f.python_value(value) for f, value in zip(job_fields, row)})
        job.employer = Employer(**{f.name: f.python_value(value) for f, value in zip(employer_fields, row[len(job_fields):])})
        job.province = Province.of(job.province_id)
        return job


@functools.lru_cache(maxsize=1)
def _job_by_ref():
    columns = [f"job.{f.column_name}" for f in Job._meta.sorted_fields]
    columns += [f"employer.{f.column_name}" for f in Employer._meta.sorted_fields]
    return f"SELECT {', '.join(columns)} FROM job JOIN employer ON employer.id = job.employer_id WHERE job.ref = ?"


class Application(BaseModel):
    """A seeker's application to a job; one per job and seeker."""

    job = ForeignKeyField(Job, backref="applications", on_delete="CASCADE")
    seeker = ForeignKeyField(Seeker, backref="applications", on_delete="CASCADE")
    channel = CharField(default="ussd")
    status = status_field(APPLICATION_STATUSES, "applied")
    experienced = BooleanField(null=True)
    referrer = ForeignKeyField(Seeker, null=True, backref="credited_applications", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow, index=True)
    hired_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("job", "seeker"), True),)


class JobReport(BaseModel):
    """A seeker flagging a job as suspicious; one per job and seeker."""

    job = ForeignKeyField(Job, backref="reports", on_delete="CASCADE")
    seeker = ForeignKeyField(Seeker, backref="+", on_delete="CASCADE")
    channel = CharField(default="sms")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("job", "seeker"), True),)


class Referral(BaseModel):
    """An intermediary passing the service (and maybe a job) to a friend."""

    referrer = ForeignKeyField(Seeker, backref="referrals", on_delete="CASCADE")
    friend_msisdn = CharField(index=True)
    friend = ForeignKeyField(Seeker, null=True, backref="+", on_delete="SET NULL")
    job = ForeignKeyField(Job, null=True, backref="referrals", on_delete="SET NULL")
    channel = CharField(default="sms")
    origin = CharField(default="phone")  # where the sharer asked: "phone" (SMS, USSD, voice) or "web" (the site)
    sharer_name = CharField(null=True)  # the name a sharer on the site gave; on the phone the number names them
    created_at = DateTimeField(default=utcnow, index=True)


class SponsoredSlot(BaseModel):
    """A paid placement: a job shown first, or a line on the USSD home screen, between two dates."""

    kind = CharField(default="job")
    job = ForeignKeyField(Job, null=True, backref="slots", on_delete="SET NULL")
    label = CharField(null=True)
    categories = JSONField(default=list)
    provinces = JSONField(default=list)
    starts_on = DateField()
    ends_on = DateField()
    price_cents = IntegerField(default=0)
    currency = CharField(default="USD")
    buyer = CharField(null=True)
    impressions = IntegerField(default=0)
    detail_views = IntegerField(default=0)
    web_impressions = IntegerField(default=0)
    web_views = IntegerField(default=0)
    applications = IntegerField(default=0)
    created_by = CharField(null=True)
    created_at = DateTimeField(default=utcnow)

    @classmethod
    def running_on(cls, day):
        """The rule that makes a slot run on a day: from the start of `starts_on` to the end of `ends_on`, days of
        the deployment's calendar (core.platform.clock.today(), Phnom Penh's), not UTC's."""
        return (cls.starts_on <= day) & (cls.ends_on >= day)

    @classmethod
    def count_application(cls, job_id, day):
        """Add one application to the job's slots running on `day`: the rule of `running_on`, written out once, as
        applying is a step a seeker waits on."""
        value = cls.starts_on.db_value(day)
        db.execute_sql(
            hot_sql("UPDATE sponsored_slot SET applications = applications + 1"
                    " WHERE job_id = ? AND starts_on <= ? AND ends_on >= ?"),
            (job_id, value, value),
        )


class ListingDraft(BaseModel):
    """A listing an employer texted that waits for one answer before it is posted: a spelling we only guessed
    ("confirm"), or the period of its wage ("period"). Staff see the ones left unanswered for a day."""

    employer = ForeignKeyField(Employer, backref="drafts", on_delete="CASCADE")
    question = CharField()  # confirm or period
    listing = TextField()  # the fields read, as JSON (sms.parser.PostJob's)
    status = CharField(default="waiting")  # waiting, posted (job set), replaced (a newer listing came)
    job = ForeignKeyField(Job, null=True, backref="+", on_delete="SET NULL")
    text = TextField(default="")  # the employer's message, as staff read it
    created_at = DateTimeField(default=utcnow)
    answered_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("employer", "status"), False),)

    @classmethod
    def stale(cls, before):
        """Drafts still waiting for an answer asked before `before`, oldest first: staff call the employer."""
        return cls.select().where((cls.status == "waiting") & (cls.created_at < before)).order_by(cls.id)

    @classmethod
    def waiting_for(cls, employer, since):
        """The employer's newest draft still waiting for an answer, asked after `since`, or None."""
        return (
            cls.select()
            .where((cls.employer == employer) & (cls.status == "waiting") & (cls.created_at >= since))
            .order_by(cls.id.desc())
            .first()
        )
