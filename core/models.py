"""The data model (peewee). The database is bound at start-up by core.db.init_db."""
import contextlib
import contextvars
import datetime
import functools
import json
import secrets
from typing import NamedTuple

from peewee import (
    JOIN,
    BlobField,
    BooleanField,
    Case,
    CharField,
    Check,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
    Model,
    TextField,
    fn,
)

from core import reference
from core.i18n import DEFAULT_LANGUAGE

db = DatabaseProxy()

# The statuses the database accepts; core.lifecycle's tables say how a row moves between them.
JOB_STATUSES = ("pending", "live", "hidden", "rejected", "closed")
ACTIVE_JOB_STATUSES = ("pending", "live", "hidden")  # Job.active: the listing is not over
EMPLOYER_STATUSES = ("pending", "verified", "suspended")
APPLICATION_STATUSES = ("applied", "hired")
OUTBOX_STATUSES = ("queued", "sending", "sent", "delivered", "failed", "rejected", "cancelled", "unknown")
CALL_STATUSES = ("scheduled", "placing", "placed", "answered", "completed", "no_answer", "busy", "failed", "cancelled",
                 "unknown", "missed")
REACHES = ("same", "near", "any")
ROLES = ("admin", "moderator", "viewer")


@functools.lru_cache(maxsize=None)
def _with_placeholder(template, placeholder):
    return template.replace("?", placeholder)


def hot_sql(template):
    """SQL written out once, with "?" for parameters, in this database's placeholder style. For the steps a person
    waits on: building a query with peewee costs tens of times what running it does."""
    return _with_placeholder(template, db.param)


def utcnow():
    """Naive UTC now: every timestamp in the database is naive UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def status_field(statuses, default, **options):
    """A status column that takes only `statuses`: a CHECK in the database, a choice in the admin."""
    listed = ", ".join(f"'{status}'" for status in statuses)
    return CharField(default=default, choices=[(status, status) for status in statuses],
                     constraints=[Check(f"status IN ({listed})")], **options)


class JSONField(TextField):
    """JSON stored as text, so SQLite and PostgreSQL share one schema."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Province(BaseModel):
    """One of Cambodia's 25 provinces, keyed by its ISO 3166-2:KH number."""

    code = IntegerField(primary_key=True)
    keyword = CharField(unique=True)
    name_en = CharField()
    name_km_latn = CharField()
    name_km = CharField()

    def name(self, language):
        """The province's name in a language."""
        return {"en": self.name_en, "km": self.name_km}.get(language, self.name_km_latn)

    @classmethod
    def of(cls, code):
        """The province with this code, from the reference data the table is loaded from (no query), or None."""
        return _provinces().get(code)


@functools.lru_cache(maxsize=1)
def _provinces():
    return {p.code: Province(code=p.code, keyword=p.keyword, name_en=p.name_en, name_km_latn=p.name_km_latn,
                             name_km=p.name_km) for p in reference.PROVINCES}


