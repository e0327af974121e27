"""SMS fixtures: the app with the AT gateway pointed at the local AT-compatible server, and helpers to text it."""
import itertools

import pytest
from rq import SimpleWorker

from core.platform import runtime
from core.jobs.models import Employer
from core.platform.models import utcnow
from core.seekers.models import Seeker, SeekerTrade
from tests.atstub import at_stub  # noqa: F401 - pytest fixture
from tests.conftest import make_config, running_app

TOKEN = "test-token"
_ids = itertools.count(1)


@pytest.fixture
def at_app(tmp_path, database_url, redis, at_stub):  # noqa: F811
    """The app on SQLite and on PostgreSQL, sending through the real AT SDK to the local stub; no quiet hours."""
    config = make_config(
        tmp_path,
        database_url,
        gateway={"backend": "africastalking", "callback_token": TOKEN},
        africastalking={"username": "sandbox", "api_key": "test-key", "api_url": at_stub.url},
        alerts={"quiet_hours": "00:00-00:00", "max_per_day": "3"},
        referrals={"per_day": "2", "per_friend_week": "1"},
    )
    with running_app(config) as app:
        yield app


@pytest.fixture
def sms(at_app):
    """Text the service as AT would: sms("+855…", "JOBS") posts one inbound callback and returns the response."""
    client = at_app.test_client()

    def send(msisdn, text, provider_id=None):
        form = {
            "from": msisdn,
            "to": "2855",
            "text": text,
            "date": "2026-11-28 05:00:00",
            "id": provider_id or f"ATXid_in_{next(_ids)}",
            "linkId": "",
            "networkCode": "45601",
        }
        return client.post(f"/sms/inbound?token={TOKEN}", data=form)

    return send


@pytest.fixture
def drain(at_app):
    """Run every queued job now, like a burst worker."""

    def run():
        SimpleWorker([runtime.current().queue], connection=runtime.current().redis).work(burst=True)

    return run


def employer(msisdn, status="verified", name="Kandal Garment Co.", language="en"):
    return Employer.create(msisdn=msisdn, name=name, status=status, language=language, verified_at=utcnow())


def seeker(msisdn, province=8, reach="near", trades=(1,), language="en", alerts_on=True, **fields):
    row = Seeker.create(
        msisdn=msisdn,
        referral_code=Seeker.new_referral_code() + msisdn[-4:],
        home_province=province,
        reach=reach,
        language=language,
        alerts_on=alerts_on,
        **fields,
    )
    for category in trades:
        SeekerTrade.create(seeker=row, category=category)
    return row


def texts_to(at_stub, msisdn):
    """Every SMS text the stub accepted for one number."""
    return [text for text, recipients in at_stub.sms_sent() if msisdn in recipients]
