"""A person's whole story by their number, and staff writing to them.

Everything the service exchanged with a number and did about it (SMS both ways, USSD steps, calls, applications,
referrals given and received, staff actions) in one timeline, newest first, whether the number belongs to a seeker,
an employer, an intermediary or nobody yet. A staff SMS goes through the outbox like any other: never after STOP,
held over quiet hours, audited.
"""
import datetime
import functools
from typing import Any, NamedTuple

from peewee import JOIN

from core.outbound import outbox
from core.platform import runtime
from core.seekers.alerts import local_day_and_hold
from core.text.gsm import sms_segments
from core.text.i18n import normalise_language
from core.contacts.models import InboundMessage, UssdStep
from core.jobs.models import Application, Employer, Job, Referral
from core.outbound.models import Call, OutboundMessage
from core.platform.models import AuditEvent, db, utcnow
from core.seekers.models import Seeker, SeekerTrade

# How many of each kind of row a timeline reads: enough for anyone's story, bounded for a number that spams.
PER_KIND = 200
# A staff SMS is read on a basic phone: a few segments at most.
REPLY_SEGMENTS = 3
REPLY_KIND = "staff"
# InboundMessage outcomes staff look at: text the service did not understand (answered with HELP, or a command with
# a field it could not read), and messages kept for staff to call back (`needs_help…`).
NOT_UNDERSTOOD_PREFIXES = ("help", "unknown", "error:")
NEEDS_HELP_PREFIX = "needs_help"
INBOUND_FILTERS = ("not_understood", "needs_help")


class Contact:
    """Who a number is to the service, on any channel: its msisdn, the language it is spoken to in, its seeker and
    employer rows (each read once, when first asked for) and the deployment's values."""

    def __init__(self, msisdn, language=None, seeker=None, employer=None):
        self.msisdn = msisdn
        self._language = language
        if seeker is not None:
            self.seeker = seeker
        if employer is not None:
            self.employer = employer

    @functools.cached_property
    def deployment(self):
        """The deployment's values, read from config when a reply first needs one (a USSD count needs none)."""
        return runtime.current().config.deployment()

    @functools.cached_property
    def seeker(self):
        """The seeker row, or None for a number that never used the service as one."""
        return Seeker.get_or_none(Seeker.msisdn == self.msisdn)

    @functools.cached_property
    def employer(self):
        return Employer.get_or_none(Employer.msisdn == self.msisdn)

    @property
    def language(self):
        """The language given for this contact, else the one on file, else [app] default_language."""
        if self._language:
            return self._language
        chosen = (self.employer and self.employer.language) or (self.seeker and self.seeker.language)
        return normalise_language(chosen, default=self.deployment.default_language)

    @language.setter
    def language(self, language):
        self._language = language

    def as_seeker(self):
        """The seeker row, made on first contact (with a referral code) in the language given for this contact or its
        employer's; never the default, which is read when writing so that it can change."""
        if self.seeker is None:
            language = self._language or (self.employer.language if self.employer is not None else None)
            self.seeker, _ = Seeker.get_or_create_by_msisdn(self.msisdn, language=language)
        return self.seeker


class Entry(NamedTuple):
    """One thing in a timeline: when, what kind of thing (sms_in, sms_out, ussd, call, application, referral_given,
    referral_received, staff), and its row."""

    at: datetime.datetime
    kind: str
    row: Any


class Story(NamedTuple):
    """Who a number is to the service, and what happened with it (the staff's contact page)."""

    msisdn: str
    seeker: Seeker | None
    employer: Employer | None
    trades: list
    timeline: list

    @property
    def known(self):
        """True if the service has anything on this number."""
        return bool(self.seeker or self.employer or self.timeline)


class OptedOut(ValueError):
    """The number said STOP: nobody may text it."""