class ProvinceBorder(BaseModel):
    """A land border, stored in both directions so "neighbours of X" is one indexed read."""

    province = ForeignKeyField(Province, backref="borders", on_delete="CASCADE")
    neighbour = ForeignKeyField(Province, backref="+", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("province", "neighbour")


class Category(BaseModel):
    """A trade seekers look for and employers post in."""

    number = IntegerField(primary_key=True)
    code = CharField(unique=True)
    name_en = CharField()
    name_km_latn = CharField()
    name_km = CharField()
    wage_min = IntegerField()
    wage_max = IntegerField()

    def name(self, language):
        """The category's name in a language."""
        return {"en": self.name_en, "km": self.name_km}.get(language, self.name_km_latn)


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


class Seeker(BaseModel):
    """A phone number on the seeker side: job seekers and the intermediaries who refer them."""

    msisdn = CharField(unique=True)
    language = CharField(null=True)
    home_province = ForeignKeyField(Province, null=True, backref="seekers")
    reach = CharField(default="near")
    alerts_on = BooleanField(default=False, index=True)
    opted_out_at = DateTimeField(null=True)
    referral_code = CharField(unique=True)
    referred_by = ForeignKeyField("self", null=True, backref="referred", on_delete="SET NULL")
    alerts_day = DateField(null=True)
    alerts_today = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)

    @property
    def opted_out(self):
        return self.opted_out_at is not None

    @classmethod
    def new_referral_code(cls):
        """A short all-digit code: easy to type on a keypad and to read aloud."""
        return "".join(secrets.choice("0123456789") for _ in range(6))

    @classmethod
    def profile_of(cls, msisdn):
        """(id, language, home province, reach, alerts on) for a msisdn, or None: read on every USSD session start,
        so the SQL is written out once instead of built by the query builder each time."""
        cursor = db.execute_sql(
            "SELECT id, language, home_province_id, reach, alerts_on FROM seeker WHERE msisdn = " + db.param,
            (msisdn,),
        )
        row = cursor.fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3], bool(row[4]))

    @classmethod
    def applicant(cls, msisdn):
        """What applying needs of the seeker with this msisdn (id, msisdn, language, referred_by_id), or None."""
        row = db.execute_sql(hot_sql("SELECT id, msisdn, language, referred_by_id FROM seeker WHERE msisdn = ?"),
                             (msisdn,)).fetchone()
        return None if row is None else Applicant(*row)

    @classmethod
    def by_msisdn(cls, msisdn):
        """The seeker with this msisdn, or None."""
        return next(iter(cls.raw(hot_sql("SELECT * FROM seeker WHERE msisdn = ?"), msisdn)), None)

    @classmethod
    def get_or_create_by_msisdn(cls, msisdn, **defaults):
        """The seeker with this msisdn, created (with a fresh referral code) on first contact."""
        seeker = cls.by_msisdn(msisdn)
        if seeker is not None:
            return seeker, False
        for _ in range(10):
            try:
                with db.atomic():
                    return cls.create(msisdn=msisdn, referral_code=cls.new_referral_code(), **defaults), True
            except IntegrityError:
                seeker = cls.get_or_none(cls.msisdn == msisdn)
                if seeker is not None:
                    return seeker, False
        raise IntegrityError("could not allocate a referral code")


class Applicant(NamedTuple):
    """A seeker as applying reads it: one narrow row, not a model to save."""

    id: int
    msisdn: str
    language: str | None
    referred_by_id: int | None


class SeekerTrade(BaseModel):
    """A trade a seeker wants alerts for; indexed by category so matching reads only candidates."""

    seeker = ForeignKeyField(Seeker, backref="trades", on_delete="CASCADE")
    category = ForeignKeyField(Category, backref="+", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("category", "seeker")


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
        the deployment's calendar (core.clock.today(), Phnom Penh's), not UTC's."""
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


class OutboundMessage(BaseModel):
    """The outbox: an SMS is a row first, committed with its cause, then sent by a queued job."""

    msisdn = CharField(index=True)
    text = TextField()
    kind = CharField(default="reply")
    status = status_field(OUTBOX_STATUSES, "queued")
    not_before = DateTimeField(null=True)
    gateway_id = CharField(null=True, index=True)
    attempts = IntegerField(default=0)
    cost = CharField(null=True)
    error = TextField(null=True)
    delivery_status = CharField(null=True)
    job = ForeignKeyField(Job, null=True, backref="+", on_delete="SET NULL")
    asked_in = CharField(null=True)  # the USSD or voice session the person asked for it in (core.spend's caps)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "updated_at"), False), (("status", "not_before"), False))


class EarlyDeliveryReport(BaseModel):
    """A delivery report that came before its gateway id was saved on an outbox row: kept a day, applied once it is."""

    gateway_id = CharField(index=True)
    msisdn = CharField(null=True)
    status = CharField()
    failure_reason = CharField(default="")
    received_at = DateTimeField(default=utcnow)


