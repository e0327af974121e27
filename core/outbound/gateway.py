"""Outbound gateway: one interface; an Africa's Talking implementation, a Twilio-compatible one (Twilio, Somleng)
and a recording console one.

The Africa's Talking gateway sends the HTTP requests AT's Python SDK (africastalking 2.0.3) sends, with `requests`:
the SDK has no public setting for the server's address (a local stub, a proxy) and drops the HTTP status of an
answer it refuses, which decides between "retry later" and "give up". tests/test_gateway.py checks that our requests
are the SDK's, field for field. The Twilio-compatible gateway is the official `twilio` package's REST client with its
API address set from config (`https://api.somleng.org` for Somleng, a local stub in tests).

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

from urllib.parse import quote_plus

import requests

from core.text.phone import mask_msisdn

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
    unsubscribed: bool = False  # the gateway refused the number because its owner opted out (Twilio 21610)

    @property
    def opted_out(self) -> bool:
        """The gateway refused this number because the person opted out of our SMS (AT's blacklist, code 406;
        Twilio's unsubscribed recipient, 21610)."""
        return self.unsubscribed or self.error == OPTED_OUT_ERROR

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


def _in_order(msisdns, by_number) -> list[SmsResult]:
    """One result per number given, in order: the gateway's, or "rejected" for a number never sent (not E.164)."""
    results = []
    for msisdn in msisdns:
        if msisdn in by_number:
            results.append(by_number[msisdn])
        else:
            log.warning("not sending SMS to invalid number %s", mask_msisdn(msisdn))
            results.append(_invalid_result(msisdn))
    return results


class Gateway(abc.ABC):
    """Where outbound SMS and calls go."""

    @abc.abstractmethod
    def send_sms(self, text: str, msisdns: Sequence[str]) -> list[SmsResult]:
        """Send one text to many recipients (max 100 per call) and return one result per recipient."""

    @abc.abstractmethod
    def call(self, msisdn: str) -> str | None:
        """Place an outbound voice call; returns the gateway's session/call id."""

    def tts_voices(self) -> dict[str, str]:
        """The text-to-speech voice per written language this gateway has ("" = its default voice); a language
        missing here has none. AT's voices speak English only, and so does the console's stand-in."""
        return {"en": "woman"}


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

# Twilio's REST errors that mean the number's owner opted out (replied STOP) or the operator blocks it for them.
TWILIO_UNSUBSCRIBED_CODES = frozenset({21610, 30004})


class TwilioGateway(Gateway):
    """Twilio's REST API (Messages.json, Calls.json) through the official `twilio` package, at Twilio or at any
    Twilio-compatible server such as Somleng (`api_url`).

    Twilio takes one recipient per message, so a batch is one request per number. A failure that concerns the whole
    gateway (throttled, 5xx, unreachable, bad credentials) on the first number raises, as for AT; after some numbers
    went out, the rest are answered "failed" (temporary) or "rejected" (permanent) so those that went out are not
    sent again.
    """

    def __init__(self, account_sid, auth_token, public_url, callback_token, api_url="", sms_from="", voice_from="",
                 voices=None, timeout=10.0):
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        if not account_sid or not auth_token:
            raise ValueError("Twilio account_sid and auth_token are required")
        if not public_url:
            raise ValueError("[app] public_url is required: Twilio fetches a call's TwiML and posts reports there")
        self.account_sid = account_sid
        self.api_url = (api_url or "").strip().rstrip("/")
        self.sms_from = sms_from or None
        self.voice_from = voice_from or None
        self.voices = dict(voices or {"en": ""})
        token = quote_plus(callback_token or "")
        self.delivery_url = f"{public_url}/sms/delivery?token={token}"
        self.voice_url = f"{public_url}/voice?token={token}"
        # The package logs each request's fields (numbers, texts) at INFO: ours are never logged.
        quiet = logging.getLogger("core.outbound.gateway.twilio_http")
        quiet.setLevel(logging.WARNING)
        self.client = Client(account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout, logger=quiet))
        if self.api_url:
            self.client.api.base_url = self.api_url

    def __repr__(self):
        return f"TwilioGateway(api_url={self.api_url or 'Twilio'!r})"

    def tts_voices(self):
        return self.voices

    def send_sms(self, text: str, msisdns: Sequence[str]) -> list[SmsResult]:
        _check_batch(text, msisdns)
        if not self.sms_from:
            raise GatewayRejected("no [twilio] sms_from configured for outbound SMS")
        by_number: dict[str, SmsResult] = {}
        to_send = list(dict.fromkeys(m for m in msisdns if _is_e164(m)))
        for position, msisdn in enumerate(to_send):
            try:
                message = self.client.messages.create(to=msisdn, from_=self.sms_from, body=text,
                                                      status_callback=self.delivery_url)
            except Exception as exc:  # noqa: BLE001 - every way a request fails is sorted just below
                error = _twilio_error(exc, "SMS")
                if isinstance(error, (GatewayError, GatewayRejected)) and not isinstance(error, _RecipientRefused):
                    if position == 0:
                        raise error from exc
                    outcome = "failed" if isinstance(error, GatewayError) else "rejected"
                    for rest in to_send[position:]:
                        by_number[rest] = SmsResult(rest, outcome, error=_scrub(error, 255))
                    break
                by_number[msisdn] = SmsResult(msisdn, "rejected", error=error.text,
                                              unsubscribed=error.code in TWILIO_UNSUBSCRIBED_CODES)
                log.info("Twilio rejected SMS to %s: %s", mask_msisdn(msisdn), error.text)
                continue
            by_number[msisdn] = SmsResult(msisdn, "sent", _none_if_blank(message.sid), _price(message), None)
        return _in_order(msisdns, by_number)

    def call(self, msisdn: str) -> str | None:
        """Place a call from voice_from; Twilio fetches its TwiML from /voice and reports its end there too."""
        if not self.voice_from:
            raise GatewayRejected("no [twilio] voice_from configured for outbound calls")
        if not _is_e164(msisdn):
            raise ValueError(f"invalid phone number {mask_msisdn(msisdn)}")
        try:
            call = self.client.calls.create(to=msisdn, from_=self.voice_from, url=self.voice_url, method="POST",
                                            status_callback=self.voice_url, status_callback_method="POST",
                                            status_callback_event=["completed"])
        except Exception as exc:  # noqa: BLE001 - sorted by _twilio_error
            error = _twilio_error(exc, "call")
            if isinstance(error, _RecipientRefused):
                raise GatewayRejected(f"call refused: {error.text}") from exc
            raise error from exc
        return _none_if_blank(call.sid)


