"""The data model (peewee). The database is bound at start-up by core.db.init_db."""
import datetime
import json
import secrets

from peewee import (
    JOIN,
    BlobField,
    BooleanField,
    CharField,
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

db = DatabaseProxy()

LANGUAGES = ("km-Latn", "km", "en")
JOB_STATUSES = ("pending", "live", "closed", "rejected", "hidden")
EMPLOYER_STATUSES = ("pending", "verified", "suspended")
APPLICATION_STATUSES = ("applied", "shortlisted", "hired", "rejected", "withdrawn")
OUTBOX_STATUSES = ("queued", "sending", "sent", "delivered", "failed", "rejected", "cancelled")
REACHES = ("same", "near", "any")
ROLES = ("admin", "moderator", "viewer")


def utcnow():
    """Naive UTC now: every timestamp in the database is naive UTC."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


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
    language = CharField(default="km-Latn")
    status = CharField(default="pending", index=True)
    verified_by = CharField(null=True)
    verified_at = DateTimeField(null=True)
    verification_note = TextField(null=True)
    suspended_at = DateTimeField(null=True)
    suspension_reason = TextField(null=True)
    created_at = DateTimeField(default=utcnow)


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

    def provinces_in_reach(self):
        """Province codes this seeker would work in (home, and its neighbours for "near"); None for anywhere."""
        if self.home_province_id is None or self.reach == "any":
            return None
        provinces = {self.home_province_id}
        if self.reach == "near":
            provinces |= {
                code
                for (code,) in ProvinceBorder.select(ProvinceBorder.neighbour)
                .where(ProvinceBorder.province == self.home_province_id)
                .tuples()
            }
        return provinces

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
    def get_or_create_by_msisdn(cls, msisdn, **defaults):
        """The seeker with this msisdn, created (with a fresh referral code) on first contact."""
        seeker = cls.get_or_none(cls.msisdn == msisdn)
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
    status = CharField(default="pending")
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
            .where((cls.status == "live") & (Employer.status == "verified"))
            .order_by(cls.published_at.desc(), cls.id.desc())
        )

    @classmethod
    def matching(cls, seeker):
        """Live jobs for a seeker: their trades (any if none chosen), in a province within their reach."""
        query = cls.live()
        trades = SeekerTrade.select(SeekerTrade.category).where(SeekerTrade.seeker == seeker)
        if trades.exists():
            query = query.where(cls.category.in_(trades))
        provinces = seeker.provinces_in_reach()
        if provinces is not None:
            query = query.where(cls.province.in_(sorted(provinces)))
        return query

    @classmethod
    def open_of(cls, employer, limit=None):
        """An employer's jobs not closed, newest first, with their number of applicants (as dicts)."""
        return (
            cls.select(cls.ref, cls.status, fn.COUNT(Application.id).alias("applicants"))
            .join(Application, JOIN.LEFT_OUTER, on=(Application.job == cls.id))
            .where((cls.employer == employer) & (cls.status != "closed"))
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
        """The job with this public reference (any letter case), or None."""
        return cls.get_or_none(cls.ref == (ref or "").strip().upper())


class Application(BaseModel):
    """A seeker's application to a job; one per job and seeker."""

    job = ForeignKeyField(Job, backref="applications", on_delete="CASCADE")
    seeker = ForeignKeyField(Seeker, backref="applications", on_delete="CASCADE")
    channel = CharField(default="ussd")
    status = CharField(default="applied")
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
    applications = IntegerField(default=0)
    created_by = CharField(null=True)
    created_at = DateTimeField(default=utcnow)

    @classmethod
    def active_on(cls, day):
        """Slots running on a date."""
        return cls.select().where((cls.starts_on <= day) & (cls.ends_on >= day))


class OutboundMessage(BaseModel):
    """The outbox: an SMS is a row first, committed with its cause, then sent by a queued job."""

    msisdn = CharField(index=True)
    text = TextField()
    kind = CharField(default="reply")
    status = CharField(default="queued")
    not_before = DateTimeField(null=True)
    gateway_id = CharField(null=True, index=True)
    attempts = IntegerField(default=0)
    cost = CharField(null=True)
    error = TextField(null=True)
    delivery_status = CharField(null=True)
    job = ForeignKeyField(Job, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "updated_at"), False),)


class InboundMessage(BaseModel):
    """An SMS received from the gateway; the provider id makes replays harmless."""

    provider_id = CharField(unique=True)
    msisdn = CharField(index=True)
    to = CharField(default="")
    text = TextField(default="")
    link_id = CharField(null=True)
    network_code = CharField(null=True)
    received_at = DateTimeField(default=utcnow)
    processed_at = DateTimeField(null=True)
    outcome = CharField(null=True)


class Staff(BaseModel):
    """A staff member of the admin web app."""

    email = CharField(unique=True)
    password_hash = CharField()
    role = CharField(default="viewer")
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)


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
    def snapshot(row, fields):
        """The named fields of a row as JSON-able values, for `before`/`after`."""
        return {
            name: value.isoformat(sep=" ", timespec="seconds") if isinstance(value, datetime.datetime)
            else value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in ((name, getattr(row, name)) for name in fields)
        }

    @classmethod
    def record(cls, actor, action, target, before=None, after=None):
        """Append one event for a model instance."""
        return cls.create(
            actor=actor,
            action=action,
            target_type=type(target).__name__,
            target_id=str(target.get_id()),
            before=before,
            after=after,
        )


CALL_STATUSES = ("scheduled", "placing", "placed", "answered", "completed", "no_answer", "busy", "failed", "cancelled")


class Call(BaseModel):
    """A voice call, in or out: an outbound call is a row first (due, then placed by a queued job), like an SMS."""

    direction = CharField(default="inbound")  # inbound (a person called us) or outbound (we call them)
    kind = CharField(default="inbound")  # inbound, share (a friend shared a job), callback (asked to be called back)
    msisdn = CharField(index=True)
    session_id = CharField(null=True, unique=True)  # the gateway's sessionId, once known
    status = CharField(default="scheduled")
    due_at = DateTimeField(null=True)
    job = ForeignKeyField(Job, null=True, backref="+", on_delete="SET NULL")
    referral = ForeignKeyField(Referral, null=True, backref="calls", on_delete="SET NULL")
    relation = CharField(null=True)  # how the sharer knows the friend: family, friend, neighbour, workmate
    language = CharField(null=True)
    request_key = CharField(null=True, unique=True)  # what asked for this call (a call-back key press): asked once
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
    InboundMessage,
    Staff,
    AuditEvent,
    Call,
    VoicePrompt,
)
