"""The staff workflows through the screens, on SQLite and PostgreSQL: verify, moderate, sell slots, retry, staff."""
import datetime

import pytest

from core.jobs.models import Application, Employer, Job, SponsoredSlot
from core.outbound.models import OutboundMessage
from core.platform.models import AuditEvent, Staff
from core.reference.models import Category
from core.seekers.models import Seeker
from tests.conftest import make_config


@pytest.fixture
def config(tmp_path, database_url):
    return make_config(tmp_path, database_url)


def employer(status="pending", msisdn="+85512600301", name="Mekong Weaving"):
    return Employer.create(msisdn=msisdn, name=name, province=8, status=status)


def job(owner, status="pending", ref="J5001", flags=None):
    return Job.create(
        ref=ref, employer=owner, category=Category.get(Category.code == "GARMENT"), province=8,
        title="Sewing operators", wage_amount=250, positions=5, status=status, flags=flags or [],
    )


def flashed(response):
    return response.get_data(as_text=True)


def test_verify_employer_with_note(login_as):
    client, token = login_as("moderator")
    pending = employer()
    response = client.post(f"/admin/employers/{pending.id}/verify", data={"csrf_token": token, "note": ""},
                           follow_redirects=True)
    assert "Say what was checked" in flashed(response)
    assert Employer.get_by_id(pending.id).status == "pending"

    response = client.post(f"/admin/employers/{pending.id}/verify",
                           data={"csrf_token": token, "note": "Licence 123 seen, site visit"}, follow_redirects=True)
    assert "is verified" in flashed(response)
    verified = Employer.get_by_id(pending.id)
    assert (verified.status, verified.verified_by) == ("verified", "moderator@example.org")
    assert verified.verification_note == "Licence 123 seen, site visit"
    event = AuditEvent.get(AuditEvent.action == "employer.verify")
    assert event.actor == "moderator@example.org" and event.before["status"] == "pending"
    assert OutboundMessage.select().where(OutboundMessage.msisdn == pending.msisdn).count() == 1


def test_suspend_employer_takes_their_jobs_off_the_menus(login_as):
    client, token = login_as("moderator")
    owner = employer(status="verified")
    job(owner, status="live")
    assert Job.live().count() == 1
    client.post(f"/admin/employers/{owner.id}/suspend", data={"csrf_token": token, "reason": "Fake licence"})
    assert Employer.get_by_id(owner.id).status == "suspended"
    assert Job.live().count() == 0
    assert AuditEvent.get(AuditEvent.action == "employer.suspend").after["suspension_reason"] == "Fake licence"


def test_moderation_queue_shows_each_flag_and_approves(login_as):
    client, token = login_as("moderator")
    flagged = job(employer(status="verified"), flags=[{"code": "fee", "reason": "Asks the worker to pay a fee"}])
    page = client.get("/admin/moderation/").get_data(as_text=True)
    assert "J5001" in page and "Asks the worker to pay a fee" in page
    response = client.post(f"/admin/moderation/{flagged.id}/approve", data={"csrf_token": token},
                           follow_redirects=True)
    assert "J5001 is live" in flashed(response)
    live = Job.get_by_id(flagged.id)
    assert live.status == "live" and live.published_at is not None
    assert AuditEvent.get(AuditEvent.action == "job.approve").after["status"] == "live"


def test_reject_needs_a_reason_and_tells_the_employer(login_as):
    client, token = login_as("moderator")
    owner = employer(status="verified")
    pending = job(owner)
    response = client.post(f"/admin/moderation/{pending.id}/reject", data={"csrf_token": token, "reason": " "},
                           follow_redirects=True)
    assert "Give the reason" in flashed(response)
    assert Job.get_by_id(pending.id).status == "pending"
    client.post(f"/admin/moderation/{pending.id}/reject", data={"csrf_token": token, "reason": "No fees allowed"})
    assert Job.get_by_id(pending.id).status == "rejected"
    texts = [m.text for m in OutboundMessage.select().where(OutboundMessage.msisdn == owner.msisdn)]
    assert any("No fees allowed" in text for text in texts)


