"""Staff correct a job's fields (issue 22, part 2), on SQLite and PostgreSQL: audited before and after, screened
again (a flagged live job is hidden for review by the move table), applicants told a new wage in their language,
the live-jobs cache refreshed; moderators only."""
import pytest

from core.jobs import livejobs
from core.text.i18n import text
from core.jobs.models import Application, Employer, Job
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent, utcnow
from core.reference.models import Category
from core.seekers.models import Seeker
from core.platform.runtime import current
from tests.conftest import make_config


@pytest.fixture
def config(tmp_path, database_url):
    return make_config(tmp_path, database_url, alerts={"quiet_hours": "00:00-00:00"})  # no quiet hours


def live_job():
    owner = Employer.create(msisdn="+85512600501", name="Kandal Build", province=8, status="verified",
                            language="en")
    return Job.create(ref="J7001", employer=owner, category=Category.get(Category.code == "CONSTRUCTION"),
                      province=12, title="Builders for building site", wage_amount=15, wage_period="month",
                      positions=10, status="live", published_at=utcnow())


def applicant(job, msisdn, language, opted_out=False):
    seeker, _ = Seeker.get_or_create_by_msisdn(msisdn, language=language)
    if opted_out:
        Seeker.update(opted_out_at=utcnow()).where(Seeker.id == seeker.id).execute()
    Application.create(job=job, seeker=seeker)
    return seeker


def fields(job, **changes):
    values = {"title": job.title, "wage_amount": job.wage_amount, "wage_currency": job.wage_currency,
              "wage_period": job.wage_period, "positions": job.positions, "category_id": job.category_id,
              "province_id": job.province_id}
    values.update(changes)
    return {name: "" if value is None else str(value) for name, value in values.items()}


def edit(client, token, job, **changes):
    return client.post(f"/admin/jobs/{job.id}/edit", data=dict(fields(job, **changes), csrf_token=token))


def test_a_day_rate_taken_for_a_month_is_corrected_audited_and_applicants_are_told(login_as, work):
    job = live_job()
    applicant(job, "+85597712301", "en")
    applicant(job, "+85597712302", "km")
    applicant(job, "+85597712303", None)  # never chose: the default language, romanised Khmer
    applicant(job, "+85597712304", "en", opted_out=True)
    before_version = current().redis.get(livejobs.version_key())
    client, token = login_as("moderator")
    response = edit(client, token, job, wage_period="day", positions=12)
    assert response.status_code == 302, response.get_data(as_text=True)
    job = Job.get_by_id(job.id)
    assert (job.wage_period, job.positions, job.status) == ("day", 12, "live")
    event = AuditEvent.get(AuditEvent.action == "job.edit")
    assert event.actor == "moderator@example.org"
    assert (event.before["wage_period"], event.after["wage_period"]) == ("month", "day")
    assert (event.before["positions"], event.after["positions"]) == (10, 12)
    told = {m.msisdn: m.text for m in OutboundMessage.select().where(OutboundMessage.kind == "notice")}
    assert set(told) == {"+85597712301", "+85597712302", "+85597712303"}  # not after STOP
    assert told["+85597712301"] == text("en", "sms.job.wage_changed", service="Bong Pheak", ref="J7001",
                                        title="Builders for building site", wage="$15/day")
    assert "/ថ្ងៃ" in told["+85597712302"] and "/thngai" in told["+85597712303"]
    assert current().redis.get(livejobs.version_key()) != before_version  # the menus reload the job
    work()
    assert {m.status for m in OutboundMessage.select().where(OutboundMessage.kind == "notice")} == {"sent"}


def test_an_edit_that_leaves_the_wage_alone_tells_no_applicant(login_as):
    job = live_job()
    applicant(job, "+85597712301", "en")
    client, token = login_as("moderator")
    assert edit(client, token, job, title="Builders and helpers", province_id=8).status_code == 302
    job = Job.get_by_id(job.id)
    assert (job.title, job.province_id) == ("Builders and helpers", 8)
    assert not OutboundMessage.select().exists()
    assert AuditEvent.get(AuditEvent.action == "job.edit").after["province_id"] == 8


def test_an_edit_that_screening_flags_sends_a_live_job_back_to_moderation(login_as):
    job = live_job()
    client, token = login_as("moderator")
    response = edit(client, token, job, title="Builders, pay a $50 deposit and give your passport")
    assert response.status_code == 302
    job = Job.get_by_id(job.id)
    assert job.status == "hidden" and {"fee", "documents"} <= {flag["code"] for flag in job.flags}
    assert [e.action for e in AuditEvent.select().order_by(AuditEvent.id)] == ["job.edit", "job.hide"]
    notice = OutboundMessage.get(OutboundMessage.msisdn == "+85512600501")  # the employer hears it is hidden
    assert "J7001" in notice.text and "hidden" in notice.text
    html = client.get("/admin/moderation/").get_data(as_text=True)
    assert 'id="job-J7001"' in html and "passport" in html


def test_mistakes_are_refused_with_the_field_named_and_nothing_saved(login_as):
    job = live_job()
    client, token = login_as("moderator")
    for changes, error in [
        ({"title": ""}, "Check the fields"), ({"positions": "0"}, "Check the fields"),
        ({"wage_period": "fortnight"}, "Check the fields"), ({}, "Nothing changed."),
    ]:
        response = edit(client, token, job, **changes)
        assert response.status_code == 400 and error in response.get_data(as_text=True), changes
    closed = Job.create(ref="J7002", employer=job.employer, category=job.category, province=8, title="Closed",
                        wage_amount=200, status="closed")
    response = edit(client, token, closed, wage_amount=250)
    assert response.status_code == 400 and "only a pending, live or hidden job" in response.get_data(as_text=True)
    assert not AuditEvent.select().exists() and Job.get_by_id(job.id).title == "Builders for building site"


def test_only_moderators_edit_and_only_with_a_csrf_token(login_as):
    job = live_job()
    viewer, token = login_as("viewer")
    assert viewer.get(f"/admin/jobs/{job.id}/edit").status_code == 403
    assert edit(viewer, token, job, positions=3).status_code == 403
    assert "Edit the job" not in viewer.get(f"/admin/jobs/{job.id}/").get_data(as_text=True)
    moderator, _ = login_as("moderator")
    assert "Edit the job" in moderator.get(f"/admin/jobs/{job.id}/").get_data(as_text=True)
    assert edit(moderator, "forged", job, positions=3).status_code == 400
    assert Job.get_by_id(job.id).positions == 10
