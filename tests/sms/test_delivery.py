"""Delivery reports: statuses only move forward, whatever order AT's callbacks arrive in."""
import random

import pytest

from core.outbound.models import OutboundMessage
from core.seekers.models import Seeker
from tests.sms.conftest import TOKEN, seeker, texts_to

FINAL = {"Success": "delivered", "Failed": "failed", "Rejected": "failed"}


def report(client, gateway_id, status, reason=""):
    form = {"id": gateway_id, "status": status, "phoneNumber": "+85597960001", "networkCode": "45601",
            "failureReason": reason, "retryCount": "0"}
    return client.post(f"/sms/delivery?token={TOKEN}", data=form)


def sent_message(sms, drain):
    seeker("+85597960001", alerts_on=False)
    sms("+85597960001", "HELP")
    drain()
    message = OutboundMessage.get()
    assert message.status == "sent" and message.gateway_id
    return message


@pytest.mark.parametrize("seed", range(6))
def test_reports_in_random_order_never_regress(at_app, sms, drain, seed):
    message = sent_message(sms, drain)
    final = random.Random(seed).choice(["Success", "Failed", "Rejected"])
    reports = ["Sent", "Submitted", "Buffered", final, "Sent", "Buffered"]
    random.Random(seed).shuffle(reports)
    client = at_app.test_client()
    for status in reports:
        assert report(client, message.gateway_id, status, "" if final == "Success" else "DeliveryFailure").status_code == 200
    row = OutboundMessage.get_by_id(message.id)
    assert row.delivery_status == final and row.status == FINAL[final]
    if final != "Success":
        assert "DeliveryFailure" in row.error


def test_a_first_final_report_is_kept(at_app, sms, drain):
    message = sent_message(sms, drain)
    client = at_app.test_client()
    report(client, message.gateway_id, "Failed", "AbsentSubscriber")
    report(client, message.gateway_id, "Success")
    row = OutboundMessage.get_by_id(message.id)
    assert row.delivery_status == "Failed" and row.status == "failed" and "AbsentSubscriber" in row.error


def test_unknown_ids_and_statuses_are_accepted_harmlessly(at_app, sms, drain):
    message = sent_message(sms, drain)
    client = at_app.test_client()
    assert report(client, "ATXid_unknown", "Success").status_code == 200
    assert report(client, message.gateway_id, "Teleported").status_code == 200
    assert client.post(f"/sms/delivery?token={TOKEN}", data={}).status_code == 200
    row = OutboundMessage.get_by_id(message.id)
    assert row.delivery_status is None and row.status == "sent"


def test_blacklist_failure_opts_the_number_out(at_app, sms, drain, at_stub):
    message = sent_message(sms, drain)
    report(at_app.test_client(), message.gateway_id, "Failed", "UserInBlacklist")
    assert Seeker.get(Seeker.msisdn == "+85597960001").opted_out
    assert len(texts_to(at_stub, "+85597960001")) == 1
