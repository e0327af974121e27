"""The outbound gateway: AfricasTalkingGateway against a local AT stub, sending the requests AT's own SDK sends."""
import logging
import pathlib
import time

import pytest

from core.outbound.gateway import (
    AfricasTalkingGateway,
    ConsoleGateway,
    GatewayError,
    GatewayRejected,
    SmsResult,
    make_gateway,
)
from core.text.phone import mask_msisdn
from tests.atstub import ATStub, at_stub  # noqa: F401 - at_stub is a fixture

ROOT = pathlib.Path(__file__).resolve().parent.parent
A, B, C = "+85512345678", "+85598765432", "+855887654321"
FAST = (1, 2)  # (connect, read) timeout for tests against the stub


def at_gateway(stub, **kwargs):
    kwargs.setdefault("timeout", FAST)
    return AfricasTalkingGateway("bongpheak", "secret-key", api_url=stub.url, **kwargs)


# -- AfricasTalkingGateway: SMS ------------------------------------------------------------------------------------


def test_send_success_goes_to_the_configured_url(at_stub):
    gateway = at_gateway(at_stub, sender_id="BONGPHEAK")

    results = gateway.send_sms("Job: rice mill, Battambang", [A, B])

    assert [r.msisdn for r in results] == [A, B]
    assert all(r.status == "sent" and not r.retryable and not r.opted_out and r.error is None for r in results)
    assert all(r.cost == "USD 0.0200" for r in results)
    ids = [r.gateway_id for r in results]
    assert all(i.startswith("ATXid_") for i in ids) and len(set(ids)) == 2

    (request,) = at_stub.requests
    assert request["path"] == "/version1/messaging"
    assert request["form"]["username"] == "bongpheak"
    assert request["form"]["to"] == f"{A},{B}"
    assert request["form"]["message"] == "Job: rice mill, Battambang"
    assert request["form"]["from"] == "BONGPHEAK"
    assert request["form"]["bulkSMSMode"] == "1"
    assert request["headers"]["apiKey"] == "secret-key"
    assert at_stub.sms_sent() == [("Job: rice mill, Battambang", [A, B])]


def test_no_sender_id_means_no_from_field(at_stub):
    at_gateway(at_stub).send_sms("hi", [A])
    assert "from" not in at_stub.requests[0]["form"]


def test_khmer_text_arrives_intact(at_stub):
    text = "ការងារថ្មី៖ រោងម៉ាស៊ីនកិនស្រូវ"
    at_gateway(at_stub).send_sms(text, [A])
    assert at_stub.sms_sent() == [(text, [A])]


def test_blacklisted_recipient_is_rejected_and_opted_out_others_sent(at_stub):
    at_stub.blacklist.add(B)

    results = at_gateway(at_stub).send_sms("hello", [A, B, C])

    by = {r.msisdn: r for r in results}
    assert by[A].status == by[C].status == "sent"
    assert by[B] == SmsResult(B, "rejected", None, "0", "UserInBlacklist")
    assert by[B].opted_out and not by[B].retryable
    assert not by[A].opted_out


def test_recipient_status_codes_map_to_sent_failed_rejected(at_stub):
    gateway = at_gateway(at_stub)
    codes = {100: "sent", 102: "sent", 401: "failed", 405: "failed", 500: "failed", 501: "failed",
             402: "rejected", 403: "rejected", 404: "rejected", 407: "rejected", 409: "rejected", 502: "rejected"}
    for code, expected in codes.items():
        result = gateway._recipient_result(A, {"statusCode": code, "number": A, "status": f"S{code}",
                                                "cost": "0", "messageId": "None"})
        assert result.status == expected, code
        assert result.gateway_id is None
        assert (result.error is None) == (expected == "sent")


def test_recipient_missing_from_answer_is_failed_noresult(at_stub):
    gateway = at_gateway(at_stub)
    answer = {"SMSMessageData": {"Message": "Sent to 1/2", "Recipients": [
        {"statusCode": 101, "number": A, "status": "Success", "cost": "USD 0.0200", "messageId": "ATXid_9"}]}}
    by = gateway._parse_sms_response(answer, [A, B])
    assert by[A].status == "sent"
    assert by[B] == SmsResult(B, "failed", None, None, "NoResult") and by[B].retryable


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_throttling_are_temporary(at_stub, status):
    at_stub.fail_next(1, status=status)
    with pytest.raises(GatewayError, match=f"SMS HTTP {status}: "):
        at_gateway(at_stub).send_sms("hello", [A])
    assert at_stub.sms_sent() == []
    # The next request is answered normally again.
    assert at_gateway(at_stub).send_sms("hello", [A])[0].status == "sent"


