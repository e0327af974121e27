"""The schema as release 488d351 left it, and what that release's `init-db` did to a database an older one made."""
from peewee import (
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

# Frozen: these classes are the tables as that release declared them (columns, indexes, keys), never the live
# models, so this file makes the same schema whatever core/models.py becomes. Python-side defaults are left out:
# they are no part of a table.


class Frozen(Model):
    class Meta:
        legacy_table_names = False


class Province(Frozen):
    code = IntegerField(primary_key=True)
    keyword = CharField(unique=True)
    name_en = CharField()
    name_km_latn = CharField()
    name_km = CharField()


class ProvinceBorder(Frozen):
    province = ForeignKeyField(Province, on_delete="CASCADE")
    neighbour = ForeignKeyField(Province, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("province", "neighbour")


class Category(Frozen):
    number = IntegerField(primary_key=True)
    code = CharField(unique=True)
    name_en = CharField()
    name_km_latn = CharField()
    name_km = CharField()
    wage_min = IntegerField()
    wage_max = IntegerField()


class Employer(Frozen):
    msisdn = CharField(unique=True)
    name = CharField()
    province = ForeignKeyField(Province, null=True)
    language = CharField()
    status = CharField(index=True)
    verified_by = CharField(null=True)
    verified_at = DateTimeField(null=True)
    verification_note = TextField(null=True)
    suspended_at = DateTimeField(null=True)
    suspension_reason = TextField(null=True)
    created_at = DateTimeField()


class Seeker(Frozen):
    msisdn = CharField(unique=True)
    language = CharField(null=True)
    home_province = ForeignKeyField(Province, null=True)
    reach = CharField()
    alerts_on = BooleanField(index=True)
    opted_out_at = DateTimeField(null=True)
    referral_code = CharField(unique=True)
    referred_by = ForeignKeyField("self", null=True, on_delete="SET NULL")
    alerts_day = DateField(null=True)
    alerts_today = IntegerField()
    created_at = DateTimeField()


class SeekerTrade(Frozen):
    seeker = ForeignKeyField(Seeker, on_delete="CASCADE")
    category = ForeignKeyField(Category, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("category", "seeker")


class Job(Frozen):
    ref = CharField(unique=True)
    employer = ForeignKeyField(Employer)
    category = ForeignKeyField(Category)
    province = ForeignKeyField(Province)
    title = CharField(max_length=160)
    details = TextField()
    wage_amount = IntegerField(null=True)
    wage_currency = CharField()
    wage_period = CharField()
    positions = IntegerField()
    status = CharField()
    flags = TextField()
    source = CharField()
    reject_reason = TextField(null=True)
    report_count = IntegerField()
    created_at = DateTimeField()
    published_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "category", "province", "published_at"), False),)


class Application(Frozen):
    job = ForeignKeyField(Job, on_delete="CASCADE")
    seeker = ForeignKeyField(Seeker, on_delete="CASCADE")
    channel = CharField()
    status = CharField()
    experienced = BooleanField(null=True)
    referrer = ForeignKeyField(Seeker, null=True, on_delete="SET NULL")
    created_at = DateTimeField(index=True)
    hired_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("job", "seeker"), True),)


class JobReport(Frozen):
    job = ForeignKeyField(Job, on_delete="CASCADE")
    seeker = ForeignKeyField(Seeker, on_delete="CASCADE")
    channel = CharField()
    created_at = DateTimeField()

    class Meta:
        indexes = ((("job", "seeker"), True),)


class Referral(Frozen):
    referrer = ForeignKeyField(Seeker, on_delete="CASCADE")
    friend_msisdn = CharField(index=True)
    friend = ForeignKeyField(Seeker, null=True, on_delete="SET NULL")
    job = ForeignKeyField(Job, null=True, on_delete="SET NULL")
    channel = CharField()
    origin = CharField()
    sharer_name = CharField(null=True)
    created_at = DateTimeField(index=True)


class SponsoredSlot(Frozen):
    kind = CharField()
    job = ForeignKeyField(Job, null=True, on_delete="SET NULL")
    label = CharField(null=True)
    categories = TextField()
    provinces = TextField()
    starts_on = DateField()
    ends_on = DateField()
    price_cents = IntegerField()
    currency = CharField()
    buyer = CharField(null=True)
    impressions = IntegerField()
    detail_views = IntegerField()
    web_impressions = IntegerField()
    web_views = IntegerField()
    applications = IntegerField()
    created_by = CharField(null=True)
    created_at = DateTimeField()


class OutboundMessage(Frozen):
    msisdn = CharField(index=True)
    text = TextField()
    kind = CharField()
    status = CharField()
    not_before = DateTimeField(null=True)
    gateway_id = CharField(null=True, index=True)
    attempts = IntegerField()
    cost = CharField(null=True)
    error = TextField(null=True)
    delivery_status = CharField(null=True)
    job = ForeignKeyField(Job, null=True, on_delete="SET NULL")
    asked_in = CharField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    sent_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "updated_at"), False), (("status", "not_before"), False))


