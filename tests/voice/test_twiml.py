"""The voice line and SMS on a Twilio-compatible gateway (Twilio, Somleng), end to end through the local Twilio
stub: the real `twilio` package sends to it, and it plays a phone that follows the TwiML with the keys a test
presses, its webhooks signed with the auth token. On SQLite and PostgreSQL."""
import datetime
import re

import pytest

from core.contacts.models import InboundMessage
from core.jobs.models import Application, Referral
from core.outbound.models import Call, OutboundMessage
from core.platform.models import utcnow
from core.seekers.models import Seeker
from tests.audio import record_all
from tests.conftest import make_config, running_app
from tests.twiliostub import ACCOUNT_SID, AUTH_TOKEN, flask_transport, twilio_stub  # noqa: F401 - fixture
from tests.voice.conftest import TOKEN, drain, job, seeker  # noqa: F401 - fixtures (drain runs on this voice_app)
from voice.speech import all_prompt_ids

KHMER_VOICE = "Azure.km-KH-SreymomNeural"
VOICE_NUMBER = "+85523900000"
SMS_NUMBER = "+85523900001"
PUBLIC = "http://localhost"
VOICE_URL = f"{PUBLIC}/voice?token={TOKEN}"
SEEKER = "+85597712345"
SHARER = "+85597700001"
FRIEND = "+85597799999"
ROMANISED = re.compile(r"\b(Kargar|Prak|chuch|Neak|Lekh|Som)\b")


def twilio_config(tmp_path, database_url, stub_url, voice_km=KHMER_VOICE, **sections):
    values = dict(
        app={"public_url": PUBLIC},
        gateway={"backend": "twilio", "callback_token": TOKEN},
        twilio={"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "api_url": stub_url, "sms_from": SMS_NUMBER,
                "voice_from": VOICE_NUMBER, "voice_km": voice_km, "voice_en": ""},
        alerts={"quiet_hours": "00:00-00:00", "max_per_day": "3"},
        referrals={"per_day": "2", "per_friend_week": "1"},
    )
    values.update(sections)
    return make_config(tmp_path, database_url, **values)


@pytest.fixture(params=["khmer voice", "no khmer voice"])
def voice_km(request):
    return KHMER_VOICE if request.param == "khmer voice" else ""


@pytest.fixture
def voice_app(tmp_path, database_url, redis, twilio_stub, voice_km):  # noqa: F811
    """The app on the Twilio backend, its gateway the stub; the stub's webhooks reach the app in-process."""
    with running_app(twilio_config(tmp_path, database_url, twilio_stub.url, voice_km)) as app:
        twilio_stub.transport = flask_transport(app)
        yield app


def texts_to(stub, msisdn):
    return [body for body, recipients in stub.sms_sent() if msisdn in recipients]


def post_signed(client, stub, path, fields, sign_url=None, signature=None):
    url = f"{PUBLIC}{path}?token={TOKEN}"
    headers = {"X-Twilio-Signature": signature if signature is not None else stub.sign(sign_url or url, fields)}
    return client.post(f"{path}?token={TOKEN}", data=fields, headers=headers)


def inbound_sms(client, stub, msisdn, body, sid):
    fields = {"MessageSid": sid, "SmsSid": sid, "AccountSid": ACCOUNT_SID, "From": msisdn, "To": SMS_NUMBER,
              "Body": body, "NumMedia": "0", "ApiVersion": "2010-04-01"}
    return post_signed(client, stub, "/sms/inbound", fields)


def says(transcript):
    return [item for item in transcript.heard() if item[0] == "say"]


