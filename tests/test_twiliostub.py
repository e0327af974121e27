"""The Twilio stub against the official twilio package: REST answers and errors, signatures, and the TwiML phone."""
import time

import pytest
import requests
from flask import Flask, Response, abort, request
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from tests.browser import serving
from tests.twiliostub import (ACCOUNT_SID, AUTH_TOKEN, TooManyFetches, TwilioStub, flask_transport,
                              twilio_stub)  # noqa: F401 - pytest fixture

SENDER = "+85523900000"
SEEKER = "+85512600101"
IVR_HOST = "http://ivr.test"


def twilio_client(stub, account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, timeout=5):
    client = Client(account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout))
    client.api.base_url = stub.url
    return client


@pytest.fixture
def client(twilio_stub):  # noqa: F811
    return twilio_client(twilio_stub)


def xml(twiml):
    return Response(f'<?xml version="1.0" encoding="UTF-8"?><Response>{twiml}</Response>', mimetype="text/xml")


def ivr_app():
    """A small TwiML app that refuses unsigned webhooks and keeps the status callbacks it is sent."""
    app = Flask(__name__)
    app.statuses = []

    @app.before_request
    def check_signature():
        signature = request.headers.get("X-Twilio-Signature", "")
        if not request.path.startswith("/audio/") and not RequestValidator(AUTH_TOKEN).validate(
                request.url, request.form, signature):
            abort(403)

    @app.route("/ivr/answer", methods=["GET", "POST"])
    def answer():
        greeting = "Welcome back." if request.args.get("again") else "Welcome to Bong Pheak."
        return xml(f'<Say>{greeting}</Say><Gather action="choice" numDigits="1">'
                   '<Say voice="Polly.Joanna" language="en-US">Press 1 to hear the job, 2 to end.</Say></Gather>'
                   "<Say>We did not hear you.</Say><Hangup/>")

    @app.post("/ivr/choice")
    def choice():
        digits = request.form["Digits"]
        if digits == "1":
            return xml('<Play>/audio/job.mp3</Play><Pause length="1"/><Redirect method="GET">answer?again=1</Redirect>')
        if digits == "2":
            return xml("<Say>Goodbye.</Say><Hangup/>")
        if digits == "9":
            return xml('<Reject reason="busy"/>')
        return "no such choice", 500

    @app.post("/ivr/loop")
    def loop():
        return xml("<Redirect>loop</Redirect>")

    @app.get("/audio/job.mp3")
    def audio():
        return Response(b"ID3\x03\x00", mimetype="audio/mpeg")

    @app.post("/status")
    def status():
        app.statuses.append(request.form.to_dict())
        return "", 204

    return app


@pytest.fixture
def ivr():
    return ivr_app()


@pytest.fixture(scope="module")
def ivr_server():
    """One IVR app behind real HTTP for the module: starting and stopping a server costs half a second."""
    app = ivr_app()
    with serving(app) as url:
        yield app, url


@pytest.fixture
def served_ivr(ivr_server):
    """The served IVR app with no status callbacks yet, and its base URL."""
    app, url = ivr_server
    app.statuses.clear()
    return app, url


@pytest.fixture
def phone(ivr):
    """A stub whose webhooks go into the IVR app's test client."""
    with TwilioStub(transport=flask_transport(ivr)) as stub:
        yield stub