def test_illegal_move_is_a_message_not_an_error(login_as):
    client, token = login_as("moderator")
    rejected = job(employer(status="verified"), status="rejected")
    response = client.post(f"/admin/jobs/{rejected.id}/approve", data={"csrf_token": token}, follow_redirects=True)
    assert response.status_code == 200
    assert "cannot become live" in flashed(response)
    response = client.post(f"/admin/jobs/{rejected.id}/explode", data={"csrf_token": token}, follow_redirects=True)
    assert "Unknown action" in flashed(response)
    response = client.post("/admin/jobs/99999/approve", data={"csrf_token": token}, follow_redirects=True)
    assert "No such job" in flashed(response)


def test_reported_jobs_are_in_the_queue(login_as):
    client, _ = login_as("viewer")
    owner = employer(status="verified")
    hidden = job(owner, status="hidden", ref="J5002")
    Job.update(report_count=3).where(Job.id == hidden.id).execute()
    page = client.get("/admin/moderation/").get_data(as_text=True)
    assert "J5002" in page and "Reported by 3 seeker(s)" in page
    assert "Approve" not in page  # a viewer sees the queue, not the buttons


def slot_form(token, **fields):
    today = datetime.date.today()
    data = {
        "csrf_token": token, "kind": "job", "job_ref": "J5001", "label": "", "categories": ["GARMENT"],
        "provinces": ["8", "12"], "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=30)).isoformat(), "price": "150.00", "buyer": "Mekong Weaving",
    }
    data.update(fields)
    return data


def test_create_and_edit_a_slot(login_as):
    client, token = login_as("admin")
    job(employer(status="verified"), status="live")
    response = client.post("/admin/slots/new", data=slot_form(token), follow_redirects=True)
    assert "saved" in flashed(response)
    slot = SponsoredSlot.get()
    assert (slot.kind, slot.job.ref, slot.categories, slot.provinces, slot.price_cents) == (
        "job", "J5001", ["GARMENT"], [8, 12], 15000
    )
    assert AuditEvent.get(AuditEvent.action == "slot.create").actor == "admin@example.org"
    page = client.get(f"/admin/slots/{slot.id}/edit").get_data(as_text=True)
    assert 'value="J5001"' in page
    client.post(f"/admin/slots/{slot.id}/edit", data=slot_form(token, kind="home", label="Garment jobs in Kandal",
                                                               price="99.5"))
    slot = SponsoredSlot.get_by_id(slot.id)
    assert (slot.kind, slot.job, slot.label, slot.price_cents) == ("home", None, "Garment jobs in Kandal", 9950)
    assert AuditEvent.get(AuditEvent.action == "slot.update").before["price_cents"] == 15000
    listing = client.get("/admin/slots/").get_data(as_text=True)
    assert "Garment jobs in Kandal" in listing and "$99.50" in listing


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"job_ref": "J0000"}, "Give the ref of an existing job"),
        ({"ends_on": "2000-01-01"}, "must end on or after"),
        ({"price": "a lot"}, "Check the fields"),
        ({"starts_on": "yesterday"}, "Check the fields"),
        ({"kind": "home", "label": ""}, "Write the line"),
        ({"kind": "billboard"}, "Check the fields"),
        ({"categories": ["NOPE"]}, "Check the fields"),
    ],
)
def test_bad_slot_input_is_a_form_error(login_as, fields, message):
    client, token = login_as("admin")
    job(employer(status="verified"), status="live")
    response = client.post("/admin/slots/new", data=slot_form(token, **fields))
    assert response.status_code == 200
    assert message in flashed(response)
    assert SponsoredSlot.select().count() == 0