class UssdStep(BaseModel):
    """The reply of a USSD step that recorded something, committed with what it recorded.

    Unique per session and step, so a repeated or doubled request repeats nothing and gets the same reply; it also
    holds where the session started, for a process that has no other record of it (Redis down or restarted).
    """

    session_id = CharField()
    step = IntegerField()
    msisdn = CharField(null=True, index=True)  # whose session: staff read a number's USSD steps on its contact page
    keys = TextField(null=True)  # the inputs so far, as AT's `text` has them
    start = JSONField()
    state = JSONField()
    wire = TextField()
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("session_id", "step"), True),)

    @classmethod
    def record(cls, session_id, step, start, state, wire, msisdn=None, keys=None):
        """Store a step's reply; IntegrityError if this step of this session was stored already."""
        db.execute_sql(
            hot_sql("INSERT INTO ussd_step (session_id, step, msisdn, keys, start, state, wire, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            (session_id, step, msisdn, keys, cls.start.db_value(start), cls.state.db_value(state), wire,
             cls.created_at.db_value(utcnow())),
        )

    @classmethod
    def state_after(cls, session_id, step):
        """The state a recorded step committed, or None."""
        row = (
            cls.select(cls.state)
            .where((cls.session_id == session_id) & (cls.step == step))
            .first()
        )
        return row.state if row else None

    @classmethod
    def prune(cls, older_than=datetime.timedelta(days=1)):
        """Forget steps of sessions long over (AT ends a session within minutes); returns how many went."""
        with db.connection_context():
            return cls.delete().where(cls.created_at < utcnow() - older_than).execute()

    @classmethod
    def start_of(cls, session_id):
        """Where a session started, as its first recorded step noted it, or None."""
        row = (
            cls.select(cls.start)
            .where(cls.session_id == session_id)
            .order_by(cls.step)
            .first()
        )
        return row.start if row else None


class InboundMessage(BaseModel):
    """An SMS received from the gateway; the provider id makes replays harmless."""

    provider_id = CharField(unique=True)
    msisdn = CharField(index=True)
    to = CharField(default="")
    text = TextField(default="")
    link_id = CharField(null=True)
    network_code = CharField(null=True)
    received_at = DateTimeField(default=utcnow, index=True)  # the inbound log reads newest first
    processed_at = DateTimeField(null=True)
    outcome = CharField(null=True)


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


class Staff(BaseModel):
    """A staff member of the admin web app."""

    email = CharField(unique=True)
    password_hash = CharField()
    role = CharField(default="viewer")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)
    # Part of the session's user id: bumping it (logout, password change, deactivation) ends every session at once.
    session_version = IntegerField(default=0)

    @classmethod
    def end_sessions(cls, staff_id):
        """Invalidate every session of this account."""
        return (
            cls.update(session_version=fn.COALESCE(cls.session_version, 0) + 1)
            .where(cls.id == staff_id)
            .execute()
        )


_ACTING_STAFF = contextvars.ContextVar("acting_staff", default=None)


class AuditEvent(BaseModel):
    """Who did what to which record, with the record before and after."""

    actor = CharField()
    action = CharField(index=True)
    target_type = CharField()
    target_id = CharField()
    before = JSONField(null=True)
    after = JSONField(null=True)
    created_at = DateTimeField(default=utcnow, index=True)

    @staticmethod
    @contextlib.contextmanager
    def on_behalf(staff):
        """Within this block every event names `staff` as acting for whoever the code records (the simulator)."""
        token = _ACTING_STAFF.set(staff)
        try:
            yield
        finally:
            _ACTING_STAFF.reset(token)

    @staticmethod
    def acting():
        """The staff member acting on someone's behalf in this block (the simulators), or None."""
        return _ACTING_STAFF.get()

    @staticmethod
    def snapshot(row, fields):
        """The named fields of a row as JSON-able values, for `before`/`after`."""
        return {
            name: value.isoformat(sep=" ", timespec="seconds") if isinstance(value, datetime.datetime)
            else value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in ((name, getattr(row, name)) for name in fields)
        }

    @classmethod
    def record(cls, actor, action, target, before=None, after=None):
        """Append one event for a model instance (as "<staff> as <actor>" while staff act on someone's behalf)."""
        staff = _ACTING_STAFF.get()
        return cls.create(
            actor=actor if staff is None else f"{staff} as {actor}",
            action=action,
            target_type=type(target).__name__,
            target_id=str(target.get_id()),
            before=before,
            after=after,
        )