@pytest.mark.parametrize("status", [400, 401, 403])
def test_client_errors_are_permanent(at_stub, status):
    at_stub.fail_next(1, status=status)
    with pytest.raises(GatewayRejected, match=f"SMS HTTP {status}: "):
        at_gateway(at_stub).send_sms("hello", [A])


def test_stub_checks_the_api_key_header(at_stub):
    import requests

    answer = requests.post(at_stub.url + "/version1/messaging", data={"username": "u", "to": A, "message": "m"})
    assert answer.status_code == 401
    assert at_stub.sms_sent() == []


def test_timeout_is_temporary(at_stub):
    at_stub.stall_next(1, seconds=2.0)
    started = time.monotonic()
    with pytest.raises(GatewayError, match="Timeout"):
        at_gateway(at_stub, timeout=(1, 0.3)).send_sms("hello", [A])
    assert time.monotonic() - started < 1.5


def test_connection_refused_is_temporary():
    stub = ATStub().start()
    url = stub.url
    stub.stop()
    gateway = AfricasTalkingGateway("bongpheak", "key", api_url=url, timeout=(0.5, 0.5))
    with pytest.raises(GatewayError):
        gateway.send_sms("hello", [A])


def test_invalid_numbers_are_rejected_without_sinking_the_batch(at_stub):
    results = at_gateway(at_stub).send_sms("hello", [A, "012345678", "+855 12 345 678", B, ""])

    assert [r.status for r in results] == ["sent", "rejected", "rejected", "sent", "rejected"]
    assert all(r.error == "InvalidPhoneNumber" and not r.retryable for r in results if r.status == "rejected")
    assert at_stub.sms_sent() == [("hello", [A, B])]


def test_only_invalid_numbers_makes_no_request(at_stub):
    results = at_gateway(at_stub).send_sms("hello", ["nope"])
    assert [r.status for r in results] == ["rejected"]
    assert at_stub.requests == []


def test_duplicate_numbers_are_sent_once(at_stub):
    results = at_gateway(at_stub).send_sms("hello", [A, A, B])
    assert [r.msisdn for r in results] == [A, A, B]
    assert results[0] == results[1]
    assert at_stub.sms_sent() == [("hello", [A, B])]


def test_batch_limits_hold_for_both_gateways(at_stub):
    too_many = [f"+8551{i:07d}" for i in range(101)]
    for gateway in (at_gateway(at_stub), ConsoleGateway()):
        with pytest.raises(ValueError):
            gateway.send_sms("hello", too_many)
        with pytest.raises(ValueError):
            gateway.send_sms("   ", [A])
        with pytest.raises(ValueError):
            gateway.send_sms("hello", A)  # one string is not a list of numbers
        assert len(gateway.send_sms("hello", too_many[:100])) == 100
    assert at_stub.sms_sent() == [("hello", too_many[:100])]


def test_logs_never_show_full_numbers(at_stub, caplog):
    at_stub.blacklist.add(B)
    with caplog.at_level(logging.DEBUG, logger="core.outbound.gateway"):
        at_gateway(at_stub).send_sms("hello", [A, B, "0123456789"])
        ConsoleGateway().send_sms("hello", [A])
    assert caplog.records
    assert A not in caplog.text and B not in caplog.text and "0123456789" not in caplog.text


# -- AfricasTalkingGateway: voice ----------------------------------------------------------------------------------


def test_call_returns_session_id(at_stub):
    gateway = at_gateway(at_stub, voice_number="+85523999999")

    assert gateway.call(A).startswith("ATVId_")

    (request,) = at_stub.requests
    assert request["path"] == "/call"
    assert request["form"] == {"username": "bongpheak", "from": "+85523999999", "to": A}
    assert request["headers"]["apiKey"] == "secret-key"


def test_call_errors(at_stub):
    with pytest.raises(GatewayRejected):
        at_gateway(at_stub).call(A)  # no voice_number configured
    gateway = at_gateway(at_stub, voice_number="+85523999999")
    with pytest.raises(ValueError):
        gateway.call("012345678")
    at_stub.fail_next(1, status=503)
    with pytest.raises(GatewayError):
        gateway.call(A)


# -- ConsoleGateway ------------------------------------------------------------------------------------------------


def test_console_records_and_answers_like_the_real_one():
    gateway = ConsoleGateway()

    results = gateway.send_sms("hello", [A, "bad", B])

    assert [r.status for r in results] == ["sent", "rejected", "sent"]
    assert results[0].gateway_id == "console-1" and results[2].gateway_id == "console-2"
    assert results[0].cost == "USD 0.0000"
    assert results[1].error == "InvalidPhoneNumber"
    assert gateway.sent == [("hello", (A, B))]

    assert gateway.call(A).startswith("console-call-")
    assert gateway.calls == [A]
    with pytest.raises(ValueError):
        gateway.call("12345")


