"""Employers hear of every staff decision on their listings, by one SMS in their language, through the admin and the
CLI actions that make it: published, rejected with the reason, verified (and what became of the waiting jobs),
hidden by staff, hidden after seekers' reports."""
import pytest

from core.jobs import reports
from core.text.gsm import sms_segments
from core.jobs.models import Employer, Job
from core.outbound.models import OutboundMessage
from core.reference.models import Category
from core.seekers.models import Seeker
from tests.conftest import make_config


@pytest.fixture
def config(tmp_path, database_url):
    return make_config(tmp_path, database_url)


def employer(status="verified", language="en", msisdn="+85512600301"):
    return Employer.create(msisdn=msisdn, name="Mekong Weaving", province=8, status=status, language=language)


def job(owner, status="pending", ref="J5001", flags=None, title="Sewing operators"):
    return Job.create(
        ref=ref, employer=owner, category=Category.get(Category.code == "GARMENT"), province=8,
        title=title, wage_amount=250, positions=5, status=status, flags=flags or [],
    )


def notices(owner):
    return [m.text for m in OutboundMessage.select().where(OutboundMessage.msisdn == owner.msisdn).order_by(OutboundMessage.id)]


def test_publishing_from_the_admin_tells_the_employer(login_as):
    client, token = login_as("moderator")
    owner = employer(language="km")
    pending = job(owner, title="អ្នកលក់ហាង ធ្វើការ 8 ម៉ោង " * 5)
    client.post(f"/admin/moderation/{pending.id}/approve", data={"csrf_token": token})
    (text,) = notices(owner)
    assert "J5001" in text and "បានផ្សាយ" in text and sms_segments(text) == 1
    assert text.count("\u17d2..") == 0 and ".." in text  # the long title shortened visibly, never inside a stack


def test_rejecting_from_the_cli_tells_the_employer_why(runner):
    owner = employer(language="km-Latn")
    job(owner)
    result = runner.invoke(args=["reject-job", "J5001", "--reason", "Fees are not allowed"])
    assert result.exit_code == 0, result.output
    (text,) = notices(owner)
    assert "J5001" in text and "Fees are not allowed" in text and "min ban phsay" in text


def test_approving_from_the_cli_tells_the_employer(runner):
    owner = employer()
    job(owner)
    assert runner.invoke(args=["approve-job", "J5001"]).exit_code == 0
    assert notices(owner) == ["Job J5001 is live: Sewing operators. We send you each applicant. CLOSE J5001 when filled."]


def test_verifying_publishes_the_clean_waiting_jobs_and_says_so(runner):
    owner = employer(status="pending")
    job(owner, ref="J5001")
    job(owner, ref="J5002", title="Packers")
    job(owner, ref="J5003", flags=[{"code": "fee", "reason": "Asks the worker to pay a fee"}], title="Helpers")
    result = runner.invoke(args=["verify-employer", owner.msisdn, "--note", "Licence seen"])
    assert result.exit_code == 0, result.output
    statuses = {j.ref: j.status for j in Job.select()}
    assert statuses == {"J5001": "live", "J5002": "live", "J5003": "pending"}
    (text,) = notices(owner)
    assert "Jobs now live: 2" in text and "Still checked by staff: 1" in text


def test_verifying_with_nothing_waiting_says_how_to_post(login_as):
    client, token = login_as("moderator")
    owner = employer(status="pending")
    client.post(f"/admin/employers/{owner.id}/verify", data={"csrf_token": token, "note": "Visit"})
    (text,) = notices(owner)
    assert "is verified" in text and "JOB GARMENT" in text


def test_hiding_from_the_admin_tells_the_employer(login_as):
    client, token = login_as("moderator")
    owner = employer()
    live = job(owner, status="live")
    client.post(f"/admin/jobs/{live.id}/hide", data={"csrf_token": token, "reason": "Checking"})
    assert Job.get_by_id(live.id).status == "hidden"
    (text,) = notices(owner)
    assert "J5001 is hidden" in text


def test_reports_that_hide_a_job_tell_the_employer_once(app):
    owner = employer()
    live = job(owner, status="live")
    for number in range(4):
        seeker, _ = Seeker.get_or_create_by_msisdn(f"+8559700000{number}", language="en")
        reports.report(Job.get_by_id(live.id), seeker, channel="sms")
    assert Job.get_by_id(live.id).status == "hidden"
    (text,) = notices(owner)
    assert "seekers reported job J5001" in text
