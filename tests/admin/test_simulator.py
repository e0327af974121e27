"""The simulator's endpoints: the gateway's own fields handed to /ussd and /sms/inbound; bad input is a message."""
from core.platform import runtime
from core.outbound.models import OutboundMessage


def test_simulator_is_for_moderators(login_as):
    viewer, token = login_as("viewer")
    assert viewer.get("/admin/simulator/").status_code == 403
    assert viewer.post("/admin/simulator/ussd", data={"csrf_token": token}).status_code == 403
    moderator, _ = login_as("moderator")
    page = moderator.get("/admin/simulator/").get_data(as_text=True)
    assert "simulator.js" in page and "*855#" in page
    assert "test-token" not in page  # the callback token never reaches a browser


def test_bad_numbers_and_empty_sms_are_messages(login_as):
    client, token = login_as("moderator")
    headers = {"X-CSRFToken": token}
    response = client.post("/admin/simulator/ussd", data={"msisdn": "hello", "text": ""}, headers=headers)
    assert response.status_code == 400 and "valid phone number" in response.json["error"]
    response = client.post("/admin/simulator/sms", data={"msisdn": "+85597700001", "text": "  "}, headers=headers)
    assert response.status_code == 400 and "Type the text" in response.json["error"]


def test_dial_goes_through_the_ussd_endpoint(app, login_as):
    client, token = login_as("moderator")
    response = client.post("/admin/simulator/ussd", data={"msisdn": "097 700 0001", "session_id": "S1", "text": ""},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json["reply"].startswith(("CON ", "END "))
    assert response.json["msisdn"] == "+855977000001"


def test_sms_goes_through_the_inbound_endpoint(app, login_as, work):
    client, token = login_as("moderator")
    response = client.post("/admin/simulator/sms", data={"msisdn": "+85597700001", "text": "HELP"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200
    work()
    inbox = client.get("/admin/simulator/inbox?msisdn=%2B85597700001").json["messages"]
    assert inbox, "HELP always gets a reply"


def test_inbox_lists_what_the_number_receives(login_as):
    OutboundMessage.create(msisdn="+85597700001", text="<b>hi</b>", status="sent")
    OutboundMessage.create(msisdn="+85597700002", text="not yours")
    client, _ = login_as("moderator")
    messages = client.get("/admin/simulator/inbox?msisdn=097700001").json["messages"]
    assert [m["text"] for m in messages] == ["<b>hi</b>"]  # JSON; the page sets it as text, never as HTML
    assert client.get("/admin/simulator/inbox?msisdn=nonsense").json["messages"] == []


REAL_EMPLOYER = "+85512345678"  # outside the demo's test ranges
REAL_SEEKER = "+85510888777"


def _real_employer():
    from core.jobs.models import Employer

    return Employer.create(msisdn=REAL_EMPLOYER, name="Real Garment Ltd", province=8, status="verified",
                           verified_by="admin@example.org")


def test_test_numbers_come_from_the_configured_ranges(app):
    from admin.simulator import is_test_number

    config = runtime.current().config
    assert is_test_number("+85597700000", config) and is_test_number("+85597799999", config)
    assert is_test_number("+855977000001", config) and is_test_number("+85512600101", config)
    assert not is_test_number("+85597800000", config)
    assert not is_test_number("+8559770000", config)  # a prefix of a range's numbers is not in it
    assert not is_test_number(REAL_EMPLOYER, config)


def test_a_moderator_cannot_act_as_a_real_number(login_as, work):
    from core.jobs.models import Job
    from core.seekers.models import Seeker

    _real_employer()
    Seeker.get_or_create_by_msisdn(REAL_SEEKER)
    client, token = login_as("moderator")
    headers = {"X-CSRFToken": token}
    job_text = "JOB GARMENT KANDAL 250 20 Sewing operators"
    for msisdn, text in ((REAL_EMPLOYER, job_text), (REAL_SEEKER, "STOP")):
        # Even ticking the box: only an admin may.
        response = client.post("/admin/simulator/sms", data={"msisdn": msisdn, "text": text, "act_as_real": "1"},
                               headers=headers)
        assert response.status_code == 403 and "real number" in response.json["error"]
    response = client.post("/admin/simulator/ussd", data={"msisdn": REAL_SEEKER, "text": ""}, headers=headers)
    assert response.status_code == 403
    work()
    assert Job.select().count() == 0
    assert not Seeker.get(Seeker.msisdn == REAL_SEEKER).opted_out
    assert OutboundMessage.select().count() == 0
    assert client.get(f"/admin/simulator/inbox?msisdn={REAL_SEEKER}").json["messages"] == []


def test_an_admin_must_say_so_to_act_as_a_real_number(login_as):
    _real_employer()
    client, token = login_as("admin")
    response = client.post("/admin/simulator/sms", data={"msisdn": REAL_EMPLOYER, "text": "MYJOBS"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 403


def test_an_admin_acting_as_a_real_number_is_audited_as_themselves(login_as, work):
    from core.jobs.models import Job
    from core.platform.models import AuditEvent

    _real_employer()
    client, token = login_as("admin")
    page = client.get("/admin/simulator/").get_data(as_text=True)
    assert 'id="act-as-real"' in page and REAL_EMPLOYER not in page  # never offered as a sample
    response = client.post("/admin/simulator/sms", headers={"X-CSRFToken": token}, data={
        "msisdn": REAL_EMPLOYER, "text": "JOB GARMENT KANDAL 250 20 Sewing operators", "act_as_real": "1",
    })
    assert response.status_code == 200
    work()
    job = Job.get()
    act = AuditEvent.get(AuditEvent.action == "simulator.act_as")
    assert (act.actor, act.target_id, act.after["channel"]) == ("admin@example.org", REAL_EMPLOYER, "sms")
    post = AuditEvent.get(AuditEvent.action == "job.post")
    assert post.target_id == str(job.id)
    assert post.actor == f"admin@example.org as employer:{job.employer_id}"
    audit_page = client.get("/admin/audit/").get_data(as_text=True)
    assert REAL_EMPLOYER not in audit_page  # the number acted as is masked like every other


def test_moderator_page_hides_the_act_as_real_switch(login_as):
    client, _ = login_as("moderator")
    assert 'id="act-as-real"' not in client.get("/admin/simulator/").get_data(as_text=True)
