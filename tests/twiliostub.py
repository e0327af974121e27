"""A local Twilio look-alike for tests and benchmarks: the Messages and Calls REST API on 127.0.0.1, signed webhooks,
and a phone that plays TwiML. Somleng speaks the same API, so this stands in for either.

Point the official twilio package at it with ``client.api.base_url = stub.url``; it then talks HTTP to the stub.
Use the ``twilio_stub`` fixture::

    from tests.twiliostub import ACCOUNT_SID, AUTH_TOKEN, twilio_stub  # noqa: F401  (pytest finds the fixture)

    def test_something(twilio_stub):
        twilio_stub.unsubscribed.add("+85512345678")
        twilio_stub.fail_next(1, status=500)
        ...
        assert twilio_stub.sms_sent() == [("hello", ["+85598765432"])]
        transcript = twilio_stub.dial(app_url + "/voice", "+85512345678", "+85523900000", keys=["1"])
        assert "Sewing operators" in transcript.said_text()

Webhooks (status callbacks and the phone's TwiML fetches) carry ``X-Twilio-Signature`` computed here by hand from
Twilio's documented algorithm, never by the twilio package, so a test of the service's signature check is not
circular. They go out through a transport: real HTTP by default, or a Flask test client (``flask_transport``).

Like Twilio, a request that is answered late (``stall_next``) is still processed: a client that timed out may have
sent the message anyway.
"""
from __future__ import annotations

import base64
import collections
import functools
import hashlib
import hmac
import json
import re
import threading
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Callable
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest

from tests.atstub import _Handler as _ATHandler
from tests.atstub import LocalServer, _reason  # one threaded server for both stubs

ACCOUNT_SID = "AC" + "0" * 30 + "01"
AUTH_TOKEN = "5bd3e1a0c4f2a6b8d0e2f4a6c8e0b2d4"
API_VERSION = "2010-04-01"
USER_AGENT = "TwilioProxy/1.1"
MAX_FETCHES = 50  # TwiML documents one call may fetch before the phone calls it a loop
WEBHOOK_TIMEOUT = 30
_REST_PATH = re.compile(rf"^/{API_VERSION}/Accounts/(?P<account>[^/]+)/(?P<resource>Messages|Calls)\.json$")
_E164 = re.compile(r"^\+\d{4,15}$")
_GSM7_EXTENDED = set("^{}\\[~]|")  # the ASCII characters that cost two septets
_FINAL_ERROR_CODES = {"failed": "30008", "undelivered": "30003"}  # unknown error, unreachable handset

# (url, params, headers) -> (status, body, content_type); params None means a GET (a <Play> fetch). A status of 0
# means nothing answered (connection refused or timed out).
Transport = Callable[[str, dict | None, dict], tuple[int, str, str]]


class TooManyFetches(RuntimeError):
    """A call fetched MAX_FETCHES TwiML documents: the app is redirecting in a loop."""


class UnsupportedVerb(ValueError):
    """The TwiML uses a verb the phone does not play (Dial, Record, Enqueue...)."""


class _Handler(_ATHandler):
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms delayed-ACK stall
    server_version = "TwilioStub/1.0"


def urllib_transport(url: str, params: dict | None, headers: dict) -> tuple[int, str, str]:
    """POST params form-encoded (repeated fields for list values), or GET when params is None, over real HTTP."""
    data = None if params is None else urlencode(params, doseq=True).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers=headers, method="GET" if params is None else "POST")
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
            return response.status, _text(response.read()), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, _text(error.read()), error.headers.get("Content-Type", "")
    except OSError as error:
        return 0, repr(error), ""


def flask_transport(app_or_client) -> Transport:
    """A transport into a Flask app's test client; the app sees the URL's scheme and host, so signatures match."""
    client = app_or_client.test_client() if hasattr(app_or_client, "test_client") else app_or_client

    def transport(url: str, params: dict | None, headers: dict) -> tuple[int, str, str]:
        parts = urlsplit(url)
        request = dict(path=parts.path or "/", query_string=parts.query, headers=headers,
                       base_url=f"{parts.scheme}://{parts.netloc}")
        response = client.get(**request) if params is None else client.post(data=params, **request)
        return response.status_code, _text(response.get_data()), response.content_type or ""

    return transport


@dataclass
class Webhook:
    """One signed request the stub sent to the app, and the app's answer."""
    url: str
    method: str
    params: dict
    status: int
    body: str
    content_type: str


