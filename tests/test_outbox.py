"""The outbox: rows first, sent by queued jobs through the real AT SDK path, never twice, swept after a Redis loss."""
import datetime

import pytest

from core.outbound import outbox
from core.platform import runtime
from core.outbound.models import OutboundMessage
from core.platform.models import db, utcnow
from core.seekers.models import Seeker
from tests.atstub import at_stub  # noqa: F401 - pytest fixture
from tests.conftest import make_config, running_app


@pytest.fixture
def at_app(tmp_path, database_url, redis, at_stub):  # noqa: F811
    """The app with the Africa's Talking gateway pointed at the local AT-compatible server."""
    config = make_config(
        tmp_path,
        database_url,
        gateway={"backend": "africastalking"},
        africastalking={"username": "sandbox", "api_key": "test-key", "api_url": at_stub.url, "sender_id": "BongPheak"},
    )
    with running_app(config) as app:
        yield app


def drain():
    from rq import SimpleWorker

    SimpleWorker([runtime.current().queue], connection=runtime.current().redis).work(burst=True)


def queue_texts(pairs):
    with db.atomic():
        messages = [outbox.add(msisdn, text) for msisdn, text in pairs]
    outbox.dispatch(messages)
    return messages


def test_identical_texts_go_in_one_gateway_call(at_app, at_stub):
    numbers = [f"+8559771{i:05d}" for i in range(150)]
    queue_texts([(n, "Same alert") for n in numbers] + [("+85597700001", "Other text")])
    drain()
    sent = at_stub.sms_sent()
    assert sorted(len(recipients) for _, recipients in sent) == [1, 50, 100]
    assert OutboundMessage.select().where(OutboundMessage.status == "sent").count() == 151
    row = OutboundMessage.get(OutboundMessage.msisdn == numbers[0])
    assert row.gateway_id and row.cost and row.attempts == 1 and row.sent_at


def test_blacklisted_recipient_is_rejected_and_opted_out(at_app, at_stub):
    at_stub.blacklist.add("+85597700002")
    queue_texts([("+85597700002", "Hello"), ("+85597700003", "Hello")])
    drain()
    rejected = OutboundMessage.get(OutboundMessage.msisdn == "+85597700002")
    assert rejected.status == "rejected" and "Blacklist" in rejected.error
    assert Seeker.get(Seeker.msisdn == "+85597700002").opted_out
    assert OutboundMessage.get(OutboundMessage.msisdn == "+85597700003").status == "sent"


def test_server_error_is_retried_then_sent_once(at_app, at_stub):
    at_stub.fail_next(1, status=500)
    [message] = queue_texts([("+85597700004", "Retry me")])
    drain()
    row = OutboundMessage.get_by_id(message.id)
    assert row.status == "queued" and row.attempts == 1 and row.not_before > utcnow()
    # Time passes: the backoff is over.
    OutboundMessage.update(not_before=utcnow() - datetime.timedelta(seconds=1)).execute()
    outbox.send_messages([message.id])
    outbox.send_messages([message.id])
    assert OutboundMessage.get_by_id(message.id).status == "sent"
    assert [recipients for _, recipients in at_stub.sms_sent()] == [["+85597700004"]]


def test_a_failed_batch_is_retried_as_one_job(at_app, at_stub):
    at_stub.fail_next(1, status=503)
    messages = queue_texts([(f"+8559773{i:05d}", "Batch retry") for i in range(3)])
    drain()
    rows = OutboundMessage.select().where(OutboundMessage.id.in_([m.id for m in messages]))
    assert {(row.status, row.attempts) for row in rows} == {("queued", 1)}
    assert outbox.release_due() == 0  # not due yet
    # Time passes: the backoff is over.
    OutboundMessage.update(not_before=utcnow() - datetime.timedelta(seconds=1),
                           updated_at=utcnow() - datetime.timedelta(seconds=31)).execute()
    assert outbox.release_due() == 3
    assert outbox.release_due() == 0  # released once
    assert len(runtime.current().queue) == 1
    drain()
    assert [recipients for _, recipients in at_stub.sms_sent()][-1] == [f"+8559773{i:05d}" for i in range(3)]


