"""The call state a callback URL carries is signed with the app's secret and bound to its call: whoever holds the
callback token still cannot edit it, forge it or carry it into another call. Such a state is logged and heard as a
polite goodbye; nothing is recorded. On both databases, in AT's XML and in TwiML."""
import base64
import json
import logging
from urllib.parse import parse_qs, urlencode, urlsplit

from core.seekers import referrals
from core.jobs.models import Application, Job, Referral
from core.outbound.models import Call, OutboundMessage
from core.platform.models import utcnow
from core.reference.models import Category
from tests.twiliostub import twilio_stub  # noqa: F401 - pytest fixture
from tests.voice.conftest import TOKEN, Phone, seeker, spoken
from tests.voice.test_twiml import VOICE_URL, twilio_config
from tests.conftest import running_app
from voice import views

SEEKER = "+85597712345"


def _state_of(url):
    return parse_qs(urlsplit(url).query)["state"][0]


def _with_state(url, state):
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return parts.path + "?" + urlencode(dict(query, state=state))


def _edited(sealed, **changes):
    """The same signature over a payload someone changed."""
    payload, signature = sealed.split(".")
    state = views.decode_state(payload)
    state.update(changes)
    return views.encode_state(state) + "." + signature


def _other_job(job):
    return Job.create(ref="J5002", employer=job.employer, category=Category.get_by_id(1), province=8,
                      title="Never offered", wage_amount=300, positions=1, status="live", published_at=utcnow())


def _said_goodbye(root):
    # In the deployment's default language (romanised Khmer: the Khmer recording on AT), then the line ends.
    assert root.find("GetDigits") is None and spoken(root) == "[km/voice.goodbye]"


def test_an_edited_ref_hangs_up_politely_is_logged_and_applies_nobody(voice_app, job, caplog):
    other = _other_job(job)
    seeker(SEEKER, "en")
    phone = Phone(voice_app.test_client(), SEEKER)
    phone.answer()
    sealed = _state_of(phone.next_url)
    assert sealed.count(".") == 1  # payload.signature
    with caplog.at_level(logging.WARNING, logger="voice.views"):
        # Pressing 1 (apply), then 1 (experienced) on a state whose job was swapped for one never offered.
        root = phone.post(_with_state(phone.next_url, _edited(sealed, id="jobs.experience", ref=other.ref)),
                          dtmfDigits="1")
    _said_goodbye(root)
    assert any("forged or edited state" in record.getMessage() for record in caplog.records)
    assert Application.select().count() == 0 and OutboundMessage.select().count() == 0


def test_a_state_unsigned_or_from_another_call_is_refused(voice_app, job):
    seeker(SEEKER, "en")
    seeker("+85597712399", "en")
    first = Phone(voice_app.test_client(), SEEKER)
    first.answer()
    first.press("1")  # "have you done this work before?": the next key would apply
    stolen = first.next_url
    payload = _state_of(stolen).split(".")[0]
    other = Phone(voice_app.test_client(), "+85597712399")
    other.answer()
    for state in (payload, payload + ".", _state_of(stolen) + "x", "." + payload, "a.b.c", "%%%.x"):
        _said_goodbye(other.post(_with_state(stolen, state), dtmfDigits="1"))
    # The whole URL of one call, replayed by another call's session.
    _said_goodbye(other.post(stolen, dtmfDigits="1"))
    assert Application.select().count() == 0
    # The call the state belongs to still applies with it.
    assert "You have applied" in spoken(first.post(stolen, dtmfDigits="1"))


def test_a_signed_state_of_the_wrong_shape_never_raises(voice_app, job, caplog):
    seal = views.Seal("test-secret")
    phone = Phone(voice_app.test_client(), SEEKER)
    for state in ({"id": ["jobs.read"], "lang": "en"}, {"id": {"a": 1}, "lang": ["en"]}, [1, 2], "jobs.read", 7,
                  {"id": "jobs.read", "lang": "en", "notice": ["x"], "ref": {"J": 1}, "trades": "1"}):
        root = phone.post(f"/voice?token={TOKEN}&state={seal.seal(state, phone.session_id)}", dtmfDigits="1")
        _said_goodbye(root)
    assert not [record for record in caplog.records if record.levelname == "ERROR"]  # no apology for a crash


def test_a_share_call_state_cannot_point_at_another_call(voice_app, job, drain, at_stub):
    sharer = seeker("+85597700001", "en", trades=())
    seeker("+85597799999", "en", trades=())
    referrals.invite(sharer, "+85597799999", job=job, channel="call", relation="family")
    drain()
    call = Call.get(Call.kind == "share")
    phone = Phone(voice_app.test_client(), "+85597799999", direction="Outbound", session_id=call.session_id)
    phone.answer()
    sealed = _state_of(phone.next_url)
    _said_goodbye(phone.post(_with_state(phone.next_url, _edited(sealed, call=call.id + 1)), dtmfDigits="1"))
    assert Application.select().count() == 0 and Referral.select().count() == 1


def test_twiml_states_are_signed_and_checked_too(tmp_path, database_url, redis, twilio_stub, job):  # noqa: F811
    with running_app(twilio_config(tmp_path, database_url, twilio_stub.url)) as app:
        client = app.test_client()
        seeker(SEEKER, "en")
        fields = {"CallSid": "CA" + "1" * 32, "From": SEEKER, "To": "+85523900000", "Direction": "inbound",
                  "CallStatus": "in-progress"}
        first = client.post(f"/voice?token={TOKEN}", data=fields,
                            headers={"X-Twilio-Signature": twilio_stub.sign(VOICE_URL, fields)})
        assert first.status_code == 200
        url = first.data.decode().split('action="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        sealed = _state_of(url)
        payload = json.loads(base64.urlsafe_b64decode(sealed.split(".")[0] + "=="))
        assert payload["ref"] == "J5001"
        forged = "http://localhost" + _with_state(url, _edited(sealed, ref="J9999"))
        pressed = dict(fields, Digits="1")
        answer = client.post(forged.removeprefix("http://localhost"), data=pressed,
                             headers={"X-Twilio-Signature": twilio_stub.sign(forged, pressed)})
        body = answer.data.decode()
        assert answer.status_code == 200 and "voice.goodbye" in body and "<Hangup" in body and "<Gather" not in body
