"""Each person's whole story for staff (issue 22, part 2), on SQLite and PostgreSQL: a contact page per number found
in any format and linked from every screen that shows a number, the inbound log with "not understood" and "needs
help", a staff SMS from the page (outbox, STOP, quiet hours, audit)."""
import datetime
import re
import zoneinfo

import pytest

from admin.display import contact_key
from core.platform import runtime
from core.contacts.models import InboundMessage, UssdStep
from core.jobs.models import Application, Employer, Job, Referral
from core.outbound.models import Call, OutboundMessage
from core.platform.models import AuditEvent, utcnow
from core.reference.models import Category
from core.seekers.models import Seeker
from tests import ussd_store
from tests.conftest import make_config

SEEKER = "+85597712345"
FRIEND = "+85597754321"
EMPLOYER = "+85512600501"


@pytest.fixture
def config(tmp_path, database_url):
    return make_config(tmp_path, database_url, alerts={"quiet_hours": "00:00-00:00"})  # no quiet hours


def story():
    """A seeker who texted, was texted, applied, referred a friend and was referred, and called; an employer."""
    owner = Employer.create(msisdn=EMPLOYER, name="Mekong Weaving", province=8, status="verified")
    job = Job.create(ref="J7001", employer=owner, category=Category.get(Category.code == "GARMENT"), province=8,
                     title="Sewing operators", wage_amount=250, positions=5, status="live")
    seeker, _ = Seeker.get_or_create_by_msisdn(SEEKER, language="en")
    friend, _ = Seeker.get_or_create_by_msisdn(FRIEND)
    InboundMessage.create(provider_id="in-1", msisdn=SEEKER, text="jobs please", outcome="help")
    OutboundMessage.create(msisdn=SEEKER, text="Reply JOBS for jobs", kind="reply", status="sent",
                           delivery_status="Success")
    application = Application.create(job=job, seeker=seeker, channel="sms")
    Referral.create(referrer=seeker, friend_msisdn=FRIEND, friend=friend, job=job)
    Referral.create(referrer=friend, friend_msisdn=SEEKER, channel="ussd")
    Call.create(msisdn=SEEKER, kind="share", direction="outbound", status="completed", job=job, keys="41")
    UssdStep.create(session_id="S1", step=1, msisdn=SEEKER, keys="1*2", start={}, state={"id": "alerts.done"},
                    wire="END Alerts are on. Call 012600501 for help")
    AuditEvent.record("moderator@example.org", "job.approve", job, {"status": "pending"}, {"status": "live"})
    AuditEvent.record("moderator@example.org", "application.hire", application, {"status": "applied"},
                      {"status": "hired"})
    return seeker, friend, job


def key_of(msisdn, app):
    with app.test_request_context():
        return contact_key(msisdn)


@pytest.mark.parametrize("typed", ["+85597712345", "097 712 345", "85597712345", "097712345"])
def test_a_number_in_any_format_opens_its_whole_story_masked(app, login_as, typed):
    story()
    client, _ = login_as("viewer")
    found = client.get("/admin/contacts/", query_string={"msisdn": typed})
    assert found.status_code == 302
    assert found.headers["Location"].endswith(f"/admin/contacts/{key_of(SEEKER, app)}/")
    html = client.get(found.headers["Location"]).get_data(as_text=True)
    for kind in ("sms_in", "sms_out", "ussd", "call", "application", "referral_given", "referral_received", "staff"):
        assert f'class="timeline-{kind}"' in html, kind
    assert "jobs please" in html and "Reply JOBS for jobs" in html and "delivery: Success" in html
    assert "1*2" in html and "END Alerts are on." in html and "41" in html  # USSD keys and screen, call keys
    assert "J7001" in html and "application.hire" in html and "job.approve" not in html  # the employer's
    assert "+855*****345" in html and "+855*****321" in html and "alerts" in html.lower()
    # Nobody's number is whole on the page, not even in its links.
    assert "97712345" not in html and "97754321" not in html and "12600501" not in html
    assert 'name="text"' not in html  # a viewer reads; the SMS form is a moderator's


def test_an_employer_and_a_number_nobody_knows_have_pages_too(app, login_as):
    story()
    client, _ = login_as("viewer")
    html = client.get(f"/admin/contacts/{key_of(EMPLOYER, app)}/").get_data(as_text=True)
    assert "Mekong Weaving" in html and "job.approve" in html  # staff actions on the employer's jobs
    html = client.get(f"/admin/contacts/{key_of('+85597700099', app)}/").get_data(as_text=True)
    assert "Nothing on this number yet." in html


def test_a_forged_or_edited_key_opens_nothing(app, login_as):
    client, _ = login_as("viewer")
    key = key_of(SEEKER, app)
    edited = key[:-2] + ("AA" if key[-2:] != "AA" else "BB")
    for bad in ("nonsense", edited, "A" * 40):
        assert client.get(f"/admin/contacts/{bad}/").status_code == 404, bad
    html = client.get("/admin/contacts/", query_string={"msisdn": "12345"}).get_data(as_text=True)
    assert "That is not a phone number" in html