class LoginThrottle(BaseModel):
    """Staff login attempts counted per key (an account or an address) within a window.

    In the database, not Redis, so a lockout holds while Redis is down; one upsert per attempt, so parallel guesses
    are counted exactly.
    """

    key = CharField(primary_key=True)
    attempts = IntegerField(default=0)
    window_start = DateTimeField(default=utcnow, index=True)

    @classmethod
    def hit(cls, key, window):
        """Count one attempt on `key` and return the attempts in its window (a window older than `window` restarts)."""
        now = utcnow()
        expired = cls.window_start < now - window
        cursor = (
            cls.insert(key=key, attempts=1, window_start=now)
            .on_conflict(
                conflict_target=[cls.key],
                update={
                    cls.attempts: Case(None, [(expired, 1)], cls.attempts + 1),
                    cls.window_start: Case(None, [(expired, now)], cls.window_start),
                },
            )
            .returning(cls.attempts)
            .execute()
        )
        return next(iter(cursor)).attempts

    @classmethod
    def forgive(cls, key, attempts=None):
        """Take back `attempts` (all when None) from `key`: a successful login is no failure."""
        if attempts is None:
            return cls.delete().where(cls.key == key).execute()
        return (
            cls.update(attempts=cls.attempts - attempts)
            .where((cls.key == key) & (cls.attempts >= attempts))
            .execute()
        )

    @classmethod
    def prune(cls, window):
        """Forget windows that ended: they would never count again."""
        return cls.delete().where(cls.window_start < utcnow() - window).execute()


class Tally(BaseModel):
    """A count per key within a window that restarts once it has passed: the inbound SMS reply limit and the like.

    In the database, so it holds with Redis down; one upsert per hit, so parallel hits are counted exactly."""

    key = CharField(primary_key=True)
    hits = IntegerField(default=0)
    expires_at = DateTimeField(index=True)

    @classmethod
    def hit(cls, key, window):
        """Count one on `key`; returns the count in its window (a window that has passed starts again at 1)."""
        now = utcnow()
        over = cls.expires_at <= now
        cursor = (
            cls.insert(key=key, hits=1, expires_at=now + window)
            .on_conflict(
                conflict_target=[cls.key],
                update={cls.hits: Case(None, [(over, 1)], cls.hits + 1),
                        cls.expires_at: Case(None, [(over, now + window)], cls.expires_at)},
            )
            .returning(cls.hits)
            .execute()
        )
        return next(iter(cursor)).hits

    @classmethod
    def hold(cls, key, until):
        """Mark `key` until a time (a lock's end, an address known to an account); one upsert."""
        cls.insert(key=key, hits=1, expires_at=until).on_conflict(
            conflict_target=[cls.key], update={cls.expires_at: until, cls.hits: cls.hits + 1}).execute()

    @classmethod
    def until(cls, key):
        """When `key`'s mark ends, or None when it has none (or it has passed)."""
        row = cls.get_or_none((cls.key == key) & (cls.expires_at > utcnow()))
        return row.expires_at if row is not None else None

    @classmethod
    def prune(cls):
        """Forget windows that have passed."""
        return cls.delete().where(cls.expires_at <= utcnow()).execute()


class Refusal(BaseModel):
    """A message or call core.spend refused (opted out, a cap, quiet hours), for the dashboard: what, why, when."""

    kind = CharField()
    reason = CharField()
    created_at = DateTimeField(default=utcnow, index=True)