def test_gives_up_after_max_attempts(at_app, at_stub):
    at_stub.fail_next(10, status=503)
    [message] = queue_texts([("+85597700005", "Never")])
    for _ in range(5):
        OutboundMessage.update(not_before=None).execute()
        outbox.send_messages([message.id])
    row = OutboundMessage.get_by_id(message.id)
    assert row.status == "failed" and "gave up" in row.error


def test_opt_out_is_checked_when_sending(at_app, at_stub):
    [message] = queue_texts([("+85597700006", "Job alert")])
    outbox.mark_opted_out("+85597700006")
    drain()
    assert OutboundMessage.get_by_id(message.id).status == "cancelled"
    assert at_stub.sms_sent() == []


def test_sweeper_resends_after_redis_flush_without_double_sends(at_app, at_stub, redis):
    messages = queue_texts([(f"+8559772{i:05d}", "Survives a flush") for i in range(5)])
    redis.flushdb()  # Redis restarted: the queued jobs are gone, the outbox rows are not
    drain()
    assert at_stub.sms_sent() == []
    OutboundMessage.update(updated_at=utcnow() - datetime.timedelta(hours=1)).execute()
    assert outbox.sweep() == 5
    outbox.dispatch(messages)  # the original jobs coming back too must not send twice
    drain()
    assert outbox.sweep() == 0
    drain()
    sent = [n for _, recipients in at_stub.sms_sent() for n in recipients]
    assert sorted(sent) == sorted(m.msisdn for m in messages)
    assert OutboundMessage.select().where(OutboundMessage.status == "sent").count() == 5


def test_sweeper_leaves_recent_and_held_messages(at_app, at_stub):
    later = utcnow() + datetime.timedelta(hours=8)
    with db.atomic():
        outbox.add("+85597700007", "Recent")
        held = outbox.add("+85597700008", "Held for the morning", not_before=later)
    OutboundMessage.update(updated_at=utcnow() - datetime.timedelta(hours=1)).where(
        OutboundMessage.id == held.id
    ).execute()
    assert outbox.sweep() == 0


def test_staff_retry_requeues_a_failed_message(at_app, at_stub):
    at_stub.fail_next(1, status=401)
    [message] = queue_texts([("+85597700009", "Bad key")])
    drain()
    assert OutboundMessage.get_by_id(message.id).status == "failed"
    assert outbox.retry(message.id, "staff@example.org")
    drain()
    assert OutboundMessage.get_by_id(message.id).status == "sent"
    assert not outbox.retry(message.id, "staff@example.org")


def test_different_texts_share_a_job_but_identical_ones_share_a_call(at_app, at_stub):
    pairs = [(f"+8559774{i:05d}", "Same text") for i in range(150)]
    pairs += [(f"+8559775{i:05d}", f"Notice {i}") for i in range(30)]
    queue_texts(pairs)
    assert len(runtime.current().queue) == 2  # 100 identical, then the other 50 with the 30 different texts
    drain()
    sent = at_stub.sms_sent()
    assert sorted(len(recipients) for _, recipients in sent) == [1] * 30 + [50, 100]
    assert OutboundMessage.select().where(OutboundMessage.status == "sent").count() == 180


def test_a_retried_message_starts_a_new_delivery_history(at_app, at_stub):
    at_stub.fail_next(1, status=401)
    [message] = queue_texts([("+85597700010", "Again")])
    drain()
    OutboundMessage.update(gateway_id="ATXid_old", delivery_status="Failed").where(OutboundMessage.id == message.id).execute()
    assert outbox.retry(message.id, "staff@example.org")
    row = OutboundMessage.get_by_id(message.id)
    assert row.gateway_id is None and row.delivery_status is None
