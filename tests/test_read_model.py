"""One read model for listings (core/jobs/livejobs.py): every channel lists live jobs from the snapshot in one order
(newest published first), and sponsored slots run on the deployment's calendar days (Asia/Phnom_Penh)."""
import datetime

import pytest

from core.jobs import livejobs, moderation
from core.platform import clock, runtime
from core.seekers import applications
from core.jobs.models import Job, SponsoredSlot
from core.platform.models import utcnow
from core.seekers.models import Seeker
from tests.atstub import at_stub  # noqa: F401 - pytest fixture
from tests.conftest import make_config, running_app
from tests.sms.conftest import TOKEN, at_app, drain, employer, seeker, sms, texts_to  # noqa: F401 - fixtures
from tests import ussd_store
from voice import flow

BOSS = "+85512600101"
SEEKER = "+85597800301"
STAFF = "staff@example.org"


def order_in(text, titles):
    """The titles in the order a text shows them."""
    assert all(title in text for title in titles), text
    return sorted(titles, key=text.index)


def test_a_job_approved_late_ranks_the_same_on_the_phone_line_ussd_sms_and_the_site(at_app, sms, drain, at_stub):
    boss = employer(BOSS)
    late = Job.create(ref="J6001", employer=boss, category=1, province=8, title="Cutters wanted", wage_amount=260,
                      status="pending")
    Job.create(ref="J6002", employer=boss, category=1, province=8, title="Packers wanted", wage_amount=250,
               status="live", published_at=utcnow() - datetime.timedelta(hours=1))
    moderation.approve_job(late, STAFF)  # published after the other one although posted before it: the newer job
    newest_first = ["Cutters wanted", "Packers wanted"]
    seeker(SEEKER, province=8, reach="near", trades=(1,), language="en", alerts_on=False)
    ussd_store.reset()

    state = {"id": "jobs.read", "lang": "en", "k": "", "trades": [1], "home": 8, "reach": "near"}
    heard = [card.title for card in flow.job_list(state, flow.Facts(runtime.current().live_jobs.current()))]
    assert heard == newest_first

    client = at_app.test_client()

    def dial(text):
        data = dict(sessionId="s1", serviceCode="*855#", phoneNumber=SEEKER, networkCode="45601", text=text)
        return client.post(f"/ussd?token={TOKEN}", data=data).get_data(as_text=True)

    assert "Jobs near me" in dial("")
    dial("2")
    assert order_in(dial("2*1"), newest_first) == newest_first

    sms(SEEKER, "JOBS")
    drain()
    [reply] = texts_to(at_stub, SEEKER)
    assert order_in(reply, ["J6001", "J6002"]) == ["J6001", "J6002"]

    assert order_in(client.get("/jobs?trade=1").get_data(as_text=True), newest_first) == newest_first


def test_a_rejected_job_is_absent_from_the_employers_myjobs(at_app, sms, drain, at_stub):
    boss = employer(BOSS)
    fields = dict(employer=boss, category=1, province=8, wage_amount=250)
    Job.create(ref="J6101", title="Live one", status="live", published_at=utcnow(), **fields)
    Job.create(ref="J6102", title="Waiting one", status="pending", **fields)
    refused = Job.create(ref="J6103", title="Refused one", status="pending", **fields)
    Job.create(ref="J6104", title="Closed one", status="closed", **fields)
    moderation.reject_job(refused, STAFF, "It asks workers for a fee")
    sms(BOSS, "MYJOBS")
    drain()
    [reply] = [text for text in texts_to(at_stub, BOSS) if "J6101" in text]
    assert "J6102" in reply
    assert "J6103" not in reply and "J6104" not in reply


@pytest.fixture
def slot_app(tmp_path, database_url, redis):
    with running_app(make_config(tmp_path, database_url)) as app:
        yield app


def at(monkeypatch, moment):
    """Freeze the deployment's clock at `moment` (naive UTC), and let every process reload its live jobs."""
    monkeypatch.setattr(clock, "utcnow", lambda: moment)
    livejobs.bump_version()


def test_a_slot_bought_for_a_day_starts_and_ends_at_phnom_penh_midnight(slot_app, monkeypatch):
    boss = employer(BOSS)
    job = Job.create(ref="J6201", employer=boss, category=1, province=8, title="Sewing", wage_amount=250,
                     status="live", published_at=utcnow())
    day = datetime.date(2026, 12, 3)
    slot = SponsoredSlot.create(job=job, starts_on=day, ends_on=day, categories=["GARMENT"])
    utc = datetime.datetime
    for moment, running in ((utc(2026, 12, 2, 16, 59), False),  # 23:59 in Phnom Penh on the 2nd
                            (utc(2026, 12, 2, 17, 0), True),  # midnight: the 3rd begins in Phnom Penh
                            (utc(2026, 12, 2, 23, 30), True),  # still the 2nd in UTC
                            (utc(2026, 12, 3, 16, 59), True),
                            (utc(2026, 12, 3, 17, 0), False)):  # the 4th in Phnom Penh
        at(monkeypatch, moment)
        snapshot = runtime.current().live_jobs.current()
        assert [pair[0].id for pair in snapshot.sponsored((1,))] == ([slot.id] if running else []), moment

    at(monkeypatch, utc(2026, 12, 2, 23, 30))
    applicant, _ = Seeker.get_or_create_by_msisdn(SEEKER)
    applications.apply(Job.by_ref("J6201"), applicant, "ussd")
    assert SponsoredSlot.get_by_id(slot.id).applications == 1  # counted on the slot's day, as Phnom Penh has it


def test_a_slot_shows_on_every_list_it_was_sold_for_near_home_too(slot_app):
    boss = employer(BOSS)
    job = Job.create(ref="J6301", employer=boss, category=1, province=12, title="Sewing in the city",
                     wage_amount=250, status="live", published_at=utcnow())
    SponsoredSlot.create(job=job, starts_on=clock.today(), ends_on=clock.today(), categories=["GARMENT"],
                         provinces=[12])
    livejobs.bump_version()
    snapshot = runtime.current().live_jobs.current()
    near_kandal = snapshot.reach(8, "near")
    assert [card.ref for _slot, card in snapshot.listing((1,), near_kandal).sponsored] == ["J6301"]
    client = slot_app.test_client()
    for query in ("trade=1&province=8&near=1", "trade=1&province=12", "trade=1", ""):
        html = client.get(f"/jobs?{query}").get_data(as_text=True)
        assert 'class="sponsored"' in html, query
    assert 'class="sponsored"' not in client.get("/jobs?trade=1&province=8").get_data(as_text=True)