class ShareCode(BaseModel):
    """A one-time code texted to the number a visitor of the site gives as theirs, before a share names that number.

    Only the code's HMAC is kept; `nonce` names the code in the visitor's signed form token."""

    nonce = CharField(unique=True)
    msisdn = CharField(index=True)
    code_mac = CharField()
    attempts = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow, index=True)
    used_at = DateTimeField(null=True)

    @classmethod
    def sent_to(cls, msisdn, window):
        """How many codes went to `msisdn` within `window`."""
        return (
            cls.select()
            .where((cls.msisdn == msisdn) & (cls.created_at >= utcnow() - window))
            .count()
        )

    @classmethod
    def attempt(cls, nonce, max_attempts):
        """Count one try of an unused code; False when it had no tries left (or is used or unknown)."""
        return bool(
            cls.update(attempts=cls.attempts + 1)
            .where((cls.nonce == nonce) & cls.used_at.is_null() & (cls.attempts < max_attempts))
            .execute()
        )

    @classmethod
    def prune(cls, older_than):
        """Forget codes sent longer ago than `older_than`: no page can post them any more."""
        return cls.delete().where(cls.created_at < utcnow() - older_than).execute()

    @classmethod
    def use(cls, nonce):
        """Mark a code used; False when another request used it first."""
        return bool(
            cls.update(used_at=utcnow())
            .where((cls.nonce == nonce) & cls.used_at.is_null())
            .execute()
        )


class Call(BaseModel):
    """A voice call, in or out: an outbound call is a row first (due, then placed by a queued job), like an SMS."""

    direction = CharField(default="inbound")  # inbound (a person called us) or outbound (we call them)
    kind = CharField(default="inbound")  # inbound, share (a friend shared a job), callback (asked to be called back)
    msisdn = CharField(index=True)
    session_id = CharField(null=True, unique=True)  # the gateway's sessionId, once known
    status = status_field(CALL_STATUSES, "scheduled")
    due_at = DateTimeField(null=True)
    job = ForeignKeyField(Job, null=True, backref="+", on_delete="SET NULL")
    referral = ForeignKeyField(Referral, null=True, backref="calls", on_delete="SET NULL")
    relation = CharField(null=True)  # how the sharer knows the friend: family, friend, neighbour, workmate
    language = CharField(null=True)
    request_key = CharField(null=True, unique=True)  # what asked for this call (a call-back key press): asked once
    asked_in = CharField(null=True)  # the call session a call-back was asked for in (core.spend's caps)
    keys = CharField(default="")  # the keys pressed, in order
    attempts = IntegerField(default=0)
    duration_seconds = IntegerField(null=True)
    cost = CharField(null=True)
    outcome = CharField(null=True)  # the gateway's hang-up cause or why we did not call
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    placed_at = DateTimeField(null=True)
    ended_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "due_at"), False),)

    @classmethod
    def due(cls, now):
        """Scheduled calls whose time has come, oldest first."""
        return (
            cls.select()
            .where((cls.status == "scheduled") & (cls.due_at <= now))
            .order_by(cls.due_at, cls.id)
        )


class VoicePrompt(BaseModel):
    """A staff recording of one prompt in one spoken language; a prompt without one is read by text-to-speech."""

    language = CharField()  # "km" (Khmer, for both Khmer languages) or "en"
    prompt = CharField()  # the prompt id, e.g. voice.welcome, trade.1, number.200
    audio = BlobField()
    content_type = CharField(default="audio/mpeg")
    uploaded_by = CharField(null=True)
    uploaded_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("language", "prompt"), True),)

    @classmethod
    def recorded(cls):
        """{(language, prompt id)} of every recording, without the audio."""
        return set(cls.select(cls.language, cls.prompt).tuples())


MODELS = (
    Province,
    ProvinceBorder,
    Category,
    Employer,
    Seeker,
    SeekerTrade,
    Job,
    Application,
    JobReport,
    Referral,
    SponsoredSlot,
    OutboundMessage,
    EarlyDeliveryReport,
    UssdStep,
    InboundMessage,
    ListingDraft,
    Staff,
    AuditEvent,
    LoginThrottle,
    Tally,
    Refusal,
    ShareCode,
    Call,
    VoicePrompt,
)
