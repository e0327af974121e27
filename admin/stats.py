"""The numbers on the dashboard and the slots page: counts, per-day series, breakdowns, revenue by month."""
import datetime

from peewee import fn

from core.platform import clock
from core.jobs.models import Application, Employer, Job, Referral, SponsoredSlot
from core.outbound.models import Call, OutboundMessage, Refusal
from core.reference.models import Category, Province
from core.seekers.models import Seeker

SPENT_SMS = ("sent", "delivered", "unknown")  # taken by the gateway (unknown: perhaps): billed


def spend(days=7):
    """What we paid for and what core.outbound.spend refused, per day and kind, newest day first:
    [(day, [("SMS", kind, n), ("call", kind, n), ("refused", "kind: reason", n), …]), …] for days with any."""
    since = clock.start_of(clock.today() - datetime.timedelta(days=days - 1))
    rows = {}

    def add(query, what, label):
        for day, name, number in query.tuples():
            rows.setdefault(str(day)[:10], []).append((what, label(name), number))

    day = clock.date_of(OutboundMessage.sent_at)
    add(OutboundMessage.select(day, OutboundMessage.kind, fn.COUNT(OutboundMessage.id))
        .where((OutboundMessage.sent_at >= since) & OutboundMessage.status.in_(SPENT_SMS))
        .group_by(day, OutboundMessage.kind), "SMS", str)
    day = clock.date_of(Call.placed_at)
    add(Call.select(day, Call.kind, fn.COUNT(Call.id))
        .where((Call.placed_at >= since) & (Call.direction == "outbound"))
        .group_by(day, Call.kind), "call", str)
    day = clock.date_of(Refusal.created_at)
    reason = Refusal.kind.concat(": ").concat(Refusal.reason)
    add(Refusal.select(day, reason, fn.COUNT(Refusal.id)).where(Refusal.created_at >= since)
        .group_by(day, Refusal.kind, Refusal.reason), "refused", str)
    return [(name, sorted(entries)) for name, entries in sorted(rows.items(), reverse=True)]


def counts():
    """The headline numbers."""
    return {
        "seekers": Seeker.select().count(),
        "subscribed": Seeker.select().where(Seeker.alerts_on == True).count(),  # noqa: E712
        "live_jobs": Job.live().count(),
        "pending_jobs": Job.select().where(Job.status == "pending").count(),
        "reported_jobs": Job.reported().count(),
        "applications": Application.select().count(),
        "placements": Application.select().where(Application.status == "hired").count(),
        "referrals": Referral.select().count(),
        "employers_verified": Employer.select().where(Employer.status == "verified").count(),
        "employers_pending": Employer.select().where(Employer.status == "pending").count(),
        "messages_failed": OutboundMessage.select().where(OutboundMessage.status.in_(("failed", "rejected"))).count(),
    }


def per_day(field, days=30, where=None):
    """[(day label, count), …] for the last `days` days of rows whose `field` (a timestamp) falls in them."""
    model = field.model
    first = clock.today() - datetime.timedelta(days=days - 1)
    day = clock.date_of(field)
    query = model.select(day, fn.COUNT(model._meta.primary_key)).where(field >= clock.start_of(first))
    if where is not None:
        query = query.where(where)
    by_day = {str(value)[:10]: count for value, count in query.group_by(day).tuples()}
    dates = [first + datetime.timedelta(days=offset) for offset in range(days)]
    return [(date.strftime("%d %b"), by_day.get(date.isoformat(), 0)) for date in dates]


def live_jobs_by(field):
    """[(name, live jobs), …] grouped by Province.name_en or Category.name_en, most first."""
    count = fn.COUNT(Job.id)
    return list(
        Job.select(field, count)
        .join_from(Job, Employer)
        .join_from(Job, field.model)
        .where(Job.open())
        .group_by(field)
        .order_by(count.desc(), field)
        .tuples()
    )


def applications_by_trade():
    """[(trade, applications), …] most first."""
    count = fn.COUNT(Application.id)
    return list(
        Application.select(Category.name_en, count)
        .join(Job)
        .join(Category)
        .group_by(Category.name_en)
        .order_by(count.desc(), Category.name_en)
        .tuples()
    )


def shares_by_channel():
    """[(where the sharer asked, how the friend hears it, shares), …]: phone or web, by SMS or by a call."""
    count = fn.COUNT(Referral.id)
    origin = fn.COALESCE(Referral.origin, "phone")  # rows from before the site have none: all came by phone
    return list(
        Referral.select(origin, Referral.channel, count)
        .group_by(origin, Referral.channel)
        .order_by(origin, Referral.channel)
        .tuples()
    )


def slot_counts():
    """Sponsored slots' impressions and views so far, on USSD and on the site (as flushed to the database)."""
    totals = SponsoredSlot.select(
        fn.SUM(SponsoredSlot.impressions), fn.SUM(SponsoredSlot.detail_views),
        fn.SUM(SponsoredSlot.web_impressions), fn.SUM(SponsoredSlot.web_views),
    ).tuples().get()
    ussd_impressions, ussd_views, web_impressions, web_views = (int(value or 0) for value in totals)
    return [("USSD", ussd_impressions, ussd_views), ("Web", web_impressions, web_views)]


def dashboard():
    """Everything the dashboard shows."""
    return {
        "counts": counts(),
        "applications_per_day": per_day(Application.created_at),
        "placements_per_day": per_day(Application.hired_at, where=Application.status == "hired"),
        "jobs_per_day": per_day(Job.published_at),
        "jobs_by_province": live_jobs_by(Province.name_en),
        "jobs_by_trade": live_jobs_by(Category.name_en),
        "applications_by_trade": applications_by_trade(),
        "shares_by_channel": shares_by_channel(),
        "slot_counts": slot_counts(),
        "spend": spend(),
    }


def revenue_by_month():
    """[("2025-11", cents), …]: a slot's price counts in the month it starts (when it is sold and billed)."""
    totals = {}
    for starts_on, price in SponsoredSlot.select(SponsoredSlot.starts_on, SponsoredSlot.price_cents).tuples():
        month = starts_on.strftime("%Y-%m")
        totals[month] = totals.get(month, 0) + (price or 0)
    return sorted(totals.items())
