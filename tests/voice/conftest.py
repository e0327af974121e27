"""Voice fixtures: the app on the local AT-compatible server, a job to hear, and a phone that follows the call.

AT's voices read English only, so an AT line speaks Khmer from staff recordings: `voice_app` has every Khmer prompt
recorded (a tone each), as a deployment on AT must; tests/voice/test_twiml.py holds the lines without them."""
import itertools
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest
from rq import SimpleWorker

from core.jobs import livejobs
from core.platform import runtime
from core.jobs.models import Employer, Job
from core.platform.models import utcnow
from core.reference.models import Category
from core.seekers.models import Seeker, SeekerTrade
from tests.atstub import at_stub  # noqa: F401 - pytest fixture
from tests.audio import record_all
from tests.conftest import make_config, running_app
from voice.speech import all_prompt_ids

TOKEN = "test-token"
VOICE_NUMBER = "+85523900000"
_sessions = itertools.count(1)


def voice_config(tmp_path, database_url, stub_url, **sections):
    values = dict(
        gateway={"backend": "africastalking", "callback_token": TOKEN},
        africastalking={"username": "sandbox", "api_key": "test-key", "api_url": stub_url,
                        "voice_number": VOICE_NUMBER},
        alerts={"quiet_hours": "00:00-00:00", "max_per_day": "3"},
        referrals={"per_day": "2", "per_friend_week": "1"},
    )
    values.update(sections)
    return make_config(tmp_path, database_url, **values)


@pytest.fixture
def voice_app(tmp_path, database_url, redis, at_stub):  # noqa: F811
    """The app on SQLite and on PostgreSQL, calling and texting through the real AT SDK to the local stub."""
    with running_app(voice_config(tmp_path, database_url, at_stub.url)) as app:
        record_all(all_prompt_ids(), languages=("km",))
        yield app


@pytest.fixture
def drain(voice_app):
    """Run every queued job now, like a burst worker."""

    def run():
        SimpleWorker([runtime.current().queue], connection=runtime.current().redis).work(burst=True, with_scheduler=True)

    return run


@pytest.fixture
def job(voice_app):
    """A live garment job in Kandal from a verified employer."""
    employer = Employer.create(msisdn="+85512600101", name="Kandal Garment Co.", province=8, status="verified",
                               verified_at=utcnow(), language="en")
    job = Job.create(ref="J5001", employer=employer, category=Category.get_by_id(1), province=8,
                     title="Sewing operators", wage_amount=250, positions=20, status="live", published_at=utcnow())
    livejobs.bump_version()  # as publishing a job does: every process's copy of the live jobs is out of date
    return job


def seeker(msisdn, language="en", home=8, trades=(1,)):
    row, _ = Seeker.get_or_create_by_msisdn(msisdn, language=language, home_province=home)
    for number in trades:
        SeekerTrade.create(seeker=row, category=number)
    return row


class Phone:
    """One call as AT drives it: the first callback, then each key press posted to the last GetDigits' callbackUrl."""

    def __init__(self, client, msisdn, direction="Inbound", session_id=None):
        self.client = client
        self.msisdn = msisdn
        self.direction = direction
        self.session_id = session_id or f"ATVId_test_{next(_sessions)}"
        self.url = f"/voice?token={TOKEN}"
        self.last = None

    def fields(self, **extra):
        ours, theirs = (VOICE_NUMBER, self.msisdn) if self.direction == "Outbound" else (self.msisdn, VOICE_NUMBER)
        return {"isActive": "1", "sessionId": self.session_id, "direction": self.direction,
                "callerNumber": ours, "destinationNumber": theirs, **extra}

    def post(self, url, **fields):
        response = self.client.post(url, data=self.fields(**fields))
        assert response.status_code == 200, response.data
        assert response.mimetype == "application/xml"
        self.last = (url, fields)
        return ElementTree.fromstring(response.data)

    def answer(self):
        return self.reply(self.post(self.url))

    def press(self, keys):
        return self.reply(self.post(self.next_url, dtmfDigits=keys))

    def replay(self):
        url, fields = self.last
        return self.post(url, **fields)

    def hang_up(self, **fields):
        return self.post(f"/voice?token={TOKEN}", isActive="0", **fields)

    def reply(self, root):
        gather = root.find("GetDigits")
        if gather is not None:
            parts = urlsplit(gather.get("callbackUrl"))
            self.next_url = parts.path + "?" + parts.query
        return root


def spoken(root):
    """Everything a response says, Say texts and Play prompt ids, as one string."""
    words = []
    for element in root.iter():
        if element.tag == "Say":
            words.append(element.text or "")
        elif element.tag == "Play":
            words.append("[" + element.get("url").rsplit("/voice/prompts/", 1)[1] + "]")
    return " ".join(words)
