"""Outbound gateway: one interface, an Africa's Talking implementation and a recording console one.

The Africa's Talking gateway sends the HTTP requests AT's Python SDK (africastalking 2.0.3) sends, with `requests`:
the SDK has no public setting for the server's address (a local stub, a proxy) and drops the HTTP status of an
answer it refuses, which decides between "retry later" and "give up". tests/test_gateway.py checks that our requests
are the SDK's, field for field.

Contract shared by every gateway (so tests against ConsoleGateway catch what production would refuse):

* ``send_sms(text, msisdns)`` takes a non-empty text and at most ``MAX_RECIPIENTS`` numbers, else ``ValueError``.
* It returns one ``SmsResult`` per number given, in order. A number that is not E.164 (``^\\+\\d{4,15}$``) gets a
  "rejected" result with error "InvalidPhoneNumber" and is not sent; the rest of the batch still goes out.
  A number listed twice is sent once and both positions get the same result.
* Whole-call failures raise ``GatewayError`` (temporary: retry later) or ``GatewayRejected`` (permanent).
* Phone numbers are never logged or put in exception messages in full: see ``mask_msisdn``.
"""
from __future__ import annotations

import abc
import itertools
import logging
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import requests

from core.phone import mask_msisdn

log = logging.getLogger(__name__)

MAX_RECIPIENTS = 100  # AT's limit of recipients per bulk SMS call
E164 = re.compile(r"^\+\d{4,15}$")
DEFAULT_TIMEOUT = (3.05, 10)  # (connect, read) seconds, see requests' timeout docs
# Where AT's SDK sends SMS and calls: its sandbox for the username "sandbox", production otherwise.
AT_SMS_URL = "https://api.africastalking.com/version1"
AT_VOICE_URL = "https://voice.africastalking.com"
AT_SANDBOX_SMS_URL = "https://api.sandbox.africastalking.com/version1"
AT_SANDBOX_VOICE_URL = "https://voice.sandbox.africastalking.com"

# AT's documented per-recipient statusCodes (https://developers.africastalking.com/docs/sms/sending/bulk).
AT_STATUS_NAMES = {
    100: "Processed",
    101: "Success",
    102: "Queued",
    401: "RiskHold",
    402: "InvalidSenderId",
    403: "InvalidPhoneNumber",
    404: "UnsupportedNumberType",
    405: "InsufficientBalance",
    406: "UserInBlacklist",
    407: "CouldNotRoute",
    409: "DoNotDisturbRejection",
    500: "InternalServerError",
    501: "GatewayError",
    502: "RejectedByGateway",
}
AT_SENT_CODES = frozenset({100, 101, 102})
# Account-side or AT-side conditions that clear by themselves or by a top-up: worth retrying the same message.
AT_TEMPORARY_CODES = frozenset({401, 405, 500, 501})
# Everything else (bad number, blacklist/DND, bad sender id, unroutable, refused by the operator) is permanent.
AT_OPTED_OUT_CODE = 406
OPTED_OUT_ERROR = "UserInBlacklist"


@dataclass(frozen=True)
class SmsResult:
    """What the gateway said about one recipient of one send."""

    msisdn: str  # E.164 "+855..." exactly as given to send_sms
    status: str  # "sent" (accepted by gateway), "rejected" (permanent), "failed" (temporary, may retry)
    gateway_id: str | None = None  # AT messageId
    cost: str | None = None  # AT cost string e.g. "USD 0.0200"
    error: str | None = None  # AT status text e.g. "UserInBlacklist", "InvalidPhoneNumber", "InsufficientBalance"

    @property
    def opted_out(self) -> bool:
        """The operator/AT blacklist refused this number (AT statusCode 406): the person opted out of our SMS."""
        return self.error == OPTED_OUT_ERROR

    @property
    def retryable(self) -> bool:
        return self.status == "failed"


