"""What the service sends and what it cost: SMS, delivery reports, calls, voice prompts, refusals."""

from peewee import BlobField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from core.jobs.models import Job, Referral
from core.platform.models import BaseModel, status_field, utcnow

OUTBOX_STATUSES = ("queued", "sending", "sent", "delivered", "failed", "rejected", "cancelled", "unknown")
CALL_STATUSES = ("scheduled", "placing", "placed", "answered", "completed", "no_answer", "busy", "failed", "cancelled",
                 "unknown", "missed")


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
    asked_in = CharField(null=True)  # the USSD or voice session the person asked for it in (core.outbound.spend's caps)
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


class Refusal(BaseModel):
    """A message or call core.outbound.spend refused (opted out, a cap, quiet hours), for the dashboard: what, why, when."""

    kind = CharField()
    reason = CharField()
    created_at = DateTimeField(default=utcnow, index=True)


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
    asked_in = CharField(null=True)  # the call session a call-back was asked for in (core.outbound.spend's caps)
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