def history(msisdn):
    """The Story of a number (E.164): its seeker and employer rows, alert trades, and timeline newest first."""
    seeker = Seeker.by_msisdn(msisdn)
    employer = Employer.get_or_none(Employer.msisdn == msisdn)
    entries = []
    entries += [Entry(row.received_at, "sms_in", row) for row in _newest(
        InboundMessage.select().where(InboundMessage.msisdn == msisdn), InboundMessage.received_at)]
    messages = list(_newest(OutboundMessage.select().where(OutboundMessage.msisdn == msisdn), OutboundMessage.id))
    entries += [Entry(row.created_at, "sms_out", row) for row in messages]
    entries += [Entry(row.created_at, "ussd", row) for row in _newest(
        UssdStep.select().where(UssdStep.msisdn == msisdn), UssdStep.id)]
    entries += [Entry(row.created_at, "call", row) for row in _newest(
        Call.select(Call, Job).join(Job, JOIN.LEFT_OUTER, on=(Call.job == Job.id)).where(Call.msisdn == msisdn),
        Call.id)]
    entries += [Entry(row.created_at, "referral_received", row) for row in _newest(
        Referral.select(Referral, Job, Seeker)
        .join(Job, JOIN.LEFT_OUTER, on=(Referral.job == Job.id))
        .switch(Referral)
        .join(Seeker, on=(Referral.referrer == Seeker.id))
        .where(Referral.friend_msisdn == msisdn),
        Referral.id)]
    applications, jobs, trades = [], [], []
    if seeker is not None:
        applications = list(_newest(
            Application.select(Application, Job).join(Job).where(Application.seeker == seeker), Application.id))
        entries += [Entry(row.created_at, "application", row) for row in applications]
        entries += [Entry(row.created_at, "referral_given", row) for row in _newest(
            Referral.select(Referral, Job).join(Job, JOIN.LEFT_OUTER, on=(Referral.job == Job.id))
            .where(Referral.referrer == seeker),
            Referral.id)]
        trades = [row.category for row in SeekerTrade.select().where(SeekerTrade.seeker == seeker)]
    if employer is not None:
        jobs = list(Job.select(Job.id).where(Job.employer == employer).order_by(Job.id.desc()).limit(PER_KIND))
    targets = [("msisdn", msisdn)]
    targets += [("Seeker", seeker.id)] if seeker is not None else []
    targets += [("Employer", employer.id)] if employer is not None else []
    targets += [("Job", row.id) for row in jobs]
    targets += [("Application", row.id) for row in applications]
    targets += [("OutboundMessage", row.id) for row in messages]
    entries += [Entry(row.created_at, "staff", row) for row in staff_actions(targets)]
    entries.sort(key=lambda entry: (entry.at or datetime.datetime.min), reverse=True)
    return Story(msisdn, seeker, employer, sorted(trades, key=lambda c: c.number), entries)


def staff_actions(targets):
    """Audit events about any of `targets` ([(target type, id)]), newest first."""
    by_type = {}
    for target_type, target_id in targets:
        by_type.setdefault(target_type, []).append(str(target_id))
    if not by_type:
        return []
    where = None
    for target_type, ids in by_type.items():
        clause = (AuditEvent.target_type == target_type) & AuditEvent.target_id.in_(ids)
        where = clause if where is None else where | clause
    return list(_newest(AuditEvent.select().where(where), AuditEvent.id))


def _newest(query, order):
    return query.order_by(order.desc()).limit(PER_KIND)


def inbound(show=None):
    """Inbound SMS newest first; `show` narrows them to "not_understood" or "needs_help"."""
    query = InboundMessage.select()
    if show == "not_understood":
        clause = None
        for prefix in NOT_UNDERSTOOD_PREFIXES:
            match = InboundMessage.outcome.startswith(prefix)
            clause = match if clause is None else clause | match
        query = query.where(clause)
    elif show == "needs_help":
        query = query.where(InboundMessage.outcome.startswith(NEEDS_HELP_PREFIX))
    return query.order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc())


def send_reply(msisdn, body, actor):
    """Queue a staff SMS to a number and audit it; returns the outbox row (held until quiet hours end, if they
    have begun). OptedOut after STOP, ValueError for an empty or too long text."""
    body = (body or "").strip()
    if not body:
        raise ValueError("Write the message to send.")
    if sms_segments(body) > REPLY_SEGMENTS:
        raise ValueError(f"Too long: {sms_segments(body)} SMS segments; at most {REPLY_SEGMENTS}.")
    seeker = Seeker.by_msisdn(msisdn)
    if seeker is not None and seeker.opted_out:
        raise OptedOut(f"This number said STOP on {seeker.opted_out_at:%Y-%m-%d}: no SMS may be sent to it "
                       "until it texts START.")
    _today, hold = local_day_and_hold(utcnow(), runtime.current().config)
    with outbox.recording():
        message = outbox.add(msisdn, body, kind=REPLY_KIND, not_before=hold)
        AuditEvent.record(actor, "message.send", message, None,
                          {"kind": REPLY_KIND, "text": body, "not_before": _iso(hold)})
        outbox.dispatch([message])
    return message


def _iso(value):
    return value.isoformat(sep=" ", timespec="seconds") if value else None


def set_language(msisdn, language, make_seeker=True):
    """One language for a number on every channel: its seeker row (made on first contact unless `make_seeker` is
    False) and its employer row both take it. Returns the seeker row, or None."""
    with db.atomic():
        seeker = Seeker.get_or_none(Seeker.msisdn == msisdn)
        if seeker is None and make_seeker:
            seeker, _ = Seeker.get_or_create_by_msisdn(msisdn, language=language)
        if seeker is not None and seeker.language != language:
            Seeker.update(language=language).where(Seeker.id == seeker.id).execute()
            seeker.language = language
        Employer.update(language=language).where(Employer.msisdn == msisdn).execute()
    return seeker