def test_every_screen_that_shows_a_number_links_to_its_contact(app, login_as):
    seeker, friend, job = story()
    AuditEvent.create(actor="admin@example.org", action="simulator.act_as", target_type="msisdn", target_id=SEEKER)
    client, _ = login_as("admin")
    seeker_link = f"/admin/contacts/{key_of(SEEKER, app)}/"
    screens = {
        "/admin/seekers/": seeker_link, "/admin/messages/": seeker_link, "/admin/calls/": seeker_link,
        f"/admin/intermediaries/{seeker.id}/": f"/admin/contacts/{key_of(FRIEND, app)}/",
        "/admin/intermediaries/": seeker_link, "/admin/audit/": seeker_link, "/admin/inbound/": seeker_link,
        f"/admin/jobs/{job.id}/": seeker_link,
        f"/admin/employers/{job.employer.id}/": f"/admin/contacts/{key_of(EMPLOYER, app)}/",
        "/admin/employers/": f"/admin/contacts/{key_of(EMPLOYER, app)}/",
    }
    for url, link in screens.items():
        html = client.get(url).get_data(as_text=True)
        assert link in html, url
        if url != f"/admin/jobs/{job.id}/":  # the job's page shows its applicants in full, as before
            assert "97712345" not in html and "97754321" not in html, url


def test_a_ussd_step_that_records_something_is_on_the_callers_page(app, login_as):
    ussd_store.reset()
    client = app.test_client()
    for text in ("", "3"):  # first contact: the language question, then English (recorded)
        response = client.post("/ussd?token=test-token", data=dict(
            sessionId="S9", serviceCode="*855#", phoneNumber=SEEKER, networkCode="45601", text=text))
        assert response.status_code == 200
    step = UssdStep.get(UssdStep.session_id == "S9")
    assert (step.msisdn, step.keys) == (SEEKER, "3")
    staff, _ = login_as("viewer")
    html = staff.get(f"/admin/contacts/{key_of(SEEKER, app)}/").get_data(as_text=True)
    assert 'class="timeline-ussd"' in html and "<code>3</code>" in html


def test_the_inbound_log_shows_what_was_not_understood_and_who_needs_help(app, login_as):
    for number, (text, outcome) in enumerate([
        ("hello??", "help"), ("JOB GARMNET KANDAL 250 20 x", "error:JOB:category"),
        ("Need 10 garment workers, call me", "needs_help"), ("APPLY J7001", "apply:ok:J7001"),
    ]):
        InboundMessage.create(provider_id=f"in-{number}", msisdn=f"+8559771234{number}", text=text, outcome=outcome)
    client, _ = login_as("viewer")

    def texts(show=None):
        html = client.get("/admin/inbound/", query_string={"show": show} if show else {}).get_data(as_text=True)
        return set(re.findall(r'<td class="sms-text">(.*?)</td>', html)), html

    everything, html = texts()
    assert len(everything) == 4
    assert f"/admin/contacts/{key_of('+85597712340', app)}/" in html and "97712340" not in html
    assert texts("not_understood")[0] == {"hello??", "JOB GARMNET KANDAL 250 20 x"}
    assert texts("needs_help")[0] == {"Need 10 garment workers, call me"}


def reply(client, token, msisdn, app, text="Hello from Bong Pheak staff: please call 1288."):
    return client.post(f"/admin/contacts/{key_of(msisdn, app)}/reply", data={"text": text, "csrf_token": token})


def test_a_moderator_texts_a_number_through_the_outbox_and_it_is_audited(app, login_as, work):
    story()
    client, token = login_as("moderator")
    response = reply(client, token, SEEKER, app)
    assert response.status_code == 302
    message = OutboundMessage.get(OutboundMessage.kind == "staff")
    assert (message.msisdn, message.not_before) == (SEEKER, None)
    event = AuditEvent.get(AuditEvent.action == "message.send")
    assert (event.actor, event.target_type, event.target_id) == ("moderator@example.org", "OutboundMessage",
                                                                str(message.id))
    work()
    assert OutboundMessage.get_by_id(message.id).status == "sent"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Hello from Bong Pheak staff" in html and "message.send" in html


def test_a_viewer_cannot_text_and_a_post_without_csrf_is_refused(app, login_as):
    story()
    viewer, token = login_as("viewer")
    assert reply(viewer, token, SEEKER, app).status_code == 403
    moderator, _ = login_as("moderator")
    assert reply(moderator, "forged", SEEKER, app).status_code == 400
    assert not OutboundMessage.select().where(OutboundMessage.kind == "staff").exists()


def test_nobody_is_texted_after_stop_or_out_of_the_blue(app, login_as):
    seeker, _friend, _job = story()
    Seeker.update(opted_out_at=utcnow()).where(Seeker.id == seeker.id).execute()
    client, token = login_as("moderator")
    response = reply(client, token, SEEKER, app)
    assert response.status_code == 400
    assert "said STOP on" in response.get_data(as_text=True)
    response = reply(client, token, "+85597700099", app)  # the service never heard of it
    assert response.status_code == 400 and "nothing to reply to" in response.get_data(as_text=True)
    assert not OutboundMessage.select().where(OutboundMessage.kind == "staff").exists()
    assert not AuditEvent.select().where(AuditEvent.action == "message.send").exists()


def test_a_staff_sms_in_quiet_hours_waits_until_they_end(app, login_as, work):
    story()
    zone = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
    local = datetime.datetime.now(zone)
    start, end = local - datetime.timedelta(hours=1), local + datetime.timedelta(hours=1)
    runtime.current().config["alerts"]["quiet_hours"] = f"{start:%H:%M}-{end:%H:%M}"
    client, token = login_as("moderator")
    response = reply(client, token, SEEKER, app)
    assert response.status_code == 302
    message = OutboundMessage.get(OutboundMessage.kind == "staff")
    held_until = end.replace(second=0, microsecond=0).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    assert message.not_before == held_until
    work()
    assert OutboundMessage.get_by_id(message.id).status == "queued"  # not sent before the morning
    assert "held until" in client.get(response.headers["Location"]).get_data(as_text=True)