@dataclass
class Step:
    """One TwiML document the phone fetched, and what the caller heard while it played."""
    url: str
    params: dict
    status: int
    twiml: str
    content_type: str
    heard: list[tuple] = field(default_factory=list)


@dataclass
class CallTranscript:
    """A call as the phone lived it: the steps, how it ended and the status callback the app was sent, if any."""
    call_sid: str
    steps: list[Step] = field(default_factory=list)
    outcome: str = ""  # completed, rejected or error
    status_callback: Webhook | None = None

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self):
        return iter(self.steps)

    def __getitem__(self, index) -> Step:
        return self.steps[index]

    def heard(self) -> list[tuple]:
        """Every ("say", voice, language, text) and ("play", url, status, content_type) of the call, in order."""
        return [item for step in self.steps for item in step.heard]

    def said_text(self) -> str:
        """The text of every Say, joined by spaces."""
        return " ".join(item[3] for item in self.heard() if item[0] == "say")


class TwilioStub(LocalServer):
    """Speaks Twilio's Messages and Calls API on localhost, records every request, signs webhooks, plays TwiML,
    and can be told to misbehave."""

    handler = _Handler
    thread_name = "twilio-stub"

    def __init__(self, account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN, transport: Transport | None = None,
                 auto_status: str | None = None, early_status: bool = False, unsubscribed=()):
        self.url: str = ""
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.transport: Transport = transport or urllib_transport
        self.auto_status = auto_status  # after a message is queued: post "sent", then this status
        self.early_status = early_status  # post those status callbacks before answering the REST request
        self.unsubscribed: set[str] = set(unsubscribed)
        self.requests: list[dict] = []
        self.messages: dict[str, dict] = {}
        self.webhooks: list[Webhook] = []
        self._calls: dict[str, dict] = {}
        self._sms: list[tuple[str, list[str]]] = []
        self._actions: collections.deque = collections.deque()
        self._lock = threading.Lock()
        self._webhook_sent = threading.Condition(self._lock)
        self._stopping = threading.Event()

    # -- control ----------------------------------------------------------------------------------------------------

    def calls_placed(self) -> list[dict]:
        """The call records (sid, to, from, url, twiml, method, status_callback, events, status) in order."""
        with self._lock:
            return [dict(call) for call in self._calls.values()]

    def wait_for_webhooks(self, n: int, timeout: float = 5.0) -> list[Webhook]:
        """The webhooks sent so far once there are at least n; TimeoutError if they do not come in time."""
        with self._webhook_sent:
            if not self._webhook_sent.wait_for(lambda: len(self.webhooks) >= n, timeout):
                raise TimeoutError(f"{len(self.webhooks)} webhooks sent, waited for {n}")
            return list(self.webhooks)

    def reset(self) -> None:
        """Forget recorded requests, messages, calls and webhooks, pending misbehaviour and the unsubscribed set."""
        with self._lock:
            self.requests.clear()
            self.messages.clear()
            self.webhooks.clear()
            self._calls.clear()
            self._sms.clear()
            self._actions.clear()
            self.unsubscribed.clear()

    # -- webhooks ---------------------------------------------------------------------------------------------------

    def sign(self, url: str, params: dict) -> str:
        """X-Twilio-Signature: base64 HMAC-SHA1 under the auth token of the URL, then each name and value by name."""
        payload = url + "".join(name + value for name in sorted(params) for value in sorted(_values(params[name])))
        digest = hmac.new(self.auth_token.encode("utf-8"), payload.encode("utf-8"), hashlib.sha1).digest()
        return base64.b64encode(digest).decode("ascii")

    def report(self, message_sid: str, status: str = "delivered", error_code: str | None = None) -> int:
        """Post the message's signed status callback now; the HTTP status the app answered."""
        with self._lock:
            message = self.messages[message_sid]
        if not message["status_callback"]:
            raise ValueError(f"message {message_sid} was sent without a StatusCallback: nothing to report to")
        with self._lock:
            message["status"] = status
        params = {"MessageSid": message_sid, "SmsSid": message_sid, "MessageStatus": status, "SmsStatus": status,
                  "AccountSid": self.account_sid, "From": message["from"], "To": message["to"],
                  "ApiVersion": API_VERSION}
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        return self._send(message["status_callback"], params).status

    def _report_progress(self, message_sid: str) -> None:
        for status in _statuses_up_to(self.auto_status or "delivered"):
            self.report(message_sid, status, _FINAL_ERROR_CODES.get(status))

    def _send(self, url: str, params: dict, method: str = "POST") -> Webhook:
        if method.upper() == "GET":  # Twilio puts the fields in the query string and signs the URL alone
            url = url + ("&" if "?" in url else "?") + urlencode(params, doseq=True)
            signed, body = {}, None
        else:
            signed, body = params, params
        headers = {"X-Twilio-Signature": self.sign(url, signed), "User-Agent": USER_AGENT}
        status, text, content_type = self.transport(url, body, headers)
        webhook = Webhook(url, method.upper(), dict(params), status, text, content_type)
        with self._webhook_sent:
            self.webhooks.append(webhook)
            self._webhook_sent.notify_all()
        return webhook

    # -- the phone --------------------------------------------------------------------------------------------------

    def dial(self, url: str, from_: str, to: str, keys=(), status_callback: str | None = None) -> CallTranscript:
        """Someone calls the app: POST its voice URL as an inbound call, then play what it answers."""
        call = {"sid": _sid("CA"), "from": from_, "to": to, "direction": "inbound", "status_callback": status_callback,
                "status_callback_method": "POST", "url": url, "method": "POST", "twiml": None}
        return self._play(call, keys, first_status="ringing")

    def answer(self, call_sid: str, keys=()) -> CallTranscript:
        """The person answers a call placed through Calls.json: fetch its Url (or play its Twiml)."""
        with self._lock:
            call = self._calls[call_sid]
        return self._play(call, keys, first_status="in-progress")

    def no_answer(self, call_sid: str, status: str = "no-answer") -> int | None:
        """A placed call ends unanswered: post its StatusCallback; the HTTP status, or None without a callback."""
        with self._lock:
            call = self._calls[call_sid]
            call["status"] = status
        if not call["status_callback"]:
            return None
        return self._send(call["status_callback"], _call_fields(call, self.account_sid, status, duration=0),
                          call["status_callback_method"]).status

    def _play(self, call: dict, keys, first_status: str) -> CallTranscript:
        transcript = CallTranscript(call["sid"])
        keys = iter(keys)
        call_status = first_status
        request, outcome = (call["url"], call["method"], {}), None
        while outcome is None:
            if call["twiml"] and not transcript.steps:  # placed with Twiml: played without a fetch
                step = Step(call["url"] or "", {}, 200, call["twiml"], "text/xml")
            else:
                if len(transcript.steps) >= MAX_FETCHES:
                    raise TooManyFetches(f"call {call['sid']} fetched {MAX_FETCHES} TwiML documents")
                url, method, extra = request
                webhook = self._send(url, {**_call_fields(call, self.account_sid, call_status), **extra}, method)
                step = Step(webhook.url, webhook.params, webhook.status, webhook.body, webhook.content_type)
                call_status = "in-progress"
            transcript.steps.append(step)
            response = _parse_twiml(step)
            request, outcome = (None, "error") if response is None else self._perform(response, step, keys)
        transcript.outcome = outcome
        final = "busy" if transcript.outcome == "rejected" else "completed"
        with self._lock:
            call["status"] = final
        if call["status_callback"]:
            duration = 0 if final == "busy" else len(transcript.steps)
            transcript.status_callback = self._send(
                call["status_callback"], _call_fields(call, self.account_sid, final, duration),
                call["status_callback_method"])
        return transcript

    def _perform(self, response: ElementTree.Element, step: Step, keys) -> tuple[tuple | None, str | None]:
        """Play one document: the next fetch (url, method, extra params), or how the call ended."""
        for verb in response:
            if verb.tag in ("Say", "Play", "Pause"):
                self._hear(verb, step)
            elif verb.tag == "Gather":
                for child in verb:
                    self._hear(child, step)
                pressed = next(keys, None)
                if pressed is not None or verb.get("actionOnEmptyResult") == "true":
                    digits = _digits(pressed or "", verb.get("finishOnKey", "#"), verb.get("numDigits"))
                    return (urljoin(step.url, verb.get("action") or step.url), verb.get("method", "POST"),
                            {"Digits": digits}), None
            elif verb.tag == "Redirect":
                return (urljoin(step.url, (verb.text or "").strip()), verb.get("method", "POST"), {}), None
            elif verb.tag == "Hangup":
                return None, "completed"
            elif verb.tag == "Reject":
                return None, "rejected"
            else:
                raise UnsupportedVerb(f"<{verb.tag}> in the TwiML from {step.url}")
        return None, "completed"

    def _hear(self, verb: ElementTree.Element, step: Step) -> None:
        if verb.tag == "Say":
            text = "".join(verb.itertext()).strip()
            step.heard.append(("say", verb.get("voice"), verb.get("language"), text))
        elif verb.tag == "Play":
            url = urljoin(step.url, (verb.text or "").strip())
            status, _, content_type = self.transport(url, None, {"User-Agent": USER_AGENT})
            step.heard.append(("play", url, status, content_type))
        elif verb.tag != "Pause":
            raise UnsupportedVerb(f"<{verb.tag}> inside <Gather> in the TwiML from {step.url}")

    # -- serving ----------------------------------------------------------------------------------------------------

    def _handle(self, handler: _Handler, method: str) -> None:
        # Repeated fields (StatusCallbackEvent) stay lists, as the package sends them.
        record, failing = self._received(handler, method, lambda values: values[0] if len(values) == 1 else values)
        if failing:
            extra = {"Retry-After": "1"} if failing == 429 else None
            code = 20429 if failing == 429 else 20500
            handler.reply(failing, json.dumps(_error(failing, code, _reason(failing))), "application/json", extra)
            return
        path, form = record["path"], record["form"]
        status, payload, after_answer = self._answer(method, path, form, handler.headers)
        record["status"] = status
        handler.reply(status, json.dumps(payload), "application/json")
        if after_answer is not None:
            threading.Thread(target=after_answer, name="twilio-stub-status", daemon=True).start()

    def _answer(self, method: str, path: str, form: dict, headers) -> tuple[int, dict, Callable | None]:
        """The status and JSON to answer, and what to do once the answer is sent (status callbacks), if anything."""
        match = _REST_PATH.match(path)
        if method != "POST" or match is None:
            return 404, _error(404, 20404, f"The requested resource {path} was not found"), None
        if not self._authorized(headers.get("Authorization", "")):
            return 401, _error(401, 20003, "Authenticate"), None
        if match["account"] != self.account_sid:
            return 404, _error(404, 20404, f"The requested resource {path} was not found"), None
        form = {name: value[-1] if isinstance(value, list) and name != "StatusCallbackEvent" else value
                for name, value in form.items()}
        if match["resource"] == "Messages":
            return self._message_answer(path, form)
        return (*self._call_answer(path, form), None)

    def _authorized(self, authorization: str) -> bool:
        scheme, _, encoded = authorization.partition(" ")
        try:
            credentials = base64.b64decode(encoded, validate=True).decode("utf-8")
        except ValueError:
            return False
        expected = f"{self.account_sid}:{self.auth_token}"
        return scheme.lower() == "basic" and hmac.compare_digest(credentials.encode(), expected.encode())

    def _message_answer(self, path: str, form: dict) -> tuple[int, dict, Callable | None]:
        to = form.get("To", "")
        if not to:
            return 400, _error(400, 21604, "A 'To' phone number is required."), None
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return 400, _error(400, 21603, "A 'From' phone number is required."), None
        if not form.get("Body"):
            return 400, _error(400, 21602, "Message body is required."), None
        if not _E164.match(to):
            return 400, _error(400, 21211, f"The 'To' number {to} is not a valid phone number."), None
        with self._lock:
            unsubscribed = to in self.unsubscribed
        if unsubscribed:
            return 400, _error(400, 21610, "Attempt to send to unsubscribed recipient"), None
        sid = _sid("SM")
        now = _rfc2822_now()
        message = {
            "sid": sid, "account_sid": self.account_sid, "to": to, "from": form.get("From"), "body": form["Body"],
            "status": "queued", "num_segments": str(_segments(form["Body"])), "num_media": "0",
            "direction": "outbound-api", "price": None, "price_unit": "USD", "error_code": None, "error_message": None,
            "api_version": API_VERSION, "date_created": now, "date_updated": now, "date_sent": now,
            "uri": path[: -len(".json")] + f"/{sid}.json", "messaging_service_sid": form.get("MessagingServiceSid"),
            "subresource_uris": {},
        }
        with self._lock:
            self.messages[sid] = {**message, "status_callback": form.get("StatusCallback")}
            self._sms.append((form["Body"], [to]))
        if not form.get("StatusCallback") or not (self.auto_status or self.early_status):
            return 201, message, None
        if self.early_status:
            self._report_progress(sid)
            return 201, message, None
        return 201, message, functools.partial(self._report_progress, sid)

    def _call_answer(self, path: str, form: dict) -> tuple[int, dict]:
        to = form.get("To", "")
        if not to:
            return 400, _error(400, 21201, "No 'To' number is specified")
        if not form.get("From"):
            return 400, _error(400, 21213, "No 'From' number is specified")
        if not form.get("Url") and not form.get("Twiml"):
            return 400, _error(400, 21205, "A 'Url' or 'Twiml' parameter is required.")
        if not _E164.match(to):
            return 400, _error(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        sid = _sid("CA")
        now = _rfc2822_now()
        events = form.get("StatusCallbackEvent") or (["completed"] if form.get("StatusCallback") else [])
        with self._lock:
            self._calls[sid] = {
                "sid": sid, "to": to, "from": form["From"], "url": form.get("Url"), "twiml": form.get("Twiml"),
                "method": form.get("Method", "POST"), "status_callback": form.get("StatusCallback"),
                "status_callback_method": form.get("StatusCallbackMethod", "POST"),
                "events": [events] if isinstance(events, str) else list(events), "status": "queued",
                "direction": "outbound-api",
            }
        return 201, {
            "sid": sid, "account_sid": self.account_sid, "to": to, "to_formatted": to, "from": form["From"],
            "from_formatted": form["From"], "status": "queued", "direction": "outbound-api", "api_version": API_VERSION,
            "date_created": now, "date_updated": now, "start_time": None, "end_time": None, "duration": None,
            "price": None, "price_unit": "USD", "parent_call_sid": None, "phone_number_sid": None,
            "answered_by": None, "forwarded_from": None, "group_sid": None, "caller_name": None, "queue_time": "0",
            "trunk_sid": None, "uri": path[: -len(".json")] + f"/{sid}.json", "subresource_uris": {},
        }


def _call_fields(call: dict, account_sid: str, status: str, duration: int | None = None) -> dict:
    fields = {"CallSid": call["sid"], "AccountSid": account_sid, "From": call["from"], "To": call["to"],
              "Caller": call["from"], "Called": call["to"], "CallStatus": status, "Direction": call["direction"],
              "ApiVersion": API_VERSION}
    if duration is not None:
        fields["CallDuration"] = str(duration)
    return fields


def _parse_twiml(step: Step) -> ElementTree.Element | None:
    """The <Response> element, or None when the answer is not a 200 TwiML document (Twilio's application error)."""
    if step.status != 200 or "xml" not in step.content_type:
        return None
    try:
        root = ElementTree.fromstring(step.twiml)
    except ElementTree.ParseError:
        return None
    return root if root.tag == "Response" else None


def _digits(pressed: str, finish_on_key: str, num_digits: str | None) -> str:
    """What Twilio posts as Digits: the keys up to the finish key (not included), at most numDigits of them."""
    if finish_on_key and finish_on_key in pressed:
        pressed = pressed[: pressed.index(finish_on_key)]
    return pressed[: int(num_digits)] if num_digits else pressed


def _statuses_up_to(final: str) -> list[str]:
    return ["sent"] if final == "sent" else ["sent", final]


def _segments(body: str) -> int:
    """Roughly as Twilio counts: GSM-7 if the text is plain ASCII (no backtick), else UCS-2."""
    if body.isascii() and "`" not in body:
        units, single, part = len(body) + sum(ch in _GSM7_EXTENDED for ch in body), 160, 153
    else:
        units, single, part = len(body.encode("utf-16-le")) // 2, 70, 67
    return 1 if units <= single else -(-units // part)


def _error(status: int, code: int, message: str) -> dict:
    return {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status}


def _sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


def _rfc2822_now() -> str:
    return format_datetime(datetime.now(timezone.utc))


def _values(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


@pytest.fixture
def twilio_stub():
    """A started TwilioStub for ACCOUNT_SID and AUTH_TOKEN, stopped after the test."""
    stub = TwilioStub(ACCOUNT_SID, AUTH_TOKEN).start()
    try:
        yield stub
    finally:
        stub.stop()
