"""Sharing a job by phone call from its USSD details: the call is scheduled by the same core function as `CALL` by
SMS (caps, opt-outs, quiet hours), committed before the screen says so, and the friend's answer credits the sharer."""
import pytest

from core.outbound import outbox
from core.platform import runtime
from core.contacts.models import UssdStep
from core.jobs.models import Application, Referral
from core.outbound.models import Call
from core.seekers.models import Seeker
from tests import ussd_store
from tests.voice.conftest import Phone, drain, job, seeker, spoken, voice_app  # noqa: F401 - fixtures
from tests.atstub import at_stub  # noqa: F401 - fixture
from ussd import views

SHARER = "+85597700001"
FRIEND = "+85597799999"
# Find jobs, garment, all Cambodia, the job (J5001 is the only one), its last page (every action on it).
TO_DETAILS = ["", "1", "1*1", "1*1*4", "1*1*4*1", "1*1*4*1*98"]


def dial(client, text, session_id="call"):
    data = dict(sessionId=session_id, serviceCode="*855#", phoneNumber=SHARER, networkCode="45601", text=text)
    response = client.post("/ussd?token=test-token", data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def share_by_call(client, number="097 799 999", relation="2", session_id="call"):
    screens = [dial(client, text, session_id) for text in TO_DETAILS]
    assert "5. Share by phone call" in screens[-1], screens[-1]
    base = TO_DETAILS[-1]
    screens.append(dial(client, f"{base}*5", session_id))
    screens.append(dial(client, f"{base}*5*{number}", session_id))
    screens.append(dial(client, f"{base}*5*{number}*{relation}", session_id))
    return screens


def test_a_job_shared_by_call_is_a_scheduled_call_and_the_answer_credits_the_sharer(voice_app, job, drain, at_stub):
    sharer = seeker(SHARER, "en")
    client = voice_app.test_client()
    ussd_store.reset()
    screens = share_by_call(client)
    assert screens[-3].startswith("CON We will phone your friend and read them J5001.")
    assert screens[-2].startswith("CON How do you know 097799999?")
    assert screens[-1] == "END Thank you! We will phone 097799999 soon, read them J5001 and say you shared it."
    # Committed before told: the call, its referral and the step's reply are rows when the phone shows it.
    call = Call.get()
    assert (call.kind, call.status, call.msisdn, call.relation, call.job_id) == ("share", "scheduled", FRIEND,
                                                                                 "friend", job.id)
    referral = Referral.get()
    assert (referral.referrer_id, referral.channel, referral.friend_msisdn) == (sharer.id, "call", FRIEND)
    assert UssdStep.get().wire == screens[-1]
    # AT repeating the step, here or in another process, repeats nothing.
    assert dial(client, f"{TO_DETAILS[-1]}*5*097 799 999*2") == screens[-1]
    views.sessions().local.clear()
    assert dial(client, f"{TO_DETAILS[-1]}*5*097 799 999*2") == screens[-1]
    assert Call.select().count() == 1 and Referral.select().count() == 1

    drain()
    placed = [r for r in at_stub.requests if r["path"] == "/call"]
    assert [r["form"]["to"] for r in placed] == [FRIEND]
    call = Call.get_by_id(call.id)
    phone = Phone(client, FRIEND, direction="Outbound", session_id=call.session_id)
    words = spoken(phone.answer())
    assert "Your friend 0 9 7 7 0 0 0 0 1 shared a safe job with you" in words
    phone.press("1")
    assert "You have applied" in spoken(phone.press("1"))
    application = Application.get(Application.seeker == Seeker.get(Seeker.msisdn == FRIEND))
    assert (application.referrer_id, application.channel) == (sharer.id, "voice")


def test_each_refusal_is_a_clear_screen_and_schedules_nothing(voice_app, job, drain):
    seeker(SHARER, "en")
    client = voice_app.test_client()
    ussd_store.reset()
    assert share_by_call(client, number="097 700 001", session_id="self")[-1] == "END That is your own number."
    outbox.mark_opted_out(FRIEND)
    assert share_by_call(client, session_id="stop")[-1] == "END This person asked us not to contact them."
    for number in ("097 799 991", "097 799 992"):  # [referrals] per_day = 2 in these tests
        assert share_by_call(client, number=number, session_id=number)[-1].startswith("END Thank you!")
    assert share_by_call(client, number="097 799 993", session_id="cap")[-1] == "END You shared many jobs today. Try again tomorrow."
    # Left unfinished (a bad number is asked again), so last: the next dial would offer to continue it.
    assert share_by_call(client, number="0977", session_id="bad")[-2].startswith("CON Not a Cambodian mobile number.")
    assert Call.select().count() == 2


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_in_quiet_hours_the_screen_says_when_the_call_will_ring(voice_app, job, drain, at_stub):
    runtime.current().config["alerts"]["quiet_hours"] = "00:00-23:59"
    seeker(SHARER, "en")
    client = voice_app.test_client()
    ussd_store.reset()
    assert share_by_call(client)[-1] == ("END Thank you! We do not call at night: we will phone 097799999 at 23:59 "
                                          "and read them J5001.")
    drain()
    assert Call.get().status == "scheduled"
    assert not [r for r in at_stub.requests if r["path"] == "/call"]