class GatewayError(Exception):
    """The whole gateway call failed (HTTP 5xx, timeout, connection refused, throttled 429): retry later.

    After a read timeout the gateway may still have sent the messages (AT has no idempotency key), so a retry
    can duplicate them; that is the price of not losing them.
    """


class GatewayRejected(Exception):
    """The whole call was refused for good (HTTP 4xx other than 429: bad credentials, bad request)."""


_DIGIT_RUN = re.compile(r"\+?\d{6,}")


def _scrub(text: str, limit: int = 200) -> str:
    """Gateway text fit for a log or an error column: phone-like digit runs masked, length capped."""
    text = _DIGIT_RUN.sub(lambda m: mask_msisdn(m.group(0)), str(text or "")).strip()
    return text[:limit]


def _is_e164(msisdn) -> bool:
    return isinstance(msisdn, str) and E164.match(msisdn) is not None


def _check_batch(text: str, msisdns: Sequence[str]) -> None:
    if isinstance(msisdns, (str, bytes)):
        raise ValueError("msisdns must be a sequence of numbers, not one string")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("SMS text must be a non-empty string")
    if len(msisdns) > MAX_RECIPIENTS:
        raise ValueError(f"at most {MAX_RECIPIENTS} recipients per call, got {len(msisdns)}")


def _invalid_result(msisdn) -> SmsResult:
    return SmsResult(msisdn=msisdn, status="rejected", error="InvalidPhoneNumber")


class Gateway(abc.ABC):
    """Where outbound SMS and calls go."""

    @abc.abstractmethod
    def send_sms(self, text: str, msisdns: Sequence[str]) -> list[SmsResult]:
        """Send one text to many recipients (max 100 per call) and return one result per recipient."""

    @abc.abstractmethod
    def call(self, msisdn: str) -> str | None:
        """Place an outbound voice call; returns the gateway's session/call id."""


