"""Sharing a job from its USSD details: the friend's SMS carries the job and the sharer's code, and credits them."""
import pytest
from rq import SimpleWorker

from core.platform import runtime
from core.seekers import applications
from core.platform.demo import seed_demo
from core.jobs.models import Application, Job, Referral
from core.outbound.models import OutboundMessage
from core.seekers.models import Seeker
from tests import ussd_store
from tests.conftest import make_config, running_app

SHARER = "+85512345002"
FRIEND = "+85512999888"


@pytest.fixture
def ussd_app(tmp_path, database_url, redis):
    with running_app(make_config(tmp_path, database_url)) as app:
        seed_demo(password_file=str(tmp_path / "login.txt"))
        Seeker.get_or_create_by_msisdn(SHARER, language="en", home_province=8)
        ussd_store.reset()
        yield app


def test_a_shared_job_reaches_the_friend_with_the_code_and_credits_the_sharer(ussd_app):
    client = ussd_app.test_client()
    screens = []
    # Find jobs, garment, my province, the job, its last page, share, the friend's number.
    for text in ["", "1", "1*1", "1*1*1", "1*1*1*2", "1*1*1*2*98", "1*1*1*2*98*4", "1*1*1*2*98*4*012999888"]:
        data = dict(sessionId="share", serviceCode="*855#", phoneNumber=SHARER, networkCode="45601", text=text)
        screens.append(client.post("/ussd?token=test-token", data=data).get_data(as_text=True))
    assert "4. Share with a friend" in screens[5]
    job = Job.by_ref(screens[4].split()[1].rstrip(":"))  # "CON J1102: $230/month, Kandal. ..."
    assert screens[-1] == f"END Thank you! We sent {job.ref} to 012999888 with your code."
    sharer = Seeker.get(Seeker.msisdn == SHARER)
    invitation = OutboundMessage.get(OutboundMessage.msisdn == FRIEND)
    assert job.ref in invitation.text and sharer.referral_code in invitation.text and invitation.kind == "invite"
    assert Referral.get(Referral.friend_msisdn == FRIEND).job_id == job.id
    friend, _ = Seeker.get_or_create_by_msisdn(FRIEND)
    applications.apply(job, friend, "sms")
    SimpleWorker([runtime.current().queue], connection=runtime.current().redis).work(burst=True)
    assert Application.get(Application.seeker == friend).referrer_id == sharer.id