def test_a_khmer_caller_hears_khmer_applies_and_gets_the_sms_or_a_missed_call(voice_app, job, drain, twilio_stub,
                                                                              voice_km):
    seeker(SEEKER, "km-Latn")
    call = twilio_stub.dial(VOICE_URL, SEEKER, VOICE_NUMBER, keys=["1", "1", "0"], status_callback=VOICE_URL)
    drain()
    if not voice_km:  # neither a Khmer voice nor recordings: a missed call, and the way in by SMS
        assert call.outcome == "rejected" and call.heard() == []
        [sms] = texts_to(twilio_stub, SEEKER)
        assert "*855#" in sms and "JOBS" in sms and SMS_NUMBER in sms and "1288" in sms
        assert Application.select().count() == 0 and Call.get().status == "missed"
        return
    assert call.outcome == "completed"
    spoken = says(call)
    assert spoken and {(voice, language) for _, voice, language, _ in spoken} == {(KHMER_VOICE, "km-KH")}
    text = " ".join(words for *_, words in spoken)
    assert re.search("[\u1780-\u17ff]", text) and not ROMANISED.search(text)
    assert "ពីររយហាសិប" in text  # the wage in Khmer words
    assert "Kandal Garment Co." in text  # the employer's name, read by the Khmer voice
    assert "អត្តសញ្ញាណប័ណ្ណ" in text  # never hand over your ID card
    assert Application.select().join(Seeker).where(Seeker.msisdn == SEEKER).count() == 1
    [confirmation] = texts_to(twilio_stub, SEEKER)
    assert "J5001" in confirmation
    assert Call.get(Call.session_id == call.call_sid).status == "completed"  # its status callback, signed


def test_an_english_caller_keeps_english_speech(voice_app, job, drain, twilio_stub):
    seeker(SEEKER, "en")
    call = twilio_stub.dial(VOICE_URL, SEEKER, VOICE_NUMBER, keys=["1", "2", "0"])
    text = " ".join(words for *_, words in says(call))
    assert {language for _, _, language, _ in says(call)} == {"en-US"}
    assert "Sewing operators" in text and "Never pay a fee or hand over your ID card" in text and "1 2 8 8" in text


def test_recorded_khmer_is_played_without_a_khmer_voice(voice_app, job, drain, twilio_stub, voice_km):
    record_all(all_prompt_ids(), languages=("km",))
    seeker(SEEKER, "km")
    call = twilio_stub.dial(VOICE_URL, SEEKER, VOICE_NUMBER, keys=["1", "1", "0"])
    assert call.outcome == "completed"
    plays = [item for item in call.heard() if item[0] == "play"]
    assert plays and all(status == 200 and content_type.startswith("audio/") for _, _, status, content_type in plays)
    if not voice_km:
        assert says(call) == []  # nobody reads anything aloud: the Latin employer name is left out, never misread
    assert Application.select().count() == 1


def test_call_by_sms_rings_the_friend_through_calls_json_and_the_friend_applies(voice_app, job, drain, twilio_stub,
                                                                               voice_km):
    client = voice_app.test_client()
    seeker(SHARER, "en", trades=())
    seeker(FRIEND, "km-Latn", trades=())
    assert inbound_sms(client, twilio_stub, SHARER, f"CALL {FRIEND} J5001 2", "SMshare1").status_code == 200
    drain()
    if not voice_km:  # the friend's Khmer cannot be spoken: the job goes by SMS, the phone never rings
        assert twilio_stub.calls_placed() == []
        assert "J5001" in " ".join(texts_to(twilio_stub, FRIEND))
        assert Call.get().status == "cancelled"
        return
    [placed] = twilio_stub.calls_placed()
    assert placed["to"] == FRIEND and placed["from"] == VOICE_NUMBER
    assert placed["url"] == VOICE_URL and placed["status_callback"] == VOICE_URL
    call = twilio_stub.answer(placed["sid"], keys=["1", "1"])
    drain()
    assert call.outcome == "completed"
    text = " ".join(words for *_, words in says(call))
    assert "មិត្តរបស់អ្នក" in text and "អត្តសញ្ញាណប័ណ្ណ" in text  # a friend shared; the safety line
    application = Application.get()
    assert application.seeker.msisdn == FRIEND and Referral.get().friend.msisdn == FRIEND
    assert Call.get().status == "completed"
    assert texts_to(twilio_stub, FRIEND)  # the confirmation


