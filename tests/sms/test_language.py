"""LANG works for every number, and one language choice (by SMS or on USSD) rules both channels."""
from core.jobs.models import Employer
from core.seekers.models import Seeker
from tests.sms.conftest import TOKEN, employer, texts_to


def test_an_employer_changes_language_by_sms(at_app, sms, drain, at_stub):
    boss = employer("+85512600101", language="km-Latn")
    sms(boss.msisdn, "LANG EN")
    sms(boss.msisdn, "HELP")
    drain()
    replies = texts_to(at_stub, boss.msisdn)
    assert replies[0].startswith("Language: English") and replies[1].startswith("JOB <trade>")
    assert Employer.get_by_id(boss.id).language == "en"


def test_a_new_number_chooses_khmer_script_and_a_wrong_word_gets_the_choices(at_app, sms, drain, at_stub):
    sms("+85597990001", "lang khmer")
    sms("+85597990001", "LANG FRENCH")
    drain()
    chosen, wrong = texts_to(at_stub, "+85597990001")
    assert chosen.startswith("ភាសា៖ ខ្មែរ") and "LANG LATIN" in wrong
    assert Seeker.get(Seeker.msisdn == "+85597990001").language == "km"


def test_choosing_english_on_ussd_changes_the_employers_sms_replies(at_app, sms, drain, at_stub):
    boss = employer("+85512600102", language="km-Latn")
    client = at_app.test_client()
    for text in ["", "3"]:  # a number new to USSD is asked its language first: English
        data = dict(sessionId="lang", serviceCode="*855#", phoneNumber=boss.msisdn, networkCode="45601", text=text)
        assert client.post(f"/ussd?token={TOKEN}", data=data).status_code == 200
    assert Employer.get_by_id(boss.id).language == "en"
    sms(boss.msisdn, "HELP")
    drain()
    assert texts_to(at_stub, boss.msisdn)[-1].startswith("JOB <trade>")


def test_a_language_chosen_in_khmer_script_is_confirmed_in_that_language(at_app, sms, drain, at_stub):
    sms("+85597990003", "ភាសា EN")  # Khmer script asks for English: the answer names English, in English
    drain()
    assert texts_to(at_stub, "+85597990003")[0].startswith("Language: English")
    assert Seeker.get(Seeker.msisdn == "+85597990003").language == "en"
