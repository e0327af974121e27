"""Carrying out one received SMS: throttle, read it (sms.interpreter), carry out what it asks (core.contacts.runner), and
queue the reply in the sender's language once that is committed."""
import datetime
import functools
import logging

from core.contacts import contact as contacts, runner
from core.jobs import livejobs
from core.outbound import outbox
from core.platform import runtime
from core.text.i18n import text
from core.contacts.models import InboundMessage
from core.jobs.models import Employer, Job, ListingDraft
from core.platform.models import Tally, utcnow
from core.text.phone import mask_msisdn
from core.outbound.spend import refuse as spend_refused
from sms import interpreter

log = logging.getLogger(__name__)

SLOW_DOWN_EVERY = datetime.timedelta(days=1)
DRAFT_ANSWERED_WITHIN = datetime.timedelta(days=1)  # after that, staff see the draft and an answer starts nothing
INBOUND_WINDOW = datetime.timedelta(hours=1)  # [sms] max_per_hour counts a number's messages in this window


class Facts:
    """What sms.interpreter reads about the sender, each read from the database only when a command needs it."""

    def __init__(self, contact):
        self.contact = contact
        self.deployment = contact.deployment

    @property
    def language(self):
        return self.contact.language

    @property
    def employer(self):
        return self.contact.employer.name if self.contact.employer is not None else None

    @functools.cached_property
    def draft(self):
        return ListingDraft.waiting_for(self.contact.employer, utcnow() - DRAFT_ANSWERED_WITHIN)

    @functools.cached_property
    def jobs(self):
        # JOBS meets a new number as a seeker (with a referral code), whose trades and province then narrow it.
        snapshot = runtime.current().live_jobs.fresh()
        return [snapshot.described(card)
                for card in livejobs.for_seeker(self.contact.as_seeker(), snapshot, interpreter.JOBS_SHOWN)]

    @functools.cached_property
    def my_jobs(self):
        return list(Job.active_of(self.contact.employer, limit=interpreter.MYJOBS_SHOWN))


def receive(message):
    """Process one stored InboundMessage; returns its outcome (also saved on the row)."""
    msisdn = message.msisdn
    allowed = _throttle(msisdn)
    reply = None
    if allowed is True:
        reply = handle(contacts.Contact(msisdn), message.text or "")
    elif allowed == "warn":
        reply = interpreter.slow_down(message.text, Facts(contacts.Contact(msisdn)))
    if reply is not None and reply.text:
        outbox.send(msisdn, reply.text, kind=reply.kind)
    outcome = "dropped" if reply is None else reply.outcome
    (
        InboundMessage.update(processed_at=utcnow(), outcome=outcome[:255])
        .where(InboundMessage.id == message.id)
        .execute()
    )
    log.info("sms from %s: %s", mask_msisdn(msisdn), outcome)
    return outcome


def handle(contact, text):
    """The interpreter.Reply to one message from `contact`, after what it asks is carried out and committed."""
    facts = Facts(contact)
    step = interpreter.read(text, facts)
    done = runner.run(contact, step.effects, runner.Via("sms")) if step.effects else []
    return interpreter.reply(step, done, facts)


def apologise(msisdn):
    """Tell the sender their message could not be handled (never silence), in [app] default_language."""
    deployment = runtime.current().config.deployment()
    body = text(deployment.default_language, "sms.reply.error.internal", service=deployment.service,
                hotline=deployment.hotline)
    outbox.send(msisdn, body, kind="reply")


RECOVER_AFTER = datetime.timedelta(seconds=60)


def recover_unprocessed():
    """rq job (sweeper): process messages stored but never processed (the web process died in between).

    AT's retry of such a message is a duplicate and is dropped, so without this it would be lost. A message whose
    processing raised is marked failed by the endpoint and is not retried here.
    """
    stale = (
        InboundMessage.select()
        .where(
            InboundMessage.processed_at.is_null()
            & InboundMessage.outcome.is_null()
            & (InboundMessage.received_at < utcnow() - RECOVER_AFTER)
        )
        .order_by(InboundMessage.id)
        .limit(1000)
    )
    recovered = 0
    for message in stale:
        receive(message)
        recovered += 1
    return recovered


def _throttle(msisdn):
    """True to process; "warn" for the first message over the hourly limit in a day; False to drop silently.

    Counted in the database (`Tally`, one upsert), like the staff login throttle, so the limit on what we answer,
    and pay for, holds while Redis is down and counts parallel messages exactly. A verified employer posting a
    working day's listings has a limit of its own; the database is asked that only once a number passes the
    ordinary limit."""
    config = runtime.current().config
    count = Tally.hit(f"sms-in:{msisdn}", INBOUND_WINDOW)
    if count <= config.get_int("sms", "max_per_hour"):
        return True
    if count <= config.get_int("sms", "max_per_hour_verified") and Employer.is_verified(msisdn):
        return True
    if Tally.hit(f"sms-slowdown:{msisdn}", SLOW_DOWN_EVERY) == 1:
        return "warn"
    spend_refused("reply", "cap:number")
    return False