class EarlyDeliveryReport(Frozen):
    gateway_id = CharField(index=True)
    msisdn = CharField(null=True)
    status = CharField()
    failure_reason = CharField()
    received_at = DateTimeField()


class UssdStep(Frozen):
    session_id = CharField()
    step = IntegerField()
    msisdn = CharField(null=True, index=True)
    keys = TextField(null=True)
    start = TextField()
    state = TextField()
    wire = TextField()
    created_at = DateTimeField(index=True)

    class Meta:
        indexes = ((("session_id", "step"), True),)


class InboundMessage(Frozen):
    provider_id = CharField(unique=True)
    msisdn = CharField(index=True)
    to = CharField()
    text = TextField()
    link_id = CharField(null=True)
    network_code = CharField(null=True)
    received_at = DateTimeField(index=True)
    processed_at = DateTimeField(null=True)
    outcome = CharField(null=True)


class ListingDraft(Frozen):
    employer = ForeignKeyField(Employer, on_delete="CASCADE")
    question = CharField()
    listing = TextField()
    status = CharField()
    job = ForeignKeyField(Job, null=True, on_delete="SET NULL")
    text = TextField()
    created_at = DateTimeField()
    answered_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("employer", "status"), False),)


class Staff(Frozen):
    email = CharField(unique=True)
    password_hash = CharField()
    role = CharField()
    active = BooleanField()
    created_at = DateTimeField()
    last_login_at = DateTimeField(null=True)
    session_version = IntegerField()


class AuditEvent(Frozen):
    actor = CharField()
    action = CharField(index=True)
    target_type = CharField()
    target_id = CharField()
    before = TextField(null=True)
    after = TextField(null=True)
    created_at = DateTimeField(index=True)


class LoginThrottle(Frozen):
    key = CharField(primary_key=True)
    attempts = IntegerField()
    window_start = DateTimeField(index=True)


class Tally(Frozen):
    key = CharField(primary_key=True)
    hits = IntegerField()
    expires_at = DateTimeField(index=True)


class Refusal(Frozen):
    kind = CharField()
    reason = CharField()
    created_at = DateTimeField(index=True)


class ShareCode(Frozen):
    nonce = CharField(unique=True)
    msisdn = CharField(index=True)
    code_mac = CharField()
    attempts = IntegerField()
    created_at = DateTimeField(index=True)
    used_at = DateTimeField(null=True)


class Call(Frozen):
    direction = CharField()
    kind = CharField()
    msisdn = CharField(index=True)
    session_id = CharField(null=True, unique=True)
    status = CharField()
    due_at = DateTimeField(null=True)
    job = ForeignKeyField(Job, null=True, on_delete="SET NULL")
    referral = ForeignKeyField(Referral, null=True, on_delete="SET NULL")
    relation = CharField(null=True)
    language = CharField(null=True)
    request_key = CharField(null=True, unique=True)
    asked_in = CharField(null=True)
    keys = CharField()
    attempts = IntegerField()
    duration_seconds = IntegerField(null=True)
    cost = CharField(null=True)
    outcome = CharField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    placed_at = DateTimeField(null=True)
    ended_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("status", "due_at"), False),)


class VoicePrompt(Frozen):
    language = CharField()
    prompt = CharField()
    audio = BlobField()
    content_type = CharField()
    uploaded_by = CharField(null=True)
    uploaded_at = DateTimeField()

    class Meta:
        indexes = ((("language", "prompt"), True),)


TABLES = (
    Province, ProvinceBorder, Category, Employer, Seeker, SeekerTrade, Job, Application, JobReport, Referral,
    SponsoredSlot, OutboundMessage, EarlyDeliveryReport, UssdStep, InboundMessage, ListingDraft, Staff, AuditEvent,
    LoginThrottle, Tally, Refusal, ShareCode, Call, VoicePrompt,
)

# An index the schemas before 488d351 made and nothing reads any more: each one cost every outbox write.
OBSOLETE_INDEXES = ("outbound_message_claim",)


def up(migrator, db):
    """Create the tables a fresh database lacks; bring one an older release made up to this schema, as 488d351 did."""
    with db.bind_ctx(TABLES):
        existing_tables = set(db.get_tables())
        for table in TABLES:
            name = table._meta.table_name
            if name not in existing_tables:
                continue
            columns = {column.name for column in db.get_columns(name)}
            for field in table._meta.sorted_fields:
                if field.column_name not in columns:
                    field.null = True  # the older release's rows have no value for it
                    migrator.migrate(migrator.add_column(name, field.column_name, field))
        # After the columns: an index on a column the older schema lacked can only be made once the column is there.
        db.create_tables(TABLES)
    for index in OBSOLETE_INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{index}"')  # an index holds no data of its own