@pytest.mark.parametrize("voice_km", ["no khmer voice"], indirect=True)
def test_an_unsigned_or_altered_webhook_is_refused_and_writes_nothing(voice_app, job, twilio_stub):
    client = voice_app.test_client()
    call = {"CallSid": "CA" + "1" * 32, "AccountSid": ACCOUNT_SID, "From": SEEKER, "To": VOICE_NUMBER,
            "Direction": "inbound", "CallStatus": "ringing"}
    sms = {"MessageSid": "SM" + "1" * 32, "From": SEEKER, "To": SMS_NUMBER, "Body": "JOBS"}
    report = {"MessageSid": "SM" + "2" * 32, "MessageStatus": "delivered", "To": SEEKER}
    for path, fields in (("/voice", call), ("/sms/inbound", sms), ("/sms/delivery", report)):
        signed = twilio_stub.sign(f"{PUBLIC}{path}?token={TOKEN}", fields)
        attempts = [
            client.post(f"{path}?token={TOKEN}", data=fields),  # no signature
            post_signed(client, twilio_stub, path, fields, signature="bm90IGEgc2lnbmF0dXJl"),  # a wrong one
            post_signed(client, twilio_stub, path, fields, sign_url=f"{PUBLIC}/elsewhere?token={TOKEN}"),
            client.post(f"{path}?token={TOKEN}", data={**fields, "Digits": "1", "Extra": "x"},
                        headers={"X-Twilio-Signature": signed}),  # a replayed signature on another body
            client.post(f"{path}?token=wrong", data=fields, headers={"X-Twilio-Signature": signed}),
        ]
        assert [response.status_code for response in attempts] == [403] * 5, path
    assert (Call.select().count(), InboundMessage.select().count(), OutboundMessage.select().count()) == (0, 0, 0)
    ok = post_signed(client, twilio_stub, "/sms/inbound", sms)
    assert ok.status_code == 200 and ok.mimetype == "text/xml" and InboundMessage.select().count() == 1


@pytest.mark.parametrize("voice_km", ["no khmer voice"], indirect=True)
def test_sms_statuses_opt_outs_and_retries_through_the_gateway(voice_app, job, drain, twilio_stub):
    from core.outbound import outbox

    twilio_stub.unsubscribed.add("+85597700031")
    messages = [outbox.add(number, "Hello") for number in ("+85597700031", "+85597700032")]
    outbox.dispatch(messages)
    drain()
    refused, sent = (OutboundMessage.get_by_id(m.id) for m in messages)
    assert refused.status == "rejected" and "21610" in refused.error
    assert Seeker.get(Seeker.msisdn == "+85597700031").opted_out  # Twilio says they opted out: so do we
    assert sent.status == "sent" and sent.gateway_id.startswith("SM")
    assert twilio_stub.report(sent.gateway_id, "sent") == 200
    assert OutboundMessage.get_by_id(sent.id).delivery_status == "sent"
    assert twilio_stub.report(sent.gateway_id, "undelivered", error_code="30003") == 200
    assert OutboundMessage.get_by_id(sent.id).status == "failed"
    assert twilio_stub.report(sent.gateway_id, "sent") == 200  # late and out of order: no step back
    assert OutboundMessage.get_by_id(sent.id).delivery_status == "undelivered"

    twilio_stub.fail_next(1, status=503)
    again = outbox.add("+85597700033", "Try again")
    outbox.dispatch([again])
    drain()
    row = OutboundMessage.get_by_id(again.id)
    assert (row.status, row.attempts) == ("queued", 1) and row.not_before > utcnow()
    past = utcnow() - datetime.timedelta(seconds=1)  # as if its backoff had passed
    OutboundMessage.update(not_before=past, updated_at=past - datetime.timedelta(seconds=1)).where(
        OutboundMessage.id == again.id).execute()
    outbox.release_due()
    drain()
    assert OutboundMessage.get_by_id(again.id).status == "sent" and texts_to(twilio_stub, "+85597700033") == ["Try again"]


@pytest.mark.parametrize("voice_km", ["no khmer voice"], indirect=True)
def test_an_early_status_callback_is_kept_and_applied(voice_app, job, drain, twilio_stub):
    from core.outbound import outbox
    from sms.delivery import settle_early_reports

    twilio_stub.auto_status, twilio_stub.early_status = "delivered", True  # reports before the API's answer
    message = outbox.add("+85597700041", "Early")
    outbox.dispatch([message])
    drain()
    settle_early_reports()
    assert OutboundMessage.get_by_id(message.id).status == "delivered"



@pytest.mark.parametrize("voice_km", ["no khmer voice"], indirect=True)
def test_a_number_that_keeps_calling_gets_the_missed_call_sms_within_its_daily_cap(voice_app, job, drain, twilio_stub):
    seeker(SEEKER, "km-Latn")
    calls = [twilio_stub.dial(VOICE_URL, SEEKER, VOICE_NUMBER) for _ in range(4)]
    drain()
    assert [call.outcome for call in calls] == ["rejected"] * 4 and Call.select().count() == 4  # each one logged
    assert len(texts_to(twilio_stub, SEEKER)) == 2  # [caps] missed_call_sms_per_day: the rest would be paid for