class AfricasTalkingGateway(Gateway):
    """Africa's Talking's SMS and Voice HTTP APIs, as its Python SDK calls them."""

    def __init__(
        self,
        username: str,
        api_key: str,
        sender_id: str | None = None,
        voice_number: str | None = None,
        api_url: str = "",
        timeout=DEFAULT_TIMEOUT,
    ):
        if not username:
            raise ValueError("Africa's Talking username is required")
        self.username = username
        self.sender_id = sender_id or None
        self.voice_number = voice_number or None
        self.timeout = timeout
        self.api_url = (api_url or "").strip().rstrip("/")
        if self.api_url:
            # An AT-compatible server (local stub, proxy): same paths as AT, SMS under /version1.
            self.sms_url, self.voice_url = self.api_url + "/version1", self.api_url
        elif username == "sandbox":
            self.sms_url, self.voice_url = AT_SANDBOX_SMS_URL, AT_SANDBOX_VOICE_URL
        else:
            self.sms_url, self.voice_url = AT_SMS_URL, AT_VOICE_URL
        self._headers = {"Accept": "application/json", "User-Agent": "africastalking-python/2.0.0",
                         "apiKey": api_key or ""}

    def __repr__(self):
        return f"AfricasTalkingGateway(username={self.username!r}, api_url={self.api_url or 'AT'!r})"

    # -- SMS ---------------------------------------------------------------------------------------------------------

    def send_sms(self, text: str, msisdns: Sequence[str]) -> list[SmsResult]:
        _check_batch(text, msisdns)
        # The SDK raises ValueError for the whole batch on one bad number: keep bad ones out of the call.
        to_send = list(dict.fromkeys(m for m in msisdns if _is_e164(m)))
        by_number: dict[str, SmsResult] = {}
        if to_send:
            form = {"username": self.username, "to": ",".join(to_send), "message": text, "bulkSMSMode": 1}
            if self.sender_id is not None:
                form["from"] = self.sender_id
            response = self._post(self.sms_url + "/messaging", form, "SMS")
            by_number = self._parse_sms_response(response, to_send)
        results = []
        for msisdn in msisdns:
            if not _is_e164(msisdn):
                log.warning("not sending SMS to invalid number %s", mask_msisdn(msisdn))
                results.append(_invalid_result(msisdn))
            else:
                results.append(by_number[msisdn])
        return results

    def _parse_sms_response(self, response, to_send: list[str]) -> dict[str, SmsResult]:
        data = response.get("SMSMessageData") if isinstance(response, dict) else None
        if not isinstance(data, dict):
            raise GatewayError(f"unexpected SMS response: {_scrub(repr(response))}")
        entries: dict[str, dict] = {}
        for entry in data.get("Recipients") or []:
            if isinstance(entry, dict) and isinstance(entry.get("number"), str):
                entries.setdefault(entry["number"], entry)
        by_number = {}
        for msisdn in to_send:
            entry = entries.get(msisdn)
            if entry is None:
                by_number[msisdn] = SmsResult(msisdn=msisdn, status="failed", error="NoResult")
            else:
                by_number[msisdn] = self._recipient_result(msisdn, entry)
        missing = [m for m in to_send if m not in entries]
        if missing:
            log.warning(
                "AT returned no result for %d of %d recipients (%s): %s",
                len(missing), len(to_send), ", ".join(mask_msisdn(m) for m in missing[:5]),
                _scrub(data.get("Message", "")),
            )
        return by_number

    @staticmethod
    def _recipient_result(msisdn: str, entry: Mapping) -> SmsResult:
        try:
            code = int(entry.get("statusCode"))
        except (TypeError, ValueError):
            code = None
        status_text = str(entry.get("status") or "") or AT_STATUS_NAMES.get(code, f"Status{code}")
        gateway_id = _none_if_blank(entry.get("messageId"))
        cost = _none_if_blank(entry.get("cost"))
        if code in AT_SENT_CODES:
            return SmsResult(msisdn, "sent", gateway_id, cost, None)
        if code == AT_OPTED_OUT_CODE:
            status_text = OPTED_OUT_ERROR
        outcome = "failed" if code in AT_TEMPORARY_CODES else "rejected"
        log.info("AT %s SMS to %s: %s (%s)", outcome, mask_msisdn(msisdn), status_text, code)
        return SmsResult(msisdn, outcome, gateway_id, cost, status_text)

    # -- Voice -------------------------------------------------------------------------------------------------------

    def call(self, msisdn: str) -> str | None:
        """Place a call from voice_number; None if AT answered but did not queue this call (its status is logged)."""
        if not self.voice_number:
            raise GatewayRejected("no [africastalking] voice_number configured for outbound calls")
        if not _is_e164(msisdn):
            raise ValueError(f"invalid phone number {mask_msisdn(msisdn)}")
        response = self._post(
            self.voice_url + "/call", {"username": self.username, "from": self.voice_number, "to": msisdn}, "call"
        )
        if not isinstance(response, dict):
            raise GatewayError(f"unexpected call response: {_scrub(repr(response))}")
        entries = [e for e in response.get("entries") or [] if isinstance(e, dict)]
        error_message = str(response.get("errorMessage") or "None")
        if not entries and error_message != "None":
            raise GatewayRejected(f"call refused: {_scrub(error_message)}")
        for entry in entries:
            if entry.get("phoneNumber") in (msisdn, None) or len(entries) == 1:
                session_id = _none_if_blank(entry.get("sessionId"))
                if entry.get("status") == "Queued" and session_id:
                    return session_id
                log.warning("AT did not queue call to %s: %s", mask_msisdn(msisdn), _scrub(entry.get("status")))
                return None
        log.warning("AT returned no call entry for %s", mask_msisdn(msisdn))
        return None

    # -- HTTP ----------------------------------------------------------------------------------------------------------

    def _post(self, url: str, form: Mapping, what: str):
        """POST a form to AT and return its JSON answer, turning every way it can fail into GatewayError or
        GatewayRejected."""
        try:
            answer = requests.post(url, data=form, headers=self._headers, timeout=self.timeout)
        except requests.RequestException as exc:  # timeouts, refused connections
            raise GatewayError(f"{what} request failed: {type(exc).__name__}: {_scrub(exc)}") from exc
        status = answer.status_code
        if not 200 <= status < 300:
            message = f"{what} HTTP {status}: {_scrub(answer.text)}"
            if status in (408, 429) or status >= 500 or status < 400:
                raise GatewayError(message)
            raise GatewayRejected(message)
        try:
            return answer.json()
        except ValueError:  # requests' JSONDecodeError is a ValueError too
            raise GatewayError(f"{what}: unreadable gateway answer: {_scrub(answer.text)}") from None


