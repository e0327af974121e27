"""[app] default_language = en: every SMS to a number that never chose a language comes in English."""
import pytest

from core.text.i18n import text
from core.contacts.models import InboundMessage
from core.jobs.models import Application, Employer
from core.outbound.models import OutboundMessage
from core.seekers.models import Seeker
from tests.conftest import make_config, running_app
from tests.sms.conftest import TOKEN, employer, seeker, texts_to

BOSS = "+85512600101"
STRANGER = "+85597810001"
SERVICE = "Bong Pheak"


@pytest.fixture
def at_app(tmp_path, sqlite_url, redis, at_stub):
    """The SMS fixtures' app, with English as the configured default."""
    config = make_config(
        tmp_path,
        sqlite_url,
        app={"default_language": "en"},
        gateway={"backend": "africastalking", "callback_token": TOKEN},
        africastalking={"username": "sandbox", "api_key": "test-key", "api_url": at_stub.url},
        alerts={"quiet_hours": "00:00-00:00"},
    )
    with running_app(config) as app:
        yield app


def test_an_unknown_number_gets_help_and_registers_in_english(at_app, sms, drain, at_stub):
    sms(STRANGER, "hello")
    sms(BOSS, "REG Kandal Garment Co")
    drain()
    assert texts_to(at_stub, STRANGER) == [text("en", "sms.reply.help", service=SERVICE, ussd="*855#")]
    assert texts_to(at_stub, BOSS) == [text("en", "sms.reply.registered", service=SERVICE, name="Kandal Garment Co")]
    assert Employer.get(Employer.msisdn == BOSS).language == "en"


def test_the_apology_for_a_message_that_cannot_be_handled_is_in_english(at_app, sms, drain, at_stub, monkeypatch):
    from sms import handlers

    monkeypatch.setattr(handlers, "handle", lambda contact, text: 1 / 0)
    assert sms(STRANGER, "JOBS").status_code == 200
    assert InboundMessage.get().outcome == "failed: ZeroDivisionError"
    assert OutboundMessage.get(OutboundMessage.msisdn == STRANGER).text == text(
        "en", "sms.reply.error.internal", service=SERVICE, hotline="1288"
    )


def test_a_seeker_who_never_chose_a_language_gets_alerts_confirmations_and_invitations_in_english(
    at_app, sms, drain, at_stub
):
    employer(BOSS, language="km")
    quiet = seeker("+85597820001", language=None)
    sms(BOSS, "JOB GARMENT KANDAL 250 20 Sewing operators")
    drain()
    [alert] = texts_to(at_stub, quiet.msisdn)
    assert alert.startswith("New job ")
    ref = alert.split()[2].rstrip(":")
    sms(quiet.msisdn, f"APPLY {ref}")
    sms(quiet.msisdn, "REF 097830001")
    drain()
    assert Application.get().seeker_id == quiet.id
    confirmation = texts_to(at_stub, quiet.msisdn)[1]
    assert confirmation.startswith(f"You applied: {ref}")
    [invitation] = texts_to(at_stub, "+85597830001")
    assert " invites you to " in invitation
    assert Seeker.get_by_id(quiet.id).language is None  # the default is read when writing, never stored for them


def test_a_number_met_by_sms_keeps_no_language_until_it_chooses_one(at_app, sms, drain, at_stub):
    for message in ("JOBS", "REPORT J9999", "START"):  # each meets the number as a seeker
        sms(STRANGER, message)
    drain()
    assert Seeker.get(Seeker.msisdn == STRANGER).language is None  # so a new default reaches it too
    assert texts_to(at_stub, STRANGER)[0] == text("en", "sms.reply.jobs.none", service=SERVICE, ussd="*855#")
