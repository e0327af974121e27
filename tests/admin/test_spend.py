"""The dashboard shows, per day and kind, the SMS and calls we paid for and what the caps refused."""
import datetime
import re

from admin import stats
from core.outbound import spend
from core.platform import clock
from core.outbound.models import Call, OutboundMessage
from core.platform.models import db, utcnow
from tests.conftest import make_config, running_app


def _row(page, key):
    match = re.search(r'data-spend="' + re.escape(key) + r'">.*?<td>([\d,]+)</td></tr>', page, re.S)
    return int(match.group(1).replace(",", "")) if match else None


def test_dashboard_shows_spend_per_kind_per_day_and_refusals(app, login_as):
    now = utcnow()
    yesterday = now - datetime.timedelta(days=1)
    for _ in range(3):
        OutboundMessage.create(msisdn="+85597700001", text="x", kind="invite", status="delivered", sent_at=now)
    OutboundMessage.create(msisdn="+85597700001", text="x", kind="job_sms", status="sent", sent_at=yesterday)
    OutboundMessage.create(msisdn="+85597700001", text="x", kind="invite", status="cancelled")  # never billed
    midnight = clock.start_of(clock.today(now))  # Phnom Penh's midnight: 17:00 UTC the day before
    OutboundMessage.create(msisdn="+85597700001", text="x", kind="missed_call", status="sent", sent_at=midnight)
    Call.create(direction="outbound", kind="share", msisdn="+85597700002", status="completed", placed_at=now)
    Call.create(direction="outbound", kind="callback", msisdn="+85597700002", status="scheduled")  # not yet
    with db.atomic():
        for _ in range(2):
            spend.refuse("job_sms", "cap:session")
    client, _ = login_as("viewer")
    page = client.get("/admin/").get_data(as_text=True)
    today, before = clock.today(now).isoformat(), clock.today(yesterday).isoformat()  # days as Phnom Penh has them
    assert _row(page, f"{today} SMS invite") == 3
    assert _row(page, f"{before} SMS job_sms") == 1
    assert _row(page, f"{today} SMS missed_call") == 1
    assert _row(page, f"{today} call share") == 1
    assert _row(page, f"{today} call callback") is None
    assert _row(page, f"{today} refused job_sms: cap:session") == 2


def test_the_dashboards_days_are_phnom_penhs_on_both_databases(tmp_path, database_url, redis):
    with running_app(make_config(tmp_path, database_url)):
        today = clock.today()
        yesterday = today - datetime.timedelta(days=1)
        midnight = clock.start_of(today)  # 17:00 UTC the day before
        for moment in (midnight, midnight - datetime.timedelta(seconds=1)):
            OutboundMessage.create(msisdn="+85597700001", text="x", kind="invite", status="sent", sent_at=moment)
        assert stats.spend()[:2] == [(today.isoformat(), [("SMS", "invite", 1)]),
                                     (yesterday.isoformat(), [("SMS", "invite", 1)])]
        assert stats.per_day(OutboundMessage.sent_at)[-2:] == [(yesterday.strftime("%d %b"), 1),
                                                               (today.strftime("%d %b"), 1)]
