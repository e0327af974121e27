"""A local Africa's Talking look-alike for tests and benchmarks: the SMS and Voice HTTP API on 127.0.0.1.

Point the app at it with ``[africastalking] api_url = stub.url`` (or ``AfricasTalkingGateway(api_url=stub.url)``);
the real africastalking SDK then talks HTTP to it. Use the ``at_stub`` fixture::

    from tests.atstub import at_stub  # noqa: F401  (pytest finds the fixture by name)

    def test_something(at_stub):
        at_stub.blacklist.add("+85512345678")
        at_stub.fail_next(1, status=500)
        ...
        assert at_stub.sms_sent() == [("hello", ["+85598765432"])]

Like AT, a request that is answered late (``stall_next``) is still processed: a client that timed out may
have sent the messages anyway.
"""
from __future__ import annotations

import collections
import itertools
import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

SMS_PATH = "/version1/messaging"
CALL_PATH = "/call"
COST = "USD 0.0200"
_E164 = re.compile(r"^\+\d{4,15}$")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # the default backlog of 5 resets connections under a benchmark's burst

    def handle_error(self, request, client_address):
        # Clients that time out and hang up on a stalled answer are expected, not worth a traceback.
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every answer carries Content-Length
    server_version = "ATStub/1.0"
    timeout = 30  # idle keep-alive connections give their thread back after this

    def log_message(self, format, *args):  # noqa: A002 - silence per-request logging
        pass

    def do_POST(self):
        self.server.stub._handle(self, "POST")

    def do_GET(self):
        self.server.stub._handle(self, "GET")

    def reply(self, status: int, body, content_type: str, extra_headers=None):
        payload = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


class LocalServer:
    """What both stubs share: an HTTP server on 127.0.0.1 (a free port) served by a daemon thread (start, stop, or
    `with`), the misbehaviour they can be told, and the SMS they accepted. A stub sets `_lock`, `_actions`, `_sms`
    and `_stopping`."""

    handler = _Handler
    thread_name = "stub"
    _server: _Server | None = None
    _thread: threading.Thread | None = None

    def fail_next(self, n: int = 1, status: int = 500) -> None:
        """The next n requests get HTTP `status` with an error body as the gateway writes it (Retry-After on 429)."""
        with self._lock:
            self._actions.extend([("fail", status)] * n)

    def stall_next(self, n: int = 1, seconds: float = 2.0) -> None:
        """The next n requests wait `seconds` before being handled normally (to trigger client timeouts)."""
        with self._lock:
            self._actions.extend([("stall", seconds)] * n)

    def sms_sent(self) -> list[tuple[str, list[str]]]:
        """(text, recipients) of each SMS request the gateway accepted, in order of answer."""
        with self._lock:
            return [(text, list(recipients)) for text, recipients in self._sms]

    def _received(self, handler, method, value_of):
        """Read and record one request (each field's values through `value_of`), waiting out a stall it was told;
        returns (its record, the HTTP status it was told to fail with, or None)."""
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        form = {name: value_of(values)
                for name, values in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
        record = {"path": urlsplit(handler.path).path, "method": method, "form": form,
                  "headers": dict(handler.headers.items())}
        with self._lock:
            self.requests.append(record)
            action = self._actions.popleft() if self._actions else None
        if action and action[0] == "stall":
            self._stopping.wait(action[1])
        elif action and action[0] == "fail":
            record["status"] = action[1]
            return record, action[1]
        return record, None

    def start(self):
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server(("127.0.0.1", 0), self.handler)
        self._server.stub = self
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name=self.thread_name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()  # wakes stalled handlers
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


class ATStub(LocalServer):
    """Speaks the AT SMS and Voice HTTP API on localhost, records every request, and can be told to misbehave."""

    thread_name = "at-stub"

    def __init__(self, blacklist=()):
        self.url: str = ""
        self.requests: list[dict] = []
        self.blacklist: set[str] = set(blacklist)
        self._sms: list[tuple[str, list[str]]] = []
        self._actions: collections.deque = collections.deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._message_ids = itertools.count(1)
        self._session_ids = itertools.count(1)

    # -- control ----------------------------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget recorded requests, pending misbehaviour and the blacklist."""
        with self._lock:
            self.requests.clear()
            self._sms.clear()
            self._actions.clear()
            self.blacklist.clear()

    # -- serving ----------------------------------------------------------------------------------------------------

    def _handle(self, handler: _Handler, method: str) -> None:
        record, failing = self._received(handler, method, lambda values: values[-1])
        if failing:
            extra = {"Retry-After": "1"} if failing == 429 else None
            handler.reply(failing, _reason(failing), "text/plain", extra)
            return
        path, form = record["path"], record["form"]
        status, body, content_type = self._answer(method, path, form, handler.headers)
        record["status"] = status
        handler.reply(status, body, content_type)

    def _answer(self, method: str, path: str, form: dict, headers) -> tuple[int, str, str]:
        if method != "POST" or path not in (SMS_PATH, CALL_PATH):
            return 404, _reason(404), "text/plain"
        if headers.get("apiKey") is None:
            return 401, "The supplied authentication is invalid", "text/plain"
        for field in ("username", "to") + (("message",) if path == SMS_PATH else ("from",)):
            if not form.get(field):
                return 400, f"Request is missing required form field '{field}'", "text/plain"
        numbers = [n.strip() for n in form["to"].split(",") if n.strip()]
        if path == SMS_PATH:
            return 200, json.dumps(self._sms_answer(form, numbers)), "application/json"
        return 200, json.dumps(self._call_answer(numbers)), "application/json"

    def _sms_answer(self, form: dict, numbers: list[str]) -> dict:
        recipients = []
        with self._lock:
            blacklist = set(self.blacklist)
        for number in numbers:
            if not _E164.match(number):
                recipients.append(_failed(number, 403, "InvalidPhoneNumber"))
            elif number in blacklist:
                recipients.append(_failed(number, 406, "UserInBlacklist"))
            else:
                recipients.append(
                    {
                        "statusCode": 101,
                        "number": number,
                        "status": "Success",
                        "cost": COST,
                        "messageId": f"ATXid_{next(self._message_ids)}",
                    }
                )
        sent = sum(1 for r in recipients if r["statusCode"] == 101)
        with self._lock:
            self._sms.append((form["message"], numbers))
        total = f"USD {0.02 * sent:.4f}"
        return {"SMSMessageData": {"Message": f"Sent to {sent}/{len(numbers)} Total Cost: {total}",
                                   "Recipients": recipients}}

    def _call_answer(self, numbers: list[str]) -> dict:
        entries = []
        for number in numbers:
            if _E164.match(number):
                entries.append({"phoneNumber": number, "status": "Queued",
                                "sessionId": f"ATVId_{next(self._session_ids)}"})
            else:
                entries.append({"phoneNumber": number, "status": "InvalidPhoneNumber", "sessionId": "None"})
        return {"entries": entries, "errorMessage": "None"}


def _failed(number: str, code: int, status: str) -> dict:
    return {"statusCode": code, "number": number, "status": status, "cost": "0", "messageId": "None"}


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"


@pytest.fixture
def at_stub():
    """A started ATStub, stopped after the test."""
    stub = ATStub().start()
    try:
        yield stub
    finally:
        stub.stop()
