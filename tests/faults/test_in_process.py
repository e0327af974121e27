"""The guarantees that one process shows: Redis down under the web app, delivery reports that come early,
deployments that share a Redis, and bytes that are not UTF-8."""
import logging

import pytest
from redis import Redis
from rq import Queue

from core.outbound import outbox
from core.platform import runtime
from core.platform.demo import seed_demo
from core.contacts.models import InboundMessage, UssdStep
from core.jobs.models import Application
from core.outbound.models import EarlyDeliveryReport, OutboundMessage
from core.seekers.models import Seeker
from sms.delivery import settle_early_reports
from tests import ussd_store
from tests.conftest import make_config, running_app
from tests.deployment import APPLY_JOURNEY, TOKEN


@pytest.fixture
def down_app(tmp_path, database_url, private_redis):
    """The app with demo data on a Redis that is then killed."""
    config = make_config(tmp_path, database_url, redis={"url": private_redis.url},
                         gateway={"backend": "console", "callback_token": TOKEN})
    with running_app(config) as app:
        seed_demo(password_file=str(tmp_path / "login.txt"))
        ussd_store.reset()
        private_redis.kill()
        yield app


def post_ussd(client, session_id, msisdn, text):
    form = {"sessionId": session_id, "serviceCode": "*855#", "phoneNumber": msisdn, "networkCode": "45601", "text": text}
    response = client.post(f"/ussd?token={TOKEN}", data=form)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_with_redis_down_a_seeker_browses_applies_and_texts_and_nothing_answers_500(down_app):
    client = down_app.test_client()
    screens = [post_ussd(client, "down-1", "+85512880001", text) for text in APPLY_JOURNEY]
    assert all(screen.startswith("CON ") for screen in screens[:-1]), screens
    assert screens[-1].startswith("END You applied")
    assert post_ussd(client, "down-1", "+85512880001", APPLY_JOURNEY[-1]) == screens[-1]  # a replay: once
    # Every step answered by a process that never saw the session (as behind a load balancer): from the database.
    for text in APPLY_JOURNEY:
        ussd_store.reset()
        screen = post_ussd(client, "down-2", "+85512880002", text)
        assert "error" not in screen.lower(), (text, screen)
    assert screen.startswith("END You applied")
    form = {"from": "+85597880003", "to": "2855", "text": "HELP", "date": "", "id": "down-sms", "linkId": "",
            "networkCode": "45601"}
    assert client.post(f"/sms/inbound?token={TOKEN}", data=form).status_code == 200
    assert client.get("/healthz").status_code == 503
    assert Application.select().join(Seeker).where(Seeker.msisdn.startswith("+8551288")).count() == 2
    assert OutboundMessage.select().where(OutboundMessage.msisdn == "+85597880003").count() == 1
    assert InboundMessage.get(InboundMessage.provider_id == "down-sms").processed_at is not None


def test_a_doubled_recording_step_is_done_once_and_answered_alike(down_app):
    client = down_app.test_client()
    for text in APPLY_JOURNEY[:-1]:
        post_ussd(client, "twice", "+85512880010", text)
    first = post_ussd(client, "twice", "+85512880010", APPLY_JOURNEY[-1])
    ussd_store.reset()  # the doubled request reaches another process
    assert post_ussd(client, "twice", "+85512880010", APPLY_JOURNEY[-1]) == first
    assert UssdStep.select().where(UssdStep.session_id == "twice").count() == 2  # the language, the application
    assert OutboundMessage.select().where(OutboundMessage.msisdn == "+85512880010").count() == 1


def test_an_early_delivery_report_is_kept_and_applied_when_the_gateway_id_is_saved(app, client):
    with outbox.recording():
        message = outbox.add("+85597880020", "Early")
    report = {"id": "ATXid_early", "status": "Success", "phoneNumber": "+85597880020", "failureReason": ""}
    assert client.post("/sms/delivery?token=test-token", data=report).status_code == 200
    assert EarlyDeliveryReport.select().count() == 1
    assert settle_early_reports() == 0  # its gateway id is not known yet
    OutboundMessage.update(status="sent", gateway_id="ATXid_early").where(OutboundMessage.id == message.id).execute()
    assert settle_early_reports() == 1
    row = OutboundMessage.get_by_id(message.id)
    assert (row.status, row.delivery_status) == ("delivered", "Success")
    assert EarlyDeliveryReport.select().count() == 0


def test_a_blacklist_report_opts_the_number_out_even_before_its_gateway_id_is_known(app, client):
    report = {"id": "ATXid_unseen", "status": "Failed", "phoneNumber": "+85597880021",
              "failureReason": "UserInBlacklist"}
    assert client.post("/sms/delivery?token=test-token", data=report).status_code == 200
    assert Seeker.get(Seeker.msisdn == "+85597880021").opted_out


def test_two_deployments_on_one_redis_never_run_each_others_jobs(tmp_path, redis):
    first = make_config(tmp_path, f"sqlite:///{tmp_path}/a.db", redis={"prefix": "one"})
    second = make_config(tmp_path, f"sqlite:///{tmp_path}/b.db", redis={"prefix": "two"})
    with running_app(first):
        runtime.enqueue(len, "abc")
        assert runtime.key("ussd", "x") == "one:ussd:x"
    with running_app(second):
        assert len(runtime.current().queue) == 0 and runtime.key("ussd", "x") == "two:ussd:x"
    assert len(Queue("one", connection=Redis.from_url(first["redis"]["url"]))) == 1


@pytest.mark.parametrize("text", [b"JOBS+%FF%FEcaf%E9", b"JOBS \xff\xfecaf\xe9"])
def test_an_inbound_sms_that_is_not_utf8_is_stored_with_replacements_and_logged(app, client, caplog, text):
    body = b"from=%2B85597880030&to=2855&id=bad-bytes&text=" + text + b"&linkId=&networkCode=45601"
    with caplog.at_level(logging.WARNING):
        response = client.post("/sms/inbound?token=test-token", data=body,
                               content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    stored = InboundMessage.get(InboundMessage.provider_id == "bad-bytes")
    assert "\ufffd" in stored.text and stored.text.startswith("JOBS")
    assert stored.processed_at is not None
    assert "not UTF-8" in caplog.text and "+85597880030" not in caplog.text
