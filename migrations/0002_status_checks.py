"""Statuses enforced by the database: employer, job, application, outbound message and call take only the statuses
core.lifecycle's tables move them between (application: shortlisted, rejected and withdrawn, never set, are gone;
call: unknown and missed are added). A call a dead worker left failed "interrupted while placing" becomes unknown."""
from peewee import BooleanField, CharField, Check, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SqliteMigrator

from core.platform.db import rebuild_sqlite_table

EMPLOYER = ('pending', 'verified', 'suspended')
JOB = ('pending', 'live', 'hidden', 'rejected', 'closed')
APPLICATION = ('applied', 'hired')
MESSAGE = ('queued', 'sending', 'sent', 'delivered', 'failed', 'rejected', 'cancelled', 'unknown')
CALL = ('scheduled', 'placing', 'placed', 'answered', 'completed', 'no_answer', 'busy', 'failed', 'cancelled', 'unknown', 'missed')


def check(statuses):
    """The CHECK core.platform.models.status_field declares, to the letter."""
    listed = ", ".join(f"'{status}'" for status in statuses)
    return Check(f"status IN ({listed})")


class Frozen(Model):
    class Meta:
        legacy_table_names = False


# Stand-ins for the tables the rebuilt ones point at: just their key.
class Province(Frozen):
    code = IntegerField(primary_key=True)


class Category(Frozen):
    number = IntegerField(primary_key=True)


class Seeker(Frozen):
    pass


class Referral(Frozen):
    pass


# The tables as they stand after this migration.
class Employer(Frozen):
    msisdn = CharField(unique=True)
    name = CharField()
    province = ForeignKeyField(Province, null=True)
    language = CharField()
    status = CharField(index=True, constraints=[check(EMPLOYER)])
    verified_by = CharField(null=True)
    verified_at = DateTimeField(null=True)
    verification_note = TextField(null=True)
    suspended_at = DateTimeField(null=True)
    suspension_reason = TextField(null=True)
    created_at = DateTimeField()


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
    status = CharField(constraints=[check(JOB)])
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
    status = CharField(constraints=[check(APPLICATION)])
    experienced = BooleanField(null=True)
    referrer = ForeignKeyField(Seeker, null=True, on_delete="SET NULL")
    created_at = DateTimeField(index=True)
    hired_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("job", "seeker"), True),)


class OutboundMessage(Frozen):
    msisdn = CharField(index=True)
    text = TextField()
    kind = CharField()
    status = CharField(constraints=[check(MESSAGE)])
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


class Call(Frozen):
    direction = CharField()
    kind = CharField()
    msisdn = CharField(index=True)
    session_id = CharField(null=True, unique=True)
    status = CharField(constraints=[check(CALL)])
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


TABLES = (Employer, Job, Application, OutboundMessage, Call)


def up(migrator, db):
    db.execute_sql("UPDATE \"application\" SET status = 'applied' WHERE status NOT IN ('applied', 'hired')")
    db.execute_sql("UPDATE \"call\" SET status = 'unknown'"
                   " WHERE status = 'failed' AND outcome = 'interrupted while placing'")
    for table in TABLES:
        if isinstance(migrator, SqliteMigrator):
            rebuild_sqlite_table(db, table)
        else:
            name = f"{table._meta.table_name}_status_check"
            # A database made before migrations were recorded may have its tables from the models, CHECK included.
            if db.execute_sql("SELECT 1 FROM pg_constraint WHERE conname = %s", (name,)).fetchone() is None:
                constraint = table._meta.fields["status"].constraints[0]
                migrator.migrate(migrator.add_constraint(table._meta.table_name, name, constraint))
