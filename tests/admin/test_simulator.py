"""The simulator's endpoints: the gateway's own fields handed to /ussd and /sms/inbound; bad input is a message."""
from core.models import OutboundMessage


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