def test_retry_a_failed_message(login_as):
    client, token = login_as("moderator")
    failed = OutboundMessage.create(msisdn="+85597700001", text="Hello", status="failed", error="gateway down")
    sent = OutboundMessage.create(msisdn="+85597700002", text="Hi", status="sent")
    page = client.get("/admin/messages/").get_data(as_text=True)
    assert "gateway down" in page and "Retry" in page
    client.post(f"/admin/messages/{failed.id}/retry", data={"csrf_token": token})
    assert OutboundMessage.get_by_id(failed.id).status == "queued"
    response = client.post(f"/admin/messages/{sent.id}/retry", data={"csrf_token": token}, follow_redirects=True)
    assert "nothing to retry" in flashed(response)
    event = AuditEvent.get(AuditEvent.action == "message.retry")  # only the retry that happened
    assert (event.actor, event.target_type, event.target_id) == ("moderator@example.org", "OutboundMessage",
                                                                 str(failed.id))
    assert event.before["status"] == "failed" and event.after["status"] == "queued"


def test_admin_manages_staff(login_as):
    client, token = login_as("admin")
    response = client.post("/admin/staff/new", data={"csrf_token": token, "email": "new@example.org",
                                                      "password": "long enough password", "role": "viewer"},
                           follow_redirects=True)
    assert "Created viewer new@example.org" in flashed(response)
    response = client.post("/admin/staff/new", data={"csrf_token": token, "email": "x@example.org",
                                                      "password": "short", "role": "viewer"}, follow_redirects=True)
    assert "at least 10 characters" in flashed(response)
    new = Staff.get(Staff.email == "new@example.org")
    client.post(f"/admin/staff/{new.id}/update", data={"csrf_token": token, "role": "moderator", "active": "1"})
    assert Staff.get_by_id(new.id).role == "moderator"
    me = Staff.get(Staff.email == "admin@example.org")
    response = client.post(f"/admin/staff/{me.id}/update", data={"csrf_token": token, "role": "viewer"},
                           follow_redirects=True)
    assert "cannot demote or deactivate yourself" in flashed(response)
    assert [e.action for e in AuditEvent.select().order_by(AuditEvent.id)] == ["staff.create", "staff.update"]


def test_dashboard_counts_and_charts(login_as, tmp_path):
    from core.platform.demo import seed_demo

    seed_demo(password_file=str(tmp_path / "login.txt"))
    client, _ = login_as("viewer")
    page = client.get("/admin/").get_data(as_text=True)
    assert page.count("<svg") == 6
    assert 'data-stat="live_jobs"' in page
    assert "Phnom Penh" in page and "Garment" in page


def test_record_a_placement_from_the_job_page(login_as):
    client, token = login_as("moderator")
    live = job(employer(status="verified"), status="live")
    seeker, _ = Seeker.get_or_create_by_msisdn("+85597700003")
    application = Application.create(job=live, seeker=seeker)
    assert "Mark hired" in client.get(f"/admin/jobs/{live.id}/").get_data(as_text=True)
    client.post(f"/admin/jobs/{live.id}/applications/{application.id}/hired", data={"csrf_token": token})
    assert Application.get_by_id(application.id).status == "hired"
    event = AuditEvent.get(AuditEvent.action == "application.hire")
    assert (event.actor, event.after) == ("moderator@example.org", {"status": "hired"})
    response = client.post(f"/admin/jobs/{live.id + 1}/applications/{application.id}/hired",
                           data={"csrf_token": token}, follow_redirects=True)
    assert "No such application" in flashed(response)


def test_retrying_an_interrupted_message_warns_it_may_arrive_twice(login_as):
    client, token = login_as("moderator")
    unknown = OutboundMessage.create(msisdn="+85597700003", text="Hello", status="unknown", error="interrupted")
    page = client.get("/admin/messages/").get_data(as_text=True)
    assert "may arrive twice" in page
    response = client.post(f"/admin/messages/{unknown.id}/retry", data={"csrf_token": token}, follow_redirects=True)
    assert "may arrive twice" in flashed(response)
    assert OutboundMessage.get_by_id(unknown.id).status == "queued"