def _none_if_blank(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return None if value in ("", "None") else value


class ConsoleGateway(Gateway):
    """Demo/test gateway: logs (phone numbers masked) and records what would be sent; enforces the real contract
    (E.164 numbers, <=100 recipients, non-empty text) so tests catch what production would reject."""

    def __init__(self):
        self.sent: list[tuple[str, tuple[str, ...]]] = []
        self.calls: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def send_sms(self, text: str, msisdns: Sequence[str]) -> list[SmsResult]:
        _check_batch(text, msisdns)
        to_send = tuple(dict.fromkeys(m for m in msisdns if _is_e164(m)))
        by_number = {}
        with self._lock:
            if to_send:
                self.sent.append((text, to_send))
            for msisdn in to_send:
                by_number[msisdn] = SmsResult(msisdn, "sent", f"console-{next(self._ids)}", "USD 0.0000", None)
        if to_send:
            # The text may carry numbers (an applicant's, an employer's): masked like the recipients.
            log.info("console SMS to %s: %s", ", ".join(mask_msisdn(m) for m in to_send), _scrub(text, limit=480))
        results = []
        for msisdn in msisdns:
            if msisdn in by_number:
                results.append(by_number[msisdn])
            else:
                log.warning("console: not sending SMS to invalid number %s", mask_msisdn(msisdn))
                results.append(_invalid_result(msisdn))
        return results

    def call(self, msisdn: str) -> str | None:
        if not _is_e164(msisdn):
            raise ValueError(f"invalid phone number {mask_msisdn(msisdn)}")
        with self._lock:
            self.calls.append(msisdn)
            call_id = f"console-call-{next(self._ids)}"
        log.info("console call to %s", mask_msisdn(msisdn))
        return call_id


def _setting(section: Mapping[str, str] | None, key: str) -> str:
    if not section:
        return ""
    value = section.get(key)
    return str(value).strip() if value is not None else ""


def make_gateway(config: Mapping[str, Mapping[str, str]]) -> Gateway:
    """Build from config sections: config["gateway"]["backend"] is "console" or "africastalking"; config["africastalking"]
    has username, api_key, sender_id, voice_number, api_url.

    A missing backend means "console". The Africa's Talking backend needs a username, and an api_key unless api_url
    points at an AT-compatible test server. Outgoing SMS come from sender_id, or AT's default when it is empty.
    """
    backend = (_setting(config.get("gateway"), "backend") or "console").lower()
    if backend == "console":
        return ConsoleGateway()
    if backend in ("africastalking", "africas_talking", "at"):
        section = config.get("africastalking") or {}
        username = _setting(section, "username")
        api_key = _setting(section, "api_key")
        api_url = _setting(section, "api_url")
        if not username:
            raise ValueError("gateway backend africastalking needs [africastalking] username")
        if not api_key and not api_url:
            raise ValueError("gateway backend africastalking needs [africastalking] api_key")
        return AfricasTalkingGateway(
            username,
            api_key,
            sender_id=_setting(section, "sender_id") or None,
            voice_number=_setting(section, "voice_number") or None,
            api_url=api_url,
        )
    raise ValueError(f"unknown [gateway] backend {backend!r}: use console or africastalking")
