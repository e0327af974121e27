"""Employers posting by SMS: a long title is kept whole and they are told how it reads; a verified employer may post
a working day's listings in an hour, while an unknown number flooding is slowed down."""
from core.text.gsm import sms_segments
from core.contacts.models import InboundMessage
from core.jobs.models import Job
from tests.sms.conftest import employer, texts_to

LONG_TITLE = "អ្នកលក់ហាង ធ្វើការ 8 ម៉ោង ក្នុងមួយថ្ងៃ " * 6


def test_a_long_khmer_title_is_kept_whole_and_the_employer_is_told(at_app, sms, drain, at_stub):
    boss = employer("+85512600104", language="km")
    sms(boss.msisdn, f"JOB RETAIL PHNOMPENH 200 3 {LONG_TITLE}")
    drain()
    job = Job.get()
    assert len(job.title) <= 160 and not job.title.endswith("\u17d2")
    assert " ".join(f"{job.title} {job.details}".split()) == " ".join(LONG_TITLE.split())
    (reply,) = texts_to(at_stub, boss.msisdn)
    assert "ឈ្មោះវែង" in reply and job.ref in reply and sms_segments(reply) == 1


def test_a_verified_employer_posts_a_days_listings_in_an_hour_an_unknown_number_cannot(at_app, sms, drain, at_stub):
    boss = employer("+85512600103")
    for number in range(25):
        sms(boss.msisdn, f"JOB GARMENT KANDAL 250 5 Sewing line {number}")
    for _ in range(25):
        sms("+85597990002", "JOBS")
    outcomes = {}
    for message in InboundMessage.select().order_by(InboundMessage.id):
        outcomes.setdefault(message.msisdn, []).append(message.outcome.split(":")[0])
    assert outcomes[boss.msisdn] == ["job"] * 25
    assert outcomes["+85597990002"][20] == "throttled" and set(outcomes["+85597990002"][21:]) == {"dropped"}