class _RecipientRefused(GatewayRejected):
    """Twilio refused this one recipient (bad number, unsubscribed, unroutable): the others may still go."""

    def __init__(self, code, text):
        super().__init__(text)
        self.code = code
        self.text = text


def _twilio_error(exc, what):
    """A `twilio` package exception (or the `requests` one under it) as GatewayError (temporary), GatewayRejected
    (the whole call is refused: credentials, account) or _RecipientRefused (this number)."""
    from twilio.base.exceptions import TwilioRestException

    if isinstance(exc, TwilioRestException):
        status, code = int(exc.status or 0), exc.code
        text = _scrub(f"{code or status} {exc.msg}", 255)
        if status in (408, 429) or status >= 500 or status < 400:
            return GatewayError(f"{what} HTTP {status}: {text}")
        if status in (401, 403, 404):
            return GatewayRejected(f"{what} HTTP {status}: {text}")
        return _RecipientRefused(code, text)
    if isinstance(exc, requests.RequestException):
        return GatewayError(f"{what} request failed: {type(exc).__name__}: {_scrub(exc)}")
    if isinstance(exc, ValueError):  # an answer that is not the JSON Twilio writes
        return GatewayError(f"{what}: unreadable gateway answer: {_scrub(exc)}")
    raise exc


def _price(message):
    price = getattr(message, "price", None)
    if price in (None, ""):
        return None
    return f"{(getattr(message, 'price_unit', None) or 'USD').upper()} {abs(float(price)):.4f}"


class ConsoleGateway(Gateway):
    """Demo/test gateway: logs (phone numbers masked) and records what would be sent; enforces the real contract
    (E.164 numbers, <=100 recipients, non-empty text) so tests catch what production would reject."""

    def __init__(self, voices=None):
        self.voices = dict(voices or {"en": ""})
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
        return _in_order(msisdns, by_number)

    def tts_voices(self):
        """The voices of the Twilio-compatible gateway it stands in for ([twilio] voice_km, voice_en)."""
        return self.voices

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
    """Build from config sections: config["gateway"]["backend"] is "console", "africastalking" or "twilio";
    config["africastalking"] has username, api_key, sender_id, voice_number, api_url; config["twilio"] has
    account_sid, auth_token, api_url, sms_from, voice_from, voice_km, voice_en.

    A missing backend means "console". The Africa's Talking backend needs a username, and an api_key unless api_url
    points at an AT-compatible test server. Outgoing SMS come from sender_id, or AT's default when it is empty.
    """
    backend = (_setting(config.get("gateway"), "backend") or "console").lower()
    twilio = config.get("twilio") or {}
    voices = {"en": _setting(twilio, "voice_en")}
    if _setting(twilio, "voice_km"):
        voices["km"] = _setting(twilio, "voice_km")
    if backend == "console":
        return ConsoleGateway(voices)
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
    if backend == "twilio":
        section = twilio
        return TwilioGateway(
            _setting(section, "account_sid"),
            _setting(section, "auth_token"),
            public_url=_setting(config.get("app"), "public_url").rstrip("/"),
            callback_token=_setting(config.get("gateway"), "callback_token"),
            api_url=_setting(section, "api_url"),
            sms_from=_setting(section, "sms_from"),
            voice_from=_setting(section, "voice_from"),
            voices=voices,
        )
    raise ValueError(f"unknown [gateway] backend {backend!r}: use console, africastalking or twilio")
