"""Whatever AT (or anyone holding the token) posts to /voice, the answer is valid voice XML with known elements."""
import xml.etree.ElementTree as ElementTree

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.outbound import prompts
from core.outbound.models import Call
from tests.audio import tone
from tests.voice.conftest import TOKEN, Phone, seeker, spoken
from voice import views, wire

FIELDS = ("isActive", "sessionId", "direction", "callerNumber", "destinationNumber", "dtmfDigits",
          "durationInSeconds", "amount", "currencyCode", "hangupCause")
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["1", "0", "Inbound", "Outbound", "+85597712345", "+85523900000", "1#", "99", "", "nan", "1e999"]),
)
STATES = st.one_of(
    st.just(""),
    st.text(max_size=40),
    # A state the endpoint signed (sealed for the callback's own session in the test), of any shape: a wrong
    # shape with a good signature must not raise either.
    st.builds(lambda state_id, extra: {"id": state_id, "lang": "en", **extra},
              st.one_of(st.sampled_from(["lang", "jobs.read", "jobs.experience", "offer.read", "ended", "nope"]),
                        st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(),
                                                                             max_size=1)),
              st.dictionaries(st.sampled_from(["i", "ref", "cat", "k", "exp", "silent", "notice", "lang", "trades",
                                               "call", "reach", "home"]),
                              st.one_of(st.integers(-5, 5000), st.text(max_size=8), st.booleans(), st.none(),
                                        st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=2),
                                                                                             st.integers(),
                                                                                             max_size=1)),
                              max_size=4)),
)


def check(response):
    assert response.status_code == 200
    root = ElementTree.fromstring(response.data)
    assert root.tag == "Response"
    assert {element.tag for element in root.iter()} <= set(wire.ELEMENTS)
    return root


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(st.sampled_from(FIELDS), VALUES), state=STATES)
def test_any_callback_gets_valid_xml(voice_app, job, caplog, fields, state):
    if isinstance(state, dict):
        state = views.Seal("test-secret").seal(state, fields.get("sessionId", "").strip())
    response = voice_app.test_client().post("/voice", query_string={"token": TOKEN, "state": state}, data=fields)
    check(response)
    assert not [record for record in caplog.records if record.levelname == "ERROR"]  # no apology for a crash


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.one_of(st.text(alphabet="0123456789*#", max_size=4), st.text(max_size=4)), max_size=8))
def test_any_keys_in_a_call_get_valid_xml(voice_app, job, caplog, keys):
    phone = Phone(voice_app.test_client(), "+85597712345")
    phone.answer()
    for key in keys:
        if not hasattr(phone, "next_url"):
            break
        root = phone.post(phone.next_url, dtmfDigits=key)
        check_root(root)
        if root.find("GetDigits") is None:
            break
        phone.reply(root)
    assert not [record for record in caplog.records if record.levelname == "ERROR"]


def check_root(root):
    assert root.tag == "Response"
    assert {element.tag for element in root.iter()} <= set(wire.ELEMENTS)


def test_a_recorded_prompt_is_played_and_served(voice_app, job):
    seeker("+85597712345", "km")
    prompts.save("km", "voice.job.wage", tone("x"), "audio/wav", "staff@example")
    root = Phone(voice_app.test_client(), "+85597712345").answer()
    assert "[km/voice.job.wage]" in spoken(root)
    assert "<Say" not in str(root) and "Prak chhnuol" not in spoken(root)  # the recording, never a text read out
    url = next(e.get("url") for e in root.iter("Play"))
    response = voice_app.test_client().get(url.split("localhost", 1)[1])
    assert response.status_code == 200 and response.data[:4] == b"RIFF"
    assert voice_app.test_client().get("/voice/prompts/km/voice.nothing").status_code == 404


def test_a_call_without_a_session_or_from_no_number_is_rejected(voice_app):
    client = voice_app.test_client()
    for fields in ({}, {"sessionId": "S1", "direction": "Inbound", "callerNumber": "anonymous"}):
        root = check(client.post(f"/voice?token={TOKEN}", data=fields))
        assert [element.tag for element in root] == ["Reject"]
    assert Call.select().count() == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_failure_inside_is_an_apology_not_a_500(voice_app, caplog):
    from core.platform.models import db

    db.execute_sql('DROP TABLE "call"')  # the call log unreachable: the caller still hears a sentence
    root = Phone(voice_app.test_client(), "+85597712345", direction="Outbound").post(f"/voice?token={TOKEN}")
    # In the deployment's default language (romanised Khmer), so from the Khmer recording: AT has no Khmer voice.
    assert spoken(root) == "[km/voice.error]"
    assert any("voice callback failed" in record.getMessage() for record in caplog.records)


def test_without_khmer_recordings_a_khmer_caller_on_at_gets_the_missed_call_sms_never_an_english_voice(
        voice_app, job, drain, at_stub):
    from core.outbound.models import OutboundMessage, VoicePrompt

    VoicePrompt.delete().where(VoicePrompt.prompt == "voice.job.wage").execute()  # one prompt short
    prompts.forget()
    seeker("+85597712345", "km-Latn")
    phone = Phone(voice_app.test_client(), "+85597712345")
    root = phone.answer()
    assert [element.tag for element in root] == ["Reject"]
    assert [element.tag for element in phone.replay()] == ["Reject"]  # the gateway's repeat: one SMS
    drain()
    [(text, recipients)] = at_stub.sms_sent()
    assert recipients == ["+85597712345"] and "*855#" in text and "JOBS" in text and "1288" in text
    assert "Khmer" in text  # romanised Khmer, the caller's language
    assert Call.get().status == "missed" and OutboundMessage.get().kind == "missed_call"
    english = Phone(voice_app.test_client(), "+85597712399")
    seeker("+85597712399", "en")
    assert "Job 1 of 1" in spoken(english.answer())  # English is read by AT's English voice
