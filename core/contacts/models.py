"""What numbers sent us: USSD steps and inbound SMS."""

import datetime

from peewee import CharField, DateTimeField, IntegerField, TextField

from core.platform.models import BaseModel, db, hot_sql, JSONField, utcnow


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