# -- helpers -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, masked", [
    ("+85512345678", "+855*****678"),
    ("+855887654321", "+855******321"),
    ("+12025550123", "+1*******123"),
    ("+447911123456", "+44*******456"),
    ("+8551", "+855*"),
    ("012345678", "******678"),
    ("", ""),
    (None, ""),
])
def test_mask_msisdn(raw, masked):
    assert mask_msisdn(raw) == masked


def test_make_gateway_picks_the_backend(at_stub):
    assert isinstance(make_gateway({"gateway": {"backend": "console"}}), ConsoleGateway)
    assert isinstance(make_gateway({}), ConsoleGateway)
    with pytest.raises(ValueError):
        make_gateway({"gateway": {"backend": "carrier-pigeon"}})

    config = {
        "gateway": {"backend": "africastalking"},
        "africastalking": {"username": "bongpheak", "api_key": "k", "sender_id": "", "short_code": "2855",
                           "voice_number": "+85523999999", "api_url": at_stub.url + "/"},
    }
    gateway = make_gateway(config)
    assert isinstance(gateway, AfricasTalkingGateway)
    assert gateway.sender_id is None
    assert gateway.send_sms("hello", [A])[0].status == "sent"
    assert gateway.call(A).startswith("ATVId_")
    assert [r["path"] for r in at_stub.requests] == ["/version1/messaging", "/call"]


def test_make_gateway_without_api_url_targets_real_at():
    gateway = make_gateway({"gateway": {"backend": "africastalking"},
                            "africastalking": {"username": "bongpheak", "api_key": "k", "api_url": ""}})
    assert (gateway.sms_url, gateway.voice_url) == ("https://api.africastalking.com/version1",
                                                    "https://voice.africastalking.com")
    with pytest.raises(ValueError):
        make_gateway({"gateway": {"backend": "africastalking"}, "africastalking": {"username": "u", "api_key": ""}})


# -- the requests are the SDK's ------------------------------------------------------------------------------------


def test_the_africastalking_pin_is_the_sdk_installed():
    """The comparisons below are against the SDK that requirements.txt pins: after an upgrade they say what moved."""
    from importlib.metadata import version

    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    assert version("africastalking") == pins["africastalking"]


def wire_requests(monkeypatch, send):
    """The requests `send()` makes, prepared as `requests` would put them on the wire (url, headers, body)."""
    import requests

    recorded = []

    def spy(url, data=None, headers=None, params=None, timeout=None, **_):
        recorded.append(requests.Request("POST", url, data=data, headers=headers, params=params).prepare())
        raise requests.ConnectionError("recorded")

    monkeypatch.setattr(requests, "post", spy)
    with pytest.raises((requests.ConnectionError, GatewayError)):
        send()
    return [(r.url, r.body, {k: v for k, v in r.headers.items()}) for r in recorded]


@pytest.mark.parametrize("username", ["bongpheak", "sandbox"])
@pytest.mark.parametrize("sender_id", [None, "BONGPHEAK"])
def test_an_sms_is_the_request_the_sdk_sends(monkeypatch, username, sender_id):
    import africastalking

    sdk = africastalking.SMSService(username, "secret-key")
    ours = AfricasTalkingGateway(username, "secret-key", sender_id=sender_id)
    text = "ការងារថ្មី: J1101, +855 12 345 678"
    theirs = wire_requests(monkeypatch, lambda: sdk.send(text, [A, B], sender_id=sender_id))
    assert wire_requests(monkeypatch, lambda: ours.send_sms(text, [A, B])) == theirs and len(theirs) == 1


@pytest.mark.parametrize("username", ["bongpheak", "sandbox"])
def test_a_call_is_the_request_the_sdk_sends(monkeypatch, username):
    import africastalking

    sdk = africastalking.VoiceService(username, "secret-key")
    ours = AfricasTalkingGateway(username, "secret-key", voice_number="+85523999999")
    theirs = wire_requests(monkeypatch, lambda: sdk.call("+85523999999", [A]))
    assert wire_requests(monkeypatch, lambda: ours.call(A)) == theirs and len(theirs) == 1


def test_console_log_masks_numbers_inside_the_text(caplog):
    caplog.set_level(logging.INFO)
    ConsoleGateway().send_sms("New applicant for J1101: +85597000123. Reply HIRED J1101 +85597000123", [A])
    assert "+85597000123" not in caplog.text and "+855*****123" in caplog.text
