"""One rule for every SMS and call we pay for that a person's action can start: may it go, and when?

`allow(kind, msisdn, ...)` decides, for the message or call about to be written, whether its recipient opted out,
whether quiet hours hold it (only a reply to what the person just did goes at once; anything to someone else waits
for the morning, and a one-time code, useless by then, is not sent at night), and whether the caps of its kind
allow one more. It is called inside the transaction that writes the row, and the caps are exact under concurrency
on both databases: on PostgreSQL each cap's key is held with a transaction-scoped advisory lock before its rows are
counted, so two requests for the same sharer, friend, number or session count one after the other; on SQLite every
write transaction already starts with the write lock (BEGIN IMMEDIATE, core.platform.db). What it refuses is counted
(`Refusal`) for the dashboard.

Caps count the rows they guard (messages, calls, referrals) in a sliding window, so nothing is counted twice and a
transaction that rolls back counts nothing.
"""
import datetime
import zlib
from typing import NamedTuple

from peewee import PostgresqlDatabase

from core.platform import runtime
from core.seekers.alerts import local_day_and_hold
from core.jobs.models import Referral
from core.outbound.models import Call, OutboundMessage, Refusal
from core.platform.models import db, utcnow
from core.seekers.models import Seeker

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)
HOUR = datetime.timedelta(hours=1)
# A session asks within minutes; a day bounds what one session id could be replayed for.
SESSION = datetime.timedelta(days=1)


class Cap(NamedTuple):
    """At most [section] setting of a kind per `scope` ("number", "session", "sharer", "friend") within `window`."""

    scope: str
    window: datetime.timedelta
    section: str
    setting: str


class Rule(NamedTuple):
    """How a kind of message or call may be spent."""

    medium: str  # "sms" or "call"
    reply: bool  # a reply to what the person just did: goes at once, even in quiet hours
    at_night: str  # what quiet hours do to it when it is not a reply: "hold" until morning, or "refuse"
    caps: tuple


REFERRAL_CAPS = (Cap("sharer", DAY, "referrals", "per_day"), Cap("friend", WEEK, "referrals", "per_friend_week"))
RULES = {
    # "Send me this by SMS" on a job's USSD page.
    "job_sms": Rule("sms", True, "hold", (Cap("session", SESSION, "caps", "job_sms_per_session"),
                                         Cap("number", DAY, "caps", "job_sms_per_day"))),
    # A caller's "call me back in an hour / tomorrow": rings later, so quiet hours hold it like any call we start.
    "callback": Rule("call", False, "hold", (Cap("session", SESSION, "caps", "callbacks_per_session"),
                                            Cap("number", DAY, "caps", "callbacks_per_day"))),
    # A job passed to a friend by SMS (REF, USSD, the site) or by a call (CALL, USSD, the site): to a stranger.
    "invite": Rule("sms", False, "hold", REFERRAL_CAPS),
    "share": Rule("call", False, "hold", REFERRAL_CAPS),
    # A caller we could not speak to (a missed call) is told how to reach jobs by SMS: a reply, so at once.
    "missed_call": Rule("sms", True, "hold", (Cap("number", DAY, "caps", "missed_call_sms_per_day"),)),
    # The site's one-time code to the number a visitor typed as theirs: it may be anyone's, so not at night.
    "share_code": Rule("sms", False, "refuse", (Cap("number", HOUR, "site", "codes_per_hour"),)),
}


class Decision(NamedTuple):
    """None refused, or why ("opted_out", "quiet_hours", "cap:<scope>"); `not_before` holds it until then."""

    refused: str | None
    not_before: datetime.datetime | None = None


def allow(kind, msisdn, session=None, sharer=None, now=None, opt_out=True):
    """Whether one more `kind` to `msisdn` may be written now, inside the caller's transaction (which it locks
    against every other request that counts the same caps until it ends). `session` is the USSD or voice session
    asked in; `sharer` the seeker who passes a job on; `opt_out=False` leaves the recipient's opt-out to a later
    check (the site's, which may say it only to whoever proved their number). A refusal is recorded for the
    dashboard."""
    if not db.in_transaction():
        raise RuntimeError("spend.allow counts and writes in one transaction: call it inside db.atomic()")
    rule = RULES[kind]
    now = now or utcnow()
    config = runtime.current().config
    hold_keys(*(_key(cap.scope, kind, msisdn, session, sharer) for cap in rule.caps))
    seeker = Seeker.by_msisdn(msisdn) if opt_out else None
    if seeker is not None and seeker.opted_out:
        return refuse(kind, "opted_out")
    not_before = None
    if not rule.reply:
        _day, morning = local_day_and_hold(now, config)
        if morning is not None and rule.at_night == "refuse":
            return refuse(kind, "quiet_hours")
        not_before = morning
    for cap in rule.caps:
        if _counted(cap, kind, rule, msisdn, session, sharer, now) >= config.get_int(cap.section, cap.setting):
            return refuse(kind, f"cap:{cap.scope}")
    return Decision(None, not_before)


def refuse(kind, reason):
    """Record a refusal (in the caller's transaction) and return it."""
    Refusal.create(kind=kind, reason=reason)
    return Decision(reason)


def hold_keys(*keys):
    """Hold each key until the transaction ends (PostgreSQL advisory locks, taken in one order so two holders
    never wait on each other); SQLite's write transactions are one at a time already."""
    if isinstance(db.obj, PostgresqlDatabase):
        for key in sorted({key for key in keys if key}):
            db.execute_sql("SELECT pg_advisory_xact_lock(%s, %s)", (_LOCK_SPACE, _signed32(zlib.crc32(key.encode()))))


_LOCK_SPACE = 0x5B9  # the first of the two advisory-lock keys: ours, apart from any other user of the database


def _signed32(value):
    return value - 2**32 if value >= 2**31 else value


def _key(scope, kind, msisdn, session, sharer):
    if scope == "sharer":
        return f"sharer:{sharer.id}" if sharer is not None else None
    if scope == "friend":
        return f"friend:{msisdn}"
    if scope == "session":
        return f"session:{kind}:{session}" if session else None
    return f"number:{kind}:{msisdn}"


def _counted(cap, kind, rule, msisdn, session, sharer, now):
    since = now - cap.window
    if cap.scope == "sharer":
        if sharer is None:
            return 0
        return Referral.select().where((Referral.referrer == sharer) & (Referral.created_at >= since)).count()
    if cap.scope == "friend":
        return Referral.select().where((Referral.friend_msisdn == msisdn) & (Referral.created_at >= since)).count()
    table = OutboundMessage if rule.medium == "sms" else Call
    where = (table.kind == kind) & (table.created_at >= since)
    if cap.scope == "session":
        if not session:
            return 0
        return table.select().where(where & (table.asked_in == session)).count()
    return table.select().where(where & (table.msisdn == msisdn)).count()
