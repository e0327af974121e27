"""Golden transcripts of calls over TwiML, through the local Twilio stub's phone: a seeker calling in and applying, a
friend answering a shared job and applying, in every language, with and without the gateway's Khmer voice. Without
it (and without recordings) a Khmer call is a missed call, and the file shows the SMS sent instead.

Each file in twiml/ is `journey.language.voice.txt`: a header, then for each TwiML document the phone fetched the keys
it pressed, what it heard (`say[voice language]: text`, `play: recording`) and how it went on; then the SMS the
person received. To re-record after a deliberate change:
`UPDATE_TRANSCRIPTS=1 .venv/bin/pytest tests/voice/test_twiml_transcripts.py`, then read the diff.
"""
import pathlib

import pytest

from core.seekers.models import Seeker
from tests.transcripts import check
from tests.twiliostub import twilio_stub  # noqa: F401 - fixture
from tests.voice.test_twiml import (FRIEND, KHMER_VOICE, SEEKER, SHARER, VOICE_NUMBER, VOICE_URL,  # noqa: F401
                                    drain, inbound_sms, job, texts_to, voice_app, voice_km)
from tests.voice.conftest import seeker

FOLDER = pathlib.Path(__file__).parent / "twiml"
JOURNEYS = ("inbound_apply", "share_apply")
LANGUAGES = ("km", "km-Latn", "en")
VOICES = ("khmer voice", "no khmer voice")


def readable(transcript):
    lines = []
    for number, step in enumerate(transcript.steps):
        digits = step.params.get("Digits")
        lines.append("> " + ("answer" if number == 0 else (digits if digits is not None else "(no key)")))
        for item in step.heard:
            if item[0] == "say":
                lines.append(f"say[{item[1] or 'default'} {item[2]}]: {item[3]}")
            else:
                lines.append(f"play: {item[1].rsplit('/voice/prompts/', 1)[-1]} ({item[2]} {item[3]})")
        verbs = [line.split()[0].lstrip("<").rstrip(">/") for line in step.twiml.replace("><", ">\n<").splitlines()
                 if line.startswith("<") and not line.startswith(("<?", "</", "<Say", "<Play", "<Response"))]
        lines.append("[" + " ".join(verbs) + "]")
    lines.append(f"= call {transcript.outcome}")
    return lines


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("voice_km", VOICES, indirect=True)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("journey", JOURNEYS)
def test_twiml_transcript(journey, language, voice_km, voice_app, job, drain, twilio_stub):  # noqa: F811
    voice = "khmer_voice" if voice_km else "no_khmer_voice"
    path = FOLDER / f"{journey}.{language.replace('-', '_')}.{voice}.txt"
    out = [f"# {journey.replace('_', ' ')}: {language}, {voice.replace('_', ' ')}"]
    if journey == "inbound_apply":
        seeker(SEEKER, language)
        person = SEEKER
        out += readable(twilio_stub.dial(VOICE_URL, SEEKER, VOICE_NUMBER, keys=["1", "1", "0"],
                                         status_callback=VOICE_URL))
    else:
        seeker(SHARER, language, trades=())
        seeker(FRIEND, language, trades=())
        inbound_sms(voice_app.test_client(), twilio_stub, SHARER, f"CALL {FRIEND} J5001 1", "SMgolden")
        drain()
        person = FRIEND
        for placed in twilio_stub.calls_placed():
            out += readable(twilio_stub.answer(placed["sid"], keys=["1", "2"]))
        if not twilio_stub.calls_placed():
            out.append("= no call placed")
    drain()
    out += [f"sms: {text}" for text in texts_to(twilio_stub, person)]
    produced = "\n".join(out) + "\n"
    sharer = Seeker.get_or_none(Seeker.msisdn == SHARER)
    if sharer is not None and sharer.referral_code:  # random per run: shown as <code>
        produced = produced.replace(sharer.referral_code, "<code>")
    check(path, produced)


def test_every_journey_is_recorded_in_every_language_with_and_without_the_khmer_voice():
    expected = {f"{journey}.{language.replace('-', '_')}.{voice.replace(' ', '_')}.txt"
                for journey in JOURNEYS for language in LANGUAGES for voice in VOICES}
    assert {path.name for path in FOLDER.glob("*.txt")} == expected