def eventually(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# -- REST -------------------------------------------------------------------------------------------------------------

def test_message_is_queued_and_recorded(twilio_stub, client):  # noqa: F811
    message = client.messages.create(to=SEEKER, from_=SENDER, body="Job J5001", status_callback="http://app/sms")

    assert message.sid.startswith("SM") and len(message.sid) == 34
    assert (message.status, message.to, message.from_, message.body) == ("queued", SEEKER, SENDER, "Job J5001")
    assert (message.num_segments, message.direction, message.price) == ("1", "outbound-api", None)
    assert message.date_created is not None and message.account_sid == ACCOUNT_SID
    assert twilio_stub.sms_sent() == [("Job J5001", [SEEKER])]
    assert twilio_stub.messages[message.sid]["status_callback"] == "http://app/sms"
    assert twilio_stub.requests[0]["form"]["To"] == SEEKER and twilio_stub.requests[0]["status"] == 201


@pytest.mark.parametrize("body, segments", [("a" * 160, "1"), ("a" * 161, "2"), ("[" * 80, "1"), ("[" * 81, "2"),
                                            ("ក" * 70, "1"), ("ក" * 71, "2")])
def test_segments_are_counted_as_gsm7_or_ucs2(client, body, segments):
    assert client.messages.create(to=SEEKER, from_=SENDER, body=body).num_segments == segments


def test_call_is_queued_and_recorded(twilio_stub, client):  # noqa: F811
    call = client.calls.create(to=SEEKER, from_=SENDER, url="http://app/voice", status_callback="http://app/status",
                               status_callback_event=["initiated", "answered", "completed"], method="POST")

    assert call.sid.startswith("CA") and (call.status, call.direction, call.to) == ("queued", "outbound-api", SEEKER)
    [placed] = twilio_stub.calls_placed()
    assert (placed["sid"], placed["to"], placed["from"], placed["url"], placed["status_callback"]) == (
        call.sid, SEEKER, SENDER, "http://app/voice", "http://app/status")
    assert placed["events"] == ["initiated", "answered", "completed"]
    assert twilio_stub.requests[0]["form"]["StatusCallbackEvent"] == ["initiated", "answered", "completed"]
    assert twilio_stub.requests[0]["form"]["Method"] == "POST"


@pytest.mark.parametrize("fields, code", [
    (dict(to="085512600101", from_=SENDER, body="hi"), 21211),
    (dict(to=SEEKER, from_=SENDER), 21602),
    (dict(to=SEEKER, body="hi"), 21603),
])
def test_bad_message_requests_are_refused_like_twilio(twilio_stub, client, fields, code):  # noqa: F811
    with pytest.raises(TwilioRestException) as raised:
        client.messages.create(**fields)

    assert (raised.value.status, raised.value.code) == (400, code)
    assert twilio_stub.sms_sent() == []


def test_unsubscribed_recipient_is_refused_with_21610(twilio_stub, client):  # noqa: F811
    twilio_stub.unsubscribed.add(SEEKER)

    with pytest.raises(TwilioRestException) as raised:
        client.messages.create(to=SEEKER, from_=SENDER, body="hi")

    assert (raised.value.status, raised.value.code) == (400, 21610)
    assert "unsubscribed recipient" in raised.value.msg


def test_call_without_url_is_refused(client):
    with pytest.raises(TwilioRestException) as raised:
        client.calls.create(to=SEEKER, from_=SENDER)
    assert (raised.value.status, raised.value.code) == (400, 21205)


def test_fail_next_answers_an_error_then_serves_again(twilio_stub, client):  # noqa: F811
    twilio_stub.fail_next(1, status=503)

    with pytest.raises(TwilioRestException) as raised:
        client.messages.create(to=SEEKER, from_=SENDER, body="first")
    client.messages.create(to=SEEKER, from_=SENDER, body="second")

    assert (raised.value.status, raised.value.code) == (503, 20500)
    assert twilio_stub.sms_sent() == [("second", [SEEKER])]


def test_429_asks_to_retry_after_a_second(twilio_stub):  # noqa: F811
    twilio_stub.fail_next(1, status=429)

    answer = requests.post(f"{twilio_stub.url}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json",
                           data={"To": SEEKER, "From": SENDER, "Body": "hi"}, auth=(ACCOUNT_SID, AUTH_TOKEN), timeout=5)

    assert (answer.status_code, answer.headers["Retry-After"], answer.json()["code"]) == (429, "1", 20429)
    assert twilio_stub.sms_sent() == []


def test_stalled_request_times_out_but_is_still_sent(twilio_stub):  # noqa: F811
    twilio_stub.stall_next(1, seconds=0.3)

    with pytest.raises(requests.exceptions.Timeout):
        twilio_client(twilio_stub, timeout=0.1).messages.create(to=SEEKER, from_=SENDER, body="late")

    eventually(lambda: twilio_stub.sms_sent() == [("late", [SEEKER])])


def test_wrong_token_is_401(twilio_stub):  # noqa: F811
    with pytest.raises(TwilioRestException) as raised:
        twilio_client(twilio_stub, auth_token="wrong").messages.create(to=SEEKER, from_=SENDER, body="hi")

    assert (raised.value.status, raised.value.code) == (401, 20003)
    assert twilio_stub.requests[0]["status"] == 401 and twilio_stub.sms_sent() == []


def test_another_account_is_404(client):
    with pytest.raises(TwilioRestException) as raised:
        client.api.v2010.accounts("AC" + "9" * 32).messages.create(to=SEEKER, from_=SENDER, body="hi")
    assert (raised.value.status, raised.value.code) == (404, 20404)


def test_reset_forgets_everything(twilio_stub, client):  # noqa: F811
    client.messages.create(to=SEEKER, from_=SENDER, body="hi")
    twilio_stub.unsubscribed.add(SEEKER)
    twilio_stub.fail_next(2)

    twilio_stub.reset()

    client.messages.create(to=SEEKER, from_=SENDER, body="again")
    assert twilio_stub.sms_sent() == [("again", [SEEKER])] and len(twilio_stub.requests) == 1


# -- signatures and status callbacks ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["https://example.com/voice?lang=km", "http://127.0.0.1:5000/sms/status"])
def test_signature_is_twilios(twilio_stub, url):  # noqa: F811
    params = {"MessageSid": "SM" + "a" * 32, "MessageStatus": "delivered", "Body": "ស្វាគមន៍ & hi", "To": SEEKER}
    validator = RequestValidator(AUTH_TOKEN)

    signature = twilio_stub.sign(url, params)

    assert signature == validator.compute_signature(url, params)
    assert validator.validate(url, params, signature)
    assert not RequestValidator("other").validate(url, params, signature)


def test_auto_status_posts_sent_then_delivered_signed(served_ivr):
    ivr, app_url = served_ivr
    with TwilioStub(auto_status="delivered") as stub:
        message = twilio_client(stub).messages.create(to=SEEKER, from_=SENDER, body="hi",
                                                      status_callback=app_url + "/status")
        webhooks = stub.wait_for_webhooks(2)

    assert [webhook.status for webhook in webhooks] == [204, 204]  # the app refuses bad signatures with 403
    assert [status["MessageStatus"] for status in ivr.statuses] == ["sent", "delivered"]
    assert ivr.statuses[-1] == {"MessageSid": message.sid, "SmsSid": message.sid, "MessageStatus": "delivered",
                                "SmsStatus": "delivered", "AccountSid": ACCOUNT_SID, "From": SENDER, "To": SEEKER,
                                "ApiVersion": "2010-04-01"}


def test_early_status_arrives_before_the_rest_answer(served_ivr):
    ivr, app_url = served_ivr
    with TwilioStub(early_status=True) as stub:
        message = twilio_client(stub).messages.create(to=SEEKER, from_=SENDER, body="hi",
                                                      status_callback=app_url + "/status")
        arrived = [status["MessageStatus"] for status in ivr.statuses]  # no waiting: it came first

    assert arrived == ["sent", "delivered"] and ivr.statuses[0]["MessageSid"] == message.sid


def test_report_posts_now_with_error_code(ivr, phone):
    message = twilio_client(phone).messages.create(to=SEEKER, from_=SENDER, body="hi",
                                                   status_callback=IVR_HOST + "/status")

    assert phone.report(message.sid, "undelivered", error_code=30003) == 204

    assert ivr.statuses == [{"MessageSid": message.sid, "SmsSid": message.sid, "MessageStatus": "undelivered",
                             "SmsStatus": "undelivered", "AccountSid": ACCOUNT_SID, "From": SENDER, "To": SEEKER,
                             "ApiVersion": "2010-04-01", "ErrorCode": "30003"}]
    assert phone.messages[message.sid]["status"] == "undelivered"


# -- the phone --------------------------------------------------------------------------------------------------------

def test_inbound_call_follows_gathers_and_redirects(ivr, phone):
    transcript = phone.dial(IVR_HOST + "/ivr/answer", SEEKER, SENDER, keys=["1", "2"])

    assert [step.url.split("?")[0] for step in transcript] == [IVR_HOST + path for path in (
        "/ivr/answer", "/ivr/choice", "/ivr/answer", "/ivr/choice")]  # relative action and redirect resolved
    assert [step.status for step in transcript] == [200] * 4  # the app checked every signature
    assert transcript[2].url.startswith(IVR_HOST + "/ivr/answer?again=1&CallSid=")  # a GET redirect: fields in query
    first = transcript[0].params
    assert (first["CallStatus"], first["Direction"], first["From"], first["To"], first["Caller"]) == (
        "ringing", "inbound", SEEKER, SENDER, SEEKER)
    assert first["CallSid"] == transcript.call_sid and transcript.call_sid.startswith("CA")
    assert (transcript[1].params["Digits"], transcript[1].params["CallStatus"]) == ("1", "in-progress")
    assert transcript[3].params["Digits"] == "2"
    assert transcript.heard()[:3] == [
        ("say", None, None, "Welcome to Bong Pheak."),
        ("say", "Polly.Joanna", "en-US", "Press 1 to hear the job, 2 to end."),
        ("play", IVR_HOST + "/audio/job.mp3", 200, "audio/mpeg")]
    assert transcript.said_text().endswith("Welcome back. Press 1 to hear the job, 2 to end. Goodbye.")
    assert transcript.outcome == "completed" and transcript.status_callback is None


def test_gather_without_keys_times_out_and_goes_on(phone):
    transcript = phone.dial(IVR_HOST + "/ivr/answer", SEEKER, SENDER, keys=())

    assert len(transcript) == 1  # the action was never posted
    assert transcript.said_text().endswith("We did not hear you.") and transcript.outcome == "completed"


def test_finish_key_is_not_posted(phone):
    transcript = phone.dial(IVR_HOST + "/ivr/answer", SEEKER, SENDER, keys=["2#"])
    assert transcript[1].params["Digits"] == "2"


def test_reject_is_busy_for_the_status_callback(ivr, phone):
    transcript = phone.dial(IVR_HOST + "/ivr/answer", SEEKER, SENDER, keys=["9"], status_callback=IVR_HOST + "/status")

    assert transcript.outcome == "rejected"
    assert transcript.status_callback.status == 204
    assert (ivr.statuses[-1]["CallStatus"], ivr.statuses[-1]["CallDuration"]) == ("busy", "0")


def test_webhook_error_ends_the_call(phone):
    transcript = phone.dial(IVR_HOST + "/ivr/answer", SEEKER, SENDER, keys=["7"])
    assert transcript.outcome == "error" and transcript[-1].status == 500


def test_unsigned_or_badly_signed_webhook_is_an_error(ivr):
    with TwilioStub(auth_token="not-the-apps", transport=flask_transport(ivr)) as stub:
        transcript = stub.dial(IVR_HOST + "/ivr/answer", SEEKER, SENDER)
    assert transcript.outcome == "error" and transcript[0].status == 403


def test_redirect_loop_is_stopped(phone):
    with pytest.raises(TooManyFetches):
        phone.dial(IVR_HOST + "/ivr/loop", SEEKER, SENDER)
    assert len(phone.webhooks) == 50


def test_answered_outbound_call_reports_completed_over_http(served_ivr):
    ivr, app_url = served_ivr
    with TwilioStub() as stub:
        call = twilio_client(stub).calls.create(to=SEEKER, from_=SENDER, url=app_url + "/ivr/answer",
                                                status_callback=app_url + "/status",
                                                status_callback_event=["completed"], method="POST")
        transcript = stub.answer(call.sid, keys=["2"])

    assert [step.params["Direction"] for step in transcript] == ["outbound-api", "outbound-api"]
    assert transcript[0].params["CallStatus"] == "in-progress" and transcript.said_text().endswith("Goodbye.")
    assert transcript.status_callback.status == 204
    assert {key: ivr.statuses[-1][key] for key in ("CallSid", "CallStatus", "CallDuration", "From", "To")} == {
        "CallSid": call.sid, "CallStatus": "completed", "CallDuration": "2", "From": SENDER, "To": SEEKER}
    assert stub.calls_placed()[0]["status"] == "completed"


def test_unanswered_call_reports_no_answer(ivr, phone):
    call = twilio_client(phone).calls.create(to=SEEKER, from_=SENDER, url=IVR_HOST + "/ivr/answer",
                                             status_callback=IVR_HOST + "/status")

    assert phone.no_answer(call.sid) == 204

    assert len(phone.webhooks) == 1 and ivr.statuses[-1]["CallStatus"] == "no-answer"


def test_call_placed_with_inline_twiml_is_played_without_a_fetch(phone):
    call = twilio_client(phone).calls.create(to=SEEKER, from_=SENDER, twiml="<Response><Say>Hello</Say></Response>")

    transcript = phone.answer(call.sid)

    assert (transcript.said_text(), transcript.outcome, phone.webhooks) == ("Hello", "completed", [])
