"""Alert texts and timing: one segment in every language and script; quiet hours hold until morning."""
import datetime

import pytest

from core.outbound import outbox
from core.platform import runtime
from core.seekers import alerts
from core.text.gsm import is_gsm7, sms_segments
from core.text.i18n import LANGUAGES
from core.jobs.models import Job
from core.outbound.models import OutboundMessage
from core.platform.models import utcnow
from core.text.wording import segments
from tests.sms.conftest import employer, seeker

LONG = "Sewing operators for our new factory line, 8 hours a day, lunch, bus and overtime paid, " * 3


def make_job(title, wage=250, currency="USD", province=1):
    boss = employer("+85512600101")
    return Job.create(ref="J98765", employer=boss, category=1, province=province, title=title[:160],
                      wage_amount=wage, wage_currency=currency, status="live", published_at=utcnow())


@pytest.mark.parametrize("title", [LONG, "Sewing", "ជាងដេរ " * 30, "Cooks 🍜 for café " * 8])
@pytest.mark.parametrize("wage, currency", [(250, "USD"), (1000000, "KHR")])
def test_alert_fits_its_segment_budget(at_app, title, wage, currency):
    job = make_job(title, wage, currency)
    for language in LANGUAGES:
        budget = segments(language, "sms.alert")
        message = alerts.alert_text(job, language)
        assert sms_segments(message) <= budget, (language, message)
        assert f"APPLY {job.ref}" in message and "*855#" in message
        if language != "km":
            assert is_gsm7(message)


def test_a_short_title_is_shown_whole(at_app):
    job = make_job("Sewing operators")
    assert alerts.alert_text(job, "en") == (
        "New job J98765: Sewing operators, $250/month, Banteay Meanchey. Reply APPLY J98765 or dial *855#. Never pay a fee. "
        "STOP: no more SMS"
    )


def at_local(hour, minute=0):
    zone = datetime.timezone(datetime.timedelta(hours=7))  # Asia/Phnom_Penh has no daylight saving
    local = datetime.datetime(2026, 11, 28, hour, minute, tzinfo=zone)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)


@pytest.mark.parametrize(
    "hour, held_until",
    [(22, at_local(7) + datetime.timedelta(days=1)), (3, at_local(7)), (12, None), (7, None), (20, None)],
)
def test_quiet_hours_hold_until_morning(at_app, hour, held_until):
    config = runtime.current().config
    config["alerts"]["quiet_hours"] = "21:00-07:00"
    day, hold = alerts.local_day_and_hold(at_local(hour), config)
    assert hold == held_until and day == datetime.date(2026, 11, 28)


def test_alerts_queued_in_quiet_hours_wait_for_the_morning(at_app, drain, at_stub, monkeypatch):
    runtime.current().config["alerts"]["quiet_hours"] = "00:00-23:59"
    seeker("+85597970001", province=1)
    job = make_job("Sewing")
    assert alerts.job_went_live(job.id) == 1
    drain()
    alert = OutboundMessage.get(OutboundMessage.kind == "alert")
    assert alert.status == "queued" and alert.not_before > utcnow()
    assert at_stub.sms_sent() == []
    assert outbox.release_due() == 0  # still night
    # The morning comes.
    OutboundMessage.update(not_before=utcnow() - datetime.timedelta(seconds=1),
                           updated_at=utcnow() - datetime.timedelta(hours=8)).execute()
    assert outbox.release_due() == 1
    drain()
    assert [recipients for _, recipients in at_stub.sms_sent()] == [["+85597970001"]]


def test_daily_cap_counts_alerts(at_app, drain):
    person = seeker("+85597970002", province=1)
    boss = employer("+85512600101")
    for number in range(4):
        job = Job.create(ref=f"J7000{number}", employer=boss, category=1, province=1, title="Sewing",
                         wage_amount=250, status="live", published_at=utcnow())
        alerts.job_went_live(job.id)
    assert OutboundMessage.select().where(OutboundMessage.msisdn == person.msisdn).count() == 3


def test_a_job_whose_alerts_were_never_queued_is_caught_up_once(at_app, drain, at_stub):
    seeker("+85597990001", province=1, reach="same")
    job = make_job("Sewing")  # live, as if job_went_live never reached the queue (Redis was down)
    assert alerts.catch_up() == 0  # too fresh: the alerts job may still be on its way
    Job.update(published_at=utcnow() - datetime.timedelta(minutes=10)).where(Job.id == job.id).execute()
    assert alerts.catch_up() == 1
    runtime.current().redis.delete(alerts.lock_key(job.id))  # even with the once-only lock gone, the rows say done
    assert alerts.catch_up() == 0
    drain()
    assert OutboundMessage.get(OutboundMessage.kind == "alert").status == "sent"
